package extract

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// The reported-speech classifier: every sentence without quote marks that
// holds a cue of speech ("said", "told", "confirmed", "warned", "according
// to", ...) and a mention that can be its speaker (the cue's subject, the
// name after an inverted "said", the speaker of a closing ", X said") is
// a candidate. A logistic-like averaged perceptron trained on PolNeAR's
// source–cue–content links (go run ./cmd/train reported) scores whether
// the sentence reports what that speaker said. The rules of
// ruleReported stay: the model only vetoes a rule's find it is sure of
// being wrong and adds candidates the rules miss.

//go:embed reported.bin
var reportedWeights []byte

// the classifier's labels and the probabilities that veto a rule's find
// and that add a sentence the rules missed
const (
	reportedYes = 1
	// ReportedVeto is the probability under which a rule's find is dropped.
	ReportedVeto = 0.3
	// ReportedAdd is the probability from which a sentence the rules
	// missed is added.
	ReportedAdd = 0.6
)

// ReportedLabels are the labels of the reported-speech classifier.
var ReportedLabels = []string{"no", "yes"}

// loadReported reads the embedded reported-speech classifier.
func loadReported() (*learn.Model, error) {
	if len(reportedWeights) == 0 {
		return nil, nil // not trained yet: the rules alone find reported speech
	}
	m, err := learn.Load(reportedWeights)
	if err != nil {
		return nil, fmt.Errorf("load reported-speech classifier: %w", err)
	}
	return m, nil
}

// cueWords are the words that may report speech in a sentence, for the
// classifier: every verb the rules know and the common reporting verbs of
// news ("revealed", "announced", "warned", "praised", "criticized").
var cueWords = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range strings.Fields(`say tell add state argue claim announce write explain note report insist
	assert declare warn suggest acknowledge admit reply respond answer remark mention comment tweet post testify
	confirm deny allege contend maintain reiterate repeat emphasize emphasise stress predict promise vow pledge
	urge ask complain concede recall reveal disclose indicate observe describe call boast charge counter quip
	joke recount accuse criticize criticise praise blast slam lament caution estimate agree concur proclaim
	retort speak shout yell`) {
		stem := strings.TrimSuffix(v, "e")
		m[v+"s"], m[v+"ed"], m[v+"d"], m[stem+"ing"] = true, true, true, true
		if strings.HasSuffix(v, "y") {
			m[v[:len(v)-1]+"ied"], m[v[:len(v)-1]+"ies"] = true, true
		}
	}
	for _, w := range strings.Fields(`said saying told telling wrote writing spoke slammed slamming admitted
	admitting tweeted tweeting vowed replied denied`) {
		m[w] = true
	}
	for _, set := range []map[string]bool{speechVerbs, indirectVerbs, reportVerbs, trailingVerbs} {
		for w := range set {
			m[w] = true
		}
	}
	// "pointed out" is a cue, "pointed to" none
	for _, w := range strings.Fields(`point points pointed pointing`) {
		delete(m, w)
	}
	return m
}()

// orgCues report an organisation's words besides reportVerbs.
var orgCues = setOf(`according confirmed confirms revealed reveals`)

// reportedCand is one sentence the classifier decides on.
type reportedCand struct {
	mention int // the speaker mention
	feats   []learn.Feature
}

// ReportedChoice is one classifier decision as cmd/train sees it: a
// sentence, the speaker mention it would be given and its features.
type ReportedChoice struct {
	Sentence, Mention, Cue Span
	Features               []learn.Feature
	// Rule says whether the rules find the sentence reported speech.
	Rule bool
}

// ReportedChoices analyses an article as Extract does and returns its
// reported-speech decisions, for training the classifier.
func (x *Extractor) ReportedChoices(ctx context.Context, a corpus.Article) ([]ReportedChoice, error) {
	an, err := x.analyse(ctx, a, nil, nil)
	if err != nil {
		return nil, err
	}
	d := an.doc
	var out []ReportedChoice
	for si, s := range d.sents {
		if d.isHeading(d.sentPara[si]) || d.hasQuoteMarks(s) {
			continue
		}
		mi := d.ruleReported(s, false)
		c, ok := d.reportedCandidate(si, mi)
		if !ok {
			continue
		}
		v, _ := d.reportedCue(s)
		out = append(out, ReportedChoice{Sentence: s, Mention: d.ments[c.mention].Span, Cue: v.Span, Features: c.feats, Rule: mi >= 0})
	}
	return out, nil
}

// reportedCue finds the first cue word in sentence s that is not blocked
// (negated, passive, a noun), or "according".
func (d *doc) reportedCue(s Span) (word, bool) {
	ws := d.wordsIn(s.Start, s.End)
	for i, w := range ws {
		if w.low == "according" && i+1 < len(ws) && ws[i+1].low == "to" {
			return w, true
		}
		if cueWords[w.low] && !speechBlocked(ws, i) {
			return w, true
		}
	}
	return word{}, false
}

// usableSpeaker reports whether mention mi can name a speaker.
func (d *doc) usableSpeaker(mi int) bool {
	if mi < 0 {
		return false
	}
	m := d.ments[mi]
	if m.inQuote || m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place) {
		return false
	}
	return !(m.how == byPronoun && m.word == "they")
}

// reportedSpeaker finds the speaker mention of the speech cue v in
// sentence s when the rules found none, and how: the closing
// attribution after the last comma or quote mark before the sentence's
// last cue ("”…,” Mr. Smith said."), the cue's subject, the name after
// an inverted cue ("said Smith"), or "according to X".
func (d *doc) reportedSpeaker(s Span, v word) (int, string) {
	ws := d.wordsIn(s.Start, s.End)
	// the last cue word and the mark before it
	last := -1
	for i := len(ws) - 1; i >= 0; i-- {
		if cueWords[ws[i].low] && !speechBlocked(ws, i) {
			last = i
			break
		}
	}
	if last >= 0 {
		lv := ws[last]
		from := -1
		for k := d.tokenAt(lv.Start) - 1; k >= 0 && d.toks[k].Start >= s.Start; k-- {
			if t := d.toks[k]; !t.word && (t.low == "," || strings.Contains(t.text, "'")) {
				from = t.End
				break
			}
		}
		if from >= 0 && d.wordsAfter(from, lv.Start) <= 6 {
			if mi := d.attributionAfter(from, s.End); d.usableSpeaker(mi) {
				return mi, "close"
			}
		}
	}
	if v.low == "according" {
		if mi := d.accordingTo(s.Start, s.End); d.usableSpeaker(mi) {
			return mi, "acc"
		}
		return -1, ""
	}
	// the subject, after any closing quote mark before the verb
	from := s.Start
	for k := d.tokenAt(v.Start) - 1; k >= 0 && d.toks[k].Start >= s.Start; k-- {
		if strings.Contains(d.toks[k].text, "''") {
			from = d.toks[k].End
			break
		}
	}
	if mi := d.subjectBefore(from, v.Start); d.usableSpeaker(mi) && d.wordsAfter(d.ments[mi].End, v.Start) <= 12 {
		return mi, "subj"
	}
	if !objectVerbs[v.low] {
		if mi := d.mentionAfter(v.End, s.End); d.usableSpeaker(mi) {
			return mi, "inv"
		}
	}
	return -1, ""
}

// reportedCandidate returns sentence si as a candidate of the classifier,
// with ruleMention the rules' speaker mention (-1 for none): ok is false
// when it holds no cue or no speaker.
func (d *doc) reportedCandidate(si, ruleMention int) (reportedCand, bool) {
	s := d.sents[si]
	v, ok := d.reportedCue(s)
	if !ok {
		if ruleMention < 0 {
			return reportedCand{}, false
		}
		v = word{Span{d.ments[ruleMention].End, d.ments[ruleMention].End}, ""}
	}
	mi, how := ruleMention, "rule"
	if mi < 0 {
		mi, how = d.reportedSpeaker(s, v)
		if mi < 0 {
			return reportedCand{}, false
		}
		// an organisation that "disclosed", "announced", "reported" or
		// "admitted" something more often made a fact known than spoke:
		// the model adds an organisation's words only after a verb of
		// saying
		if e := d.ments[mi].ent; e >= 0 && d.ents[e].typ == Organization && !reportVerbs[v.low] && !orgCues[v.low] {
			return reportedCand{}, false
		}
	}
	return reportedCand{mention: mi, feats: d.reportedFeatures(si, v, mi, how)}, true
}

// reportedFeatures are the classifier's features of sentence si with cue
// v and speaker mention mi found by how.
func (d *doc) reportedFeatures(si int, v word, mi int, how string) []learn.Feature {
	s := d.sents[si]
	ws := d.wordsIn(s.Start, s.End)
	vi := -1
	for i, w := range ws {
		if w.Start == v.Start {
			vi = i
			break
		}
	}
	cls := func(i int) string {
		if i < 0 {
			return "^"
		}
		if i >= len(ws) {
			return "$"
		}
		w := ws[i]
		if cueWords[w.low] || hedges[w.low] || subjectPronouns[w.low] || clauseAux[w.low] || nounMarkers[w.low] || len(w.low) <= 3 {
			return w.low
		}
		if r := d.body[w.Start]; r >= 'A' && r <= 'Z' {
			return "Cap"
		}
		return "w"
	}
	pos := func(off int) string {
		k := d.tokenAt(off)
		if k < len(d.toks) && k < len(d.posTags) && d.toks[k].Start == off {
			return d.posTags[k]
		}
		return "?"
	}
	var fs []learn.Feature
	add := func(f learn.Feature) { fs = append(fs, f) }
	cue := v.low
	add(learn.F("bias"))
	add(learn.F("cue=").Str(cue))
	add(learn.F("how=").Str(how))
	add(learn.F("how-cue=").Str(how).Str(cue))
	if vi >= 0 {
		add(learn.F("cue-next=").Str(cue).Str(cls(vi + 1)))
		add(learn.F("next=").Str(cls(vi + 1)))
		add(learn.F("next2=").Str(cls(vi + 1)).Str(cls(vi + 2)))
		add(learn.F("cue-prev=").Str(cue).Str(cls(vi - 1)))
		add(learn.F("prev=").Str(cls(vi - 1)))
		add(learn.F("prev2=").Str(cls(vi - 2)).Str(cls(vi - 1)))
		add(learn.F("cuepos=").Int(bucket(vi)))
		add(learn.F("after=").Int(bucket(len(ws) - vi - 1)))
		add(learn.F("cue-after=").Str(cue).Int(bucket(len(ws) - vi - 1)))
		add(learn.F("pos=").Str(pos(v.Start)))
		add(learn.F("pos-cue=").Str(pos(v.Start)).Str(cue))
		if vi+1 < len(ws) {
			add(learn.F("pos-next=").Str(pos(v.Start)).Str(pos(ws[vi+1].Start)))
		}
		if vi > 0 {
			add(learn.F("pos-prev=").Str(pos(ws[vi-1].Start)).Str(pos(v.Start)))
		}
	} else {
		add(learn.F("nocue"))
	}
	add(learn.F("len=").Int(bucket(len(ws))))
	// the speaker mention
	m := d.ments[mi]
	kind := "name"
	switch m.how {
	case byPronoun:
		kind = "pron:" + m.word
	case byDescription:
		kind = "desc"
	}
	typ := "none"
	if m.ent >= 0 {
		typ = string(d.ents[m.ent].typ) + ":" + d.ents[m.ent].kind
	}
	add(learn.F("spk=").Str(kind))
	add(learn.F("spk-typ=").Str(kind).Str(typ))
	add(learn.F("spk-cue=").Str(kind).Str(cue))
	if m.how == byDescription {
		add(learn.F("desc=").Str(m.word))
	}
	if m.title != "" {
		add(learn.F("titled"))
	}
	dir, gap := "b", 0
	if m.Start >= v.End {
		dir, gap = "a", d.wordsAfter(v.End, m.Start)
	} else {
		gap = d.wordsAfter(m.End, v.Start)
	}
	add(learn.F("dir=").Str(dir).Int(bucket(gap)))
	add(learn.F("dir-how=").Str(dir).Str(how).Int(bucket(gap)))
	add(learn.F("spkpos=").Int(bucket(d.wordsAfter(s.Start, m.Start))))
	// quote marks the tokeniser leaves as apostrophes ('' … '')
	apos := strings.Count(d.body[s.Start:s.End], "''")
	add(learn.F("apos=").Int(min(apos, 3)))
	add(learn.F("apos-how=").Int(min(apos, 3)).Str(how))
	if strings.HasPrefix(d.body[s.Start:s.End], "''") {
		add(learn.F("apos-open"))
	}
	// the shape of the sentence: a question, a title-cased headline, a
	// paragraph's first sentence
	text := strings.TrimRight(d.body[s.Start:s.End], " '\"”’")
	add(learn.F("end=").Str(text[len(text)-1:]))
	caps := 0
	for _, w := range ws {
		if r := d.body[w.Start]; r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	capShare := caps * 10 / max(1, len(ws))
	add(learn.F("caps=").Int(capShare))
	first := si == 0 || d.sentPara[si-1] != d.sentPara[si]
	add(learn.F("first=").Int(b2i(first)).Int(capShare / 3))
	add(learn.F("para0=").Int(b2i(d.sentPara[si] == 0)).Int(capShare / 3))
	// other cues and markers in the sentence
	cues, cond := 0, ""
	for i, w := range ws {
		if cueWords[w.low] {
			cues++
		}
		if i < vi || vi < 0 {
			switch w.low {
			case "if", "whether", "when", "because", "after", "before", "while", "who", "which", "what", "how", "why":
				cond = w.low
			}
		}
	}
	add(learn.F("cues=").Int(min(cues, 4)))
	add(learn.F("cond=").Str(cond))
	if d.accordingTo(s.Start, s.End) >= 0 {
		add(learn.F("according"))
	}
	// the words that open the sentence
	if len(ws) > 0 {
		add(learn.F("w0=").Str(cls(0)))
		add(learn.F("w01=").Str(cls(0)).Str(cls(1)))
	}
	return fs
}
