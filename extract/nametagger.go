package extract

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// The name tagger: a BIO tagger over each sentence's tokens, a
// structured averaged perceptron with first-order transitions, trained
// on the CoreNLP silver entities of PolNeAR train (go run ./cmd/train
// names). Its spans and types propose and type the names the rules of
// entities.go record.

//go:embed names.bin
var namesWeights []byte

// NameLabels are the tagger's labels, in the order of its model's.
var NameLabels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

// nameLabelTypes gives each label's entity type ("" for O).
var nameLabelTypes = []EntityType{"", Person, Person, Organization, Organization, Place, Place}

// loadNames reads the embedded name tagger.
func loadNames() (*learn.Model, error) {
	if len(namesWeights) == 0 {
		return nil, nil // not trained yet: the rules alone find names
	}
	m, err := learn.Load(namesWeights)
	if err != nil {
		return nil, fmt.Errorf("load name tagger: %w", err)
	}
	if len(m.Labels()) != len(NameLabels) {
		return nil, fmt.Errorf("load name tagger: %d labels, want %d", len(m.Labels()), len(NameLabels))
	}
	return m, nil
}

// NameSentence is one sentence as the name tagger sees it: its tokens
// and each token's features (without the previous label's).
type NameSentence struct {
	Tokens   []Span
	Features [][]learn.Feature
}

// NameSentences returns the article's sentences with the tagger's
// features, for training it.
func (x *Extractor) NameSentences(ctx context.Context, a corpus.Article) ([]NameSentence, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := x.model.Err(); err != nil {
		return nil, err
	}
	d := newDoc(sameLengthUTF8(a.Body), x.orgs)
	if err := x.tagNames(d); err != nil {
		return nil, err
	}
	var out []NameSentence
	var buf []learn.Feature
	for _, r := range d.sentTokens() {
		ns := NameSentence{}
		for i := r[0]; i < r[1]; i++ {
			ns.Tokens = append(ns.Tokens, d.toks[i].Span)
			buf = d.nameFeatures(i, r[0], r[1], buf[:0])
			ns.Features = append(ns.Features, append([]learn.Feature(nil), buf...))
		}
		out = append(out, ns)
	}
	return out, nil
}

// Scorer scores features for each label: a *learn.Model, or a
// *learn.Trainer while it trains.
type Scorer interface {
	Scores(feats []learn.Feature, out []float32) []float32
}

// transFeature is the feature of the previous token's label (len(NameLabels):
// the sentence's start).
func transFeature(prev int) learn.Feature { return learn.F("t=").Int(prev) }

// allowed reports whether label y may follow label p: an I- label only
// continues its own type.
func allowed(p, y int) bool {
	if y == 0 || y%2 == 1 {
		return true
	}
	return p == y || p == y-1
}

// TagNames returns the best labels of a sentence's tokens under s: the
// Viterbi path of the tokens' scores and the label transitions' (feats
// holds each token's features).
func TagNames(s Scorer, feats [][]learn.Feature) []int {
	n := len(feats)
	if n == 0 {
		return nil
	}
	L := len(NameLabels)
	trans := make([][]float32, L+1)
	for p := range trans {
		trans[p] = s.Scores([]learn.Feature{transFeature(p)}, nil)
	}
	score := make([]float32, L)
	next := make([]float32, L)
	back := make([]int8, n*L)
	var em []float32
	for i, f := range feats {
		em = s.Scores(f, em)
		for y := 0; y < L; y++ {
			if i == 0 {
				if allowed(L, y) {
					next[y] = em[y] + trans[L][y]
				} else {
					next[y] = -1e30
				}
				continue
			}
			best, bp := float32(-1e30), 0
			for p := 0; p < L; p++ {
				if !allowed(p, y) {
					continue
				}
				if v := score[p] + trans[p][y]; v > best {
					best, bp = v, p
				}
			}
			next[y] = best + em[y]
			back[i*L+y] = int8(bp)
		}
		score, next = next, score
	}
	out := make([]int, n)
	b := 0
	for y := 1; y < L; y++ {
		if score[y] > score[b] {
			b = y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = b
		b = int(back[i*L+b])
	}
	return out
}

// sentTokens returns each sentence's token range [from, to).
func (d *doc) sentTokens() [][2]int {
	var out [][2]int
	for i := 0; i < len(d.toks); {
		j := i + 1
		for j < len(d.toks) && d.toks[j].sent == d.toks[i].sent {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// wordShape writes a word's letters as X and x, digits as d, others as
// themselves, runs of one class once: "Xx", "X.X.", "dd" is "d", "XxXx".
func wordShape(s string) string {
	var b strings.Builder
	var last rune
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		b.WriteRune(c)
		if n++; n > 6 {
			break
		}
	}
	return b.String()
}

// affix returns the first (from the start) or last n runes of s, or "".
func affix(s string, n int, start bool) string {
	if utf8.RuneCountInString(s) <= n {
		return ""
	}
	if start {
		i := 0
		for k := 0; k < n; k++ {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
		return s[:i]
	}
	i := len(s)
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return s[i:]
}

// nameFeatures returns in buf the features of token i of the sentence
// of tokens [from, to).
func (d *doc) nameFeatures(i, from, to int, buf []learn.Feature) []learn.Feature {
	t := d.toks[i]
	low := func(k int) string {
		switch {
		case k < from:
			return "<s>"
		case k >= to:
			return "</s>"
		}
		return d.toks[k].low
	}
	shape := func(k int) string {
		if k < from || k >= to {
			return "-"
		}
		return wordShape(d.toks[k].text)
	}
	pos := func(k int) string {
		if k < from || k >= to || d.posTags == nil {
			return "-"
		}
		return d.posTags[k]
	}
	sh := wordShape(t.text)
	buf = append(buf, learn.F("b"), learn.F("w=").Str(t.low), learn.F("sh=").Str(sh),
		learn.F("w-1=").Str(low(i-1)), learn.F("w+1=").Str(low(i+1)),
		learn.F("w-2=").Str(low(i-2)), learn.F("w+2=").Str(low(i+2)),
		learn.F("sh-1=").Str(shape(i-1)), learn.F("sh+1=").Str(shape(i+1)),
		learn.F("sh-1+1=").Str(shape(i-1)).Str(sh).Str(shape(i+1)),
		learn.F("w-1w=").Str(low(i-1)).Str(t.low), learn.F("ww+1=").Str(t.low).Str(low(i+1)),
		learn.F("pos=").Str(pos(i)), learn.F("pos-1=").Str(pos(i-1)), learn.F("pos+1=").Str(pos(i+1)),
		learn.F("posw=").Str(pos(i)).Str(sh))
	for n := 1; n <= 4; n++ {
		if p := affix(t.low, n, true); p != "" && n <= 3 {
			buf = append(buf, learn.F("p=").Str(p))
		}
		if s := affix(t.low, n, false); s != "" {
			buf = append(buf, learn.F("s=").Str(s))
		}
	}
	if d.proseLabels != nil {
		buf = append(buf, learn.F("pl=").Str(d.proseLabels[i]), learn.F("pl-1=").Str(labelAt(d.proseLabels, i-1, from, to)),
			learn.F("pl+1=").Str(labelAt(d.proseLabels, i+1, from, to)))
	}
	first := i == from || !d.toks[i-1].word && strings.ContainsAny(d.toks[i-1].text, "\"“‘'(")
	if first {
		buf = append(buf, learn.F("first").Str(sh))
	}
	if d.isHeading(d.sentPara[t.sent]) {
		buf = append(buf, learn.F("heading").Str(sh))
	}
	if t.cap {
		if d.lowerWords[t.low] {
			buf = append(buf, learn.F("lowelse"))
		}
		if d.capWords[t.text] > 1 {
			buf = append(buf, learn.F("capelse"))
		}
	}
	gaz := func(name string, k int) {
		if k < from || k >= to {
			return
		}
		u := d.toks[k]
		if givenNames[u.low] && u.cap {
			buf = append(buf, learn.F(name+"given"))
		}
		if titleWords[u.low] || honorifics[u.low] {
			buf = append(buf, learn.F(name+"title"))
		}
		if _, ok := orgHeads[u.low]; ok && u.cap {
			buf = append(buf, learn.F(name+"orghead"))
		}
		if places[u.text] {
			buf = append(buf, learn.F(name+"place"))
		}
		if _, ok := d.orgs.byName[normName(u.text)]; ok && u.cap {
			buf = append(buf, learn.F(name+"org"))
		}
	}
	gaz("g0", i)
	gaz("g-1", i-1)
	gaz("g+1", i+1)
	if d.inQuote(t.Start) {
		buf = append(buf, learn.F("inquote"))
	}
	return buf
}

// labelAt is ls[k] for k in the sentence [from, to), else "-".
func labelAt(ls []string, k, from, to int) string {
	if k < from || k >= to {
		return "-"
	}
	return ls[k]
}

// nameSpan is a name the tagger found: tokens [a, b) and its type.
type nameSpan struct {
	a, b int
	typ  EntityType
	em   []float32 // the tagger's score of each label at the first token
}

// tagNameSpans runs the name tagger m over the document's sentences.
func (d *doc) tagNameSpans(m *learn.Model) {
	var feats [][]learn.Feature
	var pool []learn.Feature
	for _, r := range d.sentTokens() {
		feats = feats[:0]
		pool = pool[:0]
		idx := make([]int, 0, r[1]-r[0]+1)
		for i := r[0]; i < r[1]; i++ {
			idx = append(idx, len(pool))
			pool = d.nameFeatures(i, r[0], r[1], pool)
		}
		idx = append(idx, len(pool))
		for k := 0; k+1 < len(idx); k++ {
			feats = append(feats, pool[idx[k]:idx[k+1]])
		}
		ys := TagNames(m, feats)
		for k := 0; k < len(ys); {
			y := ys[k]
			if y == 0 {
				k++
				continue
			}
			e := k + 1
			for e < len(ys) && ys[e] != 0 && ys[e]%2 == 0 && nameLabelTypes[ys[e]] == nameLabelTypes[y] {
				e++
			}
			d.tagged = append(d.tagged, nameSpan{r[0] + k, r[0] + e, nameLabelTypes[y], m.Scores(feats[k], nil)})
			k = e
		}
	}
}

// addTaggedNames lets the tagger's names correct the rules' outside
// headings (a headline is not an entity): names the rules typed on weak
// evidence first take the tagger's type (retypeWeak); then a name the tagger found where
// the rules found none is recorded; one that holds the rules' names of
// its type widens them into one mention of the first of them ("The
// Washington Post", "Milwaukee Journal Sentinel"); a person's name inside
// a longer person the rules read drops the descriptor before it
// ("Republican Donald Trump"); a surname alone is the person of that
// surname the article named. Where the types disagree otherwise the rules
// win.
func (d *doc) addTaggedNames() {
	d.retypeWeak()
	for _, n := range d.tagged {
		if d.isHeading(d.sentPara[d.toks[n.a].sent]) || !d.toks[n.a].cap {
			continue
		}
		for n.typ == Person && n.b-n.a > 1 && (honorifics[d.toks[n.a].low] || titleWords[d.toks[n.a].low] || d.toks[n.a].low == "." || stopCaps[d.toks[n.a].low]) {
			n.a++
		}
		if !d.toks[n.a].cap || stopCaps[d.toks[n.a].low] && n.b-n.a == 1 {
			continue
		}
		sp := d.spanOf(n.a, n.b)
		var over []int
		bad, inside := false, true
		keepEnt := -1
		for i, m := range d.ments {
			if m.Start >= sp.End || sp.Start >= m.End {
				continue
			}
			if m.how != byName || m.ent < 0 || m.Span == sp && d.ents[m.ent].typ == n.typ {
				bad = true
				break
			}
			if sp.Start > m.Start || m.End > sp.End {
				inside = false
			}
			if keepEnt < 0 && d.ents[m.ent].typ == n.typ {
				keepEnt = m.ent
			}
			over = append(over, i)
		}
		if bad {
			continue
		}
		name := d.body[sp.Start:sp.End]
		e := -1
		switch {
		case len(over) == 0:
			e = d.taggedEntity(name, n)
			if e < 0 {
				continue
			}
		case inside && keepEnt >= 0 && (len(over) == 1 || !d.joinsNames(n.a, n.b)):
			e = keepEnt
			if name != d.ents[e].name {
				d.ents[e].aliases[name] = true
			}
		case len(over) == 1 && n.b-n.a == 1 && n.typ == Person && d.personBySurname(name) >= 0 && !d.knownOrg(d.ments[over[0]].ent):
			// "Warren" read as a company while "Elizabeth Warren" is named
			e = d.personBySurname(name)
			d.ents[e].aliases[name] = true
		case len(over) == 1 && n.typ != Organization && d.ents[d.ments[over[0]].ent].typ == n.typ &&
			d.ments[over[0]].Start < sp.Start && d.ments[over[0]].End == sp.End:
			if e = d.taggedEntity(name, n); e < 0 {
				continue
			}
		default:
			continue
		}
		old := -1
		keep := d.ments[:0]
		k := 0
		for i, m := range d.ments {
			if k < len(over) && over[k] == i {
				k++
				en := d.ents[m.ent]
				for j, s := range en.spans {
					if s == m.Span {
						en.spans = append(en.spans[:j], en.spans[j+1:]...)
						break
					}
				}
				if en.typ == n.typ && m.ent != e {
					old = m.ent
				}
				continue
			}
			keep = append(keep, m)
		}
		d.ments = keep
		if len(over) > 0 {
			d.taken.dropOverlapping(sp)
		}
		// the entity the rules made and the tagger replaced hands on its roles
		if old >= 0 && len(d.ents[old].spans) == 0 {
			d.ents[e].roles = append(d.ents[e].roles, d.ents[old].roles...)
			d.ents[old].roles = nil
		}
		d.mention(sp, e, byName, "")
	}
	d.dropUntagged()
}

// dropUntagged drops the rules' party names outside headings that the
// tagger read as no name at all: "Republicans" are the party's members,
// not the party.
func (d *doc) dropUntagged() {
	var tagged takenSpans
	for _, n := range d.tagged {
		tagged.mark(d.spanOf(n.a, n.b))
	}
	keep := d.ments[:0]
	dropped := false
	for _, m := range d.ments {
		if m.how == byName && m.ent >= 0 && d.memberWord(m) && !tagged.overlaps(m.Span) && !d.isHeading(d.sentPara[d.sentenceOf(m.Start)]) {
			e := d.ents[m.ent]
			for j, s := range e.spans {
				if s == m.Span {
					e.spans = append(e.spans[:j], e.spans[j+1:]...)
					break
				}
			}
			dropped = true
			continue
		}
		keep = append(keep, m)
	}
	d.ments = keep
	if dropped {
		d.taken = takenSpans{}
		for _, m := range d.ments {
			d.taken.add(m.Span)
		}
	}
}

// personBySurname returns the person the article named whose name ends
// with surname, or -1.
func (d *doc) personBySurname(surname string) int {
	for k, en := range d.ents {
		if en.typ == Person && len(en.spans) > 0 && strings.HasSuffix(en.name, " "+surname) {
			return k
		}
	}
	return -1
}

// joinsNames reports whether tokens [a, b) hold a word that joins names
// in a list ("Pellworth Insurance and Drummond Bank").
func (d *doc) joinsNames(a, b int) bool {
	for k := a; k < b; k++ {
		if l := d.toks[k].low; l == "and" || l == "&" || l == "," || l == "or" {
			return true
		}
	}
	return false
}

// memberWord reports whether m names a political party by a word for its
// members or an abbreviation ("Republicans", "Tories", "GOP"), not its name.
func (d *doc) memberWord(m mention) bool {
	e := d.ents[m.ent]
	if e.typ != Organization || e.kind != KindPolitical {
		return false
	}
	text := d.body[m.Start:m.End]
	return text != e.name && (strings.HasSuffix(text, "s") || isAllCaps(text))
}

// knownOrg reports whether entity e is an organisation of the gazetteer
// or a police force, whose names the rules know better than the tagger;
// a political party's name also names its members ("Republicans"), and
// there the tagger decides.
func (d *doc) knownOrg(e int) bool {
	en := d.ents[e]
	if en.typ != Organization || en.kind == KindPolitical {
		return false
	}
	if en.kind == KindPoliceForce {
		return true
	}
	_, ok := d.orgs.byName[normName(en.name)]
	return ok
}

// taggedEntity finds or makes the entity a name the tagger found names.
func (d *doc) taggedEntity(name string, n nameSpan) int {
	switch n.typ {
	case Organization:
		if e, ok := d.orgAlias[normName(name)]; ok {
			return e
		}
		if _, ok := d.orgs.byName[normName(name)]; ok && !d.gazetteerOK(name, n.a) {
			return -1 // "MPs" is not the MPS
		}
		// "Freedom of Information" is a law's name unless a head word
		// makes it a body ("Board of Education")
		if _, ok := d.orgs.byName[normName(name)]; !ok && strings.Contains(name, " of ") && !runHasHead(d.toks[n.a:n.b]) {
			return -1
		}
		kind := ""
		if k, ok := orgHeads[d.toks[n.b-1].low]; ok && !notOrgHeads[d.toks[n.b-1].low] {
			kind = serviceKind(name, k)
		}
		return d.addEntity(name, Organization, kind, d.spanOf(n.a, n.b))
	case Person:
		for k, en := range d.ents {
			if en.typ == Person && (en.name == name || en.aliases[name]) {
				return k
			}
		}
		if n.b-n.a == 1 {
			if k := d.personBySurname(name); k >= 0 {
				d.ents[k].aliases[name] = true
				return k
			}
		}
	}
	if n.typ == Person && n.b-n.a < 2 && (n.a == 0 || givenNames[d.toks[n.a].low] && !(n.b < len(d.toks) && speechVerbs[d.toks[n.b].low]) || d.toks[n.a-1].sent != d.toks[n.a].sent || d.inQuote(d.toks[n.a].Start) ||
		n.b < len(d.toks) && (personDescriptors[d.toks[n.b].low] || titleWords[d.toks[n.b].low])) {
		// a lone word of no one named in full, a given name, opening a
		// sentence, quoted or before a descriptor ("Eastwick resident") is too often not a person
		return -1
	}
	return d.addEntity(name, n.typ, "", d.spanOf(n.a, n.b))
}

// sureMargin is how much higher, on average, the tagger must score
// another type than an organisation at a name's first word to overrule
// the kind the rules gave it ("Obama said" is not a company's statement).
// A lone word that may be a surname or a brand needs a far surer tagger
// than a place's name.
var sureMargin = map[EntityType]float32{Person: 75, Place: 25}

// retypeWeak lets the tagger retype the names the rules typed on weak
// evidence: an entity whose own names the tagger reads, more often than
// not, as names of another type, and whose type no honorific, title,
// given name, organisation head or gazetteer entry vouches for, is that
// other type ("New Hampshire" is a place, not a person). Its mentions
// move to an entity of the new type; a surname standing alone for a
// person that proves not to be one goes.
func (d *doc) retypeWeak() {
	types := []EntityType{Person, Organization, Place}
	ti := func(t EntityType) int {
		for i, u := range types {
			if u == t {
				return i
			}
		}
		return -1
	}
	exact := map[Span]int{}
	count := map[int]int{}
	for i, m := range d.ments {
		if m.how == byName && m.ent >= 0 {
			exact[m.Span] = i
			count[m.ent]++
		}
	}
	votes := map[int]*[3]int{}
	margin := map[int]float32{}
	for _, n := range d.tagged {
		if d.isHeading(d.sentPara[d.toks[n.a].sent]) {
			continue
		}
		i, ok := exact[d.spanOf(n.a, n.b)]
		if !ok {
			continue
		}
		e := d.ments[i].ent
		if votes[e] == nil {
			votes[e] = &[3]int{}
		}
		if k := ti(n.typ); k >= 0 {
			votes[e][k]++
			if o := ti(d.ents[e].typ); o >= 0 && k != o {
				margin[e] += n.em[2*k+1] - n.em[2*o+1]
			}
		}
	}
	order := make([]int, 0, len(votes))
	for e := range votes {
		order = append(order, e)
	}
	sort.Ints(order) // in the rules' order, whatever the map's
	for _, e := range order {
		v := votes[e]
		en := d.ents[e]
		own := ti(en.typ)
		if own < 0 {
			continue
		}
		best := -1
		for k := range v {
			if k != own && v[k] > v[own] && 2*v[k] >= count[e] && (best < 0 || v[k] > v[best]) {
				best = k
			}
		}
		if best < 0 || !d.weakType(e) {
			continue
		}
		to := types[best]
		if en.typ == Organization && (en.kind != "" || to == Person) && margin[e] < sureMargin[to]*float32(v[best]) {
			// the rules' evidence of a kind ("the firm Capita", "Capita
			// said"), or an organisation the tagger would make a person,
			// yields only to a sure tagger
			continue
		}
		ne := -1
		keep := d.ments[:0]
		for _, m := range d.ments {
			if m.ent != e || m.how != byName {
				keep = append(keep, m)
				continue
			}
			for j, s := range en.spans {
				if s == m.Span {
					en.spans = append(en.spans[:j], en.spans[j+1:]...)
					break
				}
			}
			text := d.body[m.Start:m.End]
			if en.typ == Person && text != en.name && strings.HasSuffix(en.name, " "+text) {
				continue // "Hampshire" was the surname of "New Hampshire"
			}
			k := -1
			if to == Person {
				if k = d.personBySurname(text); k >= 0 {
					d.ents[k].aliases[text] = true
				}
			}
			if k < 0 {
				k = d.addEntity(text, to, "", m.Span)
			}
			if ne < 0 {
				ne = k
			}
			m.ent = k
			keep = append(keep, m)
			d.ents[k].spans = append(d.ents[k].spans, m.Span)
		}
		d.ments = keep
		if ne >= 0 && len(en.spans) == 0 {
			d.ents[ne].roles = append(d.ents[ne].roles, en.roles...)
			en.roles = nil
		}
	}
}

// weakType reports whether the rules typed entity e on weak evidence: a
// person with no title, role or given name, an organisation (not a
// party or police force) the gazetteer does not know and no head word or
// legal form ends, a place the gazetteer does not list.
func (d *doc) weakType(e int) bool {
	en := d.ents[e]
	words := strings.Fields(en.name)
	if len(words) == 0 {
		return false
	}
	last := lowerKeep(strings.Trim(words[len(words)-1], "."))
	switch en.typ {
	case Person:
		if len(en.roles) > 0 || givenNames[lowerKeep(words[0])] || honorifics[lowerKeep(words[0])] {
			return false
		}
		for _, m := range d.ments {
			if m.ent == e && m.title != "" {
				return false
			}
		}
		return true
	case Organization:
		if en.kind == KindPolitical || en.kind == KindPoliceForce || companySuffix[last] {
			return false
		}
		if _, ok := orgHeads[last]; ok {
			return false
		}
		_, known := d.orgs.byName[normName(en.name)]
		return !known
	case Place:
		return !places[en.name]
	}
	return false
}
