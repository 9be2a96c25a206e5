package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// source is what the JSON endpoints are built from. storeSource reads it
// from a graph.Store with the queries package; tests use fakes.
type source interface {
	Quotes(ctx context.Context) ([]queries.QuoteRow, error)
	Entities(ctx context.Context) ([]queries.EntityRow, error)
	Breaches(ctx context.Context) ([]queries.BreachRow, error)
	Articles(ctx context.Context) ([]Article, error)
	Size(ctx context.Context) (int64, error)
}

// ErrIndexing means the server is still reading the store into memory and
// the request's deadline passed first.
var ErrIndexing = errors.New("the server is still indexing the store; retry shortly")

// snapshot is every row of the named queries, read once, indexed and
// encoded. The named queries scan the whole graph on every run, which is
// right for a command that runs once and wrong for a server answering
// thousands of requests a second; the store only changes through this
// server's own write endpoints, which drop the snapshot. A snapshot is
// immutable once built, except for its caches of encoded answers.
type snapshot struct {
	quotes   []queries.QuoteRow
	entities []queries.EntityRow
	breaches []queries.BreachRow
	articles map[string]Article
	stats    Stats

	// quoteJSON, entityJSON and breachJSON hold the encoded rows.
	quoteJSON, entityJSON, breachJSON []json.RawMessage
	// quoteText holds the lower-cased text of quotes[i].
	quoteText []string

	entityByID map[string]int
	breachByID map[string]int
	// entityByName maps a canonical name to the first entity with it.
	entityByName map[string]string
	// speakersByName finds the speakers a name names (by their names and
	// aliases, as queries.NameMatches matches them).
	speakersByName queries.NameIndex
	bySpeaker      map[string][]int // speaker id -> quote indexes
	byBreach       map[string][]int // breach id -> quote indexes
	byArticle      map[string][]int // article id -> quote indexes
	// breachesByName maps an entity name to the breaches naming it as
	// victim, supplier or body reported to.
	breachesByName map[string][]int
	// entitiesByArticle and breachesByArticle map an article id to the
	// entities and breaches it mentions.
	entitiesByArticle, breachesByArticle map[string][]int

	// details caches encoded detail answers by kind and id; they are
	// deterministic for an immutable snapshot and bounded by its size.
	details sync.Map // detailKey -> []byte
}

// detailKey names one cached detail answer.
type detailKey struct {
	kind byte // 'e' entity, 'b' breach, 'a' article
	id   string
}

// buildSnapshot reads every row from src and indexes them.
func buildSnapshot(ctx context.Context, src source) (*snapshot, error) {
	s := &snapshot{}
	var err error
	if s.quotes, err = src.Quotes(ctx); err != nil {
		return nil, fmt.Errorf("read quotes: %w", err)
	}
	if s.entities, err = src.Entities(ctx); err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	if s.breaches, err = src.Breaches(ctx); err != nil {
		return nil, fmt.Errorf("read breaches: %w", err)
	}
	arts, err := src.Articles(ctx)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	size, err := src.Size(ctx)
	if err != nil {
		return nil, err
	}
	s.articles = make(map[string]Article, len(arts))
	for _, a := range arts {
		s.articles[a.ID] = a
	}
	s.stats = Stats{Quads: size, Articles: len(arts), Entities: len(s.entities), Quotes: len(s.quotes), Breaches: len(s.breaches)}
	if s.quoteJSON, err = encodeRows(s.quotes); err != nil {
		return nil, err
	}
	if s.entityJSON, err = encodeRows(s.entities); err != nil {
		return nil, err
	}
	if s.breachJSON, err = encodeRows(s.breaches); err != nil {
		return nil, err
	}

	s.quoteText = make([]string, len(s.quotes))
	s.bySpeaker, s.byBreach, s.byArticle = map[string][]int{}, map[string][]int{}, map[string][]int{}
	for i, q := range s.quotes {
		s.quoteText[i] = strings.ToLower(q.Text)
		if _, seen := s.bySpeaker[q.SpeakerID]; !seen {
			for _, n := range append([]string{q.Speaker}, q.SpeakerAliases...) {
				if n != q.SpeakerID { // a speaker without a name shows its id
					s.speakersByName.Add(n, q.SpeakerID)
				}
			}
		}
		s.bySpeaker[q.SpeakerID] = append(s.bySpeaker[q.SpeakerID], i)
		s.byBreach[q.Breach] = append(s.byBreach[q.Breach], i)
		s.byArticle[q.Article] = append(s.byArticle[q.Article], i)
	}
	s.entityByID = make(map[string]int, len(s.entities))
	s.entityByName = make(map[string]string, len(s.entities))
	s.entitiesByArticle = map[string][]int{}
	for i, e := range s.entities {
		s.entityByID[e.ID] = i
		if _, dup := s.entityByName[e.Name]; !dup {
			s.entityByName[e.Name] = e.ID
		}
		for _, a := range e.Articles {
			s.entitiesByArticle[a] = append(s.entitiesByArticle[a], i)
		}
	}
	s.breachByID = make(map[string]int, len(s.breaches))
	s.breachesByName = map[string][]int{}
	s.breachesByArticle = map[string][]int{}
	for i, b := range s.breaches {
		s.breachByID[b.ID] = i
		for _, n := range append([]string{b.Victim, b.Via, b.Attacker}, b.ReportedTo...) {
			if n != "" && !slices.Contains(s.breachesByName[n], i) {
				s.breachesByName[n] = append(s.breachesByName[n], i)
			}
		}
		for _, a := range b.Articles {
			s.breachesByArticle[a] = append(s.breachesByArticle[a], i)
		}
	}
	return s, nil
}

// encodeRows encodes each row as JSON.
func encodeRows[T any](rows []T) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("encode rows: %w", err)
		}
		out[i] = b
	}
	return out, nil
}

// filterQuotes returns the indexes of the quotes matching f, in the order
// and with the meaning of queries.Quotes: Speaker is an entity id or words
// of a name or alias (queries.NameMatches), Text a case-insensitive substring,
// MinSources the least number of articles reporting the quote,
// MinConfidence the least confidence.
func (s *snapshot) filterQuotes(f queries.QuoteFilter) []int {
	speaker := strings.TrimSpace(f.Speaker)
	text := strings.ToLower(strings.TrimSpace(f.Text))
	// Start from the narrowest index the filter allows.
	var idx []int
	switch {
	case speaker != "":
		ids := append([]string{speaker}, s.speakersByName.Lookup(speaker)...)
		for _, id := range ids {
			idx = append(idx, s.bySpeaker[id]...)
		}
		slices.Sort(idx)
		idx = slices.Compact(idx)
	case f.Article != "":
		idx = s.byArticle[f.Article]
	case f.Breach != "":
		idx = s.byBreach[f.Breach]
	default:
		idx = make([]int, len(s.quotes))
		for i := range idx {
			idx[i] = i
		}
	}
	out := []int{}
	for _, i := range idx {
		q := &s.quotes[i]
		if f.Article != "" && q.Article != f.Article || f.Breach != "" && q.Breach != f.Breach {
			continue
		}
		if text != "" && !strings.Contains(s.quoteText[i], text) || q.Sources < f.MinSources || !q.Confident(f.MinConfidence) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// quoteRows returns the quotes at the given indexes.
func (s *snapshot) quoteRows(idx []int) []queries.QuoteRow {
	out := make([]queries.QuoteRow, len(idx))
	for i, j := range idx {
		out[i] = s.quotes[j]
	}
	return out
}

// pick returns the encoded rows at the given indexes.
func pick(rows []json.RawMessage, idx []int) []json.RawMessage {
	out := make([]json.RawMessage, len(idx))
	for i, j := range idx {
		out[i] = rows[j]
	}
	return out
}

// entity returns the index of the entity with the given id.
func (s *snapshot) entity(id string) (int, error) {
	i, ok := s.entityByID[id]
	if !ok {
		return 0, fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	return i, nil
}

// breach returns the index of the breach with the given id.
func (s *snapshot) breach(id string) (int, error) {
	i, ok := s.breachByID[id]
	if !ok {
		return 0, fmt.Errorf("breach %s: %w", id, ErrNotFound)
	}
	return i, nil
}

// article returns the article with the given id.
func (s *snapshot) article(id string) (Article, error) {
	a, ok := s.articles[id]
	if !ok {
		return Article{}, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	return a, nil
}

// sources returns the metadata of the given articles, skipping any the
// store does not describe.
func (s *snapshot) sources(ids []string) []Article {
	out := []Article{}
	for _, id := range ids {
		if a, ok := s.articles[id]; ok {
			out = append(out, a)
		}
	}
	return out
}

// detail returns the cached answer for key, or builds, encodes and caches
// it.
func (s *snapshot) detail(key detailKey, build func() (any, error)) ([]byte, error) {
	if b, ok := s.details.Load(key); ok {
		return b.([]byte), nil
	}
	v, err := build()
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", key.id, err)
	}
	s.details.Store(key, b)
	return b, nil
}

// snapshots keeps the current snapshot and builds a new one in the
// background when there is none or the store was written. While a new one
// is built after a write, requests get the previous one: the store stays
// available, a little stale, instead of answering 503 while it re-indexes.
type snapshots struct {
	build   func(ctx context.Context) (*snapshot, error)
	timeout time.Duration

	mu       sync.Mutex
	cur      *snapshot          // up to date; nil when none is
	stale    *snapshot          // the last one built before a write, served meanwhile
	gen      int                // incremented by every invalidate
	building chan struct{}      // closed when the running build ends; nil when none
	cancel   context.CancelFunc // ends the running build
	err      error              // error of the last build
	stopped  bool               // set by stop: no more builds
	builds   sync.WaitGroup     // running builds
}

// start begins a build in the background unless an up-to-date snapshot
// exists or is being built; NewHandler calls it so that the first requests
// find the store indexed.
func (s *snapshots) start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.startLocked()
}

// startLocked is start with s.mu held; it returns the channel closed when
// the running build ends, nil when the snapshot is up to date.
func (s *snapshots) startLocked() chan struct{} {
	if s.cur != nil {
		return nil
	}
	if s.stopped {
		return s.building
	}
	if s.building == nil {
		// A build has its own deadline, so that a build started by one
		// request survives that request's timeout and serves the next
		// ones.
		ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
		s.building, s.cancel = make(chan struct{}), cancel
		s.builds.Add(1)
		go s.run(ctx, s.building, s.gen)
	}
	return s.building
}

// stop ends the running build, waits for it to return and starts no
// more, so that the store can be closed. Requests that still want a
// snapshot get the current or stale one, or wait for none until their
// deadline.
func (s *snapshots) stop() {
	s.mu.Lock()
	s.stopped = true
	if s.building != nil {
		s.cancel()
	}
	s.mu.Unlock()
	s.builds.Wait()
}

// state reports "ready", "building", "rebuilding" (serving a stale
// snapshot meanwhile) or the error of the last build.
func (s *snapshots) state() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.cur != nil:
		return "ready"
	case s.building != nil && s.stale != nil:
		return "rebuilding"
	case s.building != nil:
		return "building"
	case s.err != nil:
		return "failed: " + s.err.Error()
	}
	return "not built"
}

// get returns the current snapshot, or the stale one while a new one is
// built, or else waits for a build until ctx ends.
func (s *snapshots) get(ctx context.Context) (*snapshot, error) {
	return s.wait(ctx, true)
}

// fresh returns a snapshot built after the last write, waiting for it
// until ctx ends.
func (s *snapshots) fresh(ctx context.Context) (*snapshot, error) {
	return s.wait(ctx, false)
}

func (s *snapshots) wait(ctx context.Context, staleOK bool) (*snapshot, error) {
	for {
		s.mu.Lock()
		cur, stale, done := s.cur, s.stale, s.startLocked()
		s.mu.Unlock()
		if cur != nil {
			return cur, nil
		}
		if staleOK && stale != nil {
			return stale, nil
		}
		select {
		case <-done:
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, ErrIndexing
			}
			return nil, ctx.Err()
		}
		s.mu.Lock()
		cur, err := s.cur, s.err
		s.mu.Unlock()
		if cur != nil {
			return cur, nil
		}
		if err != nil {
			return nil, err
		}
		// The store was written during the build: the next one is running.
	}
}

// run builds a snapshot under ctx, which startLocked made. A build that
// a write overtook is thrown away and the next one started.
func (s *snapshots) run(ctx context.Context, done chan struct{}, gen int) {
	defer s.builds.Done()
	snap, err := s.safeBuild(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel()
	s.building, s.cancel = nil, nil
	if gen == s.gen {
		s.err = err
		if err == nil {
			s.cur, s.stale = snap, nil
		}
	} else {
		s.startLocked()
	}
	close(done)
}

// safeBuild runs build, turning a panic into an error: the build runs on
// its own goroutine, where a panic would end the process.
func (s *snapshots) safeBuild(ctx context.Context) (snap *snapshot, err error) {
	defer func() {
		if p := recover(); p != nil {
			snap, err = nil, fmt.Errorf("index the store: panic: %v", p)
		}
	}()
	return s.build(ctx)
}

// invalidate marks the snapshot stale after a write and starts building a
// new one.
func (s *snapshots) invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.stale = s.cur
	}
	s.cur = nil
	s.gen++
	s.startLocked()
}
