package server

import (
	"context"
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

// snapshot is every row of the named queries, read once and indexed. The
// named queries scan the whole graph on every run, which is right for a
// command that runs once and wrong for a server answering thousands of
// requests a second; the store only changes through this server's own
// write endpoints, which drop the snapshot.
type snapshot struct {
	quotes   []queries.QuoteRow
	entities []queries.EntityRow
	breaches []queries.BreachRow
	articles map[string]Article
	stats    Stats

	// quoteText holds the lower-cased text of quotes[i].
	quoteText []string
	// quoteNames holds the lower-cased speaker name and aliases of
	// quotes[i].
	quoteNames [][]string
	entityByID map[string]int
	breachByID map[string]int
	// entityByName maps a canonical name to the first entity with it.
	entityByName map[string]string
	bySpeaker    map[string][]int // speaker id -> quote indexes
	byBreach     map[string][]int // breach id -> quote indexes
	byArticle    map[string][]int // article id -> quote indexes
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

	s.quoteText = make([]string, len(s.quotes))
	s.quoteNames = make([][]string, len(s.quotes))
	s.bySpeaker, s.byBreach, s.byArticle = map[string][]int{}, map[string][]int{}, map[string][]int{}
	for i, q := range s.quotes {
		s.quoteText[i] = strings.ToLower(q.Text)
		names := []string{strings.ToLower(q.Speaker)}
		for _, a := range q.SpeakerAliases {
			names = append(names, strings.ToLower(a))
		}
		s.quoteNames[i] = names
		s.bySpeaker[q.SpeakerID] = append(s.bySpeaker[q.SpeakerID], i)
		s.byBreach[q.Breach] = append(s.byBreach[q.Breach], i)
		s.byArticle[q.Article] = append(s.byArticle[q.Article], i)
	}
	s.entityByID = make(map[string]int, len(s.entities))
	s.entityByName = make(map[string]string, len(s.entities))
	for i, e := range s.entities {
		s.entityByID[e.ID] = i
		if _, dup := s.entityByName[e.Name]; !dup {
			s.entityByName[e.Name] = e.ID
		}
	}
	s.breachByID = make(map[string]int, len(s.breaches))
	for i, b := range s.breaches {
		s.breachByID[b.ID] = i
	}
	return s, nil
}

// filterQuotes returns the quotes matching f, in the order and with the
// meaning of queries.Quotes: Speaker is an entity id or a name or alias
// (case-insensitive, whole), Text a case-insensitive substring.
func (s *snapshot) filterQuotes(f queries.QuoteFilter) []queries.QuoteRow {
	speaker := strings.TrimSpace(f.Speaker)
	lspeaker := strings.ToLower(speaker)
	text := strings.ToLower(strings.TrimSpace(f.Text))
	// Start from the narrowest index the filter allows.
	var idx []int
	all := true
	switch {
	case f.Article != "":
		idx, all = s.byArticle[f.Article], false
	case f.Breach != "":
		idx, all = s.byBreach[f.Breach], false
	}
	out := []queries.QuoteRow{}
	match := func(i int) {
		q := s.quotes[i]
		if f.Article != "" && q.Article != f.Article || f.Breach != "" && q.Breach != f.Breach {
			return
		}
		if speaker != "" && q.SpeakerID != speaker && !slices.Contains(s.quoteNames[i], lspeaker) {
			return
		}
		if text != "" && !strings.Contains(s.quoteText[i], text) {
			return
		}
		out = append(out, q)
	}
	if all {
		for i := range s.quotes {
			match(i)
		}
	} else {
		for _, i := range idx {
			match(i)
		}
	}
	return out
}

// entity returns the entity with the given id.
func (s *snapshot) entity(id string) (queries.EntityRow, error) {
	i, ok := s.entityByID[id]
	if !ok {
		return queries.EntityRow{}, fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	return s.entities[i], nil
}

// breach returns the breach with the given id.
func (s *snapshot) breach(id string) (queries.BreachRow, error) {
	i, ok := s.breachByID[id]
	if !ok {
		return queries.BreachRow{}, fmt.Errorf("breach %s: %w", id, ErrNotFound)
	}
	return s.breaches[i], nil
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

// snapshots keeps the current snapshot, builds one in the background when
// there is none, and drops it when the store is written.
type snapshots struct {
	build   func(ctx context.Context) (*snapshot, error)
	timeout time.Duration

	mu       sync.Mutex
	cur      *snapshot
	gen      int           // incremented by every invalidate
	building chan struct{} // closed when the running build ends; nil when none
	err      error         // error of the last build
}

// get returns the current snapshot, waiting for a build until ctx ends.
func (s *snapshots) get(ctx context.Context) (*snapshot, error) {
	for {
		s.mu.Lock()
		if s.cur != nil {
			cur := s.cur
			s.mu.Unlock()
			return cur, nil
		}
		if s.building == nil {
			s.building = make(chan struct{})
			s.err = nil
			go s.run(s.building, s.gen)
		}
		done := s.building
		s.mu.Unlock()
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
		// The store was written during the build: build again.
	}
}

// run builds a snapshot. It has its own deadline, so that a build started
// by one request survives that request's timeout and serves the next ones.
func (s *snapshots) run(done chan struct{}, gen int) {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	snap, err := s.safeBuild(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen == s.gen {
		s.cur, s.err = snap, err
	}
	s.building = nil
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

// invalidate drops the snapshot; the next request builds a new one.
func (s *snapshots) invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur = nil
	s.gen++
}
