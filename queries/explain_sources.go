package queries

import (
	"context"
	"fmt"
	"hash/maphash"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Provenance: which articles, and which outlets, state a fact. Every fact
// is a quad labelled with the article (version) that states it, so the
// articles of a fact are the labels of its quads; the outlet of an article
// is its publisher. These readers walk the quads of the nodes concerned
// with cayley's iterators rather than Gizmo: Gizmo paths do not expose the
// labels of the quads they follow.

// ArticleInfo is a source article's metadata.
type ArticleInfo struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Publisher is the outlet's name, PublisherID its entity id ("" when
	// the store holds the name as a string, or no publisher).
	Publisher   string `json:"publisher"`
	PublisherID string `json:"publisher_id"`
	Author      string `json:"author"`
	// Published is RFC 3339, "" when unknown.
	Published string `json:"published"`
	URL       string `json:"url"`
}

// outlet returns the key under which the article's outlet is counted: its
// publisher, else the host of its URL, else the article itself.
func (a ArticleInfo) outlet() string {
	switch {
	case a.PublisherID != "":
		return "p:" + a.PublisherID
	case a.Publisher != "":
		return "p:" + graph.PublisherKey(a.Publisher)
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return "h:" + strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return "a:" + a.ID
}

// outletName returns the name shown for the article's outlet: its
// publisher, else its URL's host, else "".
func (a ArticleInfo) outletName() string {
	if a.Publisher != "" {
		return a.Publisher
	}
	if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

// Articles returns the metadata of every article in the store, sorted by
// id.
func Articles(ctx context.Context, s *graph.Store) ([]ArticleInfo, error) {
	ix, err := readArticles(ctx, s)
	if err != nil {
		return nil, err
	}
	out := make([]ArticleInfo, 0, len(ix.arts))
	for _, a := range ix.arts {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b ArticleInfo) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// sourceIndex knows the store's articles and counts sources. It is not
// changed once readArticles has made it, so goroutines share it.
type sourceIndex struct {
	arts map[string]ArticleInfo
	// outlets holds the outlet key (see ArticleInfo.outlet) of each
	// article of arts: counting sources needs it for every article of
	// every row.
	outlets map[string]string
}

// info returns what is known of an article; an article the store does
// not describe is known by its id only.
func (ix *sourceIndex) info(id string) ArticleInfo {
	if a, ok := ix.arts[id]; ok {
		return a
	}
	return ArticleInfo{ID: id}
}

// count returns the number of distinct articles and outlets among ids.
func (ix *sourceIndex) count(ids []string) (sources, publishers int) {
	arts := make(map[string]bool, len(ids))
	outlets := map[string]bool{}
	for _, id := range ids {
		if id == "" || arts[id] {
			continue
		}
		arts[id] = true
		o, ok := ix.outlets[id]
		if !ok {
			o = ix.info(id).outlet()
		}
		outlets[o] = true
	}
	return len(arts), len(outlets)
}

// publisherNames returns the sorted distinct outlet names of the articles.
func (ix *sourceIndex) publisherNames(ids []string) []string {
	var out []string
	for _, id := range ids {
		if n := ix.info(id).outletName(); n != "" {
			out = append(out, n)
		}
	}
	return sorted(out)
}

// readArticles reads the metadata of every article node: the articles
// from the object index (their type), then each article's own quads from
// the subject index. (Reading a predicate's quads instead scans the whole
// store on cayley's key-value backends, which index quads by subject and
// by object only.)
//
// Under Warm, the three answers share one index (see withArticles).
func readArticles(ctx context.Context, s *graph.Store) (*sourceIndex, error) {
	if c, ok := ctx.Value(articlesKey{}).(*articlesCache); ok {
		c.once.Do(func() { c.ix, c.err = readArticlesOnce(ctx, s) })
		return c.ix, c.err
	}
	return readArticlesOnce(ctx, s)
}

// articlesKey is the context key of an articlesCache.
type articlesKey struct{}

// articlesCache is the article index computed once for all the answers
// one context computes.
type articlesCache struct {
	once sync.Once
	ix   *sourceIndex
	err  error
}

// withArticles returns a context under which readArticles reads the
// store's articles once: for answers computed together from one state
// of the store.
func withArticles(ctx context.Context) context.Context {
	return context.WithValue(ctx, articlesKey{}, &articlesCache{})
}

// readArticlesOnce is readArticles without the shared index.
func readArticlesOnce(ctx context.Context, s *graph.Store) (*sourceIndex, error) {
	qs := s.QuadStore()
	ix := &sourceIndex{arts: map[string]ArticleInfo{}, outlets: map[string]string{}}
	var nodes []quad.Value
	err := eachQuad(ctx, qs, quad.Object, graph.NewsArticle, func(q quad.Quad) {
		id := graph.ID(q.Subject, graph.ArticlePrefix)
		if _, seen := ix.arts[id]; id != "" && q.Predicate == graph.RDFType && !seen {
			ix.arts[id] = ArticleInfo{ID: id}
			nodes = append(nodes, q.Subject)
		}
	})
	if err != nil {
		return nil, err
	}
	names := newNamer(ctx, qs)
	for _, n := range nodes {
		id := graph.ID(n, graph.ArticlePrefix)
		a := ix.arts[id]
		var pub quad.Value
		err := eachQuad(ctx, qs, quad.Subject, n, func(q quad.Quad) {
			switch q.Predicate {
			case graph.Headline:
				a.Title = literal(q.Object)
			case graph.URL:
				a.URL = literal(q.Object)
			case graph.Author:
				a.Author = literal(q.Object)
			case graph.DatePublished:
				a.Published = literal(q.Object)
			case graph.Publisher:
				if _, isIRI := q.Object.(quad.IRI); isIRI {
					pub = q.Object
				} else {
					a.Publisher = literal(q.Object)
				}
			}
		})
		if err != nil {
			return nil, err
		}
		if pub != nil {
			a.PublisherID = graph.ID(pub, graph.EntityPrefix)
			if a.Publisher, err = names.name(pub); err != nil {
				return nil, err
			}
		}
		ix.arts[id] = a
		ix.outlets[id] = a.outlet()
	}
	return ix, nil
}

// namer reads and caches the canonical names of nodes.
type namer struct {
	ctx   context.Context
	qs    cgraph.QuadStore
	names map[string]string
}

func newNamer(ctx context.Context, qs cgraph.QuadStore) *namer {
	return &namer{ctx: ctx, qs: qs, names: map[string]string{}}
}

// name returns the node's canonical name (the least of its names, as the
// named queries take it), or its id when it has none.
func (n *namer) name(v quad.Value) (string, error) {
	k := quad.StringOf(v)
	if s, ok := n.names[k]; ok {
		return s, nil
	}
	name := ""
	err := eachQuad(n.ctx, n.qs, quad.Subject, v, func(q quad.Quad) {
		if q.Predicate == graph.Name {
			if s := literal(q.Object); name == "" || s < name {
				name = s
			}
		}
	})
	if err != nil {
		return "", err
	}
	if name == "" {
		name = nodeID(v)
	}
	n.names[k] = name
	return name, nil
}

// nodeID returns the id part of a node IRI built by graph (an entity key,
// event key, quote id, ...), or the value's text.
func nodeID(v quad.Value) string {
	for _, p := range []string{graph.EntityPrefix, graph.EventPrefix, graph.QuotePrefix, graph.ArticlePrefix, graph.RolePrefix} {
		if id := graph.ID(v, p); id != "" {
			return id
		}
	}
	return literal(v)
}

// eachQuad calls f with every quad that has v in direction d. It reads
// the quads' node references first and their values in one batch (from
// the context's value cache, see withValueCache, where there is one):
// cayley's QuadStore.Quad reads the four values of a quad one by one, in
// a transaction of its own: four lookups per quad, where eachQuad makes
// one batch per call.
func eachQuad(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, v quad.Value, f func(quad.Quad)) error {
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := qs.QuadIterator(d, ref)
	var refs []cgraph.Ref
	err := cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) { refs = append(refs, r) })
	it.Close()
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	nodes := make([]cgraph.Ref, 0, 4*len(refs))
	for _, r := range refs {
		for _, dir := range quad.Directions {
			nodes = append(nodes, qs.QuadDirection(r, dir))
		}
	}
	vals, err := valuesOf(ctx, qs, nodes)
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	for i := range refs {
		q := quad.Quad{}
		for j, dir := range quad.Directions {
			q.Set(dir, vals[4*i+j])
		}
		f(q)
	}
	return nil
}

// valueCache maps node references to their values while a canned answer
// is computed (the three at once, in Warm): the same articles, predicates
// and entities are read for many rows and their sources. A node's value
// never changes (a new value is a new node), so the cache cannot go
// stale. Its shards, each with a lock of its own, keep Warm's goroutines
// from waiting on each other.
type valueCache struct {
	shards [valueShards]valueShard
}

const valueShards = 64

type valueShard struct {
	mu     sync.Mutex
	values map[any]quad.Value // cgraph.ToKey(ref) -> value
}

var valueSeed = maphash.MakeSeed()

// shard returns the shard of the key k (a cgraph.ToKey).
func (c *valueCache) shard(k any) *valueShard {
	if n, ok := k.(kv.Int64Value); ok { // bolt's references: no hashing
		return &c.shards[uint64(n)%valueShards]
	}
	return &c.shards[maphash.Comparable(valueSeed, k)%valueShards]
}

func newValueCache() *valueCache {
	c := &valueCache{}
	for i := range c.shards {
		c.shards[i].values = map[any]quad.Value{}
	}
	return c
}

// get returns the cached value of the key k.
func (c *valueCache) get(k any) (quad.Value, bool) {
	sh := c.shard(k)
	sh.mu.Lock()
	v, ok := sh.values[k]
	sh.mu.Unlock()
	return v, ok
}

// put caches the value of the key k.
func (c *valueCache) put(k any, v quad.Value) {
	sh := c.shard(k)
	sh.mu.Lock()
	sh.values[k] = v
	sh.mu.Unlock()
}

type valueCacheKey struct{}

// withValueCache returns ctx with a value cache for eachQuad, unless it
// has one.
func withValueCache(ctx context.Context) context.Context {
	if _, ok := ctx.Value(valueCacheKey{}).(*valueCache); ok {
		return ctx
	}
	return context.WithValue(ctx, valueCacheKey{}, newValueCache())
}

// value returns the value of ref (nil for nil, or one cayley cannot
// read, as its NameOf does).
func (c *valueCache) value(qs cgraph.QuadStore, ref cgraph.Ref) quad.Value {
	if ref == nil {
		return nil
	}
	k := cgraph.ToKey(ref)
	if v, ok := c.get(k); ok {
		return v
	}
	v := qs.NameOf(ref)
	c.put(k, v)
	return v
}

// valuesOf returns the values of refs (nil for a nil ref), reading the
// ones the context's cache lacks in one batch.
func valuesOf(ctx context.Context, qs cgraph.QuadStore, refs []cgraph.Ref) ([]quad.Value, error) {
	c, _ := ctx.Value(valueCacheKey{}).(*valueCache)
	if c == nil {
		return cgraph.ValuesOf(ctx, qs, refs)
	}
	out := make([]quad.Value, len(refs))
	var missing []cgraph.Ref
	var at []int
	for i, r := range refs {
		if r == nil {
			continue
		}
		if v, ok := c.get(cgraph.ToKey(r)); ok {
			out[i] = v
			continue
		}
		missing = append(missing, r)
		at = append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	vals, err := cgraph.ValuesOf(ctx, qs, missing)
	if err != nil {
		return nil, err
	}
	for k, v := range vals {
		out[at[k]] = v
		c.put(cgraph.ToKey(missing[k]), v)
	}
	return out, nil
}

// literal renders a value as plain text: strings as they are, numbers in
// decimal, times as RFC 3339, IRIs without brackets.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.Int:
		return strconv.FormatInt(int64(v), 10)
	case quad.Time:
		return time.Time(v).UTC().Format(time.RFC3339)
	case quad.IRI:
		return string(v)
	}
	if s, ok := quad.NativeOf(v).(string); ok {
		return s
	}
	return quad.StringOf(v)
}

// intOf returns the integer a value holds.
func intOf(v quad.Value) (int, bool) {
	switch v := v.(type) {
	case quad.Int:
		return int(v), true
	case quad.Float:
		return int(v), true
	}
	n, err := strconv.Atoi(literal(v))
	return n, err == nil
}

// statement is one fact, (subject, predicate, object), with the articles
// that state it.
type statement struct {
	s        quad.Value
	p        quad.IRI
	o        quad.Value
	articles []string
}

// statements returns the facts about node v (in direction d: the quads
// whose subject, or object, is v) whose predicate is in preds, each with
// its sorted articles, in the order found.
func statements(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, v quad.Value, preds ...quad.IRI) ([]*statement, error) {
	var out []*statement
	byKey := map[string]*statement{}
	err := eachQuad(ctx, qs, d, v, func(q quad.Quad) {
		p, ok := q.Predicate.(quad.IRI)
		if !ok || !slices.Contains(preds, p) {
			return
		}
		art := graph.LabelArticle(q.Label)
		k := quad.StringOf(q.Subject) + " " + quad.StringOf(p) + " " + quad.StringOf(q.Object)
		st := byKey[k]
		if st == nil {
			st = &statement{s: q.Subject, p: p, o: q.Object}
			byKey[k] = st
			out = append(out, st)
		}
		if art != "" && !slices.Contains(st.articles, art) {
			st.articles = append(st.articles, art)
		}
	})
	for _, st := range out {
		slices.Sort(st.articles)
	}
	return out, err
}

// quoteRef is one stored quote, as corroboration and explain need it.
type quoteRef struct {
	id, article, speaker, text string
	words                      []string
	// sentence, sentStart, sentEnd: the quote's sentence, when stored.
	sentence           string
	sentStart, sentEnd int
	// cue, mention and confidence: as QuoteRow's, read by readQuote.
	cue        string
	mention    *Mention
	confidence *float64
}

// SameQuote reports whether two quotes by one speaker are the same
// quote, as reported by different articles: their words (lower case,
// punctuation and apostrophes dropped) are equal, or, for quotes of four
// words or more, differ by at most one word in ten (insertions, deletions
// and substitutions counted) and not in any number: "more than 1,000
// customers" and "more than 1,200 customers" are different statements.
func SameQuote(a, b string) bool {
	return sameWords(quoteWords(a), quoteWords(b))
}

// quoteWords returns a quote's normalised words.
func quoteWords(s string) []string {
	s = strings.NewReplacer("'", "", "’", "", "‘", "").Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func sameWords(a, b []string) bool {
	if slices.Equal(a, b) {
		return len(a) > 0
	}
	short, long := min(len(a), len(b)), max(len(a), len(b))
	if short < 4 {
		return false
	}
	allowed := max(1, long/10)
	if long-short > allowed || !slices.Equal(numbers(a), numbers(b)) {
		return false
	}
	return editDistance(a, b, allowed) <= allowed
}

// numbers returns the words of ws that hold a digit.
func numbers(ws []string) []string {
	var out []string
	for _, w := range ws {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			out = append(out, w)
		}
	}
	return out
}

// editDistance returns the word-level Levenshtein distance of a and b, or
// a number above limit once it is certain to exceed it.
func editDistance(a, b []string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return best
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quoteGroups groups quotes that are the same quote (same speaker,
// SameQuote) and returns each quote's group number.
func quoteGroups(refs []quoteRef) map[string]int {
	parent := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	bySpeaker := map[string][]int{}
	for i, r := range refs {
		if r.speaker != "" {
			bySpeaker[r.speaker] = append(bySpeaker[r.speaker], i)
		}
	}
	for _, idx := range bySpeaker {
		// Equal words first, by key; then near-identical ones pairwise
		// among the distinct texts.
		byText := map[string]int{}
		var distinct []int
		for _, i := range idx {
			k := strings.Join(refs[i].words, " ")
			if j, ok := byText[k]; ok {
				parent[find(i)] = find(j)
				continue
			}
			byText[k] = i
			distinct = append(distinct, i)
		}
		for x := 0; x < len(distinct); x++ {
			for y := x + 1; y < len(distinct); y++ {
				i, j := distinct[x], distinct[y]
				if find(i) != find(j) && sameWords(refs[i].words, refs[j].words) {
					parent[find(i)] = find(j)
				}
			}
		}
	}
	out := make(map[string]int, len(refs))
	for i, r := range refs {
		out[r.id] = find(i)
	}
	return out
}

// speakerQuotes reads every quote by the given speakers (entity IRIs).
func speakerQuotes(ctx context.Context, qs cgraph.QuadStore, speakers []quad.Value) ([]quoteRef, error) {
	var out []quoteRef
	seen := map[string]bool{}
	for _, sp := range speakers {
		var quotes []quad.Value
		err := eachQuad(ctx, qs, quad.Object, sp, func(q quad.Quad) {
			if q.Predicate == graph.Creator && !seen[quad.StringOf(q.Subject)] {
				seen[quad.StringOf(q.Subject)] = true
				quotes = append(quotes, q.Subject)
			}
		})
		if err != nil {
			return nil, err
		}
		for _, qn := range quotes {
			r, err := readQuote(ctx, qs, qn)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// readSentence reads a sentence node: its text and byte offsets.
func readSentence(ctx context.Context, qs cgraph.QuadStore, n quad.Value) (text string, start, end int, err error) {
	err = eachQuad(ctx, qs, quad.Subject, n, func(q quad.Quad) {
		switch q.Predicate {
		case graph.Text:
			text = literal(q.Object)
		case graph.Start:
			start, _ = intOf(q.Object)
		case graph.End:
			end, _ = intOf(q.Object)
		}
	})
	return text, start, end, err
}

// readQuote reads one quote node.
func readQuote(ctx context.Context, qs cgraph.QuadStore, qn quad.Value) (quoteRef, error) {
	r := quoteRef{id: graph.ID(qn, graph.QuotePrefix)}
	labelled := ""
	var sentence quad.Value
	err := eachQuad(ctx, qs, quad.Subject, qn, func(q quad.Quad) {
		if labelled == "" {
			labelled = graph.LabelArticle(q.Label)
		}
		switch q.Predicate {
		case graph.Text:
			r.text = literal(q.Object)
		case graph.IsPartOf:
			r.article = graph.ID(q.Object, graph.ArticlePrefix)
		case graph.Creator:
			r.speaker = graph.ID(q.Object, graph.EntityPrefix)
		case graph.Cue:
			r.cue = literal(q.Object)
		case graph.SpeakerMention:
			if r.mention == nil {
				r.mention = &Mention{}
			}
			r.mention.Text = literal(q.Object)
		case graph.SpeakerStart, graph.SpeakerEnd:
			if r.mention == nil {
				r.mention = &Mention{}
			}
			n, _ := intOf(q.Object)
			if q.Predicate == graph.SpeakerStart {
				r.mention.Start = n
			} else {
				r.mention.End = n
			}
		case graph.Confidence:
			if c, ok := q.Object.(quad.Float); ok {
				f := float64(c)
				r.confidence = &f
			}
		case graph.InSentence:
			sentence = q.Object
		// Stores written before 2026-12 hold the sentence on the quote.
		case graph.Sentence:
			r.sentence = literal(q.Object)
		case graph.SentenceStart:
			r.sentStart, _ = intOf(q.Object)
		case graph.SentenceEnd:
			r.sentEnd, _ = intOf(q.Object)
		}
	})
	if err == nil && sentence != nil {
		r.sentence, r.sentStart, r.sentEnd, err = readSentence(ctx, qs, sentence)
	}
	if r.article == "" {
		r.article = labelled
	}
	if r.mention != nil && r.mention.Text == "" {
		r.mention = nil
	}
	r.words = quoteWords(r.text)
	return r, err
}

// addQuoteSources sets Sources and Publishers of each row. complete says
// the rows are every quote in the store; otherwise the other quotes of
// the rows' speakers are read to find the same quote elsewhere.
func addQuoteSources(ctx context.Context, s *graph.Store, ix *sourceIndex, rows []QuoteRow, complete bool) error {
	refs := make([]quoteRef, 0, len(rows))
	have := map[string]bool{}
	for _, r := range rows {
		refs = append(refs, quoteRef{id: r.ID, article: r.Article, speaker: r.SpeakerID, text: r.Text, words: quoteWords(r.Text)})
		have[r.ID] = true
	}
	if !complete {
		var speakers []quad.Value
		seen := map[string]bool{}
		for _, r := range rows {
			if r.SpeakerID != "" && !seen[r.SpeakerID] {
				seen[r.SpeakerID] = true
				speakers = append(speakers, graph.EntityIRI(r.SpeakerID))
			}
		}
		more, err := speakerQuotes(ctx, s.QuadStore(), speakers)
		if err != nil {
			return err
		}
		for _, r := range more {
			if !have[r.id] {
				refs = append(refs, r)
			}
		}
	}
	groups := quoteGroups(refs)
	articles := map[int][]string{}
	for _, r := range refs {
		g := groups[r.id]
		articles[g] = append(articles[g], r.article)
	}
	// The rows of one group have the same counts: counted once.
	type counts struct{ sources, publishers int }
	byGroup := map[int]counts{}
	for i := range rows {
		g := groups[rows[i].ID]
		c, ok := byGroup[g]
		if !ok {
			c.sources, c.publishers = ix.count(articles[g])
			byGroup[g] = c
		}
		rows[i].Sources, rows[i].Publishers = c.sources, c.publishers
	}
	return nil
}

// withQuoteSources sets the sources of the quotes f selected and drops
// those with fewer than f.MinSources or below f.MinConfidence.
func withQuoteSources(ctx context.Context, s *graph.Store, rows []QuoteRow, f QuoteFilter) ([]QuoteRow, error) {
	ix, err := readArticles(ctx, s)
	if err != nil {
		return nil, err
	}
	complete := f == QuoteFilter{MinSources: f.MinSources, MinConfidence: f.MinConfidence}
	if err := addQuoteSources(ctx, s, ix, rows, complete); err != nil {
		return nil, err
	}
	if f.MinSources > 1 {
		rows = slices.DeleteFunc(rows, func(q QuoteRow) bool { return q.Sources < f.MinSources })
	}
	rows = slices.DeleteFunc(rows, func(q QuoteRow) bool { return !q.Confident(f.MinConfidence) })
	return rows, nil
}

// withRoleSources sets the sources of the roles of the entities.
func withRoleSources(ctx context.Context, s *graph.Store, rows []EntityRow) error {
	ix, err := readArticles(ctx, s)
	if err != nil {
		return err
	}
	return addRoleSources(ctx, s, ix, rows)
}

// withBreachFacts sets the facts, figures and conflicts of the breaches.
func withBreachFacts(ctx context.Context, s *graph.Store, rows []BreachRow) error {
	ix, err := readArticles(ctx, s)
	if err != nil {
		return err
	}
	return addBreachFacts(ctx, s, ix, rows)
}
