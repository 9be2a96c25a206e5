package graphtest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// testOneWriter checks a shared store's locking: readers open at once and
// cannot write, a second writer waits for the first (or gives up with
// ErrLocked after its LockTimeout, or when its context ends).
func testOneWriter(t *testing.T, h Harness) {
	ctx := context.Background()
	dsn := h.NewDSN(t)
	w1, err := graph.Open(ctx, dsn, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if w1 != nil {
			w1.Close()
		}
	}()
	if _, err := w1.Load(ctx, FixtureDocs()); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	s, err := graph.Open(ctx, dsn, graph.Options{Create: true, LockTimeout: 300 * time.Millisecond})
	if err == nil {
		s.Close()
		t.Fatal("a second writer opened the store while the first held it")
	}
	if !errors.Is(err, graph.ErrLocked) || !strings.Contains(err.Error(), dbName(t, dsn)) {
		t.Errorf("second writer: %q, want ErrLocked naming the database", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second writer took %s to give up", d)
	}
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = graph.Open(cctx, dsn, graph.Options{Create: true})
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("writer whose context ended while waiting: %v, want context.DeadlineExceeded", err)
	}

	// Readers do not wait, see what is committed, and cannot write, not
	// even through cayley's own writer.
	r := OpenStore(t, dsn, graph.Options{ReadOnly: true})
	if n, err := r.Size(ctx); err != nil || n == 0 {
		t.Errorf("reader sees %d quads (%v)", n, err)
	}
	if err := r.QuadWriter().AddQuad(quad.MakeIRI("a", "b", "c", "")); err == nil {
		t.Error("a read-only store accepted a write through cayley's writer")
	}

	// A writer without a timeout waits until the first one closes.
	done := make(chan error, 1)
	go func() {
		s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
		if err == nil {
			err = s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("second writer did not wait for the first (err %v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	if err := w1.Close(); err != nil {
		t.Fatal(err)
	}
	w1 = nil
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("waiting writer: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("waiting writer did not get the store after the first closed it")
	}
}

// testMissingDatabase checks what opening a missing PostgreSQL store does:
// readers get ErrNotExist on one line naming the database, and only a
// writer with Create makes the database and the graph's tables.
func testMissingDatabase(t *testing.T, h Harness) {
	ctx := context.Background()
	dsn := h.NewDSN(t)
	name := dbName(t, dsn)
	for _, opts := range []graph.Options{{}, {ReadOnly: true}, {ReadOnly: true, Create: true}} {
		_, err := graph.Open(ctx, dsn, opts)
		if !errors.Is(err, graph.ErrNotExist) || !strings.Contains(err.Error(), `database "`+name+`" does not exist`) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("Open(%+v) of a missing database: %q, want ErrNotExist on one line naming it", opts, err)
		}
	}
	s := OpenStore(t, dsn, graph.Options{Create: true})
	if n, err := s.Size(ctx); err != nil || n != 0 {
		t.Errorf("new store holds %d quads (%v)", n, err)
	}

	// A database that exists but holds no graph.
	empty := h.EmptyDatabase(t)
	if _, err := graph.Open(ctx, empty, graph.Options{ReadOnly: true}); !errors.Is(err, graph.ErrNotExist) ||
		!strings.Contains(err.Error(), "holds no graph") {
		t.Errorf("Open of a database without a graph: %v, want ErrNotExist", err)
	}
	OpenStore(t, empty, graph.Options{Create: true})
	OpenStore(t, empty, graph.Options{ReadOnly: true})

	// An unreachable server: one line, no password.
	start := time.Now()
	_, err := graph.Open(ctx, "postgres://newsgraph:s3cret@127.0.0.1:1/nowhere?sslmode=disable&connect_timeout=5", graph.Options{Create: true})
	if err == nil || strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "\n") ||
		!strings.Contains(err.Error(), "127.0.0.1:1/nowhere") {
		t.Errorf("Open of an unreachable server: %q, want one line naming the store without its password", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Open of an unreachable server took %s", d)
	}
}

// testConcurrentLoads loads two corpora that share entities into one
// store at the same time, from two Stores (as two processes would), and
// checks the graph equals loading one after the other, in either order.
func testConcurrentLoads(t *testing.T, h Harness) {
	ctx := context.Background()
	world := synth.Config{Seed: 11, People: 30, Organizations: 12, Breaches: 6}
	// The second corpus calls police forces by their long names, so
	// whichever is loaded first gives the merged nodes their names.
	half := func(first int, long synth.Frequency) []graph.Doc {
		cfg := world
		cfg.First, cfg.Articles, cfg.LongNames = first, 30, long
		var docs []graph.Doc
		for _, d := range synth.Generate(cfg) {
			docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
		}
		return docs
	}
	corpora := [][]graph.Doc{half(0, synth.Never), half(30, synth.Always)}

	load := func(dsn string, docs []graph.Doc) error {
		s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
		if err != nil {
			return err
		}
		_, err = s.Load(ctx, docs)
		return errors.Join(err, s.Close())
	}
	read := func(dsn string) []byte {
		qs, err := OpenStore(t, dsn, graph.Options{ReadOnly: true}).Dump(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return nqSorted(t, qs)
	}

	// The two corpora must interact, or this test could not fail: loaded
	// together they merge entities that each alone keeps apart.
	var alone []quad.Quad
	for _, docs := range corpora {
		m := OpenStore(t, graph.DSNMemory, graph.Options{})
		if _, err := m.Load(ctx, docs); err != nil {
			t.Fatal(err)
		}
		qs, err := m.Dump(ctx)
		if err != nil {
			t.Fatal(err)
		}
		alone = append(alone, qs...)
	}

	var sequential [][]byte
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		dsn := h.NewDSN(t)
		for _, i := range order {
			if err := load(dsn, corpora[i]); err != nil {
				t.Fatal(err)
			}
		}
		sequential = append(sequential, read(dsn))
	}
	if bytes.Equal(sequential[0], nqSorted(t, alone)) || bytes.Equal(sequential[0], sequential[1]) {
		t.Logf("alone==AB %v AB==BA %v %d %d %d", bytes.Equal(sequential[0], nqSorted(t, alone)), bytes.Equal(sequential[0], sequential[1]), len(sequential[0]), len(sequential[1]), len(nqSorted(t, alone)))
		t.Fatal("the corpora do not interact: loading them together merges nothing, or the same whatever the order")
	}

	for round := range 2 {
		dsn := h.NewDSN(t)
		var wg sync.WaitGroup
		errs := make([]error, len(corpora))
		for i, docs := range corpora {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = load(dsn, docs)
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		got := read(dsn)
		if !bytes.Equal(got, sequential[0]) && !bytes.Equal(got, sequential[1]) {
			t.Errorf("round %d: concurrent loads gave a graph that neither sequential order gives:\n%s",
				round, FirstDiff(got, sequential[0]))
		}
	}
}
