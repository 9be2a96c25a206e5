package extract

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/internal/fastprose"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// ErrEmptyArticle is returned for an article with no body text.
var ErrEmptyArticle = errors.New("extract: empty article")

// Default bounds on the work one article may cost (Config.MaxBodyBytes,
// Config.Timeout). Real news articles are a few to a few hundred
// kilobytes and take milliseconds.
const (
	DefaultMaxBodyBytes = 1 << 20
	DefaultTimeout      = 10 * time.Second
)

// LimitError is returned for an article that is over one of the bounds
// of Config: its body is larger than MaxBodyBytes, or its analysis took
// longer than Timeout. The article is not analysed (nothing of it is
// returned); other articles are not affected.
type LimitError struct {
	// Limit is "size" or "time".
	Limit string
	// Size is the body's size in bytes and Max the bound (size); Timeout
	// the time bound (time).
	Size, Max int
	Timeout   time.Duration
}

func (e *LimitError) Error() string {
	if e.Limit == "size" {
		return fmt.Sprintf("extract: the article's text is %s, over the %s limit of what is analysed", byteSize(e.Size), byteSize(e.Max))
	}
	return fmt.Sprintf("extract: analysing the article took over %s, its time limit", e.Timeout)
}

// byteSize writes n bytes for people: "50.0 MB", "1 MiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Model holds the part-of-speech tagger and entity recogniser: prose's
// models (github.com/jdkato/prose/v2), run by a fast implementation that
// gives the same tags and labels. Build it once per process with NewModel
// and share it: it is safe for concurrent use.
type Model struct {
	ready chan struct{} // closed once fp and err are set
	fp    *fastprose.Model
	// speakers is the attribution ranker (attribution.go)
	speakers *learn.Model
	// antecedents is the pronoun resolver of speakers (pronouns.go)
	antecedents *learn.Model
	// names is the name tagger (nametagger.go)
	names *learn.Model
	// victims is the victim ranker (victimrank.go)
	victims *learn.Model
	// reported is the reported-speech classifier (reported.go)
	reported *learn.Model
	err      error
}

// NewModel builds the model. It takes about half a second. An error in
// building it is kept and reported by Err and by every Extract.
func NewModel() *Model {
	m := StartModel()
	<-m.ready
	return m
}

// StartModel returns the model while it is built on a goroutine of its
// own: for a program that has other work to do first (load reads every
// article before it extracts one). Err and every Extract wait for it.
func StartModel() *Model {
	m := &Model{ready: make(chan struct{})}
	go func() {
		defer close(m.ready)
		m.fp, m.err = fastprose.Load()
		if m.err == nil {
			m.speakers, m.err = loadSpeakers()
		}
		if m.err == nil {
			m.antecedents, m.err = loadAntecedents()
		}
		if m.err == nil {
			m.names, m.err = loadNames()
		}
		if m.err == nil {
			m.victims, m.err = loadVictims()
		}
		if m.err == nil {
			m.reported, m.err = loadReported()
		}
	}()
	return m
}

// Err reports whether the model failed to build, once it is built.
func (m *Model) Err() error {
	<-m.ready
	return m.err
}

// Config configures an Extractor.
type Config struct {
	// Model is the tagger model, built once per process with NewModel and
	// shared by every Extractor. Nil means New builds one.
	Model *Model
	// Logger receives debug logs; nil discards them.
	Logger *slog.Logger
	// MaxBodyBytes is the largest body analysed (0: DefaultMaxBodyBytes,
	// -1: no bound). A larger article gets a *LimitError.
	MaxBodyBytes int
	// Timeout bounds the analysis of one article (0: DefaultTimeout, -1:
	// no bound). An article that takes longer gets a *LimitError.
	Timeout time.Duration
}

// Extractor finds entities, quotes and events in articles. It is safe for
// concurrent use.
type Extractor struct {
	model   *Model
	logger  *slog.Logger
	orgs    *orgIndex
	maxBody int
	timeout time.Duration
	// breach is the breach sentence classifier; breachErr why it did not load
	breach       *learn.Model
	breachRansom int
	breachErr    error
	breachBelief float64 // the least belief a breach needs (breachBelief)
	breachSure   float64 // the least in an article of no breach (breachSure)
	// breachArticle is the article breach model (articleTellsOfBreach)
	breachArticle *learn.Model
}

// New returns an Extractor.
func New(cfg Config) *Extractor {
	m := cfg.Model
	if m == nil {
		m = NewModel()
	}
	l := cfg.Logger
	if l == nil {
		l = slog.New(slog.DiscardHandler)
	}
	bm, err := loadBreachModel()
	x := &Extractor{model: m, logger: l, orgs: newOrgIndex(), maxBody: cfg.MaxBodyBytes, timeout: cfg.Timeout,
		breach: bm, breachErr: err, breachBelief: breachBelief, breachSure: breachSure}
	if bm != nil {
		x.breachRansom = max(0, bm.Index("ransom"))
		if x.breachArticle, err = loadBreachArticleModel(); err != nil {
			x.breach, x.breachErr = nil, err
		}
	}
	if x.maxBody == 0 {
		x.maxBody = DefaultMaxBodyBytes
	}
	if x.timeout == 0 {
		x.timeout = DefaultTimeout
	}
	return x
}

// Model returns the extractor's model, to share with other extractors.
func (x *Extractor) Model() *Model { return x.model }

// Extract analyses one article: its people, organisations and places, who
// said what (quoted and reported speech), and the data breaches it tells of.
func (x *Extractor) Extract(ctx context.Context, a corpus.Article) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if strings.TrimSpace(a.Body) == "" {
		return Result{ArticleID: a.ID}, ErrEmptyArticle
	}
	if x.maxBody > 0 && len(a.Body) > x.maxBody {
		return Result{ArticleID: a.ID}, &LimitError{Limit: "size", Size: len(a.Body), Max: x.maxBody}
	}
	if err := x.model.Err(); err != nil {
		return Result{}, err
	}
	an, err := x.analyse(ctx, a, x.model.speakers, x.model.antecedents)
	if err != nil {
		return Result{}, err
	}
	d, indirect, frames, topic := an.doc, an.indirect, an.frames, an.topic
	d.rerankVictims(frames, x.model.victims)
	r := Result{ArticleID: a.ID}
	frameKey := make([]string, len(frames))
	for i, f := range frames {
		ev := d.eventOf(f)
		frameKey[i] = ev.Key
		r.Events = append(r.Events, ev)
	}
	for _, q := range d.quotes {
		if q.speaker < 0 && (q.mention < 0 || d.ments[q.mention].how == byPronoun) {
			continue // no speaker, or a pronoun we could not resolve
		}
		si := d.sentenceOf(q.Start)
		out := Quote{Text: d.body[q.Start:q.End], Kind: d.quoteKind(q),
			Event: d.eventFor(frames, frameKey, topic, si, q.speaker),
			Span:  q.Span, Sentence: d.sents[si], Confidence: q.conf}
		if q.speaker >= 0 {
			out.Speaker = d.ents[q.speaker].key
		} else {
			out.Confidence = 0
		}
		if q.mention >= 0 {
			m := d.ments[q.mention]
			out.SpeakerMention = &Mention{Text: d.body[m.Start:m.End], Span: m.Span}
			out.Cue = d.cueOf(q.mention)
		}
		r.Quotes = append(r.Quotes, out)
	}
	for _, q := range indirect {
		si := d.sentenceOf(q.Span.Start)
		q.Event = d.eventFor(frames, frameKey, topic, si, d.byKey[q.Speaker])
		r.Quotes = append(r.Quotes, q)
	}
	sort.SliceStable(r.Quotes, func(i, j int) bool { return r.Quotes[i].Span.Start < r.Quotes[j].Span.Start })
	r.Entities = d.entities()
	return r, nil
}

// analysis is one article's analysis, before it is turned into a Result.
type analysis struct {
	doc      *doc
	indirect []Quote
	frames   []*breachFrame
	topic    []int
}

// analyse runs the stages of Extract on a; the attribution ranker
// speakers, when not nil, chooses the quotes' speakers, and antecedents,
// when not nil, resolves their pronouns, and with them the reported-speech
// classifier finds reported speech (the trainers want the views without
// the model they train).
func (x *Extractor) analyse(ctx context.Context, a corpus.Article, speakers, antecedents *learn.Model) (analysis, error) {
	if err := ctx.Err(); err != nil {
		return analysis{}, err
	}
	if strings.TrimSpace(a.Body) == "" {
		return analysis{}, ErrEmptyArticle
	}
	if x.maxBody > 0 && len(a.Body) > x.maxBody {
		return analysis{}, &LimitError{Limit: "size", Size: len(a.Body), Max: x.maxBody}
	}
	if err := x.model.Err(); err != nil {
		return analysis{}, err
	}
	if x.breachErr != nil {
		return analysis{}, x.breachErr
	}
	// Offsets into the body are the spans we report, so the body is made
	// valid UTF-8 without changing its length.
	a.Body = sameLengthUTF8(a.Body)
	start := time.Now()
	// check reports ctx's end or the article's time running out.
	check := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if x.timeout > 0 && time.Since(start) > x.timeout {
			return &LimitError{Limit: "time", Timeout: x.timeout}
		}
		return nil
	}
	// stage runs the stages in order, checking before each.
	var err error
	stage := func(f func()) {
		if err == nil {
			if err = check(); err == nil {
				f()
			}
		}
	}
	d := newDoc(a.Body, x.orgs)
	d.headline = lowerKeep(a.Title)
	d.breach, d.breachRansom, d.breachBelief, d.breachArticle = x.breach, x.breachRansom, x.breachBelief, x.breachArticle
	d.breachSure = x.breachSure
	stage(func() { err = x.tagNames(d) })
	if x.model.names != nil {
		stage(func() { d.tagNameSpans(x.model.names) })
	}
	stage(d.findEntities)
	stage(d.findAppositiveRoles)
	stage(d.attribute)
	var indirect []Quote
	reported := x.model.reported
	if speakers == nil {
		reported = nil // a trainer's view: the rules alone
	}
	stage(func() { indirect = d.reportedSpeech(reported) })
	stage(d.attribute) // again, now that reported speech has named more speakers
	if speakers != nil {
		stage(func() { d.rankSpeakers(speakers, antecedents) })
	}
	stage(d.inferTitleOrgs)
	var frames []*breachFrame
	var topic []int
	stage(func() { frames, topic = d.findEvents(a.Published) })
	if err == nil {
		err = check()
	}
	if err != nil {
		return analysis{}, err
	}
	return analysis{d, indirect, frames, topic}, nil
}

// eventFor picks the breach a statement in sentence si by speaker is
// about: the breach the passage is about, unless the speaker is itself a
// breach victim, whose own latest breach then wins.
func (d *doc) eventFor(frames []*breachFrame, keys []string, topic []int, si, speaker int) string {
	if len(frames) == 0 {
		return ""
	}
	t := topic[si]
	if speaker >= 0 && (t < 0 || frames[t].victim != speaker) {
		for k := len(frames) - 1; k >= 0; k-- {
			if frames[k].victim == speaker && (len(frames[k].evidence) == 0 || frames[k].evidence[0].Start <= d.sents[si].End) {
				return keys[k]
			}
		}
	}
	if t < 0 {
		t = 0
	}
	return keys[t]
}

// tagNames runs the tagger and entity recogniser, keeping the names it
// labels as people as evidence for our own rules.
func (x *Extractor) tagNames(d *doc) error {
	pd := x.model.fp.Analyze(d.body)
	for _, e := range pd.Entities {
		if e.Label == "PERSON" {
			d.proseNames[d.body[e.Start:e.End]] = true
		}
	}
	// prose's tags and labels for our tokens, matched by where they start
	d.posTags = make([]string, len(d.toks))
	d.proseLabels = make([]string, len(d.toks))
	d.lowerWords, d.capWords = map[string]bool{}, map[string]int{}
	k := 0
	for i, t := range d.toks {
		for k < len(pd.Tokens) && pd.Tokens[k].Start < t.Start {
			k++
		}
		d.proseLabels[i] = "O"
		if k < len(pd.Tokens) && pd.Tokens[k].Start == t.Start {
			d.posTags[i], d.proseLabels[i] = pd.Tokens[k].Tag, pd.Tokens[k].Label
		}
		if t.word && !t.cap {
			d.lowerWords[t.low] = true
		}
		if t.cap && i > 0 && d.toks[i-1].sent == t.sent && d.toks[i-1].word {
			d.capWords[t.text]++
		}
	}
	return nil
}

// entities turns the article's entities into Entity values.
func (d *doc) entities() []Entity {
	out := make([]Entity, 0, len(d.ents))
	for _, e := range d.ents {
		if len(e.spans) == 0 {
			continue
		}
		en := Entity{Key: e.key, Name: e.name, Type: e.typ, Kind: e.kind, Roles: e.roles, Mentions: e.spans}
		if en.Type != Organization {
			en.Kind = ""
		}
		if en.Type == Organization && en.Kind == "" {
			en.Kind = KindOrganization
		}
		named := e.typ == Organization && e.kind == KindSupplier && !strings.HasSuffix(e.key, "/supplier")
		for a := range e.aliases {
			// a named supplier is not also called "supplier" or "contractor":
			// common nouns would merge it with other organisations' suppliers
			if a != e.name && !(named && strings.ToLower(a) == a) {
				en.Aliases = append(en.Aliases, a)
			}
		}
		sort.Strings(en.Aliases)
		if e.client >= 0 {
			en.Client = d.ents[e.client].key
		}
		sort.Slice(en.Mentions, func(i, j int) bool { return en.Mentions[i].Start < en.Mentions[j].Start })
		out = append(out, en)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
