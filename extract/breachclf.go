package extract

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/learn"
	"github.com/newsgraph/newsgraph/internal/relit"
)

// The breach classifier tells a sentence that reports an actual breach
// (data accessed, stolen, leaked, exposed) from one about a vulnerability,
// a phishing campaign, breaches in general, a hypothetical or a warning.
// It is an averaged perceptron over the sentence's words, word pairs and
// cues of tense and modality, trained by `go run ./cmd/train breach` on
// CASIE articles whose id ends in 0–4 (see cmd/train/breach.go).

// Labels of the breach sentence classifier.
const (
	// BreachLabelNone is a sentence that tells of no actual breach.
	BreachLabelNone = "none"
	// BreachLabelActual is a sentence that tells of an actual breach.
	BreachLabelActual = "actual"
)

//go:embed breach.bin
var breachWeights []byte

//go:embed breachdoc.bin
var breachArticleWeights []byte

// loadBreachArticleModel reads the embedded article breach model.
func loadBreachArticleModel() (*learn.Model, error) {
	m, err := learn.Load(breachArticleWeights)
	if err != nil {
		return nil, fmt.Errorf("load article breach model: %w", err)
	}
	if l := m.Labels(); len(l) != 2 || l[0] != BreachLabelNone || l[1] != BreachLabelActual {
		return nil, fmt.Errorf("load article breach model: labels %v", l)
	}
	return m, nil
}

// loadBreachModel reads the embedded breach classifier.
func loadBreachModel() (*learn.Model, error) {
	m, err := learn.Load(breachWeights)
	if err != nil {
		return nil, fmt.Errorf("load breach classifier: %w", err)
	}
	if l := m.Labels(); len(l) < 2 || l[0] != BreachLabelNone || l[1] != BreachLabelActual {
		return nil, fmt.Errorf("load breach classifier: labels %v", l)
	}
	return m, nil
}

// BreachSentence is one sentence of an article with the features the
// breach classifier reads from it.
type BreachSentence struct {
	Span
	Features []learn.Feature
}

// BreachSentences splits body into sentences as Extract does and gives
// each the breach classifier's features; the training command uses it, so
// that training and extraction read sentences alike.
func BreachSentences(body string) []BreachSentence {
	d := newDoc(body, nil)
	out := make([]BreachSentence, len(d.sents))
	var buf []learn.Feature
	for si, s := range d.sents {
		buf = d.breachFeatures(si, buf[:0])
		out[si] = BreachSentence{Span: s, Features: append([]learn.Feature(nil), buf...)}
	}
	return out
}

// breachCue groups words whose presence says something of a sentence's
// realis: modality, hedges, negation, talk of breaches in general.
var breachCue = map[string]string{
	"could": "modal", "may": "modal", "might": "modal", "would": "modal", "can": "modal", "should": "modal",
	"will": "future", "if": "cond", "unless": "cond", "whether": "cond",
	"potential": "hedge", "potentially": "hedge", "possible": "hedge", "possibly": "hedge", "likely": "hedge",
	"allegedly": "claim", "alleged": "claim", "claimed": "claim", "claims": "claim", "reportedly": "claim",
	"not": "neg", "no": "neg", "never": "neg", "denied": "neg", "n't": "neg",
	"vulnerability": "vuln", "vulnerabilities": "vuln", "flaw": "vuln", "flaws": "vuln", "bug": "vuln",
	"patch": "vuln", "patched": "vuln", "exploit": "vuln", "cve": "vuln", "update": "vuln",
	"phishing": "phish", "scam": "phish", "spoofed": "phish", "lure": "phish",
	"ransom": "ransom", "encrypted": "ransom", "decrypt": "ransom", "bitcoin": "ransom",
	"stolen": "theft", "stole": "theft", "exfiltrated": "theft", "leaked": "theft", "exposed": "theft",
	"accessed": "theft", "compromised": "theft", "breached": "theft", "dumped": "theft",
	"was": "past", "were": "past", "had": "past", "has": "perf", "have": "perf", "been": "perf",
	"million": "count", "billion": "count", "records": "count", "accounts": "count", "customers": "people",
	"users": "people", "patients": "people", "employees": "people",
	"breaches": "general", "attacks": "general", "organizations": "general", "organisations": "general",
	"companies": "general", "businesses": "general", "often": "general", "every": "general",
}

// breachFeatures appends the features of sentence si to out.
func (d *doc) breachFeatures(si int, out []learn.Feature) []learn.Feature {
	s := d.sents[si]
	out = append(out, learn.F("bias"))
	pos := si
	if pos > 6 {
		pos = 6
	}
	out = append(out, learn.F("pos").Int(pos))
	prev := "<s>"
	nw := 0
	for i := d.tokenAt(s.Start); i < len(d.toks) && d.toks[i].Start < s.End; i++ {
		t := d.toks[i]
		if !t.word {
			if t.low == "?" {
				out = append(out, learn.F("question"))
			}
			continue
		}
		w := t.low
		if isDigits(w) {
			w = "<num>"
		}
		nw++
		out = append(out, learn.F("w").Str(w), learn.F("b").Str(prev).Str(w))
		if l := lemmaLite(w); l != w {
			out = append(out, learn.F("l").Str(l))
		}
		if c, ok := breachCue[w]; ok {
			out = append(out, learn.F("cue").Str(c))
			if nw <= 3 {
				out = append(out, learn.F("cue0").Str(c))
			}
		}
		if t.cap && nw > 1 {
			out = append(out, learn.F("cap"))
		}
		prev = w
	}
	out = append(out, learn.F("b").Str(prev).Str("</s>"))
	out = d.breachRuleFeatures(si, out)
	if si > 0 { // the sentence before: its cues
		p := d.sents[si-1]
		for i := d.tokenAt(p.Start); i < len(d.toks) && d.toks[i].Start < p.End; i++ {
			if c, ok := breachCue[d.toks[i].low]; ok {
				out = append(out, learn.F("pcue").Str(c))
			}
		}
	}
	n := nw / 10
	if n > 4 {
		n = 4
	}
	out = append(out, learn.F("len").Int(n))
	return out
}

// isDigits reports whether w is a number written in digits ("2017", "4,000", "1.5").
func isDigits(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// lemmaLite strips the commonest inflections: "stolen" stays, "accessed"
// → "access", "hackers" → "hacker", "leaking" → "leak".
func lemmaLite(w string) string {
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		return w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		return w[:len(w)-2]
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// breachProb returns the classifier's probability that sentence si tells
// of an actual breach, computed once per sentence.
func (d *doc) breachProb(si int) float64 { return d.breachProbs(si)[0] }

// breachProbs returns the probabilities that sentence si tells of an
// actual breach and of a ransom attack, computed once per sentence.
func (d *doc) breachProbs(si int) [2]float64 {
	if d.breach == nil {
		return [2]float64{1, 0}
	}
	if d.breachP == nil {
		d.breachP = make([][2]float64, len(d.sents))
		for i := range d.breachP {
			d.breachP[i][0] = -1
		}
	}
	if p := d.breachP[si]; p[0] >= 0 {
		return p
	}
	probs := d.breach.Probs(d.breachFeatures(si, nil), nil)
	p := [2]float64{probs[1], 0}
	if d.breachRansom > 0 {
		p[1] = probs[d.breachRansom]
	}
	d.breachP[si] = p
	return p
}

// SetBreachClassifier makes the extractor decide breaches with breach
// classifier m and article model article (labels as the embedded ones'),
// least belief belief and, in an article the article model believes tells
// of no breach, least belief sure (breachSure): the
// training command cross-validates the classifier and its belief with it
// on articles the weights have not seen.
func (x *Extractor) SetBreachClassifier(m, article *learn.Model, belief, sure float64) error {
	if l := m.Labels(); len(l) < 2 || l[0] != BreachLabelNone || l[1] != BreachLabelActual {
		return fmt.Errorf("breach classifier: labels %v", l)
	}
	if l := article.Labels(); len(l) != 2 || l[0] != BreachLabelNone || l[1] != BreachLabelActual {
		return fmt.Errorf("article breach model: labels %v", l)
	}
	x.breach, x.breachRansom, x.breachBelief, x.breachErr = m, max(0, m.Index("ransom")), belief, nil
	x.breachArticle, x.breachSure = article, sure
	return nil
}

// articleTellsOfBreach reports whether the article breach model believes
// the article tells of an actual breach, from the probabilities the
// sentence classifier gives each of its sentences; read once. With no
// model, every article may.
func (d *doc) articleTellsOfBreach() bool {
	if d.breach == nil || d.breachArticle == nil {
		return true
	}
	if d.breachArticleYes == 0 {
		probs := make([]float64, len(d.sents))
		for si := range d.sents {
			probs[si] = d.breachProb(si)
		}
		d.breachArticleYes = 1
		if l, _ := d.breachArticle.Best(articleFeatures(probs)); l == 1 {
			d.breachArticleYes = 2
		}
	}
	return d.breachArticleYes == 2
}

// portableRe names what is lost on a train or left in a car: a lost
// laptop is a breach; "stolen files" may be any theft of data.
var portableRe = relit.MustCompile(`\b(?:laptops?|notebooks?|memory sticks?|usb sticks?|briefcases?|bags?|papers|paperwork|folders?|discs?|disks?)\b`)

// breachBelief is the least probability of an actual breach that one
// sentence of a breach frame's evidence must have for the frame to stand.
const breachBelief = 0.1

// breachSure is the least probability of an actual breach that one
// sentence of a frame's evidence must have for the frame to stand in an
// article the article model believes tells of no breach.
const breachSure = 0.5

// believedFrames keeps the frames the classifier believes in: one of the
// sentences of their passage tells of an actual breach. A breach the rules
// name a mechanism for that the classifier was given few examples of (a
// lost device, data published by mistake, data deleted) stands on the
// rules; one whose passage names the data it exposed needs less belief,
// and a ransom attack counts towards it.
// topic is renumbered.
func (d *doc) believedFrames(frames []*breachFrame, topic []int) ([]*breachFrame, []int) {
	renum := make([]int, len(frames))
	var kept []*breachFrame
	art := len(frames) == 0 || d.articleTellsOfBreach()
	for k, f := range frames {
		best := 0.0
		switch f.cause {
		case causeLoss:
			if portableRe.MatchString(f.causeText) {
				best = 1 // a laptop or papers, not "stolen files"
			}
		case causeDataLoss:
			best = 1
		case causeDisclosure:
			if f.causeText != "" && (causeDisclosureRe.MatchString(f.causeText) || misdirectedRe.MatchString(f.causeText) || f.causeText == "Freedom of Information request") {
				best = 1 // "published by mistake", not only "was exposed"
			}
		}
		need := d.breachBelief
		if !art {
			need = d.breachSure // the article tells of no breach: only sure ones stand
		}
		taken := 0.0 // belief in data taken, in a breach or a ransom attack
		for _, s := range f.evidence {
			if best >= need {
				break
			}
			p := d.breachProbs(d.sentenceOf(s.Start))
			best, taken = max(best, p[0]), max(taken, p[0]+p[1])
		}
		for si, t := range topic {
			if best >= need {
				break
			}
			if t == k && d.rulesOf(si).may { // a sentence with no breach word tells of none
				p := d.breachProbs(si)
				best, taken = max(best, p[0]), max(taken, p[0]+p[1])
			}
		}
		renum[k] = -1
		if best >= need || taken >= need/4 && d.namesExposedData(f) {
			renum[k] = len(kept)
			kept = append(kept, f)
		}
	}
	for i, t := range topic {
		if t >= 0 {
			topic[i] = renum[t]
		}
	}
	return kept, topic
}

// breachRuleFeatures appends what the breach rules read in sentence si:
// its breach words, the cause they give, data exposed, counts, negation.
func (d *doc) breachRuleFeatures(si int, out []learn.Feature) []learn.Feature {
	r := d.rulesOf(si)
	if !r.may {
		return append(out, learn.F("rule").Str("none"))
	}
	text := d.body[d.sents[si].Start:d.sents[si].End]
	out = append(out, learn.F("rule.cause").Str(r.cause))
	if r.trigger {
		out = append(out, learn.F("rule").Str("trigger"))
	}
	if strongTrigger.MatchString(text) {
		out = append(out, learn.F("rule").Str("strong"))
	}
	if d.exposesIn(si) {
		out = append(out, learn.F("rule").Str("exposes"))
	}
	if len(d.categoriesIn(si)) > 0 {
		out = append(out, learn.F("rule").Str("category"))
	}
	if hasCountCue(text) && len(countsIn(text)) > 0 {
		out = append(out, learn.F("rule").Str("count"))
	}
	if negationRe.MatchString(text) {
		out = append(out, learn.F("rule").Str("negation"))
	}
	return out
}

// sentRules caches what the breach rules read in one sentence, for the
// rules and the classifier both.
type sentRules struct {
	done             bool
	may              bool   // a breach word may stand in it (mayTellOfBreach)
	cause, causeText string // classifyCause
	trigger          bool   // a breach trigger outside "breach of contract"
	exposes          int8   // exposesData: 0 unknown, 1 no, 2 yes
	cats             []categoryMatch
	catsDone         bool
}

// rulesOf returns the rules' reading of sentence si, reading it once.
func (d *doc) rulesOf(si int) *sentRules {
	if d.rules == nil {
		d.rules = make([]sentRules, len(d.sents))
	}
	r := &d.rules[si]
	if r.done {
		return r
	}
	r.done = true
	r.cause = causeUnknown
	if r.may = d.mayTellOfBreach(si); r.may {
		text := d.body[d.sents[si].Start:d.sents[si].End]
		r.cause, r.causeText = classifyCause(text)
		r.trigger = breachTrigger.MatchString(notDataBreach.ReplaceAllString(text, ""))
	}
	return r
}

// exposesIn reports exposesData of sentence si, read once.
func (d *doc) exposesIn(si int) bool {
	r := d.rulesOf(si)
	if r.exposes == 0 {
		r.exposes = 1
		if r.may && exposesData(d.body[d.sents[si].Start:d.sents[si].End]) {
			r.exposes = 2
		}
	}
	return r.exposes == 2
}

// categoriesIn returns findCategories of sentence si lower-cased, read once.
func (d *doc) categoriesIn(si int) []categoryMatch {
	r := d.rulesOf(si)
	if !r.catsDone {
		r.catsDone = true
		r.cats = findCategories(strings.ToLower(d.body[d.sents[si].Start:d.sents[si].End]))
	}
	return r.cats
}

// namesExposedData reports whether a frame's passage names what was
// exposed in the words of a breach report: two kinds of personal data, or
// one with a count of the people affected or published ("personal details
// were posted online").
func (d *doc) namesExposedData(f *breachFrame) bool {
	n := len(f.named)
	return n >= 2 || n >= 1 && (len(f.affected) > 0 || f.cause == causeDisclosure)
}

// BreachArticleFeatures gives the article breach model's features of an
// article whose sentences (BreachSentences) have probs as their
// probabilities of an actual breach.
func BreachArticleFeatures(probs []float64) []learn.Feature { return articleFeatures(probs) }

// articleFeatures gives the article breach model's features: how sure
// the sentence classifier is of the article's surest sentences (the
// first, second and third most probable, as thresholds passed), how many
// sentences it believes, and its belief in the lede.
func articleFeatures(probs []float64) []learn.Feature {
	out := []learn.Feature{learn.F("bias")}
	top := append([]float64(nil), probs...)
	sort.Sort(sort.Reverse(sort.Float64Slice(top)))
	for k := 0; k < 3; k++ {
		p := 0.0
		if k < len(top) {
			p = top[k]
		}
		for _, t := range breachSteps {
			if p >= t {
				out = append(out, learn.F("top").Int(k).Int(int(t*100)))
			}
		}
	}
	n := 0
	for _, p := range probs {
		if p >= 0.5 {
			n++
		}
	}
	out = append(out, learn.F("n").Int(min(n, 4)))
	for i := 0; i < 2 && i < len(probs); i++ {
		for _, t := range breachSteps {
			if probs[i] >= t {
				out = append(out, learn.F("lede").Int(i).Int(int(t*100)))
			}
		}
	}
	return out
}

// breachSteps are the thresholds articleFeatures reads probabilities at.
var breachSteps = []float64{0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}

// articleFrame gives an article the breach the article breach model
// believes it tells of when the rules found none to keep (the victim is
// a name the rules do not read as one, the breach is told in words they
// do not know): the victim is the article's main victim, the evidence the
// sentences the classifier believes. frames and topic are returned as
// they came when there is a frame already or no one to be the victim.
func (d *doc) articleFrame(frames []*breachFrame, topic []int, published time.Time) ([]*breachFrame, []int) {
	if len(frames) > 0 || d.breach == nil || d.breachArticle == nil {
		return frames, topic
	}
	may := false
	for si := range d.sents {
		may = may || d.rulesOf(si).may
	}
	if !may || !d.articleTellsOfBreach() {
		return frames, topic
	}
	v := d.mainVictim()
	if v < 0 {
		v = d.mostNamedOrganisation()
	}
	if v < 0 {
		return frames, topic
	}
	var ev []int
	bestSi, best := -1, 0.0
	for si := range d.sents {
		if !d.rulesOf(si).may {
			continue
		}
		p := d.breachProb(si)
		if p >= articleEvidence {
			ev = append(ev, si)
		}
		if p > best {
			bestSi, best = si, p
		}
	}
	if len(ev) == 0 {
		ev = []int{bestSi}
	}
	k := d.frameFor(&frames, v, d.rulesOf(ev[0]).cause, ev[0])
	f := frames[k]
	f.causeText = d.rulesOf(ev[0]).causeText
	for _, si := range ev {
		s := d.sents[si]
		topic[si] = k
		f.evidence = append(f.evidence, s)
		d.readFacts(f, s)
		d.readDates(f, si, 1, published)
	}
	return frames, topic
}

// articleEvidence is the least probability of an actual breach that makes
// a sentence evidence of the breach articleFrame gives an article.
const articleEvidence = 0.5

// mostNamedOrganisation returns the organisation the article names most
// often (its headline counting thrice) that is not the attacker where it
// is named, or -1.
func (d *doc) mostNamedOrganisation() int {
	n := map[int]int{}
	for mi, m := range d.ments {
		if m.ent < 0 || d.ents[m.ent].typ != Organization || !victimKind(d.ents[m.ent].kind) || d.nameAsModifier(m.Span) {
			continue
		}
		if d.breachRoleOf(mi, d.sents[d.sentenceOf(m.Start)]) == roleAttacker {
			n[m.ent] -= 100
			continue
		}
		n[m.ent]++
	}
	best, bestN := -1, 0
	for e, c := range n {
		if d.inHeadline(e) {
			c += 3
		}
		if c > bestN || c == bestN && best >= 0 && e < best {
			best, bestN = e, c
		}
	}
	return best
}
