package graphtest

import (
	"bytes"
	"context"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

// Harness says how the suite makes and opens stores of one backend.
type Harness struct {
	// NewDSN returns a DSN naming a store that does not exist yet.
	NewDSN func(t testing.TB) string
	// Options are added to the options of every Open made through Open:
	// NoBloom and Pipelined always, BatchSize when the caller sets none.
	Options graph.Options
	// Persistent backends keep a store across Close and Open. A persistent
	// backend that is not Shared is a file store: the suite checks that a
	// second writer finds it locked and that a missing file is not created.
	Persistent bool
	// Shared backends let several processes open the store at once: one
	// writer and any number of readers (PostgreSQL). Their DSNs are URLs
	// whose path names the database.
	Shared bool
	// Setup, if set, checks the backend can run; it skips or fails t.
	Setup func(t testing.TB)
	// EmptyDatabase, for Shared backends, returns the DSN of a database
	// that exists but holds no graph.
	EmptyDatabase func(t testing.TB) string
}

// RunConformanceTests runs the store conformance suite against the backend
// h describes, each check a subtest of t.
func RunConformanceTests(t *testing.T, h Harness) {
	if h.Setup != nil {
		h.Setup(t)
	}
	t.Run("LoadIsIdempotent", func(t *testing.T) { testLoadIdempotent(t, h) })
	t.Run("MergesEntitiesAcrossLoads", func(t *testing.T) { testMergeAcrossLoads(t, h) })
	t.Run("DescriptionsDoNotMerge", func(t *testing.T) { testDescriptionsDoNotMerge(t, h) })
	t.Run("ChangedArticleIsReported", func(t *testing.T) { testChanged(t, h) })
	t.Run("AddQuadsIgnoresDuplicates", func(t *testing.T) { testAddQuads(t, h) })
	t.Run("QueriesAnswerAsOnMemory", func(t *testing.T) { testQueries(t, h) })
	if h.Persistent {
		t.Run("Reopen", func(t *testing.T) { testReopen(t, h) })
	}
	switch {
	case h.Shared:
		t.Run("OneWriterManyReaders", func(t *testing.T) { testOneWriter(t, h) })
		t.Run("Missing", func(t *testing.T) { testMissingDatabase(t, h) })
		t.Run("ConcurrentLoads", func(t *testing.T) { testConcurrentLoads(t, h) })
	case h.Persistent:
		t.Run("Locked", func(t *testing.T) { testLocked(t, h) })
		t.Run("Missing", func(t *testing.T) { testMissing(t, h) })
	}
}

// Open opens the store dsn names with opts and h's Options, and closes it
// when t ends.
func (h Harness) Open(t testing.TB, dsn string, opts graph.Options) *graph.Store {
	t.Helper()
	opts.NoBloom = h.Options.NoBloom
	opts.Pipelined = h.Options.Pipelined
	if opts.BatchSize == 0 {
		opts.BatchSize = h.Options.BatchSize
	}
	return OpenStore(t, dsn, opts)
}

// OpenStore opens the store dsn names with opts, and closes it when t
// ends.
func OpenStore(t testing.TB, dsn string, opts graph.Options) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("Open(%q): %v", dsn, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// FixtureDocs returns the articles of internal/testutil's fixture with
// their extraction results.
func FixtureDocs() []graph.Doc {
	arts, results := testutil.Fixture()
	docs := make([]graph.Doc, len(arts))
	for i := range arts {
		docs[i] = graph.Doc{Article: arts[i], Result: results[i]}
	}
	return docs
}

// Dump returns the N-Quads text of every quad s holds, in Dump's order.
func Dump(t testing.TB, s *graph.Store) []byte {
	t.Helper()
	qs, err := s.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return NQuads(t, qs)
}

// FirstDiff shows the first lines where two dumps differ.
func FirstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + gl + "\n want " + wl
		}
	}
	return "(no difference)"
}

// NQuads renders quads as N-Quads text.
func NQuads(t testing.TB, qs []quad.Quad) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// nqSorted returns the sorted, distinct N-Quads text of qs.
func nqSorted(t *testing.T, qs []quad.Quad) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(NQuads(t, qs))), "\n")
	slices.Sort(lines)
	return []byte(strings.Join(slices.Compact(lines), "\n") + "\n")
}

// goldenStore returns the path of the graph every backend stores for the
// fixture: testdata/northbridge.store.nq beside this file, whichever
// package's test runs the suite.
func goldenStore(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		t.Fatalf("graphtest: cannot locate its testdata directory (source path %q)", file)
	}
	return filepath.Join(filepath.Dir(file), "testdata", "northbridge.store.nq")
}

// dbName returns the database a server store's URL names.
func dbName(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}
