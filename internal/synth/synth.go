package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// Config says what corpus to generate. The cast (people, organisations,
// breaches) depends only on Seed and the pool sizes, so two Configs that
// differ only in First, Articles or IDPrefix write about the same world.
type Config struct {
	// Articles is the number of articles.
	Articles int
	// First is the number of the first article: articles First,
	// First+1, ... are generated, each the same whatever First is.
	First int
	// Seed picks the world and the articles.
	Seed uint64
	// People, Organizations and Breaches size the pools articles draw
	// from; zero derives them from First+Articles (one person per 10
	// articles, one organisation per 25, one breach per 20, with small
	// minimums).
	People, Organizations, Breaches int
	// IDPrefix starts every article id; "" means "synth".
	IDPrefix string
	// LongNames says how often an article calls a police force "PLACE
	// Police Service", with "PLACE Police" as an alias.
	LongNames Frequency
}

// Frequency says how often something is done.
type Frequency int

// The frequencies.
const (
	// Sometimes is one time in four.
	Sometimes Frequency = iota
	// Never is never.
	Never
	// Always is every time.
	Always
)

// roll draws one number from r whatever f is, so that f changes nothing
// else in what is generated.
func (f Frequency) roll(r *rand.Rand) bool {
	x := r.IntN(4)
	switch f {
	case Never:
		return false
	case Always:
		return true
	}
	return x == 0
}

// Doc is a generated article together with Truth: what a perfect
// extractor would find in it (entities with roles and mention spans,
// quotes with speakers and spans, the breach and its facts).
type Doc struct {
	Article corpus.Article
	Truth   extract.Result
}

// Generate returns cfg.Articles articles with ids IDPrefix-NNNNN, numbered
// from cfg.First: news reports of invented data breaches, each with a
// headline, a publisher, a date and a body of one to two kilobytes holding
// direct, partial and reported quotes by named people with titles at named
// organisations, and the breach's facts (victim, supplier, what was and was
// not exposed, how many were affected, who it was reported to).
//
// Police forces are sometimes (Config.LongNames) called "PLACE Police
// Service" with "PLACE Police" as an alias, so loading the corpus merges
// entities by name as well as by key.
func Generate(cfg Config) []Doc {
	w := newWorld(cfg)
	out := make([]Doc, cfg.Articles)
	for i := range out {
		out[i] = w.article(cfg.First + i)
	}
	return out
}

// Corpus returns the articles of Generate(cfg) without their truth.
func Corpus(cfg Config) []corpus.Article {
	docs := Generate(cfg)
	out := make([]corpus.Article, len(docs))
	for i, d := range docs {
		out[i] = d.Article
	}
	return out
}

// WriteFiles writes each article to dir as ID.txt: the headline on the
// first line, a blank line, then the body, the plain-text form newsgraph
// load reads. It creates dir when needed.
func WriteFiles(dir string, arts []corpus.Article) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for _, a := range arts {
		path := filepath.Join(dir, a.ID+".txt")
		if err := os.WriteFile(path, []byte(a.Title+"\n\n"+a.Body), 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return nil
}

// person is someone who speaks in the corpus.
type person struct {
	first, last string
	title       string
	org         int // index into world.orgs
}

func (p person) name() string { return p.first + " " + p.last }
func (p person) key() string  { return "person/" + slug(p.name()) }

// org is an organisation.
type org struct {
	name  string
	short string // how articles refer to it after the first mention
	kind  string // police, council, health, company, union, regulator, agency
}

func (o org) key() string { return "org/" + slug(o.name) }

// extractKind maps an org kind to the extract package's kinds.
func (o org) extractKind() string {
	switch o.kind {
	case "police":
		return extract.KindPoliceForce
	case "council":
		return extract.KindGovernment
	case "health":
		return extract.KindHealth
	case "company":
		return extract.KindSupplier
	case "union":
		return extract.KindStaffAssociation
	case "regulator":
		return extract.KindRegulator
	}
	return extract.KindAgency
}

// breach is an invented data breach.
type breach struct {
	victim, via int // indexes into world.orgs; via < 0 for none
	exposed     []string
	notExposed  string
	affected    int
	group       string // "officers", "staff", ...
	when        time.Time
	cause       string
	reportedTo  []int
}

// world is the fixed cast a corpus is written about.
type world struct {
	cfg      Config
	people   []person
	orgs     []org
	breaches []breach
	// speakers lists, per organisation, the people with a role there.
	speakers map[int][]int
	ico, nca int
}

func newWorld(cfg Config) *world {
	if cfg.IDPrefix == "" {
		cfg.IDPrefix = "synth"
	}
	total := cfg.First + cfg.Articles
	nPeople := cfg.People
	if nPeople <= 0 {
		nPeople = max(40, total/10)
	}
	nOrgs := cfg.Organizations
	if nOrgs <= 0 {
		nOrgs = max(20, total/25)
	}
	nBreaches := cfg.Breaches
	if nBreaches <= 0 {
		nBreaches = max(8, total/20)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	w := &world{cfg: cfg, speakers: map[int][]int{}}

	w.ico = w.addOrg(org{name: "Information Commissioner's Office", short: "the regulator", kind: "regulator"})
	w.nca = w.addOrg(org{name: "National Crime Agency", short: "the agency", kind: "agency"})
	used := map[string]bool{}
	// Guarantee victims and suppliers, then draw the rest.
	for _, o := range []org{
		{name: pick(r, places) + " Police", short: "the force", kind: "police"},
		{name: pick(r, companyWords) + " " + pick(r, companyNouns), short: "the company", kind: "company"},
	} {
		used[o.name] = true
		w.addOrg(o)
	}
	for tries := 0; len(w.orgs) < nOrgs; {
		o := w.newOrg(r, tries > 20)
		if used[o.name] {
			tries++
			continue
		}
		tries = 0
		used[o.name] = true
		w.addOrg(o)
	}
	names := map[string]bool{}
	for i := 0; len(w.people) < nPeople; i++ {
		p := person{first: pick(r, firstNames), last: pick(r, lastNames)}
		if names[p.name()] && i > 50*nPeople {
			p.last += "-" + pick(r, lastNames) // double-barrelled when the pool runs dry
		}
		if names[p.name()] {
			continue
		}
		names[p.name()] = true
		p.org = r.IntN(len(w.orgs))
		p.title = pick(r, titles[w.orgs[p.org].kind])
		w.speakers[p.org] = append(w.speakers[p.org], len(w.people))
		w.people = append(w.people, p)
	}
	var police, victims, suppliers []int
	for i, o := range w.orgs {
		switch o.kind {
		case "police":
			police = append(police, i)
		case "council", "health":
			victims = append(victims, i)
		case "company":
			suppliers = append(suppliers, i)
		}
	}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for range nBreaches {
		// Half the breaches are at police forces.
		vs := police
		if r.IntN(2) == 0 && len(victims) > 0 {
			vs = victims
		}
		b := breach{
			victim:     vs[r.IntN(len(vs))],
			via:        -1,
			affected:   (1 + r.IntN(480)) * 100,
			when:       start.AddDate(0, r.IntN(48), r.IntN(28)),
			cause:      pick(r, causes),
			reportedTo: []int{w.ico},
		}
		if r.IntN(3) > 0 {
			b.via = suppliers[r.IntN(len(suppliers))]
		}
		if r.IntN(3) == 0 {
			b.reportedTo = append(b.reportedTo, w.nca)
		}
		b.group = pick(r, groups[w.orgs[b.victim].kind])
		perm := r.Perm(len(exposable))
		for _, j := range perm[:1+r.IntN(3)] {
			b.exposed = append(b.exposed, exposable[j])
		}
		b.notExposed = exposable[perm[len(perm)-1]]
		w.breaches = append(w.breaches, b)
	}
	return w
}

func (w *world) addOrg(o org) int {
	w.orgs = append(w.orgs, o)
	return len(w.orgs) - 1
}

// newOrg makes up an organisation; joint ones ("Ashbury and Dunmere
// Police") widen the pool of names when the simple ones run out.
func (w *world) newOrg(r *rand.Rand, joint bool) org {
	place := pick(r, places)
	word := pick(r, companyWords)
	if joint {
		place += " and " + pick(r, places)
		word += " " + pick(r, companyWords)
	}
	switch r.IntN(6) {
	case 0, 1:
		return org{name: place + " Police", short: "the force", kind: "police"}
	case 2:
		return org{name: place + " City Council", short: "the council", kind: "council"}
	case 3:
		return org{name: place + " Health Trust", short: "the trust", kind: "health"}
	case 4:
		return org{name: word + " " + pick(r, companyNouns), short: "the company", kind: "company"}
	default:
		return org{name: place + " Police Federation", short: "the federation", kind: "union"}
	}
}

// article writes article i.
func (w *world) article(i int) Doc {
	r := rand.New(rand.NewPCG(w.cfg.Seed, uint64(i)+1))
	b := w.breaches[r.IntN(len(w.breaches))]
	id := fmt.Sprintf("%s-%05d", w.cfg.IDPrefix, i)
	t := &text{res: extract.Result{ArticleID: id}, ents: map[string]int{}}
	pub := b.when.AddDate(0, 0, 1+r.IntN(60)).Add(time.Duration(6+r.IntN(14)) * time.Hour)

	// ref adds organisation oi to the article and returns its key and
	// name: police forces go by their long names in some articles, with
	// the usual name as an alias.
	long := w.cfg.LongNames.roll(r)
	ref := func(oi int) (key, name string) {
		o := w.orgs[oi]
		e := extract.Entity{Key: o.key(), Name: o.name, Type: extract.Organization, Kind: o.extractKind()}
		if long && o.kind == "police" {
			e.Name += " Service"
			e.Key = "org/" + slug(e.Name)
			e.Aliases = []string{o.name}
		}
		t.entity(e)
		return e.Key, e.Name
	}
	victim := w.orgs[b.victim]
	vkey, vname := ref(b.victim)
	ev := extract.Event{
		Key: "breach/" + slug(victim.name) + "/" + b.when.Format("2006-01"), Type: "DataBreach",
		Name: victim.name + " " + b.cause, Victim: vkey, Exposed: b.exposed,
		NotExposed: []string{b.notExposed}, Affected: []int{b.affected}, Cause: b.cause,
		When: b.when.Format("2006-01"),
	}

	count := formatCount(b.affected)
	t.sentence(func() {
		t.mention(vkey, vname)
		t.indirect(vkey, ev.Key, " said ", fmt.Sprintf("the breach exposed %s of %s %s", list(b.exposed), count, b.group))
		t.s(".")
	})
	t.para()
	t.sentence(func() {
		if b.via >= 0 {
			sup := w.orgs[b.via]
			t.entity(extract.Entity{Key: sup.key(), Name: sup.name, Type: extract.Organization,
				Kind: extract.KindSupplier, Client: vkey})
			ev.Via = sup.key()
			t.s("The " + b.cause + " at ")
			t.mention(sup.key(), sup.name)
			t.s(", a supplier to " + victim.short + ", happened in " + b.when.Format("January 2006") + ".")
		} else {
			t.s("The " + b.cause + " happened in " + b.when.Format("January 2006") + ", " + victim.short + " said.")
		}
	})
	t.para()

	// Two to four speakers: staff of the victim, the supplier or the
	// bodies the breach was reported to, and anyone else in the news.
	cands := w.speakerPool(r, b)
	n := 2 + r.IntN(3)
	seen := map[int]bool{}
	for k := 0; k < n && k < 8*len(cands); k++ {
		pi := cands[r.IntN(len(cands))]
		if seen[pi] {
			continue
		}
		seen[pi] = true
		p := w.people[pi]
		okey, oname := ref(p.org)
		pe := extract.Entity{Key: p.key(), Name: p.name(), Type: extract.Person,
			Roles: []extract.Role{{Title: p.title, Org: okey}}}
		who := func() { // "Jane Doe, chief executive of Acme Systems"
			t.mention(pe.Key, p.name())
			t.s(", " + p.title + " of ")
			t.mention(okey, oname)
		}
		switch r.IntN(5) {
		case 0:
			t.sentence(func() {
				t.direct(pe.Key, ev.Key, quoteText(r, victim), ",")
				t.s(" said ")
				who()
				t.s(".")
			})
		case 1:
			t.sentence(func() {
				who()
				t.s(", said: ")
				t.direct(pe.Key, ev.Key, quoteText(r, victim), ".")
			})
		case 2:
			t.sentence(func() {
				t.direct(pe.Key, ev.Key, quoteText(r, victim), ",")
				t.s(" said ")
				who()
				t.s(".")
			})
			t.s(" ")
			t.sentence(func() {
				t.direct(pe.Key, ev.Key, quoteText(r, victim), ".")
				t.s(" ")
				t.mention(pe.Key, p.last)
				t.s(" added.")
			})
			pe.Aliases = []string{p.last}
		case 3:
			to := w.orgs[b.reportedTo[0]]
			t.entity(extract.Entity{Key: to.key(), Name: to.name, Type: extract.Organization, Kind: to.extractKind()})
			t.sentence(func() {
				who()
				t.indirect(pe.Key, ev.Key, ", said ", victim.short+" had reported the breach to the "+to.name)
				t.s(".")
			})
		default:
			t.sentence(func() {
				who()
				t.s(", said the " + b.cause + " was ")
				t.direct(pe.Key, ev.Key, pick(r, partials), "")
				t.s(".")
			})
			t.res.Quotes[len(t.res.Quotes)-1].Kind = extract.Partial
		}
		t.entity(pe)
		t.para()
	}
	t.sentence(func() {
		t.indirect(vkey, ev.Key, capitalise(victim.short)+" said ", b.notExposed+" were not exposed")
		t.s(".")
	})
	t.para()
	t.sentence(func() {
		t.s("The breach has been reported to ")
		for j, oi := range b.reportedTo {
			to := w.orgs[oi]
			if j > 0 {
				t.s(" and ")
			}
			t.entity(extract.Entity{Key: to.key(), Name: to.name, Type: extract.Organization, Kind: to.extractKind()})
			ev.ReportedTo = append(ev.ReportedTo, to.key())
			t.s("the ")
			t.mention(to.key(), to.name)
		}
		t.s(".")
	})
	t.para()
	for range 1 + r.IntN(3) {
		t.s(pick(r, filler))
		t.para()
	}
	// How it happened, how sure the articles are, and when it was found
	// and made public: the same in every article about the breach.
	ev.Kind = breachKind(b)
	ev.Status = extract.StatusConfirmed
	ev.Discovered = b.when.AddDate(0, 0, 2).Format("2006-01-02")
	ev.Disclosed = b.when.AddDate(0, 0, 9).Format("2006-01-02")
	t.res.Events = []extract.Event{ev}
	body := strings.TrimRight(t.b.String(), "\n") + "\n"
	t.attribute(body)

	return Doc{
		Article: corpus.Article{
			ID:        id,
			URL:       fmt.Sprintf("https://news.example/%s/%s", pub.Format("2006/01/02"), id),
			Title:     fmt.Sprintf("%s breach: %s %s affected", victim.name, count, b.group),
			Publisher: pick(r, outlets),
			Published: pub,
			Body:      body,
			Path:      id + ".txt",
		},
		Truth: t.res,
	}
}

// breachKind is the kind of breach b: through its supplier, or as its
// cause says.
func breachKind(b breach) extract.BreachKind {
	switch {
	case b.via >= 0:
		return extract.KindSupplierBreach
	case strings.Contains(b.cause, "ransomware"):
		return extract.KindRansomware
	case strings.Contains(b.cause, "leak"):
		return extract.KindMistakenDisclosure
	}
	return extract.KindHack
}

// attribute sets each quote's cue (the verb of its sentence), speaker
// mention (the speaker's mention in its sentence) and a confidence
// spread over 0.35 to 0.99 by the quote's position (no random draw, so
// the text is the same as without them).
func (t *text) attribute(body string) {
	for i := range t.res.Quotes {
		q := &t.res.Quotes[i]
		sent := q.Sentence
		if sent.End > len(body) || sent.Start >= sent.End {
			sent = q.Span
		}
		q.Cue = "said"
		if strings.Contains(body[q.Span.End:sent.End], " added") {
			q.Cue = "added"
		}
		if ei, ok := t.ents[q.Speaker]; ok {
			for _, m := range t.res.Entities[ei].Mentions {
				if m.Start >= sent.Start && m.End <= sent.End && (m.End <= q.Span.Start || m.Start >= q.Span.End) {
					q.SpeakerMention = &extract.Mention{Text: body[m.Start:m.End], Span: m}
					break
				}
			}
		}
		q.Confidence = float64(35+(i*37+q.Span.Start)%65) / 100
	}
}

// speakerPool lists the people who may speak about b: staff of the
// organisations involved, and a few others.
func (w *world) speakerPool(r *rand.Rand, b breach) []int {
	var out []int
	for _, oi := range append([]int{b.victim, b.via}, b.reportedTo...) {
		if oi >= 0 {
			out = append(out, w.speakers[oi]...)
		}
	}
	for range 3 {
		out = append(out, r.IntN(len(w.people)))
	}
	return out
}

// text writes an article body, keeping the spans of what it writes in
// the truth result.
type text struct {
	b    strings.Builder
	res  extract.Result
	ents map[string]int // entity key -> index in res.Entities
	sent int            // start of the current sentence
	open []int          // quotes of the current sentence
}

func (t *text) s(str string) { t.b.WriteString(str) }

func (t *text) para() { t.b.WriteString("\n\n") }

// sentence writes one sentence with f and sets the sentence span of the
// quotes f wrote.
func (t *text) sentence(f func()) {
	t.sent, t.open = t.b.Len(), nil
	f()
	for _, qi := range t.open {
		t.res.Quotes[qi].Sentence = extract.Span{Start: t.sent, End: t.b.Len()}
	}
}

// entity adds e to the result, or merges its aliases and roles into the
// entity with its key.
func (t *text) entity(e extract.Entity) {
	i, ok := t.ents[e.Key]
	if !ok {
		t.ents[e.Key] = len(t.res.Entities)
		t.res.Entities = append(t.res.Entities, e)
		return
	}
	m := &t.res.Entities[i]
	if m.Name == "" { // mentioned before it was described
		m.Name, m.Type, m.Kind, m.Client = e.Name, e.Type, e.Kind, e.Client
	}
	for _, a := range e.Aliases {
		if !contains(m.Aliases, a) && a != m.Name {
			m.Aliases = append(m.Aliases, a)
		}
	}
	for _, ro := range e.Roles {
		if !contains(m.Roles, ro) {
			m.Roles = append(m.Roles, ro)
		}
	}
}

// mention writes name, a mention of the entity with the key.
func (t *text) mention(key, name string) {
	start := t.b.Len()
	t.s(name)
	if i, ok := t.ents[key]; ok {
		t.res.Entities[i].Mentions = append(t.res.Entities[i].Mentions, extract.Span{Start: start, End: t.b.Len()})
	} else {
		// The entity is added after its first mention is written.
		t.ents[key] = len(t.res.Entities)
		t.res.Entities = append(t.res.Entities, extract.Entity{Key: key, Mentions: []extract.Span{{Start: start, End: t.b.Len()}}})
	}
}

// direct writes words in quote marks, with punct inside the closing mark.
func (t *text) direct(speaker, event, words, punct string) {
	t.s(`"`)
	start := t.b.Len()
	t.s(words)
	t.quote(extract.Quote{Text: words, Kind: extract.Direct, Speaker: speaker, Event: event,
		Span: extract.Span{Start: start, End: t.b.Len()}})
	t.s(punct + `"`)
}

// indirect writes lead, then reported speech.
func (t *text) indirect(speaker, event, lead, words string) {
	t.s(lead)
	start := t.b.Len()
	t.s(words)
	t.quote(extract.Quote{Text: words, Kind: extract.Indirect, Speaker: speaker, Event: event,
		Span: extract.Span{Start: start, End: t.b.Len()}})
}

func (t *text) quote(q extract.Quote) {
	t.open = append(t.open, len(t.res.Quotes))
	t.res.Quotes = append(t.res.Quotes, q)
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func quoteText(r *rand.Rand, victim org) string {
	s := pick(r, quoteStarts) + " " + pick(r, quoteEnds)
	return strings.ReplaceAll(s, "ORG", victim.short)
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// list joins items as English does: "a, b and c".
func list(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// formatCount writes n with thousands separators: 12,300.
func formatCount(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slug turns a name into a key part: lower case words joined by hyphens,
// apostrophes dropped ("Information Commissioner's Office" ->
// "information-commissioners-office").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'':
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
