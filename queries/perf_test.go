package queries

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// perfStore opens the store the query benchmarks run on:
// $NEWSGRAPH_BENCH_STORE (an existing bolt store, opened read-only, e.g.
// one newsgraph bench --db DIR left), else a new bolt store holding a
// synthetic corpus of $NEWSGRAPH_BENCH_ARTICLES articles (default 300)
// with their known extraction results.
func perfStore(b *testing.B) *graph.Store {
	b.Helper()
	ctx := context.Background()
	if dir := os.Getenv("NEWSGRAPH_BENCH_STORE"); dir != "" {
		s, err := graph.Open(ctx, dir, graph.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			if err := s.Close(); err != nil {
				b.Error(err)
			}
		})
		return s
	}
	n := 300
	if v := os.Getenv("NEWSGRAPH_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("NEWSGRAPH_BENCH_ARTICLES=%q: want a positive number", v)
		}
	}
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: n, Seed: 1}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	dir := filepath.Join(b.TempDir(), "graph.db")
	s, err := graph.Open(ctx, dir, graph.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Load(ctx, docs); err == nil {
		err = s.Close()
	}
	if err != nil {
		b.Fatal(err)
	}
	if s, err = graph.Open(ctx, dir, graph.Options{ReadOnly: true}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Error(err)
		}
	})
	return s
}

// BenchmarkQueries runs each canned query on one store (see perfStore):
// "go" is the exported API (the Go queries on bolt), "gizmo" the Gizmo
// queries it runs on other backends, with the same source counting; the
// "-bare" cases are the Go queries without the source counting.
//
//	go test ./queries -run '^$' -bench Queries -benchtime 1x
//	NEWSGRAPH_BENCH_STORE=/tmp/s10k.db go test ./queries -run '^$' -bench 'Queries/go' -benchtime 5x
func BenchmarkQueries(b *testing.B) {
	ctx := context.Background()
	s := perfStore(b)
	// The person mentioned by the most articles: a heavy --speaker query.
	ents, err := fastEntities(ctx, s, map[string]any{"type": "person"})
	if err != nil {
		b.Fatal(err)
	}
	if len(ents) == 0 {
		b.Fatal("the store holds no people")
	}
	speaker := ents[0]
	for _, e := range ents {
		if len(e.Articles) > len(speaker.Articles) {
			speaker = e
		}
	}
	f := QuoteFilter{Speaker: speaker.Name}
	cases := []struct {
		name        string
		fast, gizmo func() (int, error)
	}{
		{"quotes-speaker",
			func() (int, error) {
				rows, err := Quotes(ctx, s, f)
				return len(rows), err
			},
			func() (int, error) {
				rows, err := gizmoQuotes(ctx, s, quoteParams(f))
				if err == nil {
					rows, err = withQuoteSources(ctx, s, rows, f)
				}
				return len(rows), err
			}},
		{"entities",
			func() (int, error) {
				rows, err := Entities(ctx, s, EntityFilter{})
				return len(rows), err
			},
			func() (int, error) {
				rows, err := gizmoEntities(ctx, s, map[string]any{})
				if err == nil {
					err = withRoleSources(ctx, s, rows)
				}
				return len(rows), err
			}},
		{"breaches",
			func() (int, error) {
				rows, err := Breaches(ctx, s)
				return len(rows), err
			},
			func() (int, error) {
				rows, err := gizmoBreaches(ctx, s, map[string]any{})
				if err == nil {
					err = withBreachFacts(ctx, s, rows)
				}
				return len(rows), err
			}},
		// The Go queries without the source counting the exported API
		// adds (withQuoteSources, withRoleSources, withBreachFacts).
		{"quotes-speaker-bare",
			func() (int, error) {
				rows, err := fastQuotes(ctx, s, quoteParams(f))
				return len(rows), err
			}, nil},
		{"entities-bare",
			func() (int, error) {
				rows, err := fastEntities(ctx, s, map[string]any{})
				return len(rows), err
			}, nil},
		{"breaches-bare",
			func() (int, error) {
				rows, err := fastBreaches(ctx, s, map[string]any{})
				return len(rows), err
			}, nil},
	}
	for _, impl := range []string{"go", "gizmo"} {
		for _, c := range cases {
			run := c.fast
			if impl == "gizmo" {
				run = c.gizmo
			}
			if run == nil {
				continue
			}
			b.Run(impl+"/"+c.name, func(b *testing.B) {
				n := 0
				for range b.N {
					var err error
					if n, err = run(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n), "rows")
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
			})
		}
	}
}
