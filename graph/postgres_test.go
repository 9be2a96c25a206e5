package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// checkedPostgres returns dsn, and checks when t ends (its stores
// closed) that in the database dsn names, if it was created, every node a
// quad names is stored and every node's reference count is the number of
// places quads name it. The store keeps no foreign keys (see schema in
// postgres.go): its writers must.
func checkedPostgres(t *testing.T, dsn string) string {
	t.Cleanup(func() {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		var exists bool
		if err := db.QueryRow(`SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil || !exists {
			return // no database, or no graph in it
		}
		var dangling, miscounted int
		err = db.QueryRow(`WITH r AS (SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x
				GROUP BY h)
			SELECT (SELECT count(*) FROM r LEFT JOIN nodes ON nodes.hash = r.h WHERE nodes.hash IS NULL),
				(SELECT count(*) FROM nodes LEFT JOIN r ON nodes.hash = r.h WHERE nodes.refs <> coalesce(r.n, 0))`).Scan(&dangling, &miscounted)
		if err != nil {
			t.Errorf("check %s: %v", dbName(t, dsn), err)
			return
		}
		if dangling > 0 || miscounted > 0 {
			t.Errorf("%s: %d nodes named by quads are missing, %d nodes have a wrong reference count", dbName(t, dsn), dangling, miscounted)
		}
	})
	return dsn
}

// dbName returns the database a PostgreSQL URL names.
func dbName(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// testOneWriter checks a shared store's locking: readers open at once and
// cannot write, a second writer waits for the first (or gives up with
// ErrLocked after its LockTimeout, or when its context ends).
func testOneWriter(t *testing.T, b backend) {
	ctx := context.Background()
	dsn := b.dsn(t)
	w1, err := graph.Open(ctx, dsn, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if w1 != nil {
			w1.Close()
		}
	}()
	if _, err := w1.Load(ctx, fixtureDocs()); err != nil {
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
	r := openStore(t, dsn, graph.Options{ReadOnly: true})
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
func testMissingDatabase(t *testing.T, b backend) {
	ctx := context.Background()
	dsn := b.dsn(t)
	name := dbName(t, dsn)
	for _, opts := range []graph.Options{{}, {ReadOnly: true}, {ReadOnly: true, Create: true}} {
		_, err := graph.Open(ctx, dsn, opts)
		if !errors.Is(err, graph.ErrNotExist) || !strings.Contains(err.Error(), `database "`+name+`" does not exist`) ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("Open(%+v) of a missing database: %q, want ErrNotExist on one line naming it", opts, err)
		}
	}
	s := openStore(t, dsn, graph.Options{Create: true})
	if n, err := s.Size(ctx); err != nil || n != 0 {
		t.Errorf("new store holds %d quads (%v)", n, err)
	}

	// A database that exists but holds no graph.
	empty := pgtest.NewDatabase(t)
	if _, err := graph.Open(ctx, empty, graph.Options{ReadOnly: true}); !errors.Is(err, graph.ErrNotExist) ||
		!strings.Contains(err.Error(), "holds no graph") {
		t.Errorf("Open of a database without a graph: %v, want ErrNotExist", err)
	}
	openStore(t, empty, graph.Options{Create: true})
	openStore(t, empty, graph.Options{ReadOnly: true})

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
func testConcurrentLoads(t *testing.T, b backend) {
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
		qs, err := openStore(t, dsn, graph.Options{ReadOnly: true}).Dump(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return nqSorted(t, qs)
	}

	// The two corpora must interact, or this test could not fail: loaded
	// together they merge entities that each alone keeps apart.
	var alone []quad.Quad
	for _, docs := range corpora {
		m := openStore(t, graph.DSNMemory, graph.Options{})
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
		dsn := b.dsn(t)
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
		dsn := b.dsn(t)
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
				round, firstDiff(got, sequential[0]))
		}
	}
}

// nqSorted returns the sorted, distinct N-Quads text of qs.
func nqSorted(t *testing.T, qs []quad.Quad) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(nq(t, qs))), "\n")
	slices.Sort(lines)
	return []byte(strings.Join(slices.Compact(lines), "\n") + "\n")
}

// firstDiff shows the first lines where two dumps differ.
func firstDiff(got, want []byte) string {
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

// TestPostgres_writer checks newsgraph's PostgreSQL writer against what
// cayley's keeps true: a node exists while quads use it, and its reference
// count is the number of times they do.
func TestPostgres_writer(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDSN(t)
	s := openStore(t, dsn, graph.Options{Create: true, BatchSize: 50})
	docs := fixtureDocs()
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkRefs := func(when string) {
		t.Helper()
		var bad int
		err := db.QueryRow(`SELECT count(*) FROM nodes n FULL JOIN (
			SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL
			) uses GROUP BY h) u ON n.hash = u.h
			WHERE n.refs IS DISTINCT FROM u.n`).Scan(&bad)
		if err != nil {
			t.Fatal(err)
		}
		if bad != 0 {
			t.Errorf("%s: %d nodes whose reference count is wrong or that no quad uses", when, bad)
		}
		var counted, real int64
		if err := db.QueryRow(`SELECT (SELECT quads FROM ng_stats), (SELECT count(*) FROM quads)`).Scan(&counted, &real); err != nil {
			t.Fatal(err)
		}
		if counted != real {
			t.Errorf("%s: the quad counter says %d, the table holds %d", when, counted, real)
		}
	}
	checkRefs("after a load in batches of 50")
	before := dump(t, s)

	w := s.QuadWriter()
	all, err := s.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Delete every quad of the second article, plus one that is not
	// stored, and add one new quad, in one transaction.
	label := graph.ArticleIRI(docs[1].Article.ID)
	tx := cgraph.NewTransaction()
	var gone []quad.Quad
	for _, q := range all {
		if q.Label == label {
			tx.RemoveQuad(q)
			gone = append(gone, q)
		}
	}
	tx.RemoveQuad(quad.MakeIRI("not", "stored", "at", "all"))
	extra := quad.Make(quad.IRI("ng:entity/x"), quad.IRI("schema:name"), "X", nil)
	tx.AddQuad(extra)
	if err := w.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	checkRefs("after deleting an article")
	after, err := s.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(all)-len(gone)+1 {
		t.Errorf("store holds %d quads, want %d", len(after), len(all)-len(gone)+1)
	}
	// Put the article back (deleted then re-added quads, which cayley's
	// bolt backend mishandles) and drop the extra quad's node.
	if err := w.AddQuadSet(gone); err != nil {
		t.Fatal(err)
	}
	if err := w.RemoveNode(quad.IRI("ng:entity/x")); err != nil {
		t.Fatal(err)
	}
	if err := w.RemoveNode(quad.IRI("ng:entity/x")); !errors.Is(err, cgraph.ErrNodeNotExists) {
		t.Errorf("RemoveNode of a missing node: %v, want ErrNodeNotExists", err)
	}
	checkRefs("after putting it back")
	if got := dump(t, s); !bytes.Equal(got, before) {
		t.Errorf("store differs after deleting and re-adding an article:\n%s", firstDiff(got, before))
	}
	// Loading again changes nothing.
	if rep, err := s.Load(ctx, docs); err != nil || rep.Quads != 0 {
		t.Errorf("reload: %+v, %v", rep, err)
	}
	checkRefs("after a reload")
}
