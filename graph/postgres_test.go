package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// checkedPostgres returns dsn, and checks when t ends (its stores
// closed) that in the database dsn names, if it was created, every node a
// quad names is stored and every node's reference count is the number of
// places quads name it. The store keeps no foreign keys (see schema in
// postgres.go): its writers must.
func checkedPostgres(t testing.TB, dsn string) string {
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
func dbName(t testing.TB, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// postgresHarness runs the conformance suite on PostgreSQL when
// NEWSGRAPH_TEST_POSTGRES names a server: each store is a database of its
// own, checked when its test ends.
var postgresHarness = graphtest.Harness{
	NewDSN:        func(t testing.TB) string { return checkedPostgres(t, pgtest.NewDSN(t)) },
	Persistent:    true,
	Shared:        true,
	Setup:         func(t testing.TB) { pgtest.Server(t) },
	EmptyDatabase: pgtest.NewDatabase,
}

// TestPostgres_writer checks newsgraph's PostgreSQL writer against what
// cayley's keeps true: a node exists while quads use it, and its reference
// count is the number of times they do.
func TestPostgres_writer(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDSN(t)
	s := graphtest.OpenStore(t, dsn, graph.Options{Create: true, BatchSize: 50})
	docs := graphtest.FixtureDocs()
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
	before := graphtest.Dump(t, s)

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
	if got := graphtest.Dump(t, s); !bytes.Equal(got, before) {
		t.Errorf("store differs after deleting and re-adding an article:\n%s", graphtest.FirstDiff(got, before))
	}
	// Loading again changes nothing.
	if rep, err := s.Load(ctx, docs); err != nil || rep.Quads != 0 {
		t.Errorf("reload: %+v, %v", rep, err)
	}
	checkRefs("after a reload")
}
