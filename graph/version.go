package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/corpus"
)

// Article versions.
//
// Every quad an article gives is labelled with the IRI of one version of
// the article: the article IRI itself for the first version
// (<ng:article/ID>), and the article IRI followed by "#N" for the N-th
// (<ng:article/ID#2>). A version's number is never used twice for one
// article, so replacing an article writes quads that were never in the
// store and then deletes the old version's quads: cayley's kv backends are
// never asked to delete and re-add one quad, nor to add and delete quads
// in one transaction (which, in v0.7.7, loses the links of nodes whose
// reference count drops in it).
//
// A version goes through these states, each recorded by quads on the
// article node labelled with the version:
//
//	pending    (A, ng:pendingHash, "HASH", V) and (A, ng:loadState, ng:Pending, V)
//	           are written first, before the version's quads, in the same or
//	           an earlier transaction;
//	committed  (A, ng:contentHash, "HASH", V) is written once all its quads
//	           are, then the pending markers are deleted;
//	garbage    (A, ng:loadState, ng:Garbage, V) marks the replaced version,
//	           whose quads are deleted, that marker last.
//
// A load killed at any point leaves a store in which each article has at
// most one committed version with all its quads; loading the same input
// again completes a pending version (adding only its missing quads) and
// deletes garbage, so the store ends as a clean load leaves it.

// Terms that track article versions and sources.
const (
	// Source is another place an article was found: the path of a copy
	// or the URL of a syndicated copy (a string).
	Source = quad.IRI("ng:source")
	// PendingHash is the content hash of a version being written.
	PendingHash = quad.IRI("ng:pendingHash")
	// LoadState marks a version that is not (or no longer) the article's
	// committed one: its object is Pending or Garbage.
	LoadState = quad.IRI("ng:loadState")
	// Pending is the LoadState of a version being written.
	Pending = quad.IRI("ng:Pending")
	// Garbage is the LoadState of a replaced version being deleted.
	Garbage = quad.IRI("ng:Garbage")
)

// VersionIRI returns the label of version gen (from 1) of an article.
func VersionIRI(id string, gen int) quad.IRI {
	if gen <= 1 {
		return ArticleIRI(id)
	}
	return quad.IRI(string(ArticleIRI(id)) + "#" + strconv.Itoa(gen))
}

// ParseVersion splits a quad label into the article IRI and version
// number. ok is false when the label is not a version label built by
// VersionIRI.
func ParseVersion(label quad.Value) (article quad.IRI, gen int, ok bool) {
	iri, isIRI := label.(quad.IRI)
	if !isIRI || !strings.HasPrefix(string(iri), ArticlePrefix) {
		return "", 0, false
	}
	s := string(iri)
	i := strings.LastIndexByte(s, '#')
	if i < 0 {
		return iri, 1, true
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 2 {
		return "", 0, false
	}
	return quad.IRI(s[:i]), n, true
}

// LabelArticle returns the id of the article a quad label names (any
// version), or "" when the label is not an article version.
func LabelArticle(label quad.Value) string {
	art, _, ok := ParseVersion(label)
	if !ok {
		return ""
	}
	return ID(art, ArticlePrefix)
}

// VersionHash returns the hash that identifies an article's content when
// loading: ContentHashOf, extended with the article's other sources, so
// that a new syndicated copy of a stored article updates its sources. A
// source that is a file counts by its file name, not by the path it was
// given: the same folder loaded by an absolute path, a relative one or
// under another name is the same content, and stays unchanged.
func VersionHash(a corpus.Article) string {
	h := ContentHashOf(a)
	if len(a.Sources) == 0 {
		return h
	}
	names := make([]string, len(a.Sources))
	for i, s := range a.Sources {
		names[i] = sourceName(s)
	}
	sort.Strings(names)
	sum := sha256.New()
	sum.Write([]byte(h))
	for _, s := range names {
		sum.Write([]byte{0})
		sum.Write([]byte(s))
	}
	return hex.EncodeToString(sum.Sum(nil))
}

// sourceName is what identifies a source in VersionHash: a URL as it is,
// a file path by its file name.
func sourceName(s string) string {
	if strings.Contains(s, "://") || s == "-" {
		return s
	}
	return filepath.Base(filepath.ToSlash(s))
}

// articleQuads returns the quads of one version of an article: Quads,
// without its content hash (the loader writes that to commit the
// version), with a quad per other source, labelled with label.
func articleQuads(d Doc, label quad.IRI) []quad.Quad {
	all := Quads(d.Article, d.Result)
	out := make([]quad.Quad, 0, len(all)+len(d.Article.Sources))
	art := ArticleIRI(d.Article.ID)
	seen := map[string]bool{}
	for _, q := range all {
		if q.Predicate == ContentHash && q.Subject == art {
			continue
		}
		q.Label = label
		out = append(out, q)
	}
	for _, s := range d.Article.Sources {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, quad.Quad{Subject: art, Predicate: Source, Object: quad.String(s), Label: label})
		}
	}
	return out
}

// version is what the store says about one version of an article.
type version struct {
	label       quad.IRI
	gen         int
	hash        string // committed content hash, "" if not committed
	pendingHash string // "" unless marked pending
	pending     bool   // has the ng:Pending marker
	garbage     bool   // has the ng:Garbage marker
	sources     []string
}

// articleState is what the store holds of one article's versions.
type articleState struct {
	art       quad.IRI
	versions  map[quad.IRI]*version
	committed *version // the committed version with the highest number
	maxGen    int
}

// readArticle reads the versions of the article with IRI art from the
// quads on its node.
func (s *Store) readArticle(ctx context.Context, art quad.IRI) (*articleState, error) {
	st := &articleState{art: art, versions: map[quad.IRI]*version{}}
	err := s.eachQuad(ctx, quad.Subject, art, func(q quad.Quad) {
		a, gen, ok := ParseVersion(q.Label)
		if !ok || a != art {
			return
		}
		label := q.Label.(quad.IRI)
		v := st.versions[label]
		if v == nil {
			v = &version{label: label, gen: gen}
			st.versions[label] = v
			st.maxGen = max(st.maxGen, gen)
		}
		switch q.Predicate {
		case ContentHash:
			v.hash = literal(q.Object)
		case PendingHash:
			v.pendingHash = literal(q.Object)
		case Source:
			v.sources = append(v.sources, literal(q.Object))
		case LoadState:
			switch q.Object {
			case Pending:
				v.pending = true
			case Garbage:
				v.garbage = true
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for _, v := range st.versions {
		if v.hash != "" && (st.committed == nil || v.gen > st.committed.gen) {
			st.committed = v
		}
	}
	return st, nil
}

// status says what loading content with hash h means for the article.
func (st *articleState) status(h string) Status {
	switch {
	case st.committed == nil:
		return StatusNew
	case st.committed.hash != h:
		return StatusChanged
	case st.maxGen > st.committed.gen:
		// An interrupted load left a newer pending version: the article
		// is written again under a new version.
		return StatusRepair
	}
	return StatusUnchanged
}

// ArticleStatus reports whether the store holds article a: new, unchanged,
// or changed. Unlike Loader.Status it does not see what a running load
// has added, and it is safe to call concurrently with a load.
func (s *Store) ArticleStatus(ctx context.Context, a corpus.Article) (Status, error) {
	if a.ID == "" {
		return 0, fmt.Errorf("%s: %w", a.Path, ErrNoID)
	}
	st, err := s.readArticle(ctx, ArticleIRI(a.ID))
	if err != nil {
		return 0, err
	}
	return st.status(VersionHash(a)), nil
}

// eachQuad calls f for every quad whose direction d holds v.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, f func(quad.Quad)) error {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	// The iterator's transaction ends before the quads are read, each in
	// a transaction of its own: on bolt, a read transaction opened while
	// another is open in the same goroutine deadlocks with a writer that
	// must grow the memory map (loads write on a goroutine of their own
	// while the loader reads).
	it := s.qs.QuadIterator(d, ref)
	refs, err := cgraph.Iterate(ctx, it).All()
	it.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", s.dsn, err)
	}
	for _, r := range refs {
		f(s.qs.Quad(r))
	}
	return nil
}

// removeQuads deletes quads, in transactions of Options.BatchSize quads
// that only delete, ignoring quads already gone.
func (s *Store) removeQuads(ctx context.Context, qs []quad.Quad) error {
	if s.ro {
		return fmt.Errorf("write to %s: store is open read-only", s.dsn)
	}
	for len(qs) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(qs), s.batch)
		tx := cgraph.NewTransactionN(n)
		for _, q := range qs[:n] {
			tx.RemoveQuad(q)
		}
		if err := s.w.ApplyTransaction(tx); err != nil {
			return fmt.Errorf("delete from %s: %w", s.dsn, err)
		}
		qs = qs[n:]
	}
	return nil
}

// quadKey is a comparable form of a quad (quad values such as times do
// not compare with ==).
func quadKey(q quad.Quad) string { return q.NQuad() }

// stdinTwin returns the stored article that a read from standard input
// (Path "-") is a copy of: one whose committed content equals a's once a
// takes its id and sources. A file piped in is the article loaded from
// that file, so it is unchanged rather than stored twice under a
// "stdin-…" id. ok is false when a did not come from standard input or
// no stored article has its headline and content.
func (s *Store) stdinTwin(ctx context.Context, a corpus.Article) (twin corpus.Article, ok bool, err error) {
	if a.Path != "-" || a.Title == "" {
		return a, false, nil
	}
	var cands []quad.IRI
	err = s.eachQuad(ctx, quad.Object, quad.String(a.Title), func(q quad.Quad) {
		if q.Predicate != Headline {
			return
		}
		if iri, isIRI := q.Subject.(quad.IRI); isIRI && strings.HasPrefix(string(iri), ArticlePrefix) && iri != ArticleIRI(a.ID) {
			cands = append(cands, iri)
		}
	})
	if err != nil {
		return a, false, err
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i] < cands[j] })
	for _, art := range cands {
		st, err := s.readArticle(ctx, art)
		if err != nil {
			return a, false, err
		}
		if st.committed == nil {
			continue
		}
		b := a
		b.ID = ID(art, ArticlePrefix)
		b.Sources = append([]string(nil), st.committed.sources...)
		sort.Strings(b.Sources)
		if VersionHash(b) == st.committed.hash {
			return b, true, nil
		}
	}
	return a, false, nil
}
