package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// Doc is an article together with what was extracted from it.
type Doc struct {
	Article corpus.Article
	Result  extract.Result
}

// Status says whether an article is already in the store.
type Status int

// The article statuses.
const (
	// StatusNew is an article the store does not hold.
	StatusNew Status = iota
	// StatusUnchanged is an article stored with the same content hash.
	StatusUnchanged
	// StatusChanged is an article stored under the same id with a
	// different content hash. Loading leaves the stored version alone.
	StatusChanged
)

// String returns "new", "unchanged" or "changed".
func (s Status) String() string {
	switch s {
	case StatusNew:
		return "new"
	case StatusUnchanged:
		return "unchanged"
	case StatusChanged:
		return "changed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ErrNoID is returned for an article without an id.
var ErrNoID = errors.New("article has no id")

// LoadReport says what a load did.
type LoadReport struct {
	// New counts the articles written.
	New int
	// Unchanged counts the articles skipped because the store already
	// holds them with the same content.
	Unchanged int
	// Changed lists the ids of articles skipped because the store holds a
	// different version of them.
	Changed []string
	// Entities, Quotes and Events count what the new articles added:
	// distinct entity nodes, quotes, distinct events.
	Entities, Quotes, Events int
	// Quads is the number of quads the store grew by.
	Quads int64
}

// Loader writes articles into a store, merging their entities with those
// already stored, and batching writes. Make one with Store.NewLoader, call
// Add for each article and Close at the end. A Loader is not safe for
// concurrent use.
type Loader struct {
	s      *Store
	before int64

	data   []quad.Quad // pending quads, written before ...
	hashes []quad.Quad // ... the pending content hashes, so an article
	// interrupted mid-write is not taken as loaded

	seen     map[string]string // article id -> hash added in this load
	nameKeys map[string]string // name key -> entity key; "" = none stored
	names    map[string]string // entity key -> canonical name; "" = none stored
	remap    map[string]string // entity key -> key of the node it merged into
	entities map[string]bool
	events   map[string]bool
	report   LoadReport
}

// NewLoader starts a load.
func (s *Store) NewLoader(ctx context.Context) (*Loader, error) {
	n, err := s.Size(ctx)
	if err != nil {
		return nil, err
	}
	return &Loader{
		s: s, before: n,
		seen:     map[string]string{},
		nameKeys: map[string]string{},
		names:    map[string]string{},
		remap:    map[string]string{},
		entities: map[string]bool{},
		events:   map[string]bool{},
	}, nil
}

// Load writes docs with one Loader and reports what it did.
func (s *Store) Load(ctx context.Context, docs []Doc) (LoadReport, error) {
	l, err := s.NewLoader(ctx)
	if err != nil {
		return LoadReport{}, err
	}
	for _, d := range docs {
		if _, err := l.Add(ctx, d); err != nil {
			return l.report, err
		}
	}
	return l.Close(ctx)
}

// Status reports whether the store, or this load so far, holds the
// article. Callers use it to skip extracting articles already loaded.
func (l *Loader) Status(ctx context.Context, a corpus.Article) (Status, error) {
	if a.ID == "" {
		return 0, fmt.Errorf("%s: %w", a.Path, ErrNoID)
	}
	h := ContentHashOf(a)
	if prev, ok := l.seen[a.ID]; ok {
		if prev == h {
			return StatusUnchanged, nil
		}
		return StatusChanged, nil
	}
	vals, err := l.s.objects(ctx, ArticleIRI(a.ID), ContentHash)
	if err != nil {
		return 0, err
	}
	if len(vals) == 0 {
		return StatusNew, nil
	}
	for _, v := range vals {
		if literal(v) == h {
			return StatusUnchanged, nil
		}
	}
	return StatusChanged, nil
}

// Add queues one article for writing unless the store already holds it,
// and reports its status. Only new articles are written; Add writes a
// batch whenever Options.BatchSize quads are pending.
func (l *Loader) Add(ctx context.Context, d Doc) (Status, error) {
	st, err := l.Status(ctx, d.Article)
	if err != nil {
		return 0, err
	}
	switch st {
	case StatusUnchanged:
		l.report.Unchanged++
		return st, nil
	case StatusChanged:
		l.report.Changed = append(l.report.Changed, d.Article.ID)
		return st, nil
	}
	r, err := l.resolve(ctx, d.Result)
	if err != nil {
		return 0, err
	}
	l.seen[d.Article.ID] = ContentHashOf(d.Article)
	for _, q := range Quads(d.Article, r) {
		if q.Predicate == ContentHash {
			l.hashes = append(l.hashes, q)
		} else {
			l.data = append(l.data, q)
		}
	}
	l.report.New++
	l.report.Quotes += len(r.Quotes)
	for _, e := range r.Entities {
		l.entities[e.Key] = true
	}
	for _, e := range r.Events {
		l.events[e.Key] = true
	}
	if len(l.data) >= l.s.batch {
		return st, l.Flush(ctx)
	}
	return st, nil
}

// Flush writes the pending quads.
func (l *Loader) Flush(ctx context.Context) error {
	if err := l.s.AddQuads(ctx, l.data); err != nil {
		return err
	}
	l.data = l.data[:0]
	if err := l.s.AddQuads(ctx, l.hashes); err != nil {
		return err
	}
	l.hashes = l.hashes[:0]
	return nil
}

// Close writes what is pending and returns the report of the whole load.
func (l *Loader) Close(ctx context.Context) (LoadReport, error) {
	if err := l.Flush(ctx); err != nil {
		return l.report, err
	}
	n, err := l.s.Size(ctx)
	if err != nil {
		return l.report, err
	}
	l.report.Quads = n - l.before
	l.report.Entities = len(l.entities)
	l.report.Events = len(l.events)
	return l.report, nil
}

// resolve merges the result's entities with nodes already known: an
// entity whose key is not stored but whose normalised name or alias is
// (for the same type) takes that node's key, and every reference to it is
// rewritten. Each entity's name becomes its node's canonical name, keeping
// the article's own name as an alias.
func (l *Loader) resolve(ctx context.Context, r extract.Result) (extract.Result, error) {
	for _, e := range r.Entities {
		if e.Key == "" {
			continue
		}
		if _, ok := l.remap[e.Key]; ok {
			continue
		}
		name, err := l.canonicalName(ctx, e.Key)
		if err != nil {
			return r, err
		}
		target := e.Key
		if name == "" {
			for _, nk := range NameKeys(e) {
				k, err := l.lookupNameKey(ctx, nk)
				if err != nil {
					return r, err
				}
				if k != "" {
					target = k
					break
				}
			}
		}
		l.remap[e.Key] = target
	}
	out := rekey(r, func(k string) string {
		if t, ok := l.remap[k]; ok {
			return t
		}
		return k
	})
	for i := range out.Entities {
		e := &out.Entities[i]
		canon, err := l.canonicalName(ctx, e.Key)
		if err != nil {
			return r, err
		}
		switch {
		case canon == "":
			l.names[e.Key] = e.Name
		case canon != e.Name:
			e.Aliases = appendUnique(e.Aliases, e.Name)
			e.Name = canon
		}
		for _, nk := range NameKeys(*e) {
			if l.nameKeys[nk] == "" {
				l.nameKeys[nk] = e.Key
			}
		}
	}
	return out, nil
}

// canonicalName returns the stored name of the entity node with the key,
// or "" when there is none.
func (l *Loader) canonicalName(ctx context.Context, key string) (string, error) {
	if n, ok := l.names[key]; ok {
		return n, nil
	}
	vals, err := l.s.objects(ctx, EntityIRI(key), Name)
	if err != nil {
		return "", err
	}
	name := ""
	for _, v := range vals {
		if s := literal(v); name == "" || s < name {
			name = s
		}
	}
	l.names[key] = name
	return name, nil
}

// lookupNameKey returns the key of the entity indexed under the name key,
// or "" when there is none.
func (l *Loader) lookupNameKey(ctx context.Context, nk string) (string, error) {
	if k, ok := l.nameKeys[nk]; ok {
		return k, nil
	}
	subs, err := l.s.subjects(ctx, NameKey, quad.String(nk))
	if err != nil {
		return "", err
	}
	key := ""
	for _, v := range subs {
		if k := ID(v, EntityPrefix); k != "" && (key == "" || k < key) {
			key = k
		}
	}
	l.nameKeys[nk] = key
	return key, nil
}

// rekey returns a copy of r with every entity key passed through f, and
// entities that end up with the same key merged into one.
func rekey(r extract.Result, f func(string) string) extract.Result {
	out := extract.Result{ArticleID: r.ArticleID}
	index := map[string]int{}
	for _, e := range r.Entities {
		e.Key = f(e.Key)
		e.Client = f(e.Client)
		e.Roles = slices.Clone(e.Roles)
		for i := range e.Roles {
			e.Roles[i].Org = f(e.Roles[i].Org)
		}
		if i, ok := index[e.Key]; ok && e.Key != "" {
			m := &out.Entities[i]
			if e.Name != m.Name {
				m.Aliases = appendUnique(m.Aliases, e.Name)
			}
			for _, a := range e.Aliases {
				m.Aliases = appendUnique(m.Aliases, a)
			}
			for _, ro := range e.Roles {
				if !slices.Contains(m.Roles, ro) {
					m.Roles = append(m.Roles, ro)
				}
			}
			m.Mentions = append(slices.Clone(m.Mentions), e.Mentions...)
			if m.Kind == "" {
				m.Kind = e.Kind
			}
			if m.Client == "" {
				m.Client = e.Client
			}
			continue
		}
		index[e.Key] = len(out.Entities)
		e.Aliases = slices.Clone(e.Aliases)
		out.Entities = append(out.Entities, e)
	}
	for _, q := range r.Quotes {
		q.Speaker = f(q.Speaker)
		out.Quotes = append(out.Quotes, q)
	}
	for _, ev := range r.Events {
		ev.Victim = f(ev.Victim)
		ev.Via = f(ev.Via)
		ev.ReportedTo = slices.Clone(ev.ReportedTo)
		for i := range ev.ReportedTo {
			ev.ReportedTo[i] = f(ev.ReportedTo[i])
		}
		out.Events = append(out.Events, ev)
	}
	return out
}

func appendUnique(xs []string, x string) []string {
	if x == "" || slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// objects returns the objects of the quads with the given subject and
// predicate.
func (s *Store) objects(ctx context.Context, sub quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return s.linked(ctx, quad.Subject, sub, pred, quad.Object)
}

// subjects returns the subjects of the quads with the given predicate and
// object.
func (s *Store) subjects(ctx context.Context, pred quad.IRI, obj quad.Value) ([]quad.Value, error) {
	return s.linked(ctx, quad.Object, obj, pred, quad.Subject)
}

// linked walks the quads whose direction d holds v and whose predicate is
// pred, and returns their values in direction want.
func (s *Store) linked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, want quad.Direction) ([]quad.Value, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil, nil
	}
	var out []quad.Value
	it := s.qs.QuadIterator(d, ref)
	defer it.Close()
	err := cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) {
		q := s.qs.Quad(r)
		if q.Predicate == pred {
			out = append(out, q.Get(want))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.dsn, err)
	}
	return out, nil
}
