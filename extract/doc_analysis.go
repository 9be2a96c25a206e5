package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/learn"
	"github.com/newsgraph/newsgraph/internal/relit"
)

// doc holds the analysis of one article body.
type doc struct {
	body             string
	paras            []paragraph
	sents            []Span
	sentPara         []int
	toks             []token
	quotes           []quoteSpan
	ents             []*ent
	byKey            map[string]int
	ments            []mention
	taken            takenSpans
	orgs             *orgIndex
	proseNames       map[string]bool
	posTags          []string // each token's part of speech (prose's tagger), "" where prose split otherwise
	proseLabels      []string // each token's entity label from prose ("B-PERSON", "O")
	lowerWords       map[string]bool
	capWords         map[string]int // capitalised words not opening a sentence, counted
	tagged           []nameSpan     // the names the name tagger found
	gpe              map[string]bool
	speakers         []spoke
	orgAlias         map[string]int // normalised name or alias -> organisation entity
	breach           *learn.Model   // the breach sentence classifier, nil for none
	breachP          [][2]float64   // each sentence's P(actual breach), P(ransom); -1 until asked
	breachRansom     int            // the ransom label's index in breach, 0 for none
	breachArticle    *learn.Model   // the article breach model, nil for none
	breachArticleYes int8           // articleTellsOfBreach: 0 unknown, 1 no, 2 yes
	breachBelief     float64        // the least belief a breach needs (breachBelief)
	breachSure       float64        // the least belief in an article of no breach (breachSure)
	rules            []sentRules    // what the breach rules read in each sentence, once
	headline         string         // the article's title lower-cased (lowerKeep), "" for none
}

func newDoc(body string, orgs *orgIndex) *doc {
	d := &doc{body: body, byKey: map[string]int{}, orgs: orgs, proseNames: map[string]bool{}, gpe: map[string]bool{}, orgAlias: map[string]int{}}
	d.paras = splitParagraphs(body)
	for pi, p := range d.paras {
		for _, s := range p.sentences {
			d.toks = tokenize(body, s, len(d.sents), d.toks)
			d.sents = append(d.sents, s)
			d.sentPara = append(d.sentPara, pi)
		}
	}
	d.quotes = findQuotes(body, d.paras)
	return d
}

// sentenceOf returns the index of the sentence holding offset off.
func (d *doc) sentenceOf(off int) int { return sentenceAt(d.sents, off) }

// mentionsIn returns the indexes of mentions starting in [s, e). The
// mentions must be sorted (findEntities sorts them).
func (d *doc) mentionsIn(s, e int) []int {
	var out []int
	for i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].Start >= s }); i < len(d.ments) && d.ments[i].Start < e; i++ {
		out = append(out, i)
	}
	return out
}

// mentionAt returns the mention that starts at off, or -1.
func (d *doc) mentionAt(off int) int {
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].Start >= off })
	if i < len(d.ments) && d.ments[i].Start == off {
		return i
	}
	return -1
}

// resolveMentions resolves definite descriptions to the organisation of a
// fitting kind mentioned last before them (or, failing that, first after),
// and spokesperson phrases to the organisation they speak for.
func (d *doc) resolveMentions() {
	for i := range d.ments {
		m := &d.ments[i]
		if m.ent >= 0 || m.how != byDescription || m.word == "spokesperson" {
			continue
		}
		// "the ransomware group Hollowmark", "the retailer Halverson's": the name that follows
		if i+1 < len(d.ments) {
			if n := d.ments[i+1]; n.how == byName && n.ent >= 0 && d.ents[n.ent].typ == Organization && n.Start-m.End <= 1 {
				m.ent = n.ent
				continue
			}
		}
		if e := d.orgNamedBy(m.word, i); e >= 0 {
			m.ent = e
			continue
		}
		m.ent = d.orgOfKind(descriptionKinds[m.word], i)
		if m.ent >= 0 && (m.word == "company" || m.word == "firm") {
			m.ent = d.topicOverSupplier(m.ent, m.Start)
		}
	}
	lastSpokes := -1
	for i := range d.ments {
		m := &d.ments[i]
		if m.ent >= 0 || m.word != "spokesperson" {
			continue
		}
		if m.ent = d.spokesNamed(i); m.ent < 0 {
			m.ent = d.spokesOrg(i)
		}
		// "…, the spokeswoman said": the spokeswoman already introduced
		if m.ent < 0 && lastSpokes >= 0 && strings.HasSuffix(lowerKeep(strings.TrimSpace(d.body[max(0, m.Start-4):m.Start])), "the") {
			m.ent = lastSpokes
		}
		// "A spokesman said: …" with no organisation named: the one the
		// passage is about
		if m.ent < 0 && d.bareSpokes(m.Span) {
			m.ent = max(d.salient(m.Start, Organization), -1)
		}
		if m.ent >= 0 {
			lastSpokes = m.ent
		}
	}
}

// orgOfKind finds the organisation of one of kinds mentioned last before
// mention i, or first after it; nil kinds match any organisation but media.
func (d *doc) orgOfKind(kinds []string, i int) int {
	ok := func(e int) bool {
		if e < 0 || d.ents[e].typ != Organization {
			return false
		}
		if kinds == nil {
			return d.ents[e].kind != KindMedia
		}
		for _, k := range kinds {
			if d.ents[e].kind == k {
				return true
			}
		}
		return false
	}
	for k := i - 1; k >= 0; k-- {
		if ok(d.ments[k].ent) {
			return d.ments[k].ent
		}
	}
	for k := i + 1; k < len(d.ments); k++ {
		if d.ments[k].how == byName && ok(d.ments[k].ent) {
			return d.ments[k].ent
		}
	}
	return -1
}

// orgOfKindBefore finds the organisation of one of kinds mentioned last
// before offset off.
func (d *doc) orgOfKindBefore(kinds []string, off int) int {
	best, at := -1, -1
	for _, m := range d.ments {
		if m.Start >= off || m.Start <= at || m.ent < 0 || d.ents[m.ent].typ != Organization {
			continue
		}
		fits := kinds == nil && d.ents[m.ent].kind != KindMedia
		for _, kd := range kinds {
			fits = fits || d.ents[m.ent].kind == kd
		}
		if fits {
			best, at = m.ent, m.Start
		}
	}
	return best
}

// spokesOrg resolves "a Met spokesperson", "a spokesperson for the NCA",
// "a statement released by the Metropolitan Police".
func (d *doc) spokesOrg(i int) int {
	m := d.ments[i]
	isOrg := func(k int) bool {
		return k >= 0 && k < len(d.ments) && d.ments[k].ent >= 0 && d.ents[d.ments[k].ent].typ == Organization
	}
	if isOrg(i-1) && m.Start-d.ments[i-1].End <= 2 {
		return d.ments[i-1].ent
	}
	// "a trust spokesperson", "a company spokesman"
	before := strings.Fields(lowerKeep(d.body[max(0, m.Start-30):m.Start]))
	if n := len(before); n > 0 {
		if kinds, ok := descriptionKinds[before[n-1]]; ok {
			return d.orgOfKindBefore(kinds, m.Start)
		}
	}
	if isOrg(i + 1) {
		gap := lowerKeep(strings.TrimSpace(d.body[m.End:d.ments[i+1].Start]))
		switch gap {
		case "for", "for the", "from", "from the", "at", "at the", "of", "of the", "released by", "released by the",
			"issued by", "issued by the", "from the office of", "on behalf of", "on behalf of the":
			return d.ments[i+1].ent
		}
	}
	// "a spokesperson for the software supplier, Clearpath Systems,": the
	// organisation named in apposition to what it is
	for k := i + 1; k < len(d.ments) && d.ments[k].Start-m.End <= 80; k++ {
		if d.ments[k].how != byName {
			continue
		}
		if isOrg(k) && spokesApposition.MatchString(d.body[m.End:d.ments[k].Start]) {
			return d.ments[k].ent
		}
		break
	}
	return -1
}

// spokesNamed returns the person a spokesperson mention is named as in
// apposition, or -1: "A spokeswoman for the firm, Helen Marsh, said",
// "A spokesman, Tom Reed, said".
func (d *doc) spokesNamed(i int) int {
	m := d.ments[i]
	for k := i + 1; k < len(d.ments) && d.ments[k].Start-m.End <= 80; k++ {
		n := d.ments[k]
		if n.how != byName {
			continue
		}
		gap := d.body[m.End:n.Start]
		if n.ent < 0 || d.ents[n.ent].typ != Person || !strings.HasPrefix(d.body[n.End:], ",") ||
			strings.TrimSpace(gap) != "," && !spokesApposition.MatchString(gap) {
			return -1
		}
		return n.ent
	}
	return -1
}

// bareSpokes reports whether the spokesperson mentioned at sp is named
// by nothing but an article and is the subject of a speech verb: "A
// spokesman said:", "A spokeswoman told the BBC".
func (d *doc) bareSpokes(sp Span) bool {
	before := strings.Fields(lowerKeep(d.body[max(0, sp.Start-20):sp.Start]))
	if len(before) == 0 || before[len(before)-1] != "a" && before[len(before)-1] != "an" {
		return false
	}
	after := d.wordsIn(sp.End, min(len(d.body), sp.End+40))
	return len(after) > 0 && speechVerbs[after[0].low]
}

// spokesApposition matches the words between "spokesperson" and the name
// of what it speaks for when that name stands in apposition: " for the
// software supplier, ", " at the city's largest hospital, ".
var spokesApposition = relit.MustCompile(`^\s+(?:for|from|at|of|on behalf of)\s+(?:the|its|their|a|an)\s+(?:[\p{Ll}][\p{Ll}'’-]*\s+){0,4}[\p{Ll}][\p{Ll}'’-]*,\s+$`)

// orgNamedBy finds the organisation whose name holds the head of the
// description at mention i, mentioned last before it: "the trust" is
// "Hollins Valley NHS Foundation Trust", not the NHS mentioned since; "the
// university" is "University of Eastmoor".
func (d *doc) orgNamedBy(head string, i int) int {
	if head == "police" || head == "group" || head == "organisation" || head == "organization" {
		return -1
	}
	seen := map[int]bool{}
	for k := i - 1; k >= 0; k-- {
		e := d.ments[k].ent
		if e < 0 || seen[e] || d.ents[e].typ != Organization || d.ents[e].kind == KindMedia || d.ents[e].client >= 0 {
			continue
		}
		seen[e] = true
		if nameHolds(d.ents[e].name, head) {
			return e
		}
	}
	return -1
}

// topicOverSupplier corrects "the company" resolved to a named supplier
// ("its IT contractor, Brightpath Technology") when the company the
// supplier works for is the subject of one of the three sentences before:
// "Calder Water … discovered … Water supplies were never at risk, the
// company said." The passage is about the client; the supplier was named
// in passing.
func (d *doc) topicOverSupplier(e, off int) int {
	en := d.ents[e]
	if en.kind != KindSupplier || en.client < 0 || d.ents[en.client].kind != KindCompany {
		return e
	}
	si := d.sentenceOf(off)
	for s := si - 1; s >= 0 && s >= si-3; s-- {
		if mi := d.subjectBefore(d.sents[s].Start, d.sents[s].End); mi >= 0 {
			switch d.ments[mi].ent {
			case en.client:
				return en.client
			case e:
				return e
			}
		}
	}
	return e
}

// takenSpans are the spans of recorded mentions, with a bitmap of their
// bytes so that asking whether a span meets one of them costs the span's
// length, however many were recorded.
type takenSpans struct {
	spans []Span
	bits  []uint64
}

// add records sp.
func (t *takenSpans) add(sp Span) {
	t.spans = append(t.spans, sp)
	t.mark(sp)
}

func (t *takenSpans) mark(sp Span) {
	if n := (sp.End + 63) / 64; n > len(t.bits) {
		t.bits = append(t.bits, make([]uint64, n-len(t.bits))...)
	}
	for i := sp.Start; i < sp.End; i++ {
		t.bits[i/64] |= 1 << (i % 64)
	}
}

// overlaps reports whether sp meets a recorded span.
func (t *takenSpans) overlaps(sp Span) bool {
	for i := sp.Start; i < sp.End && i/64 < len(t.bits); i++ {
		if t.bits[i/64]&(1<<(i%64)) != 0 {
			return true
		}
	}
	return false
}

// dropOverlapping forgets the recorded spans that meet sp.
func (t *takenSpans) dropOverlapping(sp Span) {
	keep := t.spans[:0]
	for _, k := range t.spans {
		if !(k.Start < sp.End && sp.Start < k.End) {
			keep = append(keep, k)
		}
	}
	if len(keep) == len(t.spans) {
		return
	}
	t.spans = keep
	clear(t.bits)
	for _, k := range keep {
		t.mark(k)
	}
}
