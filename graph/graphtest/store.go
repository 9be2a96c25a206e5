package graphtest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

func testLoadIdempotent(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	docs := FixtureDocs()
	rep, err := s.Load(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 2 || rep.Unchanged != 0 || len(rep.Changed) != 0 {
		t.Errorf("first load: %+v, want 2 new", rep)
	}
	// Two article keys for the council merge into one node.
	if rep.Entities != 6 || rep.Quotes != 6 || rep.Events != 1 {
		t.Errorf("first load counted %d entities, %d quotes, %d events; want 6, 6, 1", rep.Entities, rep.Quotes, rep.Events)
	}
	n, err := s.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Quads != n || n == 0 {
		t.Errorf("report says %d quads written, store holds %d", rep.Quads, n)
	}
	// Every backend stores the same graph.
	testutil.Golden(t, goldenStore(t), Dump(t, s))

	rep2, err := s.Load(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if rep2.New != 0 || rep2.Unchanged != 2 || rep2.Quads != 0 {
		t.Errorf("second load: %+v, want 2 unchanged, 0 quads", rep2)
	}
	if n2, err := s.Size(ctx); err != nil || n2 != n {
		t.Errorf("size after second load = %d (%v), want %d", n2, err, n)
	}

	// The same article twice in one load is written once.
	s2 := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	rep3, err := s2.Load(ctx, append(docs, docs...))
	if err != nil {
		t.Fatal(err)
	}
	if rep3.New != 2 || rep3.Unchanged != 2 || rep3.Quads != n {
		t.Errorf("load with duplicates: %+v, want 2 new, 2 unchanged, %d quads", rep3, n)
	}
}

func testMergeAcrossLoads(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	docs := FixtureDocs()
	for _, d := range docs {
		if _, err := s.Load(ctx, []graph.Doc{d}); err != nil {
			t.Fatal(err)
		}
	}
	got := Dump(t, s)
	// One load per article gives the same graph as one load of both.
	testutil.Golden(t, goldenStore(t), got)
	text := string(got)
	if strings.Contains(text, "<ng:entity/org/northbridge-city-council>") {
		t.Error("the second article's council key was not merged into the first's node")
	}
	for _, want := range []string{
		`<ng:entity/org/northbridge-council> <schema:alternateName> "Northbridge City Council" <ng:article/northbridge-b> .`,
		`<ng:role/person/tom-reyes/finance-director@org/northbridge-council/former> <schema:memberOf> <ng:entity/org/northbridge-council> <ng:article/northbridge-b> .`,
		`<ng:event/northbridge-council-breach> <ng:victim> <ng:entity/org/northbridge-council> <ng:article/northbridge-b> .`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("store lacks %s", want)
		}
	}
}

// testDescriptionsDoNotMerge loads two articles about different companies
// whose suppliers are unnamed and share only lower-case descriptions
// ("supplier", "the contractor"): they stay two entities. A capitalised
// alias shared across articles still merges.
func testDescriptionsDoNotMerge(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	doc := func(id, client, alias string) graph.Doc {
		body := "A supplier to " + client + " was hacked, the contractor said."
		return graph.Doc{
			Article: corpus.Article{ID: id, Title: client + " supplier hacked", Body: body},
			Result: extract.Result{ArticleID: id, Entities: []extract.Entity{
				{Key: "org/" + strings.ToLower(client) + "-supplier", Name: client + " supplier", Type: extract.Organization,
					Kind: extract.KindSupplier, Aliases: []string{"supplier", "the contractor"}},
				{Key: "org/" + strings.ToLower(client), Name: client + " Holdings", Type: extract.Organization,
					Kind: extract.KindCompany, Aliases: []string{alias}},
			}},
		}
	}
	for _, d := range []graph.Doc{doc("a", "Fernwood", "FH Group"), doc("b", "Larchmont", "FH Group")} {
		if _, err := s.Load(ctx, []graph.Doc{d}); err != nil {
			t.Fatal(err)
		}
	}
	text := string(Dump(t, s))
	for _, want := range []string{
		`<ng:entity/org/fernwood-supplier> <schema:name> "Fernwood supplier" <ng:article/a> .`,
		`<ng:entity/org/larchmont-supplier> <schema:name> "Larchmont supplier" <ng:article/b> .`,
		// "FH Group" names one company: the second article's joins it.
		`<ng:entity/org/fernwood> <schema:alternateName> "Larchmont Holdings" <ng:article/b> .`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("store lacks %s", want)
		}
	}
}

func testChanged(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	docs := FixtureDocs()
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	n, err := s.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	edited := docs[0]
	edited.Article.Body += "An update was added later.\n"
	l, err := s.NewLoader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a    graph.Doc
		want graph.Status
	}{{docs[0], graph.StatusUnchanged}, {edited, graph.StatusChanged}} {
		if st, err := l.Status(ctx, tt.a.Article); err != nil || st != tt.want {
			t.Errorf("Status = %v, %v; want %v", st, err, tt.want)
		}
	}
	if _, err := l.Status(ctx, graph.Doc{}.Article); !errors.Is(err, graph.ErrNoID) {
		t.Errorf("Status of an article without id: %v, want ErrNoID", err)
	}
	if _, err := l.Add(ctx, edited); err != nil {
		t.Fatal(err)
	}
	rep, err := l.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changed) != 1 || rep.Changed[0] != "northbridge-a" || rep.Quads != 0 {
		t.Errorf("report %+v, want northbridge-a changed and nothing written", rep)
	}
	if n2, err := s.Size(ctx); err != nil || n2 != n {
		t.Errorf("size = %d (%v), want %d", n2, err, n)
	}
}

func testAddQuads(t *testing.T, h Harness) {
	ctx := context.Background()
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true, BatchSize: 100})
	var qs []quad.Quad
	for i := range 2*100 + 10 {
		qs = append(qs, quad.MakeIRI("s", "p", "o"+string(rune('a'+i%26))+strings.Repeat("x", i/26), "l"))
	}
	for range 2 {
		if err := s.AddQuads(ctx, qs); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.Size(ctx); err != nil || n != int64(len(qs)) {
		t.Errorf("size = %d (%v), want %d", n, err, len(qs))
	}
}

func testReopen(t *testing.T, h Harness) {
	ctx := context.Background()
	dsn := h.NewDSN(t)
	s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, FixtureDocs()); err != nil {
		t.Fatal(err)
	}
	want := Dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r := OpenStore(t, dsn, graph.Options{ReadOnly: true})
	if got := Dump(t, r); string(got) != string(want) {
		t.Error("reopened store differs")
	}
	if err := r.AddQuads(ctx, []quad.Quad{quad.MakeIRI("a", "b", "c", "d")}); err == nil {
		t.Error("write to a read-only store succeeded")
	}
}

func testLocked(t *testing.T, h Harness) {
	ctx := context.Background()
	dsn := h.NewDSN(t)
	OpenStore(t, dsn, graph.Options{Create: true})
	start := time.Now()
	s, err := graph.Open(ctx, dsn, graph.Options{Create: true, LockTimeout: 300 * time.Millisecond})
	if err == nil {
		s.Close()
		t.Fatal("second Open of a held store succeeded")
	}
	if !errors.Is(err, graph.ErrLocked) || !strings.Contains(err.Error(), "graph.db") {
		t.Errorf("error %q, want ErrLocked naming the store", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open took %s to give up", d)
	}
}

func testMissing(t *testing.T, h Harness) {
	ctx := context.Background()
	dsn := h.NewDSN(t)
	for _, opts := range []graph.Options{{}, {ReadOnly: true}, {ReadOnly: true, Create: true}} {
		if _, err := graph.Open(ctx, dsn, opts); !errors.Is(err, graph.ErrNotExist) || !strings.Contains(err.Error(), "graph.db") {
			t.Errorf("Open(%+v) of a missing store: %v, want ErrNotExist naming it", opts, err)
		}
	}
	path := strings.TrimPrefix(dsn, "bolt://")
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening a missing store created it (%v)", err)
	}
	if err := os.WriteFile(path, []byte("not a store"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Open(ctx, dsn, graph.Options{Create: true}); err == nil || !strings.Contains(err.Error(), "not a newsgraph store") {
		t.Errorf("Open of a plain file: %v", err)
	}
}
