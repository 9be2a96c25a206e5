package graph

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

func TestParseVersion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		label quad.Value
		art   quad.IRI
		gen   int
		ok    bool
	}{
		{"first", VersionIRI("a-1", 1), "ng:article/a-1", 1, true},
		{"third", VersionIRI("a-1", 3), "ng:article/a-1", 3, true},
		{"hash in id", VersionIRI("x#2", 1), "ng:article/x%232", 1, true},
		{"hash in id, later version", VersionIRI("x#2", 12), "ng:article/x%232", 12, true},
		{"not an article", quad.IRI("ng:entity/x"), "", 0, false},
		{"string", quad.String("ng:article/x"), "", 0, false},
		{"bad number", quad.IRI("ng:article/x#y"), "", 0, false},
		{"version 1 spelled out", quad.IRI("ng:article/x#1"), "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, gen, ok := ParseVersion(tt.label)
			if art != tt.art || gen != tt.gen || ok != tt.ok {
				t.Errorf("ParseVersion(%v) = %q, %d, %v; want %q, %d, %v", tt.label, art, gen, ok, tt.art, tt.gen, tt.ok)
			}
		})
	}
	if id := LabelArticle(VersionIRI("x#2", 5)); id != "x#2" {
		t.Errorf("LabelArticle = %q, want x#2", id)
	}
}

// errCrash stands for the process dying: the writer refuses every write
// after a given number of transactions.
var errCrash = errors.New("crash")

// crashWriter lets the first left transactions through and fails the rest.
type crashWriter struct {
	cgraph.QuadWriter
	left int
}

func (w *crashWriter) AddQuadSet(qs []quad.Quad) error {
	if w.left <= 0 {
		return errCrash
	}
	w.left--
	return w.QuadWriter.AddQuadSet(qs)
}

func (w *crashWriter) ApplyTransaction(tx *cgraph.Transaction) error {
	if w.left <= 0 {
		return errCrash
	}
	w.left--
	return w.QuadWriter.ApplyTransaction(tx)
}

// recordingWriter records every quad added and deleted, failing the test
// on a quad deleted and then added again, or a transaction that both adds
// and deletes.
type recordingWriter struct {
	cgraph.QuadWriter
	t       *testing.T
	deleted map[string]bool
	txs     int
}

func (w *recordingWriter) AddQuadSet(qs []quad.Quad) error {
	w.txs++
	for _, q := range qs {
		if w.deleted[quadKey(q)] {
			w.t.Errorf("quad deleted, then added again: %s", q.NQuad())
		}
	}
	return w.QuadWriter.AddQuadSet(qs)
}

func (w *recordingWriter) ApplyTransaction(tx *cgraph.Transaction) error {
	w.txs++
	for _, d := range tx.Deltas {
		if d.Action != cgraph.Delete {
			w.t.Errorf("transaction mixes additions and deletions: %s", d.Quad.NQuad())
			continue
		}
		w.deleted[quadKey(d.Quad)] = true
	}
	return w.QuadWriter.ApplyTransaction(tx)
}

func fixture() []Doc {
	arts, results := testutil.Fixture()
	docs := make([]Doc, len(arts))
	for i := range arts {
		docs[i] = Doc{Article: arts[i], Result: results[i]}
	}
	return docs
}

// edited returns the fixture's first article with a changed body and one
// quote, one entity and a number fewer.
func edited(d Doc) Doc {
	d.Article.Body += "The council later said 4,500 staff were affected.\n"
	r := d.Result
	r.Quotes = slices.DeleteFunc(slices.Clone(r.Quotes), func(q extract.Quote) bool { return q.Text == "contained within hours" })
	r.Events = slices.Clone(r.Events)
	r.Events[0].Affected = []int{4500}
	d.Result = r
	return d
}

// testStores are the backends the version tests run on.
var testStores = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"memory", func(*testing.T) string { return DSNMemory }},
	{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "graph.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.NewDSN(t) }},
}

func open(t *testing.T, dsn string, batch int) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, Options{Create: true, BatchSize: batch, NoBloom: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// nquads returns the store's quads as sorted N-Quads lines; with
// anyVersion, every version label is written as its article's IRI.
func nquads(t *testing.T, s *Store, anyVersion bool) []string {
	t.Helper()
	qs, err := s.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		if art, _, ok := ParseVersion(q.Label); ok && anyVersion {
			q.Label = art
		}
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return out
}

func load(t *testing.T, s *Store, docs ...Doc) LoadReport {
	t.Helper()
	rep, err := s.Load(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func diff(want, got []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	if b.Len() == 0 && len(want) != len(got) {
		fmt.Fprintf(&b, "%d quads, want %d\n", len(got), len(want))
	}
	return b.String()
}

func noMarkers(t *testing.T, lines []string) {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(l, string(LoadState)) || strings.Contains(l, string(PendingHash)) {
			t.Errorf("marker left in the store: %s", l)
		}
	}
}

func TestLoader_replace(t *testing.T) {
	for _, st := range testStores {
		t.Run(st.name, func(t *testing.T) {
			ctx := context.Background()
			docs := fixture()
			a2 := edited(docs[0])

			clean := open(t, st.dsn(t), 0)
			load(t, clean, a2, docs[1])
			want := nquads(t, clean, true)

			s := open(t, st.dsn(t), 0)
			rec := &recordingWriter{QuadWriter: s.w, t: t, deleted: map[string]bool{}}
			s.w = rec
			load(t, s, docs...)
			rep := load(t, s, a2, docs[1])
			if rep.New != 0 || rep.Unchanged != 1 || !slices.Equal(rep.Changed, []string{"northbridge-a"}) || rep.Removed == 0 {
				t.Errorf("replacing load: %+v, want northbridge-a changed, 1 unchanged, quads removed", rep)
			}
			got := nquads(t, s, false)
			noMarkers(t, got)
			for _, l := range got {
				if strings.HasSuffix(l, "<ng:article/northbridge-a> .") {
					t.Errorf("quad of the replaced version left: %s", l)
				}
			}
			if d := diff(want, nquads(t, s, true)); d != "" {
				t.Errorf("after replacing, the store differs from a clean load (labels aside):\n%s", d)
			}
			if st, err := s.ArticleStatus(ctx, a2.Article); err != nil || st != StatusUnchanged {
				t.Errorf("ArticleStatus = %v, %v; want unchanged", st, err)
			}

			// Back to the first content: a third version, never a
			// deleted one written again.
			rep = load(t, s, docs...)
			if !slices.Equal(rep.Changed, []string{"northbridge-a"}) {
				t.Errorf("reverting load: %+v", rep)
			}
			got = nquads(t, s, false)
			noMarkers(t, got)
			if !slices.ContainsFunc(got, func(l string) bool { return strings.HasSuffix(l, "<ng:article/northbridge-a#3> .") }) {
				t.Error("the reverted article is not stored as version 3")
			}
			clean2 := open(t, st.dsn(t), 0)
			load(t, clean2, docs...)
			if d := diff(nquads(t, clean2, true), nquads(t, s, true)); d != "" {
				t.Errorf("after reverting, the store differs from a clean load:\n%s", d)
			}
			if rep := load(t, s, docs...); rep.Unchanged != 2 || rep.Added != 0 || rep.Removed != 0 {
				t.Errorf("loading again: %+v, want 2 unchanged, nothing written", rep)
			}
		})
	}
}

// TestLoader_crash interrupts loads after every possible number of write
// transactions and checks that loading the same input again gives the
// store a clean load gives.
func TestLoader_crash(t *testing.T) {
	docs := fixture()
	a2 := edited(docs[0])
	scenarios := []struct {
		name   string
		before [][]Doc // loads that complete first
		load   []Doc   // the load interrupted, then run again
		again  []Doc   // what is loaded after the crash ([] = load)
	}{
		{name: "first load", load: docs},
		{name: "replace", before: [][]Doc{docs}, load: []Doc{a2, docs[1]}},
		{name: "replace, then revert", before: [][]Doc{docs}, load: []Doc{a2, docs[1]}, again: docs},
	}
	for _, st := range testStores {
		for _, sc := range scenarios {
			t.Run(st.name+"/"+sc.name, func(t *testing.T) {
				ctx := context.Background()
				again := sc.again
				if again == nil {
					again = sc.load
				}
				clean := open(t, st.dsn(t), 0)
				for _, docs := range sc.before {
					load(t, clean, docs...)
				}
				load(t, clean, again...)
				want := nquads(t, clean, true)

				for cut := 0; ; cut++ {
					s := open(t, st.dsn(t), 20)
					for _, docs := range sc.before {
						load(t, s, docs...)
					}
					real := s.w
					s.w = &crashWriter{QuadWriter: real, left: cut}
					_, err := s.Load(ctx, sc.load)
					s.w = real
					if err == nil {
						if cut == 0 {
							t.Fatal("the load wrote nothing")
						}
						t.Logf("%d transactions", cut)
						break
					}
					if !errors.Is(err, errCrash) {
						t.Fatal(err)
					}
					rep := load(t, s, again...)
					got := nquads(t, s, false)
					noMarkers(t, got)
					if d := diff(want, nquads(t, s, true)); d != "" {
						t.Fatalf("crash after %d transactions, then a load: store differs from a clean load (%+v):\n%s", cut, rep, d)
					}
					if rep := load(t, s, again...); rep.Added != 0 || rep.Removed != 0 || rep.New != 0 {
						t.Errorf("cut %d: a further load wrote: %+v", cut, rep)
					}
				}
			})
		}
	}
}

// TestLoader_replaceMany replaces more versions than the sweep looks up
// one by one, so that it reads the whole store once.
func TestLoader_replaceMany(t *testing.T) {
	for _, st := range testStores[:2] {
		t.Run(st.name, func(t *testing.T) {
			var before, after []Doc
			for i := range sweepLabels + 2 {
				for _, d := range []Doc{fixture()[0], edited(fixture()[0])} {
					d.Article.ID = fmt.Sprintf("a%02d", i)
					d.Result.ArticleID = d.Article.ID
					if len(after) < len(before) {
						after = append(after, d)
					} else {
						before = append(before, d)
					}
				}
			}
			clean := open(t, st.dsn(t), 0)
			load(t, clean, after...)
			s := open(t, st.dsn(t), 0)
			load(t, s, before...)
			if rep := load(t, s, after...); len(rep.Changed) != len(after) {
				t.Errorf("%d replaced, want %d", len(rep.Changed), len(after))
			}
			got := nquads(t, s, false)
			noMarkers(t, got)
			for _, l := range got {
				if !strings.Contains(l, "#2> .") {
					t.Fatalf("quad of a replaced version left: %s", l)
				}
			}
			if d := diff(nquads(t, clean, true), nquads(t, s, true)); d != "" {
				t.Errorf("store differs from a clean load:\n%s", d)
			}
		})
	}
}

// A stored article piped in again on standard input is the same article:
// unchanged, nothing written, its sources kept; a piped text that differs
// is a new article.
func TestLoader_stdinCopy(t *testing.T) {
	for _, st := range testStores {
		t.Run(st.name, func(t *testing.T) {
			docs := fixture()
			docs[0].Article.Path = "corpus/northbridge-a.txt"
			docs[0].Article.Sources = []string{"mirror/northbridge-a.txt"}
			s := open(t, st.dsn(t), 0)
			load(t, s, docs...)
			before := nquads(t, s, true)

			piped := docs[0]
			piped.Article.Path = "-"
			piped.Article.ID = "stdin-0123456789ab"
			piped.Article.Sources = nil
			if rep := load(t, s, piped); rep.Unchanged != 1 || rep.New != 0 || rep.Added != 0 || rep.Removed != 0 {
				t.Errorf("piping a stored article: %+v, want 1 unchanged and nothing written", rep)
			}
			if d := diff(before, nquads(t, s, true)); d != "" {
				t.Errorf("piping a stored article changed the store:\n%s", d)
			}

			other := piped
			other.Article.Body += "\n\nA later paragraph that the stored article does not have."
			if rep := load(t, s, other); rep.New != 1 || rep.Unchanged != 0 {
				t.Errorf("piping an edited copy: %+v, want it new", rep)
			}
		})
	}
}
