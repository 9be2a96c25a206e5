package extract

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// The attribution ranker: for every quote, the mentions that could name
// its speaker (names, pronouns, descriptions in its paragraph, the three
// before and the one after) and a "nobody" choice are scored by a linear
// model trained on PolNeAR's source–content links (go run ./cmd/train
// speakers); the best scoring one is the quote's speaker mention and its
// softmax probability the quote's confidence. The rules of quotes.go
// stay as evidence: their pick is one of the model's features.

//go:embed speakers.bin
var speakersWeights []byte

// loadSpeakers reads the embedded attribution ranker.
func loadSpeakers() (*learn.Model, error) {
	if len(speakersWeights) == 0 {
		return nil, nil // not trained yet: the rules alone attribute
	}
	m, err := learn.Load(speakersWeights)
	if err != nil {
		return nil, fmt.Errorf("load speaker ranker: %w", err)
	}
	return m, nil
}

// SpeakerChoice is one attribution decision as the ranker sees it: a
// quote, the mentions that could name its speaker and each one's
// features. Candidates[0] is the "nobody" choice (an empty Span). It is
// what cmd/train learns from.
type SpeakerChoice struct {
	// Quote is the quoted words, byte offsets into the article's body.
	Quote Span
	// Candidates are the candidate speaker mentions.
	Candidates []Span
	// Features holds each candidate's features.
	Features [][]learn.Feature
	// Rule is the candidate the hand-written rules pick.
	Rule int
}

// SpeakerChoices analyses an article as Extract does and returns the
// attribution decisions of its quotes, unranked, for training the
// ranker.
func (x *Extractor) SpeakerChoices(ctx context.Context, a corpus.Article) ([]SpeakerChoice, error) {
	an, err := x.analyse(ctx, a, nil, nil)
	if err != nil {
		return nil, err
	}
	d := an.doc
	var out []SpeakerChoice
	for qi := range d.quotes {
		cands := d.speakerCandidates(qi, nil)
		if cands == nil {
			continue
		}
		if d.continuesParagraphs(qi) {
			continue // rankSpeakers gives it the speaker of the quote it continues
		}
		ch := SpeakerChoice{Quote: d.quotes[qi].Span}
		for _, mi := range cands {
			if mi < 0 {
				ch.Candidates = append(ch.Candidates, Span{})
			} else {
				ch.Candidates = append(ch.Candidates, d.ments[mi].Span)
			}
			ch.Features = append(ch.Features, d.speakerFeatures(qi, mi, cands, nil))
			if mi >= 0 && mi == d.quotes[qi].mention {
				ch.Rule = len(ch.Candidates) - 1
			}
		}
		out = append(out, ch)
	}
	return out, nil
}

// rankSpeakers lets the ranker m choose every quote's speaker mention
// and resolves it to an entity (a pronoun with the antecedent ranker am); a quote whose choice is "nobody" is left
// without a speaker.
func (d *doc) rankSpeakers(m, am *learn.Model) {
	var cands []int
	var feats []learn.Feature
	var scores []float64
	var out []float32
	last := map[EntityType]int{Person: -1, Organization: -1}
	for qi := range d.quotes {
		q := &d.quotes[qi]
		if d.continuesParagraphs(qi) {
			p := d.quotes[q.prev]
			q.mention, q.conf, q.speaker = p.mention, p.conf, p.speaker
			continue
		}
		cands = d.speakerCandidates(qi, cands[:0])
		if cands == nil {
			continue
		}
		scores = scores[:0]
		for _, mi := range cands {
			feats = d.speakerFeatures(qi, mi, cands, feats[:0])
			out = m.Scores(feats, out)
			scores = append(scores, float64(out[0]))
		}
		best, p := softmaxBest(scores, m.Scale())
		mi := cands[best]
		q.mention, q.conf = mi, p
		if mi < 0 {
			q.speaker = -1
			continue
		}
		if p := d.titledPerson(mi); p != mi {
			mi = p
			q.mention = p
		}
		if d.ments[mi].how == byPronoun && am != nil {
			var pp float64
			q.speaker, pp = d.resolvePronoun(mi, am, last)
			q.conf *= pp
		} else if mi == q.rule && q.ruleSpeaker >= 0 {
			q.speaker = q.ruleSpeaker
		} else if mi == q.rule && q.ruleSpeaker < 0 && q.contSpeaker >= 0 {
			q.speaker = q.contSpeaker
		} else {
			q.speaker = d.resolveSpeaker(mi, last)
		}
		if q.speaker >= 0 && d.ents[q.speaker].typ == Organization && d.scareQuote(qi) {
			// a person's few words are often quoted with no verb ("Trump
			// mocked her “constant attack”"); an organisation's seldom
			q.speaker, q.mention = -1, -1
		}
		if q.speaker >= 0 {
			last[d.ents[q.speaker].typ] = q.speaker
		}
	}
	// “Meet the Press”, CNN’s “State of the Union”: a name, not speech.
	// Dropped only now, so that the quotes continuing it keep its speaker.
	for qi := range d.quotes {
		if d.titleQuote(qi) {
			d.quotes[qi].speaker, d.quotes[qi].mention = -1, -1
		}
	}
}

// softmaxBest returns the index of the best score and its softmax
// probability under scale.
func softmaxBest(s []float64, scale float64) (int, float64) {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	sum := 0.0
	for _, v := range s {
		sum += math.Exp(scale * (v - s[best]))
	}
	return best, 1 / sum
}

// candidate windows: paragraphs before and after the quote's.
const (
	candParasBefore = 3
	candParasAfter  = 1
	maxCandidates   = 24
)

// speakerCandidates returns the candidate speaker mentions of quote qi
// in buf: -1 (nobody) first, then the mentions outside quote marks that
// can name a speaker in the window around it, nearest first. It returns
// nil for a quote in a heading.
func (d *doc) speakerCandidates(qi int, buf []int) []int {
	q := d.quotes[qi]
	if d.isHeading(q.para) {
		return nil
	}
	lo := d.paras[max(0, q.para-candParasBefore)].Start
	hi := d.paras[min(len(d.paras)-1, q.para+candParasAfter)].End
	buf = append(buf[:0], -1)
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].Start >= lo })
	for ; i < len(d.ments) && d.ments[i].Start < hi; i++ {
		m := d.ments[i]
		if m.inQuote || d.inQuote(m.Start) {
			continue
		}
		if m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place) {
			continue
		}
		if d.objectOfVerb(i) {
			continue // "told the Courier": who heard it, not who said it
		}
		buf = append(buf, i)
	}
	// the previous quote's speaker, however far back: a quote may go on
	// for paragraphs
	if pm := q.prevMention; pm >= 0 && !d.ments[pm].inQuote && (d.ments[pm].Start < lo || d.ments[pm].Start >= hi) {
		buf = append(buf, pm)
	}
	rest := buf[1:]
	dist := func(mi int) int {
		m := d.ments[mi]
		if m.End <= q.outer.Start {
			return q.outer.Start - m.End
		}
		return m.Start - q.outer.End
	}
	sort.SliceStable(rest, func(a, b int) bool { return dist(rest[a]) < dist(rest[b]) })
	if len(buf) > maxCandidates {
		buf = buf[:maxCandidates]
	}
	return buf
}

// bucket maps a distance onto a few classes.
func bucket(n int) int {
	switch {
	case n <= 0:
		return 0
	case n <= 2:
		return n
	case n <= 4:
		return 3
	case n <= 8:
		return 4
	case n <= 16:
		return 5
	case n <= 32:
		return 6
	}
	return 7
}

// tokenAt returns the index of the first token starting at or after off.
func (d *doc) tokenAt(off int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= off })
}

// wordClass names a word for the ranker: speech verbs and a few function
// words as themselves, punctuation as itself, other words by shape.
func wordClass(t token) string {
	switch {
	case speechVerbs[t.low] || indirectVerbs[t.low] || hedges[t.low] || t.low == "according" || t.low == "to" ||
		t.low == "that" || t.low == "who" || t.low == "and" || t.low == "of" || t.low == "as" || t.low == "in" ||
		t.low == "from" || t.low == "at" || t.low == "for" || t.low == "with" || t.low == "by" || t.low == "the" ||
		t.low == "a" || t.low == "an" || t.low == "'s" || t.low == "his" || t.low == "her" || t.low == "its":
		return t.low
	case !t.word:
		return t.text
	case t.cap:
		return "Cap"
	}
	return "w"
}

// speakerFeatures returns in buf the features of mention mi (-1:
// nobody) as the speaker of quote qi, whose candidates are cands.
func (d *doc) speakerFeatures(qi, mi int, cands []int, buf []learn.Feature) []learn.Feature {
	q := d.quotes[qi]
	kind := string(d.quoteKind(q))
	qs, qe := d.sentenceOf(q.outer.Start), d.sentenceOf(max(q.outer.End-1, q.Start))
	para := d.paras[q.para]
	onlyQuote := q.outer.Start-para.Start <= 1 && d.wordsAfter(q.outer.End, para.End) == 0
	opens := q.outer.Start-para.Start <= 1
	qlen := bucket(d.wordsAfter(q.Start, q.End))
	orphan := d.orphanVerb(qi, cands)
	if mi < 0 {
		f := learn.F("null=")
		buf = append(buf, f.Str("orphan").Str(orphan), f.Str("orphan").Str(orphan).Str(kind))
		buf = append(buf, f, f.Str(kind), f.Str("only").Int(b2i(onlyQuote)), f.Str("opens").Int(b2i(opens)),
			f.Str("len").Int(qlen), f.Str("rule").Int(b2i(q.rule >= 0)), f.Str("cont").Int(b2i(q.contSpeaker >= 0)),
			f.Str("n").Int(bucket(len(cands)-1)), f.Str("single").Int(b2i(q.single)),
			f.Str("rulekind").Int(b2i(q.rule >= 0)).Str(kind),
			f.Str("pick").Int(b2i(q.mention >= 0)).Int(b2i(onlyQuote)).Int(b2i(q.contSpeaker >= 0)))
		if _, ok := d.firstVerbIn(d.sents[qs].Start, d.sents[qe].End, speechVerbs); ok {
			buf = append(buf, f.Str("sv"), f.Str("sv").Str(kind))
		} else {
			buf = append(buf, f.Str("nosv").Int(qlen))
		}
		return buf
	}
	m := d.ments[mi]
	after := m.Start >= q.outer.End
	dir := "b"
	if after {
		dir = "a"
	}
	ms := d.sentenceOf(m.Start)
	sd := qs - ms
	if after {
		sd = ms - qe
	}
	pd := q.para - d.sentPara[ms]
	how := "name"
	switch m.how {
	case byPronoun:
		how = "pron:" + m.word
	case byDescription:
		how = "desc"
		if m.ent >= 0 {
			how = "desc+"
		}
	}
	typ := "none"
	if m.ent >= 0 {
		typ = string(d.ents[m.ent].typ)
	}
	rank := 0
	for _, c := range cands[1:] {
		if c == mi {
			break
		}
		if (d.ments[c].Start >= q.outer.End) == after {
			rank++
		}
	}
	gap := q.outer.Start - m.End
	if after {
		gap = m.Start - q.outer.End
	}
	gapw := bucket(d.wordsAfter(min(m.End, q.outer.End), max(m.Start, q.outer.Start)))
	_ = gap
	// the words around the mention
	ti := d.tokenAt(m.Start)
	lw, lw2 := "^", "^"
	if ti > 0 && d.toks[ti-1].sent == d.toks[ti].sent {
		lw = wordClass(d.toks[ti-1])
		if ti > 1 && d.toks[ti-2].sent == d.toks[ti].sent {
			lw2 = wordClass(d.toks[ti-2])
		}
	}
	te := d.tokenAt(m.End)
	rw, rw2 := "$", "$"
	if te < len(d.toks) && d.toks[te].sent == ms {
		rw = wordClass(d.toks[te])
		if te+1 < len(d.toks) && d.toks[te+1].sent == ms {
			rw2 = wordClass(d.toks[te+1])
		}
	}
	rule := mi == q.rule
	if mi == q.prevMention {
		pp := bucket(q.para - q.prevPara)
		buf = append(buf, learn.F("prevm=").Int(pp), learn.F("prevm-only=").Int(b2i(onlyQuote)).Int(pp),
			learn.F("prevm-opens=").Int(b2i(opens)).Int(pp).Int(b2i(q.rule >= 0)), learn.F("prevm-rule=").Int(b2i(rule)))
	}
	if d.titledPerson(mi) != mi {
		buf = append(buf, learn.F("titled")) // "Police and Crime Commissioner Alan Billings": the person speaks
	}
	subj := d.subjectBefore(d.sents[ms].Start, m.End) == mi
	sameEnt := func(e int) bool { return e >= 0 && m.ent == e }
	if q.prev >= 0 && d.sentenceOf(d.quotes[q.prev].Start) == qs {
		// a second fragment of one sentence: its speaker is the first's
		buf = append(buf, learn.F("samesent=").Int(b2i(sameEnt(q.prevSpeaker))).Str(kind), learn.F("samesent-m=").Int(b2i(mi == q.prevMention)))
	}
	var f learn.Feature
	add := func(name string) learn.Feature {
		f = learn.F(name)
		buf = append(buf, f)
		return f
	}
	add("bias")
	pick := mi == q.mention // the rules' answer, a continued quote's speaker included
	buf = append(buf, learn.F("pick=").Int(b2i(pick)).Int(b2i(rule)), learn.F("pick-only=").Int(b2i(pick)).Int(b2i(onlyQuote)).Str(kind))
	buf = append(buf, learn.F("orphan=").Str(orphan).Str(dir), learn.F("orphan-lw=").Str(orphan).Str(dir).Str(lw))
	// the speech verb just before the mention ("said Smith", "told the
	// Courier") and how far the quote is before that verb
	for k, n := ti-1, 0; k >= 0 && d.toks[k].sent == ms && n < 3; k-- {
		t := d.toks[k]
		if !t.word {
			continue
		}
		n++
		if speechVerbs[t.low] {
			between := bucket(d.wordsAfter(q.outer.End, t.Start))
			if !after || t.Start < q.outer.End {
				between = -1
			}
			buf = append(buf, learn.F("vb=").Str(t.low).Int(n).Int(between), learn.F("vbobj=").Int(b2i(objectVerbs[t.low])).Int(between).Str(dir))
			break
		}
	}
	add("rule=").Int(b2i(rule))
	buf = append(buf, f.Str(kind), f.Str(how), f.Str(dir).Int(bucket(sd)))
	buf = append(buf, learn.F("cont=").Int(b2i(sameEnt(q.contSpeaker))).Int(b2i(rule)))
	buf = append(buf, learn.F("prevspk=").Int(b2i(sameEnt(q.prevSpeaker))).Int(bucket(pd)))
	buf = append(buf, learn.F("prevspk-only=").Int(b2i(sameEnt(q.prevSpeaker))).Int(b2i(onlyQuote)))
	buf = append(buf, learn.F("rulespk=").Int(b2i(sameEnt(q.ruleSpeaker))))
	buf = append(buf, learn.F("how=").Str(how), learn.F("how-typ=").Str(how).Str(typ), learn.F("typ=").Str(typ))
	buf = append(buf, learn.F("dir-sd=").Str(dir).Int(bucket(sd)), learn.F("dir-pd=").Str(dir).Int(pd))
	buf = append(buf, learn.F("dir-rank=").Str(dir).Int(min(rank, 4)), learn.F("dir-rank-kind=").Str(dir).Int(min(rank, 4)).Str(kind))
	buf = append(buf, learn.F("dir-gap=").Str(dir).Int(gapw), learn.F("dir-gap-how=").Str(dir).Int(gapw).Str(how))
	buf = append(buf, learn.F("lw=").Str(dir).Str(lw), learn.F("rw=").Str(dir).Str(rw),
		learn.F("lw2=").Str(dir).Str(lw2).Str(lw), learn.F("rw2=").Str(dir).Str(rw).Str(rw2),
		learn.F("lw-rw=").Str(lw).Str(rw))
	buf = append(buf, learn.F("subj=").Int(b2i(subj)).Str(dir).Int(bucket(sd)))
	buf = append(buf, learn.F("only=").Int(b2i(onlyQuote)).Str(dir).Int(pd), learn.F("opens=").Int(b2i(opens)).Str(dir).Int(bucket(sd)))
	buf = append(buf, learn.F("kind-dir-sd=").Str(kind).Str(dir).Int(bucket(sd)).Str(how))
	if m.ent >= 0 {
		e := d.ents[m.ent]
		buf = append(buf, learn.F("kindorg=").Str(e.kind), learn.F("nm=").Int(bucket(len(e.spans))))
	}
	if m.how == byDescription {
		buf = append(buf, learn.F("desc=").Str(m.word))
	}
	if m.title != "" {
		buf = append(buf, learn.F("title"))
	}
	// a question asked just before: the answer is the other side's
	if qi > 0 && strings.HasSuffix(strings.TrimRight(d.body[d.quotes[qi-1].Start:d.quotes[qi-1].End], " "), "?") {
		buf = append(buf, learn.F("prevq=").Int(b2i(sameEnt(d.quotes[qi-1].ruleSpeaker))))
	}
	return buf
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cueOf returns the speech verb or phrase that goes with speaker mention
// mi, as written: the verb just after it ("she said", "he also told"),
// just before it ("said Smith"), or "according to"; "" when none.
func (d *doc) cueOf(mi int) string {
	m := d.ments[mi]
	ms := d.sentenceOf(m.Start)
	te := d.tokenAt(m.End)
	for k, n := te, 0; k < len(d.toks) && d.toks[k].sent == ms && n < 4; k++ {
		t := d.toks[k]
		if !t.word {
			if t.low != "," {
				break
			}
			continue
		}
		n++
		if speechVerbs[t.low] || indirectVerbs[t.low] || trailingVerbs[t.low] || thatVerbs[t.low] {
			return d.body[t.Start:t.End]
		}
		if !hedges[t.low] && t.low != "was" && t.low != "quoted" && t.low != "as" && t.low != "has" {
			break
		}
	}
	ti := d.tokenAt(m.Start)
	for k, n := ti-1, 0; k >= 0 && d.toks[k].sent == ms && n < 3; k-- {
		t := d.toks[k]
		if !t.word {
			continue
		}
		n++
		if t.low == "to" && k > 0 && d.toks[k-1].low == "according" {
			return d.body[d.toks[k-1].Start:t.End]
		}
		if speechVerbs[t.low] || indirectVerbs[t.low] || trailingVerbs[t.low] {
			return d.body[t.Start:t.End]
		}
		if t.low != "the" && t.low != "a" && t.low != "an" && !t.cap {
			break
		}
	}
	return ""
}

// titledPerson is personAfterTitle for any mention: mentions that
// overlap the next one are their own speaker.
func (d *doc) titledPerson(mi int) int {
	if p := d.titledPerson1(mi); p != mi {
		return p
	}
	return d.headPerson(mi)
}

func (d *doc) titledPerson1(mi int) int {
	if mi+1 >= len(d.ments) || d.ments[mi+1].Start < d.ments[mi].End {
		return mi
	}
	if p := d.personAfterTitle(mi); p != mi {
		return p
	}
	// "Trump campaign spokesman Jason Miller", "Clinton's campaign manager
	// Robby Mook", "Tulsa police Chief Chuck Jordan": a name that only
	// modifies the title of the person named next
	n := d.ments[mi+1]
	if n.how != byName || n.ent < 0 || d.ents[n.ent].typ != Person || d.ments[mi].how != byName {
		return mi
	}
	gap := strings.TrimSpace(d.body[d.ments[mi].End:n.Start])
	gap = strings.TrimPrefix(strings.TrimPrefix(gap, "'s"), "’s")
	ws := strings.Fields(gap)
	if len(ws) == 0 || len(ws) > 4 {
		return mi
	}
	for _, w := range ws {
		if strings.ContainsAny(w, ",;:()\"“”") || w != lowerKeep(w) && !titleWords[lowerKeep(strings.TrimSuffix(w, "."))] {
			return mi
		}
	}
	if last := lowerKeep(strings.TrimSuffix(ws[len(ws)-1], ".")); !titleHeads[last] && !spokesWords[last] && !staffTitles[last] {
		return mi
	}
	return mi + 1
}

// headPerson returns the person named at the head of the noun phrase
// that mention mi only modifies, or mi: "the Washington Post's Jane
// Doe", "Clinton's top foreign policy aide Jane Doe", "spokesman Jane
// Doe", "Texas Sen. Jane Doe", "Trump's state director, Jane Doe,". The
// words between are a possessive and at most five role words (lower
// case or titles), the last of them a role noun.
func (d *doc) headPerson(mi int) int {
	m := d.ments[mi]
	if m.how == byPronoun {
		return mi
	}
	k := mi + 1
	for k < len(d.ments) && (d.ments[k].Start < m.End || d.ments[k].how == byDescription) && d.ments[k].Start-m.End < 80 {
		k++
	}
	if k >= len(d.ments) {
		return mi
	}
	n := d.ments[k]
	if n.how != byName || n.ent < 0 || d.ents[n.ent].typ != Person || n.Start < m.End || (m.ent >= 0 && m.ent == n.ent) {
		return mi
	}
	gap := strings.TrimSpace(strings.ReplaceAll(d.body[m.End:n.Start], "’", "'"))
	poss := false
	for _, p := range []string{"'s", "'"} {
		if t, ok := strings.CutPrefix(gap, p); ok && (t == "" || t[0] == ' ') {
			gap, poss = strings.TrimSpace(t), true
			break
		}
	}
	if poss && m.how == byDescription {
		return mi // "the candidate's Jane Doe": not a title
	}
	comma := strings.HasSuffix(gap, ",")
	gap = strings.TrimSuffix(gap, ",")
	ws := strings.Fields(gap)
	if len(ws) == 0 {
		if comma || !poss && m.how != byDescription && (m.ent < 0 || d.ents[m.ent].typ != Organization) {
			return mi
		}
		return k
	}
	if len(ws) > 5 {
		return mi
	}
	for _, w := range ws {
		lw := lowerKeep(strings.TrimSuffix(w, "."))
		if strings.ContainsAny(w, ",;:()\"“”") || modifierStops[lw] || speechVerbs[lw] || indirectVerbs[lw] {
			return mi
		}
		if w != lowerKeep(w) && !titleWords[lw] && !titleHeads[lw] && !roleNouns[lw] {
			return mi
		}
	}
	last := lowerKeep(strings.TrimSuffix(ws[len(ws)-1], "."))
	if !titleHeads[last] && !spokesWords[last] && !staffTitles[last] && !roleNouns[last] && !titleWords[last] {
		return mi
	}
	return k
}

// roleNouns end a descriptor before a person's name ("columnist Jane
// Doe", "Republican pollster Jane Doe").
var roleNouns = setOf(`columnist constituent attorney lawyer analyst reporter correspondent writer editor anchor host
	moderator adviser advisor advisers advisors manager supporter voter official economist professor researcher expert
	historian pundit commentator contributor consultant operative founder cofounder co-founder candidate nominee
	front-runner frontrunner senator governor congressman congresswoman rep sen gov leader ceo executive member fellow
	scholar activist organizer organiser author journalist blogger producer actor actress singer rapper comedian
	businessman businesswoman billionaire donor lobbyist strategist pollster aide staffer surrogate counsel chief
	mayor judge justice sheriff general ambassador envoy negotiator coordinator captain capt lt col adm sgt ally allies
	researcher scientist agent speechwriter biographer representative deputy officer lieutenant whip attorney-general`)

// modifierStops are words that end a noun phrase: a name before them is
// no descriptor of the name after.
var modifierStops = setOf(`he she it they we i you him her them his its their our my your and or but to of for with by
	from at in on as than that who which whom whose when where while after before told says said is was are were has had
	have be been will would can could should may might also then`)

// continuesParagraphs reports whether quote qi, with no attribution of
// its own, carries on the quote before it: as a paragraph of its own (the
// convention of quotes running over paragraphs) or as a sentence of its
// own after the attributed one. Its speaker is that quote's.
func (d *doc) continuesParagraphs(qi int) bool {
	q := d.quotes[qi]
	if q.rule >= 0 || q.contSpeaker < 0 || q.prev < 0 {
		return false
	}
	if d.quotes[q.prev].para != q.para {
		return true
	}
	// in the same paragraph, a quote opening a sentence of its own after
	// the attributed one ("“…,” said X. “It worries me.”")
	p := d.quotes[q.prev]
	return d.sentenceOf(q.outer.Start) != d.sentenceOf(max(p.outer.End-1, p.Start)) && d.sents[d.sentenceOf(q.outer.Start)].Start >= q.outer.Start-1
}

// orphanVerb says whether the speech verb next to quote qi has a subject
// that is none of the candidates, a speaker the article does not name
// (`"…," one neighbour told the Courier`, `Smith, a pensioner, said:
// "…"`): "after" or "before" for where the verb is, "" when it is not so.
func (d *doc) orphanVerb(qi int, cands []int) string {
	q := d.quotes[qi]
	candIn := func(s, e int) bool {
		for _, c := range cands {
			if c >= 0 && d.ments[c].Start >= s && d.ments[c].Start < e {
				return true
			}
		}
		return false
	}
	sentEnd := d.sents[d.sentenceOf(max(q.outer.End-1, q.Start))].End
	if sentEnd > q.outer.End {
		ws := d.wordsIn(q.outer.End, min(sentEnd, q.outer.End+80))
		for i := 0; i < len(ws) && i < 6; i++ {
			if speechVerbs[ws[i].low] {
				if i > 0 && !candIn(q.outer.End, ws[i].Start) {
					return "after"
				}
				break
			}
		}
	}
	sentStart := d.sents[d.sentenceOf(q.outer.Start)].Start
	if sentStart < q.outer.Start {
		if v, ok := d.verbIn(sentStart, q.outer.Start, speechVerbs); ok && d.wordsAfter(v.End, q.outer.Start) <= 1 &&
			d.wordsAfter(sentStart, v.Start) > 0 && !candIn(sentStart, v.Start) {
			return "before"
		}
	}
	return ""
}

// staffTitles end a title before a name besides titleHeads ("police
// Chief Chuck Jordan", "campaign aide Jane Doe").
var staffTitles = setOf(`chief aide aides strategist pollster staffer surrogate press deputy counsel`)

// objectOfVerb reports whether mention mi stands right after a speech
// verb whose object it is ("told the Courier", "urged ministers").
func (d *doc) objectOfVerb(mi int) bool {
	m := d.ments[mi]
	ti := d.tokenAt(m.Start)
	for k, n := ti-1, 0; k >= 0 && d.toks[k].sent == d.toks[min(ti, len(d.toks)-1)].sent && n < 2; k-- {
		t := d.toks[k]
		if !t.word {
			return false
		}
		if objectVerbs[t.low] {
			return true
		}
		if t.low != "the" && t.low != "a" && t.low != "an" {
			return false
		}
		n++
	}
	return false
}

// indirectConfidence is the confidence of a reported statement's
// speaker: the share of the reported statements that matched a PolNeAR
// train statement whose speaker was right.
const indirectConfidence = 0.8

// scareQuote reports whether quote qi is a few words in quote marks that
// nobody is said to have said: under four words, no attribution found by
// the rules, no speech verb in its paragraph ("after “unauthorised
// access” to its systems").
func (d *doc) scareQuote(qi int) bool {
	q := d.quotes[qi]
	if q.rule >= 0 || q.contSpeaker >= 0 || d.wordsAfter(q.Start, q.End) >= 4 {
		return false
	}
	p := d.paras[q.para]
	_, ok := d.firstVerbIn(p.Start, p.End, speechVerbs)
	return !ok && d.accordingTo(p.Start, p.End) < 0
}

// titleQuote reports whether quote qi is the title of a show, book or
// film rather than speech: at most seven words in title case ("Meet the
// Press") after a possessive or a preposition (CNN’s “…”, on “…”, the
// film “…”).
func (d *doc) titleQuote(qi int) bool {
	q := d.quotes[qi]
	ws := strings.FieldsFunc(strings.TrimRight(d.body[q.Start:q.End], " .,!?"), func(r rune) bool {
		return r == ' ' || r == '\n' || r == ':' || r == '—' || r == '–'
	})
	if len(ws) == 0 || len(ws) > 7 {
		return false
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
		case i > 0 && titleSmallWords[w]:
		default:
			return false
		}
		if strings.ContainsAny(w, ".!?") && i < len(ws)-1 {
			return false
		}
	}
	before := strings.Fields(d.body[max(0, q.outer.Start-40):q.outer.Start])
	if len(before) == 0 {
		return false
	}
	pw := strings.ReplaceAll(before[len(before)-1], "’", "'")
	if strings.HasSuffix(pw, "'s") || strings.HasSuffix(pw, "s'") {
		return true
	}
	return titleLeads[lowerKeep(pw)]
}

// titleSmallWords stay lower case inside a title; titleLeads are the
// words a quoted title follows.
var (
	titleSmallWords = setOf(`a an the of and or in on at to for with by from as vs`)
	titleLeads      = setOf(`titled entitled film movie show book series program programme
	documentary song album novel column podcast`)
)
