package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

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
	// StatusNew is an article the store does not hold (or holds only
	// part of, after an interrupted load).
	StatusNew Status = iota
	// StatusUnchanged is an article stored with the same content hash.
	StatusUnchanged
	// StatusChanged is an article stored under the same id with a
	// different content hash. Loading replaces the stored version.
	StatusChanged
	// StatusRepair is an article stored with the same content, next to a
	// newer version an interrupted load left unfinished. Loading writes
	// it again as a new version and deletes the others.
	StatusRepair
)

// String returns "new", "unchanged", "changed" or "repair".
func (s Status) String() string {
	switch s {
	case StatusNew:
		return "new"
	case StatusUnchanged:
		return "unchanged"
	case StatusChanged:
		return "changed"
	case StatusRepair:
		return "repair"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Errors for one article that Add returns without stopping the load.
var (
	// ErrNoID is returned for an article without an id.
	ErrNoID = errors.New("article has no id")
	// ErrConflict is returned for a second, different article with the
	// id of one already added in the same load.
	ErrConflict = errors.New("another article with this id was loaded in the same load")
)

// LoadReport says what a load did.
type LoadReport struct {
	// New counts the articles written for the first time.
	New int
	// Unchanged counts the articles skipped because the store already
	// holds them with the same content.
	Unchanged int
	// Changed lists the ids of stored articles replaced by a new version.
	Changed []string
	// Repaired counts the articles written again because an interrupted
	// load had left them half replaced.
	Repaired int
	// Resumed counts the articles an interrupted load had started to
	// write and this load finished (also counted in New, Changed or
	// Repaired).
	Resumed int
	// Incomplete lists the ids of articles an interrupted load left
	// unfinished and this load did not see: load them again.
	Incomplete []string
	// Entities, Quotes and Events count what the articles written added:
	// distinct entity nodes, quotes, distinct events.
	Entities, Quotes, Events int
	// Quads is the number of quads the store grew by: Added - Removed.
	Quads int64
	// Added and Removed count the quads written and deleted.
	Added, Removed int64
}

// Loader writes articles into a store, merging their entities with those
// already stored, and batching writes. Make one with Store.NewLoader, call
// Add for each article and Close at the end. A Loader is not safe for
// concurrent use.
//
// Each article is written as a new version labelled with its own IRI (see
// VersionIRI), committed once all its quads are stored; a replaced
// version is deleted at Close. A load interrupted at any point is finished
// by loading the same input again.
type Loader struct {
	s      *Store
	before int64

	data    []quad.Quad // pending quads of uncommitted versions
	commits []commit    // versions to commit once data is written

	seen    map[string]string     // article id -> hash added in this load
	hidden  map[quad.IRI]bool     // uncommitted and garbage version labels
	garbage map[quad.IRI]quad.IRI // version label to delete -> article IRI
	current quad.IRI              // the article being resolved

	// Articles read from standard input that are copies of stored ones:
	// stdin id -> stored id ("" when none), and the stored one's sources.
	twins       map[string]string
	twinSources map[string][]string

	// Entity merging: names and name keys set by this load, and the quads
	// read from the store for others (filtered when used, since which
	// versions count changes as the load goes on).
	names      map[string]string      // entity key -> canonical name
	nameKeys   map[string]string      // name key -> entity key
	dbNames    map[string][]quad.Quad // entity key -> its name quads
	dbNameKeys map[string][]quad.Quad // name key -> quads indexing it
	remap      map[string]string      // entity key -> key of the node it merged into

	entities map[string]bool
	events   map[string]bool
	marks    int64 // version markers added, left out of report.Added
	report   LoadReport

	// writing is the write in flight: Flush hands a batch to a goroutine
	// of its own and goes on, so that the next batch is resolved and
	// built while cayley's writer works. It is nil when none is.
	writing chan written
}

// written is what a write in flight reports when it ends.
type written struct {
	added, removed int64
	err            error
}

// batch is the quads and commits one write takes.
type batch struct {
	data    []quad.Quad
	commits []commit
}

// commit is a version to commit once its quads are written.
type commit struct {
	art, label quad.IRI
	hash       string
	markers    []quad.Quad // the version's pending markers
	old        []quad.Quad // commit quads of the versions it replaces
	replaced   []*version  // the article's other versions, now garbage
}

// NewLoader starts a load.
func (s *Store) NewLoader(ctx context.Context) (*Loader, error) {
	n, err := s.Size(ctx)
	if err != nil {
		return nil, err
	}
	l := &Loader{
		s: s, before: n,
		seen:       map[string]string{},
		hidden:     map[quad.IRI]bool{},
		garbage:    map[quad.IRI]quad.IRI{},
		names:      map[string]string{},
		nameKeys:   map[string]string{},
		dbNames:    map[string][]quad.Quad{},
		dbNameKeys: map[string][]quad.Quad{},
		remap:      map[string]string{},
		entities:   map[string]bool{},
		events:     map[string]bool{},
	}
	// Quads of versions that are not committed, left by an interrupted
	// load, must not feed entity merging.
	marks, err := s.marked(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range marks {
		if m.v.garbage || m.v != m.st.committed {
			l.hidden[m.v.label] = true
		}
	}
	return l, nil
}

// Load writes docs with one Loader and reports what it did.
func (s *Store) Load(ctx context.Context, docs []Doc) (LoadReport, error) {
	l, err := s.NewLoader(ctx)
	if err != nil {
		return LoadReport{}, err
	}
	for _, d := range docs {
		if _, err := l.Add(ctx, d); err != nil && !IsArticleError(err) {
			l.Abort()
			return l.report, err
		}
	}
	return l.Close(ctx)
}

// IsArticleError reports whether an error from Add concerns only the
// article added (ErrNoID, ErrConflict), so the load can go on.
func IsArticleError(err error) bool {
	return errors.Is(err, ErrNoID) || errors.Is(err, ErrConflict)
}

// Status reports whether the store, or this load so far, holds the
// article. Callers use it to skip extracting articles already loaded.
func (l *Loader) Status(ctx context.Context, a corpus.Article) (Status, error) {
	if a.ID == "" {
		return 0, fmt.Errorf("%s: %w", a.Path, ErrNoID)
	}
	a, err := l.identify(ctx, a)
	if err != nil {
		return 0, err
	}
	h := VersionHash(a)
	if prev, ok := l.seen[a.ID]; ok {
		if prev == h {
			return StatusUnchanged, nil
		}
		return StatusChanged, nil
	}
	st, err := l.s.readArticle(ctx, ArticleIRI(a.ID))
	if err != nil {
		return 0, err
	}
	return st.status(h), nil
}

// identify returns a as the stored article it is a copy of, when it came
// from standard input (Store.stdinTwin), and a itself otherwise.
func (l *Loader) identify(ctx context.Context, a corpus.Article) (corpus.Article, error) {
	if a.Path != "-" {
		return a, nil
	}
	if id, ok := l.twins[a.ID]; ok {
		if id != "" {
			a.ID = id
			a.Sources = l.twinSources[id]
		}
		return a, nil
	}
	b, ok, err := l.s.stdinTwin(ctx, a)
	if err != nil {
		return a, err
	}
	if l.twins == nil {
		l.twins, l.twinSources = map[string]string{}, map[string][]string{}
	}
	if !ok {
		l.twins[a.ID] = ""
		return a, nil
	}
	l.twins[a.ID] = b.ID
	l.twinSources[b.ID] = b.Sources
	return b, nil
}

// Add queues one article for writing unless the store already holds it,
// and reports its status. A new article is written as its first version;
// a changed one as a new version that replaces the stored one. Add writes
// a batch whenever Options.BatchSize quads are pending.
//
// An error for which IsArticleError is true concerns this article only;
// any other error means the store failed.
func (l *Loader) Add(ctx context.Context, d Doc) (Status, error) {
	a := d.Article
	if a.ID == "" {
		return 0, fmt.Errorf("%s: %w", a.Path, ErrNoID)
	}
	a, err := l.identify(ctx, a)
	if err != nil {
		return 0, err
	}
	h := VersionHash(a)
	if prev, ok := l.seen[a.ID]; ok {
		if prev == h {
			l.report.Unchanged++
			return StatusUnchanged, nil
		}
		return StatusChanged, fmt.Errorf("%s: article %s: %w", a.Path, a.ID, ErrConflict)
	}
	l.seen[a.ID] = h
	art := ArticleIRI(a.ID)
	st, err := l.s.readArticle(ctx, art)
	if err != nil {
		return 0, err
	}
	status := st.status(h)
	if status == StatusUnchanged {
		l.report.Unchanged++
		// Older versions an interrupted load did not finish deleting.
		for _, v := range st.versions {
			if v != st.committed {
				l.garbage[v.label] = art
			}
		}
		return status, nil
	}

	// A version an interrupted load was writing with this very content
	// is finished; otherwise the content gets a version number never
	// used for this article.
	var resume *version
	for _, v := range st.versions {
		if v.hash == "" && !v.garbage && v.pendingHash == h && v.gen == st.maxGen {
			resume = v
		}
	}
	label := VersionIRI(a.ID, st.maxGen+1)
	if resume != nil {
		label = resume.label
	}

	l.current = art
	r, err := l.resolve(ctx, d.Result)
	l.current = ""
	if err != nil {
		return 0, err
	}
	qs := articleQuads(Doc{Article: a, Result: r}, label)
	markers := []quad.Quad{
		{Subject: art, Predicate: PendingHash, Object: quad.String(h), Label: label},
		{Subject: art, Predicate: LoadState, Object: Pending, Label: label},
	}
	if resume != nil {
		l.report.Resumed++
		if qs, err = l.missing(ctx, qs, label); err != nil {
			return 0, err
		}
	} else {
		// The markers go first, so that any quad of the version that
		// reaches the store is found and finished, or deleted, later.
		l.data = append(l.data, markers...)
		l.marks += int64(len(markers))
	}
	l.data = append(l.data, qs...)
	l.hidden[label] = true

	c := commit{art: art, label: label, hash: h, markers: markers}
	for _, v := range st.versions {
		if v.label == label {
			continue
		}
		c.replaced = append(c.replaced, v)
		if v.hash != "" {
			c.old = append(c.old, quad.Quad{Subject: art, Predicate: ContentHash, Object: quad.String(v.hash), Label: v.label})
		}
	}
	l.commits = append(l.commits, c)

	switch status {
	case StatusNew:
		l.report.New++
	case StatusChanged:
		l.report.Changed = append(l.report.Changed, a.ID)
	case StatusRepair:
		l.report.Repaired++
	}
	l.report.Quotes += len(r.Quotes)
	for _, e := range r.Entities {
		l.entities[e.Key] = true
	}
	for _, e := range r.Events {
		l.events[e.Key] = true
	}
	if len(l.data) >= l.s.batch {
		return status, l.startFlush(ctx)
	}
	return status, nil
}

// missing returns the quads of qs the store does not hold yet.
func (l *Loader) missing(ctx context.Context, qs []quad.Quad, label quad.IRI) ([]quad.Quad, error) {
	stored := map[string]bool{}
	done := map[quad.Value]bool{}
	for _, q := range qs {
		if done[q.Subject] {
			continue
		}
		done[q.Subject] = true
		err := l.s.eachQuad(ctx, quad.Subject, q.Subject, func(sq quad.Quad) {
			if sq.Label == label {
				stored[quadKey(sq)] = true
			}
		})
		if err != nil {
			return nil, err
		}
	}
	out := qs[:0:0]
	for _, q := range qs {
		if !stored[quadKey(q)] {
			out = append(out, q)
		}
	}
	return out, nil
}

// Flush writes the pending quads, then commits the versions they
// complete: first their content hashes and the garbage marks of the
// versions they replace, then, in transactions of their own, the deletion
// of the pending marks and the old content hashes. It returns once all is
// written.
func (l *Loader) Flush(ctx context.Context) error {
	if err := l.startFlush(ctx); err != nil {
		return err
	}
	if err := l.wait(); err != nil {
		return err
	}
	if l.s.bolt != nil {
		// Pipelined writes (Options.Pipelined) end in bolt.
		if err := l.s.bolt.wait(); err != nil {
			return fmt.Errorf("write to %s: %w", l.s.dsn, err)
		}
	}
	return nil
}

// startFlush hands the pending quads and commits to a write of their own
// (after the one in flight has ended) and returns without waiting for it.
// What the commits change in the load's view of the store (which versions
// count for entity merging) changes here, in input order, so that the
// graph is the same however the writes interleave with the reads of
// later articles. Those reads only ever return quads stored before this
// load: an entity or name key this load has written is answered from the
// loader's own maps.
func (l *Loader) startFlush(ctx context.Context) error {
	if err := l.wait(); err != nil {
		return err
	}
	if len(l.data) == 0 && len(l.commits) == 0 {
		return nil
	}
	l.s.logger.Debug("writing articles", "quads", len(l.data), "articles", len(l.commits))
	b := batch{data: l.data, commits: l.commits}
	l.data, l.commits = nil, nil
	for _, c := range b.commits {
		for _, v := range c.replaced {
			if !v.garbage {
				l.marks++
			}
		}
		delete(l.hidden, c.label)
		for _, v := range c.replaced {
			l.hidden[v.label] = true
			l.garbage[v.label] = c.art
		}
	}
	// The write outlives the call that started it (whose context may end
	// with it, as a pipeline's does), and a batch is written whole: a
	// cancelled load stops at the next Add or Flush.
	wctx := context.WithoutCancel(ctx)
	done := make(chan written, 1)
	l.writing = done
	if l.s.serial() {
		done <- l.write(wctx, b)
		return nil
	}
	go func() { done <- l.write(wctx, b) }()
	return nil
}

// wait waits for the write in flight, if any, and adds what it did to
// the report.
func (l *Loader) wait() error {
	if l.writing == nil {
		return nil
	}
	w := <-l.writing
	l.writing = nil
	l.report.Added += w.added
	l.report.Removed += w.removed
	return w.err
}

// Abort waits for the write in flight and drops what is pending: for a
// load that stops on an error. Versions not committed are finished or
// deleted by the next load, as after a crash. The Loader is unusable
// afterwards.
func (l *Loader) Abort() {
	l.wait()
	l.data, l.commits = nil, nil
}

// write stores one batch. It runs on a goroutine of its own and touches
// nothing of the loader but the store.
func (l *Loader) write(ctx context.Context, b batch) (w written) {
	var n int64
	if n, w.err = l.add(ctx, b.data); w.err != nil {
		return w
	}
	w.added += n
	if len(b.commits) == 0 {
		return w
	}
	var adds, marks, old []quad.Quad
	for _, c := range b.commits {
		adds = append(adds, quad.Quad{Subject: c.art, Predicate: ContentHash, Object: quad.String(c.hash), Label: c.label})
		for _, v := range c.replaced {
			if !v.garbage {
				adds = append(adds, quad.Quad{Subject: c.art, Predicate: LoadState, Object: Garbage, Label: v.label})
			}
		}
		marks = append(marks, c.markers...)
		old = append(old, c.old...)
	}
	if n, w.err = l.add(ctx, adds); w.err != nil {
		return w
	}
	w.added += n
	if _, w.err = l.remove(ctx, marks); w.err != nil {
		return w
	}
	n, w.err = l.remove(ctx, old)
	w.removed += n
	return w
}

// Close writes what is pending, deletes replaced versions and the
// leftovers of interrupted loads, and returns the report of the whole
// load.
func (l *Loader) Close(ctx context.Context) (LoadReport, error) {
	if err := l.Flush(ctx); err != nil {
		return l.report, err
	}
	if err := l.sweep(ctx); err != nil {
		return l.report, err
	}
	n, err := l.s.Size(ctx)
	if err != nil {
		return l.report, err
	}
	l.report.Quads = n - l.before
	l.report.Added = max(0, l.report.Added-l.marks)
	l.report.Entities = len(l.entities)
	l.report.Events = len(l.events)
	return l.report, nil
}

// sweepLabels is the number of versions to delete above which the sweep
// reads every quad once instead of looking each version's quads up.
const sweepLabels = 8

// mark is a version carrying a pending or garbage marker.
type mark struct {
	st *articleState
	v  *version
}

// marked returns the versions that carry a pending or garbage marker,
// with the state of their articles.
func (s *Store) marked(ctx context.Context) ([]mark, error) {
	states := map[quad.IRI]*articleState{}
	var out []mark
	seen := map[quad.IRI]bool{}
	for _, state := range []quad.IRI{Pending, Garbage} {
		var arts []quad.IRI
		err := s.eachQuad(ctx, quad.Object, state, func(q quad.Quad) {
			art, _, ok := ParseVersion(q.Label)
			if ok && q.Predicate == LoadState && q.Subject == art && !seen[q.Label.(quad.IRI)] {
				seen[q.Label.(quad.IRI)] = true
				arts = append(arts, art)
			}
		})
		if err != nil {
			return nil, err
		}
		for _, art := range arts {
			if states[art] != nil {
				continue
			}
			st, err := s.readArticle(ctx, art)
			if err != nil {
				return nil, err
			}
			states[art] = st
		}
	}
	arts := make([]quad.IRI, 0, len(states))
	for art := range states {
		arts = append(arts, art)
	}
	slices.Sort(arts)
	for _, art := range arts {
		st := states[art]
		labels := make([]quad.IRI, 0, len(st.versions))
		for label, v := range st.versions {
			if v.pending || v.garbage {
				labels = append(labels, label)
			}
		}
		slices.Sort(labels)
		for _, label := range labels {
			out = append(out, mark{st: st, v: st.versions[label]})
		}
	}
	return out, nil
}

// sweep deletes the garbage versions of this load and of interrupted
// ones, and the pending marks left on committed versions, and lists the
// pending versions nobody finished.
func (l *Loader) sweep(ctx context.Context) error {
	marks, err := l.s.marked(ctx)
	if err != nil {
		return err
	}
	var leftovers []quad.Quad
	for _, m := range marks {
		art, v := m.st.art, m.v
		switch {
		case v.garbage:
			l.garbage[v.label] = art
		case v == m.st.committed:
			// Committed by a load interrupted before it removed the marks.
			leftovers = append(leftovers,
				quad.Quad{Subject: art, Predicate: PendingHash, Object: quad.String(v.pendingHash), Label: v.label},
				quad.Quad{Subject: art, Predicate: LoadState, Object: Pending, Label: v.label})
		case m.st.committed != nil && m.st.committed.gen > v.gen:
			l.garbage[v.label] = art
		case l.garbage[v.label] == "":
			l.report.Incomplete = append(l.report.Incomplete, ID(art, ArticlePrefix))
		}
	}
	if _, err := l.remove(ctx, leftovers); err != nil {
		return err
	}
	if len(l.garbage) == 0 {
		return nil
	}
	// A version's quads hang off many nodes: they are found by their
	// label, through a label index or a pass over the store that decodes
	// only the quads with the label; with many labels, one pass that
	// decodes every quad is faster. Markers go last, so that a sweep
	// interrupted here is resumed by the next load.
	var data, markers []quad.Quad
	keep := func(q quad.Quad) {
		label, _ := q.Label.(quad.IRI)
		art, ok := l.garbage[label]
		switch {
		case !ok:
		case q.Subject == art && (q.Predicate == LoadState || q.Predicate == PendingHash):
			markers = append(markers, q)
		default:
			data = append(data, q)
		}
	}
	if len(l.garbage) > sweepLabels {
		it := l.s.qs.QuadsAllIterator()
		defer it.Close()
		if err := cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) { keep(l.s.qs.Quad(r)) }); err != nil {
			return fmt.Errorf("read %s: %w", l.s.dsn, err)
		}
	} else {
		labels := make([]quad.IRI, 0, len(l.garbage))
		for label := range l.garbage {
			labels = append(labels, label)
		}
		slices.Sort(labels)
		for _, label := range labels {
			if err := l.s.eachQuad(ctx, quad.Label, label, keep); err != nil {
				return err
			}
		}
	}
	sort.Slice(markers, func(i, j int) bool { return markers[i].Predicate != LoadState && markers[j].Predicate == LoadState })
	n, err := l.remove(ctx, data)
	l.report.Removed += n
	if err != nil {
		return err
	}
	if _, err := l.remove(ctx, markers); err != nil {
		return err
	}
	clear(l.garbage)
	return nil
}

// add writes quads and counts how many the store gained.
func (l *Loader) add(ctx context.Context, qs []quad.Quad) (int64, error) {
	if len(qs) == 0 {
		return 0, nil
	}
	before, err := l.s.Size(ctx)
	if err != nil {
		return 0, err
	}
	if err := l.s.AddQuads(ctx, qs); err != nil {
		return 0, err
	}
	after, err := l.s.Size(ctx)
	return after - before, err
}

// remove deletes quads and returns how many the store lost.
func (l *Loader) remove(ctx context.Context, qs []quad.Quad) (int64, error) {
	if len(qs) == 0 {
		return 0, nil
	}
	before, err := l.s.Size(ctx)
	if err != nil {
		return 0, err
	}
	if err := l.s.removeQuads(ctx, qs); err != nil {
		return 0, err
	}
	after, err := l.s.Size(ctx)
	return before - after, err
}

// visible reports whether quads with this label count for entity
// merging: not those of the article being resolved (its other versions
// are being replaced), nor of versions not committed or being deleted.
func (l *Loader) visible(label quad.Value) bool {
	art, _, ok := ParseVersion(label)
	if !ok {
		return true
	}
	if art == l.current {
		return false
	}
	iri, _ := label.(quad.IRI)
	return !l.hidden[iri]
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
			for _, nk := range mergeKeys(e) {
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
	renamed := map[string][2]string{} // entity key -> the article's name, the node's
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
			renamed[e.Key] = [2]string{e.Name, canon}
			e.Aliases = appendUnique(e.Aliases, e.Name)
			e.Name = canon
		}
		for _, nk := range mergeKeys(*e) {
			if l.nameKeys[nk] == "" {
				l.nameKeys[nk] = e.Key
			}
		}
	}
	// a breach is named after its victim ("Northgate Clothing hack"): by
	// the victim's node name
	for i := range out.Events {
		ev := &out.Events[i]
		if n, ok := renamed[ev.Victim]; ok {
			if rest, ok := strings.CutPrefix(ev.Name, n[0]+" "); ok {
				ev.Name = n[1] + " " + rest
			}
		}
	}
	return out, nil
}

// canonicalName returns the name of the entity node with the key, as set
// by this load or stored, or "" when there is none.
func (l *Loader) canonicalName(ctx context.Context, key string) (string, error) {
	if n, ok := l.names[key]; ok {
		return n, nil
	}
	qs, ok := l.dbNames[key]
	if !ok {
		var err error
		if qs, err = l.s.linked(ctx, quad.Subject, EntityIRI(key), Name); err != nil {
			return "", err
		}
		l.dbNames[key] = qs
	}
	name := ""
	for _, q := range qs {
		if s := literal(q.Object); l.visible(q.Label) && (name == "" || s < name) {
			name = s
		}
	}
	return name, nil
}

// lookupNameKey returns the key of the entity indexed under the name key,
// by this load or in the store, or "" when there is none.
func (l *Loader) lookupNameKey(ctx context.Context, nk string) (string, error) {
	if k, ok := l.nameKeys[nk]; ok {
		return k, nil
	}
	qs, ok := l.dbNameKeys[nk]
	if !ok {
		var err error
		if qs, err = l.s.linked(ctx, quad.Object, quad.String(nk), NameKey); err != nil {
			return "", err
		}
		l.dbNameKeys[nk] = qs
	}
	key := ""
	for _, q := range qs {
		if k := ID(q.Subject, EntityPrefix); k != "" && l.visible(q.Label) && (key == "" || k < key) {
			key = k
		}
	}
	return key, nil
}

// linked returns the quads whose direction d holds v and whose predicate
// is pred.
func (s *Store) linked(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.eachQuad(ctx, d, v, func(q quad.Quad) {
		if q.Predicate == pred {
			out = append(out, q)
		}
	})
	return out, err
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
	// A breach's key is made from its victim's: a victim merged into
	// another node takes its breaches with it, so that outlets naming the
	// victim differently ("Northgate Clothing", "Northgate Clothing Ltd")
	// tell of one breach.
	events := map[string]string{}
	for _, ev := range r.Events {
		if nv := f(ev.Victim); nv != ev.Victim && ev.Victim != "" {
			if rest, ok := strings.CutPrefix(ev.Key, extract.BreachKeyPrefix(ev.Victim)); ok {
				events[ev.Key] = extract.BreachKeyPrefix(nv) + rest
			}
		}
	}
	for _, q := range r.Quotes {
		q.Speaker = f(q.Speaker)
		if k, ok := events[q.Event]; ok {
			q.Event = k
		}
		out.Quotes = append(out.Quotes, q)
	}
	for _, ev := range r.Events {
		if k, ok := events[ev.Key]; ok {
			ev.Key = k
		}
		ev.Victim = f(ev.Victim)
		ev.Via = f(ev.Via)
		ev.Attacker = f(ev.Attacker)
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
