package extract

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"strings"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// The victim ranker answers "which breach": of the organisations an
// article about a breach names, which one was breached. It scores each
// candidate organisation from what the whole article says of it: how
// often and how early it is named, whether the headline names it, whether
// it is the subject of a breach verb or owns the customers, systems or
// data breached, whether attacker, researcher or vendor words stand
// around it, whether it is named only for comparison ("like the X
// breach", "previously"). It is a ranking perceptron trained by
// `go run ./cmd/train victims` on CASIE articles whose id ends in 0–4
// (cmd/train/victims.go). The rules (findEvents) still read each breach;
// the ranker only gives a breach whose victim it ranks far below another
// organisation that other organisation as its victim (rerankVictims).

//go:embed victims.bin
var victimWeights []byte

// loadVictims reads the embedded victim ranker.
func loadVictims() (*learn.Model, error) {
	m, err := learn.Load(victimWeights)
	if err != nil {
		return nil, fmt.Errorf("load victim ranker: %w", err)
	}
	return m, nil
}

// victimMargin is how much more probable than a breach's victim another
// organisation must be by the ranker for it to become the victim.
const victimMargin = 0.7

// VictimCandidate is one organisation an article names, as the victim
// ranker sees it.
type VictimCandidate struct {
	// Name and Aliases are the organisation's names.
	Name    string
	Aliases []string
	// Features are what the ranker reads of it.
	Features []learn.Feature
	// Rule tells that the rules made it the victim of a breach.
	Rule bool
}

// VictimChoices analyses an article as Extract does, without the victim
// ranker, and returns its candidate victims with their features, for
// training the ranker. It returns none for an article in which the rules
// find no breach.
func (x *Extractor) VictimChoices(ctx context.Context, a corpus.Article) ([]VictimCandidate, error) {
	an, err := x.analyse(ctx, a, x.model.speakers, x.model.antecedents)
	if err != nil {
		return nil, err
	}
	d := an.doc
	if len(an.frames) == 0 {
		return nil, nil
	}
	cands := d.victimCandidates()
	v := d.victimView(cands, an.frames)
	var out []VictimCandidate
	for i, e := range cands {
		c := VictimCandidate{Name: d.ents[e].name, Features: d.victimFeatures(v, i, nil)}
		for al := range d.ents[e].aliases {
			c.Aliases = append(c.Aliases, al)
		}
		for _, f := range an.frames {
			c.Rule = c.Rule || f.victim == e
		}
		out = append(out, c)
	}
	return out, nil
}

// victimCandidates returns the organisations the article names by name
// that could be a victim: not a supplier standing for its client.
func (d *doc) victimCandidates() []int {
	var out []int
	seen := map[int]bool{}
	for _, m := range d.ments {
		e := m.ent
		if e < 0 || seen[e] || m.how != byName {
			continue
		}
		if en := d.ents[e]; en.typ != Organization || en.kind == KindSupplier && en.client >= 0 {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}

// victimStats is what the article says of one candidate.
type victimStats struct {
	ments, names, pron, quoted int
	firstSent                  int
	breachMents                int // mentions in sentences that may tell of a breach
	hotMents                   int // in sentences the classifier believes tell of one
	roles                      [4]int
	bestScore                  int
	subj, poss, cmp, modifier  int
	affil, notice              int
	ctx                        map[string]bool
}

// victimView holds the candidates' statistics and the article's ranks of them.
type victimView struct {
	cands  []int
	stats  []victimStats
	frames []*breachFrame
}

// comparisonWords before a name in its sentence say that it is named for
// comparison with the breach, not as its victim.
var comparisonWords = setOf(`like similar previously earlier past prior recent before unlike following after same
including such other others compared`)

// victimView reads what the article says of each candidate.
func (d *doc) victimView(cands []int, frames []*breachFrame) *victimView {
	v := &victimView{cands: cands, stats: make([]victimStats, len(cands)), frames: frames}
	idx := map[int]int{}
	for i, e := range cands {
		idx[e] = i
		v.stats[i].firstSent = -1
		v.stats[i].bestScore = math.MinInt
		v.stats[i].ctx = map[string]bool{}
	}
	for mi, m := range d.ments {
		i, ok := idx[m.ent]
		if !ok {
			continue
		}
		st := &v.stats[i]
		st.ments++
		si := d.sentenceOf(m.Start)
		switch m.how {
		case byName:
			st.names++
		case byPronoun:
			st.pron++
			continue
		}
		if st.firstSent < 0 {
			st.firstSent = si
		}
		if m.inQuote {
			st.quoted++
		}
		if si < 0 || si >= len(d.sents) || !d.rulesOf(si).may {
			continue
		}
		s := d.sents[si]
		st.breachMents++
		if d.breachProb(si) >= 0.5 {
			st.hotMents++
		}
		st.roles[d.breachRoleOf(mi, s)]++
		st.bestScore = max(st.bestScore, d.victimScore(mi, s))
		if d.isSubject(m.ent, s) {
			st.subj++
		}
		if d.nameAsModifier(m.Span) {
			st.modifier++
		}
		if d.affiliation(m.Span) {
			st.affil++
		}
		if d.receivesNotice(m.Span, s) {
			st.notice++
		}
		after := d.lowWordsAfter(m.End, s.End, 2)
		before := d.lowWordsBefore(m.Start, s.Start, 4)
		if len(after) > 0 {
			a := after[0]
			if a == "'s" && len(after) > 1 {
				if victimNouns[after[1]] {
					st.poss++
				}
				a = "'s " + lemmaLite(after[1])
			} else {
				a = lemmaLite(a)
			}
			st.ctx["n:"+a] = true
		}
		if n := len(before); n > 0 {
			st.ctx["p:"+lemmaLite(before[n-1])] = true
			if n > 1 {
				st.ctx["pp:"+lemmaLite(before[n-2])+" "+lemmaLite(before[n-1])] = true
			}
			for _, w := range before {
				if comparisonWords[w] {
					st.cmp++
					break
				}
			}
		}
	}
	return v
}

// capAt caps n at hi.
func capAt(n, hi int) int { return min(n, hi) }

// victimFeatures appends the features of candidate i of v to out.
func (d *doc) victimFeatures(v *victimView, i int, out []learn.Feature) []learn.Feature {
	e := v.cands[i]
	st := &v.stats[i]
	en := d.ents[e]
	out = append(out, learn.F("kind").Str(en.kind))
	name := lowerKeep(en.name)
	// ranks among the candidates: by mentions, by first mention
	byMents, byFirst := 0, 0
	for j := range v.stats {
		o := &v.stats[j]
		if o.ments > st.ments {
			byMents++
		}
		if o.firstSent >= 0 && (st.firstSent < 0 || o.firstSent < st.firstSent) {
			byFirst++
		}
	}
	out = append(out, learn.F("rank.ments").Int(capAt(byMents, 3)), learn.F("rank.first").Int(capAt(byFirst, 3)))
	out = append(out, learn.F("ments").Int(capAt(st.ments, 6)), learn.F("names").Int(capAt(st.names, 4)))
	if st.pron > 0 {
		out = append(out, learn.F("pron"))
	}
	fs := st.firstSent
	switch {
	case fs < 0:
		fs = -1
	case fs > 5 && fs <= 10:
		fs = 6
	case fs > 10:
		fs = 7
	}
	out = append(out, learn.F("first").Int(fs))
	if d.inHeadline(e) {
		out = append(out, learn.F("headline"))
		if byMents == 0 {
			out = append(out, learn.F("headline+most"))
		}
	}
	if st.quoted > 0 && st.quoted == st.names {
		out = append(out, learn.F("onlyquoted"))
	}
	out = append(out, learn.F("breach").Int(capAt(st.breachMents, 4)), learn.F("hot").Int(capAt(st.hotMents, 3)))
	if st.breachMents == 0 {
		out = append(out, learn.F("nobreach"))
	}
	for r, n := range st.roles {
		if n > 0 {
			out = append(out, learn.F("role").Int(r), learn.F("role.n").Int(r).Int(capAt(n, 3)))
		}
	}
	if st.roles[roleVictim] == 0 && st.breachMents > 0 {
		out = append(out, learn.F("neverVictim"))
	}
	if st.bestScore > math.MinInt {
		out = append(out, learn.F("score").Int(max(-1, min(st.bestScore, 12))/2))
	}
	for _, c := range []struct {
		f string
		n int
	}{{"subj", st.subj}, {"poss", st.poss}, {"cmp", st.cmp}, {"modifier", st.modifier}, {"affil", st.affil}, {"notice", st.notice}} {
		if c.n > 0 {
			out = append(out, learn.F(c.f).Int(capAt(c.n, 2)))
		}
	}
	if st.cmp > 0 && st.cmp == st.breachMents {
		out = append(out, learn.F("onlycmp"))
	}
	for _, w := range sortedKeys(st.ctx) { // in order: training is deterministic
		out = append(out, learn.F("ctx").Str(w))
	}
	if securityVendors[name] || d.researcherByName(e) {
		out = append(out, learn.F("vendor"))
	}
	if knownAttackers[name] || en.kind == KindThreatActor || en.kind == KindCriminal {
		out = append(out, learn.F("attacker"))
	}
	if notVictimNames[name] || notVictimNames[firstWord(name)] {
		out = append(out, learn.F("notvictim"))
	}
	if len(strings.Fields(name)) == 1 && strings.ToUpper(en.name) == en.name {
		out = append(out, learn.F("acronym"))
	}
	for k, f := range v.frames {
		if f.victim == e {
			out = append(out, learn.F("rule"))
			if k == 0 {
				out = append(out, learn.F("rule0"))
			}
			break
		}
	}
	return out
}

// rerankVictims gives a breach the organisation the ranker m puts first as
// its victim, when no breach of the article has that victim and the
// ranker makes it far more probable (victimMargin) than the victim the
// rules chose for the breach the ranker rates least.
func (d *doc) rerankVictims(frames []*breachFrame, m *learn.Model) {
	if m == nil || len(frames) == 0 {
		return
	}
	cands := d.victimCandidates()
	if len(cands) < 2 {
		return
	}
	v := d.victimView(cands, frames)
	scores := make([]float64, len(cands))
	var buf []learn.Feature
	var sb []float32
	for i := range cands {
		buf = d.victimFeatures(v, i, buf[:0])
		sb = m.Scores(buf, sb)
		scores[i] = float64(sb[0])
	}
	p := learn.RankProbs(scores, m.Scale())
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	pOf := map[int]float64{}
	for i, e := range cands {
		pOf[e] = p[i]
	}
	worst, worstP := -1, 2.0
	for k, f := range frames {
		if f.victim == cands[best] {
			return // the ranker's victim has its breach
		}
		if q := pOf[f.victim]; q < worstP {
			worst, worstP = k, q
		}
	}
	if p[best]-worstP >= victimMargin {
		frames[worst].victim = cands[best]
		if frames[worst].attacker == cands[best] {
			frames[worst].attacker = -1
		}
	}
}
