package extract

import (
	"context"
	_ "embed"
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// The antecedent ranker: when the attribution ranker picks a pronoun as a
// quote's speaker ("…," he said), the people and organisations named in
// the sentences before it are scored by a second linear model, trained on
// the sources PolNeAR train resolves through coreference (go run
// ./cmd/train antecedents); the rules' choice (resolveSpeaker) is one of
// its features.

//go:embed antecedents.bin
var antecedentWeights []byte

// loadAntecedents reads the embedded antecedent ranker.
func loadAntecedents() (*learn.Model, error) {
	if len(antecedentWeights) == 0 {
		return nil, nil // not trained yet: the rules alone resolve pronouns
	}
	m, err := learn.Load(antecedentWeights)
	if err != nil {
		return nil, fmt.Errorf("load antecedent ranker: %w", err)
	}
	return m, nil
}

// AntecedentChoice is one pronoun speaker to resolve: the quote, the
// pronoun, and the entities it may refer to with their names and
// features. It is what cmd/train learns from.
type AntecedentChoice struct {
	// Quote is the quoted words and Pronoun the speaker's pronoun, byte
	// offsets into the body.
	Quote, Pronoun Span
	// Names holds each candidate entity's name and aliases.
	Names [][]string
	// Features holds each candidate's features.
	Features [][]learn.Feature
	// Rule is the candidate the rules pick, -1 when none.
	Rule int
}

// AntecedentChoices analyses an article as Extract does and returns its
// pronoun speakers to resolve, unresolved, for training.
func (x *Extractor) AntecedentChoices(ctx context.Context, a corpus.Article) ([]AntecedentChoice, error) {
	an, err := x.analyse(ctx, a, x.model.speakers, nil)
	if err != nil {
		return nil, err
	}
	d := an.doc
	var out []AntecedentChoice
	for qi, q := range d.quotes {
		mi := q.mention
		if mi < 0 || d.ments[mi].how != byPronoun || d.continuesParagraphs(qi) {
			continue
		}
		cands := d.antecedents(mi, nil)
		if len(cands) == 0 {
			continue
		}
		rule := d.resolveSpeaker(mi, nil)
		ch := AntecedentChoice{Quote: q.Span, Pronoun: d.ments[mi].Span, Rule: -1}
		for k, c := range cands {
			e := d.ents[c.ent]
			names := []string{e.name}
			for al := range e.aliases {
				names = append(names, al)
			}
			sort.Strings(names[1:])
			ch.Names = append(ch.Names, names)
			ch.Features = append(ch.Features, d.antecedentFeatures(mi, c, k, rule, nil))
			if c.ent == rule {
				ch.Rule = k
			}
		}
		out = append(out, ch)
	}
	return out, nil
}

// antecedent is a candidate referent of a pronoun: an entity and its
// nearest mention before the pronoun.
type antecedent struct {
	ent, ment int
	mentions  int // its mentions in the window
}

// maxAntecedentSents is how many sentences back a pronoun's referent is
// looked for.
const maxAntecedentSents = 8

// antecedents returns the entities (people and organisations) named in
// the sentences up to the pronoun mi, nearest first.
func (d *doc) antecedents(mi int, buf []antecedent) []antecedent {
	m := d.ments[mi]
	si := d.sentenceOf(m.Start)
	lo := d.sents[max(0, si-maxAntecedentSents)].Start
	buf = buf[:0]
	for k := mi - 1; k >= 0 && d.ments[k].Start >= lo; k-- {
		n := d.ments[k]
		if n.ent < 0 || n.how != byName {
			continue
		}
		if t := d.ents[n.ent].typ; t != Person && t != Organization {
			continue
		}
		found := false
		for i := range buf {
			if buf[i].ent == n.ent {
				buf[i].mentions++
				found = true
				break
			}
		}
		if !found && len(buf) < 16 {
			buf = append(buf, antecedent{ent: n.ent, ment: k, mentions: 1})
		}
	}
	return buf
}

// antecedentFeatures returns in buf the features of candidate c (the
// rank-th nearest) as the referent of pronoun mi; rule is the rules'
// referent.
func (d *doc) antecedentFeatures(mi int, c antecedent, rank, rule int, buf []learn.Feature) []learn.Feature {
	m := d.ments[mi]
	n := d.ments[c.ment]
	e := d.ents[c.ent]
	pron := m.word
	typ := string(e.typ)
	sd := d.sentenceOf(m.Start) - d.sentenceOf(n.Start)
	pd := d.sentPara[d.sentenceOf(m.Start)] - d.sentPara[d.sentenceOf(n.Start)]
	gender := d.genderOf(c.ent)
	agree := "?"
	if gender != "" {
		agree = fmt.Sprint(gender == pron)
	}
	// was it a speaker of a quote or statement shortly before?
	spoke, lastSpoke := 0, false
	at := -1
	for _, s := range d.speakers {
		if s.at < m.Start && s.at > at {
			at = s.at
			lastSpoke = s.ent == c.ent
		}
		if s.ent == c.ent && s.at < m.Start && s.at >= d.sents[max(0, d.sentenceOf(m.Start)-maxAntecedentSents)].Start {
			spoke++
		}
	}
	subj := d.subjectBefore(d.sents[d.sentenceOf(n.Start)].Start, n.End) == c.ment
	buf = append(buf, learn.F("bias"),
		learn.F("pt=").Str(pron).Str(typ),
		learn.F("rule=").Int(b2i(c.ent == rule)),
		learn.F("rule-pt=").Int(b2i(c.ent == rule)).Str(pron),
		learn.F("sd=").Int(bucket(sd)), learn.F("sd-pt=").Int(bucket(sd)).Str(pron).Str(typ),
		learn.F("pd=").Int(min(pd, 4)),
		learn.F("rank=").Int(min(rank, 6)), learn.F("rank-t=").Int(min(rank, 6)).Str(typ),
		learn.F("agree=").Str(agree).Str(pron),
		learn.F("spoke=").Int(bucket(spoke)), learn.F("lastspoke=").Int(b2i(lastSpoke)),
		learn.F("nm=").Int(bucket(c.mentions)), learn.F("nall=").Int(bucket(len(e.spans))),
		learn.F("subj=").Int(b2i(subj)).Int(bucket(sd)),
		learn.F("inq=").Int(b2i(n.inQuote || d.inQuote(n.Start))),
		learn.F("kind=").Str(e.kind).Str(pron))
	if n.title != "" {
		buf = append(buf, learn.F("title"))
	}
	return buf
}

// resolvePronoun resolves the pronoun speaker mention mi with the
// antecedent ranker, or the rules when it has no candidates: the entity
// and the probability that it is right.
func (d *doc) resolvePronoun(mi int, m *learn.Model, last map[EntityType]int) (int, float64) {
	rule := d.resolveSpeaker(mi, last)
	if m == nil {
		return rule, 1
	}
	if d.ments[mi].word == "he" || d.ments[mi].word == "she" || d.ments[mi].word == "person" {
		if d.salient(d.ments[mi].Start, Person) == unnamed {
			return -1, 1 // someone the article does not name
		}
	}
	cands := d.antecedents(mi, nil)
	if len(cands) == 0 {
		return rule, 1
	}
	scores := make([]float64, len(cands))
	var feats []learn.Feature
	var out []float32
	for k, c := range cands {
		feats = d.antecedentFeatures(mi, c, k, rule, feats[:0])
		out = m.Scores(feats, out)
		scores[k] = float64(out[0])
	}
	best, p := softmaxBest(scores, m.Scale())
	return cands[best].ent, p
}
