package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Gold is a gold annotation file.
type Gold struct {
	Articles    []string     `json:"articles"`
	Entities    []GoldEntity `json:"entities"`
	NotEntities []string     `json:"not_entities"`
	Roles       []GoldRole   `json:"roles"`
	Breaches    []GoldBreach `json:"breaches"`
	Quotes      []GoldQuote  `json:"quotes"`
}

// GoldEntity is a person or organisation that must be found.
type GoldEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases"`
}

// GoldRole is a title a person holds at an organisation.
type GoldRole struct {
	Person string `json:"person"`
	Title  string `json:"title"`
	Org    string `json:"org"`
}

// GoldBreach is a breach with the facts that must be found.
type GoldBreach struct {
	ID         string   `json:"id"`
	Victim     string   `json:"victim"`
	Exposed    []string `json:"exposed"`
	Affected   []int    `json:"affected"`
	ReportedTo []string `json:"reported_to"`
}

// GoldQuote is a quote that must be found and attributed.
type GoldQuote struct {
	Article  string   `json:"article"`
	Speaker  string   `json:"speaker"`
	Speakers []string `json:"speakers"`
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Breach   string   `json:"breach"`
}

// Quote, Entity, Role and Breach are the fields of the CLI's JSON rows the
// scoring reads.
type (
	// Quote is one row of "quotes --format json".
	Quote struct {
		Article        string   `json:"article"`
		Speaker        string   `json:"speaker"`
		SpeakerAliases []string `json:"speaker_aliases"`
		Text           string   `json:"text"`
		BreachVictim   string   `json:"breach_victim"`
	}
	// Entity is one row of "entities --format json".
	Entity struct {
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
		Roles   []Role   `json:"roles"`
	}
	// Role is one role of an Entity.
	Role struct {
		Title string `json:"title"`
		Org   string `json:"org"`
	}
	// Breach is one row of "breaches --format json".
	Breach struct {
		Victim     string            `json:"victim"`
		Exposed    []string          `json:"exposed"`
		Affected   []json.RawMessage `json:"affected"`
		ReportedTo []string          `json:"reported_to"`
	}
)

// Answers are the system's answers to score.
type Answers struct {
	Quotes   []Quote
	Entities []Entity
	Breaches []Breach
}

// ReadGold reads a gold file.
func ReadGold(path string) (Gold, error) {
	var g Gold
	b, err := os.ReadFile(path)
	if err != nil {
		return g, fmt.Errorf("read gold: %w", err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, fmt.Errorf("gold %s: %w", path, err)
	}
	return g, nil
}

// Convert fills out from the JSON form of in: it turns the CLI's row
// types into the answer types.
func Convert(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// Report is the outcome of scoring.
type Report struct {
	// Lines is the human-readable report, ending with the SCORE line.
	Lines []string
	// The headline figures.
	QuoteF1, QuoteRecall, QuotePrecision, WholeQuoteRecall, IndirectRecall float64
	About, EntityRecall, Roles, BreachFacts                                float64
	EntitySplits                                                           int
	// HasBreaches is true when the gold lists breaches (and BreachFacts
	// is meaningful).
	HasBreaches bool
}

// String returns the report, one line per line.
func (r Report) String() string { return strings.Join(r.Lines, "\n") + "\n" }

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}_' ]+`)

// Norm folds text the way the scorer compares it: NFKC, lower case, plain
// apostrophes, punctuation as spaces, spaces collapsed.
func Norm(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(s)
	s = nonWord.ReplaceAllString(s, " ")
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func toks(s string) []string { return strings.Fields(Norm(s)) }

// textMatch reports whether a system quote covers a gold quote: it holds
// at least 80% of the gold's words and is at most four times as long plus
// ten words.
func textMatch(gold, system string) bool {
	g, s := toks(gold), toks(system)
	if len(g) == 0 || len(s) == 0 {
		return false
	}
	short := len(s) <= 4*len(g)+10
	if strings.Contains(Norm(system), Norm(gold)) && short {
		return true
	}
	set := map[string]bool{}
	for _, w := range s {
		set[w] = true
	}
	covered := 0
	for _, w := range g {
		if set[w] {
			covered++
		}
	}
	return float64(covered)/float64(len(g)) >= 0.8 && short
}

// Score scores answers against gold.
func Score(gold Gold, ans Answers) Report {
	var out []string
	key2gold := map[string]string{}
	for _, e := range gold.Entities {
		keys := []string{Norm(e.Name)}
		for _, a := range e.Aliases {
			if a != "" {
				keys = append(keys, Norm(a))
			}
		}
		for _, k := range keys {
			if _, ok := key2gold[k]; !ok {
				key2gold[k] = e.Name
			}
		}
	}
	goldOf := func(name string) (string, bool) {
		g, ok := key2gold[Norm(name)]
		return g, ok
	}
	is := func(name, want string) bool {
		g, ok := goldOf(name)
		return ok && g == want
	}

	arts := map[string]bool{}
	for _, a := range gold.Articles {
		arts[a] = true
	}
	var sysq []Quote
	for _, q := range ans.Quotes {
		if arts[q.Article] {
			sysq = append(sysq, q)
		}
	}
	var gq []GoldQuote
	for _, q := range gold.Quotes {
		if q.Speaker != "" || len(q.Speakers) > 0 {
			gq = append(gq, q)
		}
	}

	// --- quotes ---
	speakerOK := func(g GoldQuote, s Quote) bool {
		golds := g.Speakers
		if len(golds) == 0 {
			golds = []string{g.Speaker}
		}
		for _, c := range append([]string{s.Speaker}, s.SpeakerAliases...) {
			if c == "" {
				continue
			}
			for _, gn := range golds {
				if is(c, gn) || Norm(c) == Norm(gn) {
					return true
				}
			}
		}
		return false
	}
	found := map[int]int{}
	textFound := map[int]bool{}
	sysOK := make([]bool, len(sysq))
	for gi, g := range gq {
		for si, s := range sysq {
			if s.Article != g.Article || !textMatch(g.Text, s.Text) {
				continue
			}
			textFound[gi] = true
			if speakerOK(g, s) {
				if _, ok := found[gi]; !ok {
					found[gi] = si
				}
				sysOK[si] = true
			}
		}
	}
	var quoted, indirect, full []int
	for i, g := range gq {
		if g.Kind != "indirect" {
			quoted = append(quoted, i)
		} else {
			indirect = append(indirect, i)
		}
		if g.Kind == "direct" {
			full = append(full, i)
		}
	}
	share := func(idx []int, in func(int) bool) float64 {
		n := 0
		for _, i := range idx {
			if in(i) {
				n++
			}
		}
		return float64(n) / float64(max(1, len(idx)))
	}
	isFound := func(i int) bool { _, ok := found[i]; return ok }
	rec := share(quoted, isFound)
	textRec := share(quoted, func(i int) bool { return textFound[i] })
	indRec := share(indirect, isFound)
	fullRec := share(full, isFound)
	nOK := 0
	for _, ok := range sysOK {
		if ok {
			nOK++
		}
	}
	prec := float64(nOK) / float64(max(1, len(sysq)))
	f1 := 0.0
	if prec+rec != 0 {
		f1 = 2 * prec * rec / (prec + rec)
	}
	bvictim := map[string]string{}
	for _, b := range gold.Breaches {
		bvictim[b.ID] = b.Victim
	}
	aboutHits, aboutN := 0, 0
	for gi, si := range found {
		gb := gq[gi].Breach
		if gb == "" {
			continue
		}
		aboutN++
		if v := sysq[si].BreachVictim; v != "" {
			if g, ok := goldOf(v); ok {
				if want, ok := bvictim[gb]; ok && g == want {
					aboutHits++
				}
			}
		}
	}
	about := float64(aboutHits) / float64(max(1, aboutN))
	out = append(out,
		fmt.Sprintf("quotes: %d given, %d quoted + %d indirect in gold", len(sysq), len(quoted), len(indirect)),
		fmt.Sprintf("  quoted: recall %.2f (text alone %.2f), precision %.2f, F1 %.2f", rec, textRec, prec, f1),
		fmt.Sprintf("  whole quotes (not fragments) recall %.2f", fullRec),
		fmt.Sprintf("  indirect recall %.2f; breach of the found quotes right %.2f (%d/%d)", indRec, about, aboutHits, aboutN))
	for _, i := range append(slices.Clone(quoted), indirect...) {
		if isFound(i) {
			continue
		}
		g := gq[i]
		why := "missed"
		if textFound[i] {
			why = "wrong speaker"
		}
		out = append(out, fmt.Sprintf("  - %s: [%s] %s: \"%s\"", why, prefix(g.Article, 3), g.Speaker, prefix(g.Text, 70)))
	}
	for si, s := range sysq {
		if !sysOK[si] {
			out = append(out, fmt.Sprintf("  + unmatched: [%s] %s: \"%s\"", prefix(s.Article, 3), s.Speaker, prefix(s.Text, 70)))
		}
	}

	// --- entities ---
	var pe []Entity
	for _, e := range ans.Entities {
		if e.Type == "person" || e.Type == "organization" {
			pe = append(pe, e)
		}
	}
	hits := map[string][]string{}
	var hitOrder []string
	for _, e := range pe {
		g := ""
		for _, k := range append([]string{e.Name}, e.Aliases...) {
			if g == "" {
				g, _ = goldOf(k)
			}
		}
		if g != "" {
			if _, ok := hits[g]; !ok {
				hitOrder = append(hitOrder, g)
			}
			hits[g] = append(hits[g], e.Name)
		}
	}
	var gpo []GoldEntity
	for _, e := range gold.Entities {
		if e.Type == "person" || e.Type == "organization" {
			gpo = append(gpo, e)
		}
	}
	nHit := 0
	for _, e := range gpo {
		if _, ok := hits[e.Name]; ok {
			nHit++
		}
	}
	erec := float64(nHit) / float64(max(1, len(gpo)))
	frag := 0
	for _, v := range hits {
		frag += len(v) - 1
	}
	notEnt := map[string]bool{}
	for _, n := range gold.NotEntities {
		notEnt[Norm(n)] = true
	}
	junk := []string{}
	for _, e := range pe {
		if notEnt[Norm(e.Name)] {
			junk = append(junk, e.Name)
		}
	}
	out = append(out, fmt.Sprintf("entities: %d people/organisations given; gold found %.2f; split duplicates %d; junk %d %s",
		len(pe), erec, frag, len(junk), pyList(junk)))
	for _, e := range gpo {
		if _, ok := hits[e.Name]; !ok {
			out = append(out, "  - missed: "+e.Name)
		}
	}
	for _, g := range hitOrder {
		if names := hits[g]; len(names) > 1 {
			out = append(out, fmt.Sprintf("  ~ split: %s <- %s", g, pyList(names)))
		}
	}

	// roles
	rhit := 0
	for _, r := range gold.Roles {
		ok := false
		for _, e := range pe {
			if !is(e.Name, r.Person) {
				continue
			}
			for _, ro := range e.Roles {
				have := map[string]bool{"former": true}
				for _, w := range toks(ro.Title) {
					have[w] = true
				}
				sub := true
				for _, w := range toks(r.Title) {
					sub = sub && have[w]
				}
				if sub && is(ro.Org, r.Org) {
					ok = true
				}
			}
		}
		if ok {
			rhit++
		} else {
			out = append(out, fmt.Sprintf("  - role missed: %s / %s / %s", r.Person, r.Title, r.Org))
		}
	}
	rrec := float64(rhit) / float64(max(1, len(gold.Roles)))
	out = append(out, fmt.Sprintf("roles: %d/%d", rhit, len(gold.Roles)))

	// --- breaches ---
	var bscore []float64
	for _, b := range gold.Breaches {
		best := 0.0
		for _, s := range ans.Breaches {
			if !is(s.Victim, b.Victim) {
				continue
			}
			var parts []bool
			var exs []string
			for _, x := range s.Exposed {
				exs = append(exs, Norm(x))
			}
			ex := strings.Join(exs, " ")
			exWords := map[string]bool{}
			for _, w := range strings.Fields(ex) {
				exWords[w] = true
			}
			for _, x := range b.Exposed {
				all := true
				for _, w := range toks(x) {
					all = all && (exWords[w] || strings.Contains(ex, strings.TrimRight(w, "s")))
				}
				parts = append(parts, all)
			}
			nums := map[int]bool{}
			for _, n := range s.Affected {
				if v, ok := pyInt(n); ok {
					nums[v] = true
				}
			}
			any := false
			for _, n := range b.Affected {
				any = any || nums[n]
			}
			parts = append(parts, any)
			rt := map[string]bool{}
			for _, x := range s.ReportedTo {
				if g, ok := goldOf(x); ok {
					rt[g] = true
				}
			}
			for _, x := range b.ReportedTo {
				parts = append(parts, rt[x])
			}
			n := 0
			for _, p := range parts {
				if p {
					n++
				}
			}
			best = max(best, float64(n)/float64(len(parts)))
		}
		bscore = append(bscore, best)
		out = append(out, fmt.Sprintf("  breach %s: %.2f", b.ID, best))
	}
	bs := 0.0
	if len(gold.Breaches) > 0 {
		sum := 0.0
		for _, x := range bscore {
			sum += x
		}
		bs = sum / float64(len(bscore))
		out = append(out, fmt.Sprintf("breaches: %d given; gold facts found %.2f", len(ans.Breaches), bs))
	}

	line := fmt.Sprintf("SCORE quote_f1=%.3f quote_recall=%.3f quote_precision=%.3f whole_quote_recall=%.3f indirect_recall=%.3f about=%.3f entity_recall=%.3f entity_splits=%d roles=%.3f",
		f1, rec, prec, fullRec, indRec, about, erec, frag, rrec)
	if len(gold.Breaches) > 0 {
		line += fmt.Sprintf(" breach_facts=%.3f", bs)
	}
	out = append(out, line)
	return Report{Lines: out, QuoteF1: f1, QuoteRecall: rec, QuotePrecision: prec, WholeQuoteRecall: fullRec,
		IndirectRecall: indRec, About: about, EntityRecall: erec, EntitySplits: frag, Roles: rrec, BreachFacts: bs,
		HasBreaches: len(gold.Breaches) > 0}
}

// prefix returns the first n characters of s.
func prefix(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// pyInt converts a JSON value the way Python's int() does for the
// scorer: integers, floats (truncated) and integer strings.
func pyInt(raw json.RawMessage) (int, bool) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, false
	}
	switch x := v.(type) {
	case float64:
		return int(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// pyList formats strings as Python prints a list of them.
func pyList(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = pyRepr(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// pyRepr formats a string as Python's repr does.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteString(`\` + string(q))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case !unicode.IsPrint(r) && r != ' ':
			switch {
			case r < 0x100:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r < 0x10000:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
