package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// TestLoad_postgresConcurrent runs two loads of different corpora into one
// PostgreSQL database at the same time, as two newsgraph processes would,
// and checks the graph is the one loading them one after the other gives
// (in one order or the other), entity merging and dedup included.
func TestLoad_postgresConcurrent(t *testing.T) {
	pgtest.Server(t)
	if testing.Short() {
		t.Skip("extracts 30 articles four times")
	}
	// Two corpora about one world: shared people and organisations, the
	// second calling police forces by their long names.
	dir := t.TempDir()
	world := synth.Config{Seed: 21, People: 20, Organizations: 10, Breaches: 4, Articles: 12}
	var corpora []string
	for i, long := range []synth.Frequency{synth.Never, synth.Always} {
		cfg := world
		cfg.First, cfg.LongNames = i*cfg.Articles, long
		c := filepath.Join(dir, string(rune('a'+i)))
		if err := synth.WriteFiles(c, synth.Corpus(cfg)); err != nil {
			t.Fatal(err)
		}
		corpora = append(corpora, c)
	}
	// Both corpora also hold the same article, which must be stored once.
	shared := synth.Corpus(synth.Config{Seed: 99, Articles: 1, IDPrefix: "shared"})
	for _, c := range corpora {
		if err := synth.WriteFiles(c, shared); err != nil {
			t.Fatal(err)
		}
	}

	// load runs newsgraph load; t.Errorf is safe from other goroutines.
	load := func(db, corpus string) {
		r := newsgraph(t, "", "load", "--db", db, corpus)
		if r.code != 0 {
			t.Errorf("load %s: exit %d\n%s%s", filepath.Base(corpus), r.code, r.stdout, r.stderr)
		}
	}
	read := func(db string) []byte {
		t.Helper()
		s, err := graph.Open(context.Background(), db, graph.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		qs, err := s.Dump(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		lines := make([]string, len(qs))
		for i, q := range qs {
			lines[i] = q.NQuad()
		}
		slices.Sort(lines)
		return []byte(strings.Join(lines, "\n"))
	}

	var sequential [][]byte
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		db := pgtest.NewDSN(t)
		for _, i := range order {
			load(db, corpora[i])
		}
		sequential = append(sequential, read(db))
	}
	if bytes.Equal(sequential[0], sequential[1]) {
		t.Log("both orders give the same graph")
	}

	db := pgtest.NewDSN(t)
	var wg sync.WaitGroup
	for _, c := range corpora {
		wg.Add(1)
		go func() {
			defer wg.Done()
			load(db, c)
		}()
	}
	wg.Wait()
	got := read(db)
	if !bytes.Equal(got, sequential[0]) && !bytes.Equal(got, sequential[1]) {
		t.Errorf("concurrent loads gave %d bytes of N-Quads that neither sequential order gives (%d, %d bytes)",
			len(got), len(sequential[0]), len(sequential[1]))
	}
	if n := bytes.Count(got, []byte("<ng:article/shared-00000> <rdf:type>")); n != 1 {
		t.Errorf("the article both corpora hold is typed %d times, want once", n)
	}
}

// TestCommands_postgres runs the commands on a PostgreSQL store and checks
// they print what they print for a bolt store holding the same corpus.
func TestCommands_postgres(t *testing.T) {
	pgtest.Server(t)
	corpus := copyCorpus(t)
	pg := pgtest.NewDSN(t)
	bolt := filepath.Join(t.TempDir(), "graph.db")

	// Read commands never create a store: a missing database is one line.
	r := newsgraph(t, "", "quotes", "--db", pg)
	if r.code != exitFailed || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 ||
		!strings.Contains(r.stderr, "does not exist") || !strings.Contains(r.stderr, filepath.Base(pg[:strings.Index(pg, "?")])) {
		t.Errorf("quotes on a missing database: exit %d, stderr %q", r.code, r.stderr)
	}

	for _, db := range []string{pg, bolt} {
		if r := newsgraph(t, "", "load", "--db", db, corpus); r.code != 0 {
			t.Fatalf("load --db %s: exit %d\n%s", db, r.code, r.stderr)
		}
	}
	for _, args := range [][]string{
		{"quotes", "--format", "json"},
		{"entities", "--format", "json"},
		{"breaches", "--format", "json"},
		{"query", `g.V().Has("<rdf:type>", "<schema:Quotation>").Count()`},
	} {
		var outs []string
		for _, db := range []string{pg, bolt} {
			r := newsgraph(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
			if r.code != 0 {
				t.Fatalf("%s --db %s: exit %d\n%s", args[0], db, r.code, r.stderr)
			}
			outs = append(outs, r.stdout)
		}
		if outs[0] != outs[1] || len(outs[0]) < 3 {
			t.Errorf("%s prints on PostgreSQL:\n%.400s\nand on bolt:\n%.400s", args[0], outs[0], outs[1])
		}
	}
}
