package graph_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// backend is one backend the conformance suite and TestAnswers run on.
type backend struct {
	name string
	graphtest.Harness
}

var backends = []backend{
	{"memory", graphtest.Harness{NewDSN: func(testing.TB) string { return graph.DSNMemory }}},
	{"bolt", graphtest.Harness{NewDSN: boltDSN(""), Persistent: true}},
	{"bolt-url-nobloom", graphtest.Harness{NewDSN: boltDSN("bolt://"), Persistent: true, Options: graph.Options{NoBloom: true}}},
	// Small batches, so that reads meet writes still queued for bolt.
	{"bolt-pipelined", graphtest.Harness{NewDSN: boltDSN(""), Persistent: true, Options: graph.Options{Pipelined: true, BatchSize: 40}}},
	// PostgreSQL runs when NEWSGRAPH_TEST_POSTGRES names a server (CI
	// starts one); each test gets a database of its own.
	{"postgres", postgresHarness},
}

// boltDSN returns a harness's NewDSN for bolt stores: a graph.db file in a
// directory of the test's own, its path after prefix.
func boltDSN(prefix string) func(t testing.TB) string {
	return func(t testing.TB) string { return prefix + filepath.Join(t.TempDir(), "graph.db") }
}

// TestStore is the store conformance suite: every backend must pass it.
func TestStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { graphtest.RunConformanceTests(t, b.Harness) })
	}
}

func TestOpen_unsupported(t *testing.T) {
	t.Parallel()
	_, err := graph.Open(context.Background(), "mysql://x", graph.Options{})
	if !errors.Is(err, graph.ErrUnsupportedDSN) {
		t.Errorf("Open(mysql://x) = %v, want ErrUnsupportedDSN", err)
	}
}

// TestOpen_noSync checks that a store written without a sync per commit
// holds, once closed, everything written: Close syncs it.
func TestOpen_noSync(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "graph.db")
	s, err := graph.Open(ctx, dir, graph.Options{Create: true, NoSync: true, BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	var qs []quad.Quad
	for i := range 50 {
		qs = append(qs, quad.Quad{Subject: quad.IRI("ng:s"), Predicate: quad.IRI("ng:p"), Object: quad.Int(i), Label: quad.IRI("ng:article/a")})
	}
	if err := s.AddQuads(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close of a store opened with NoSync: %v", err)
	}
	s, err = graph.Open(ctx, dir, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Size(ctx); err != nil || n != int64(len(qs)) {
		t.Errorf("reopened store holds %d quads (%v), want %d", n, err, len(qs))
	}
}
