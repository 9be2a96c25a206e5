package graph_test

import (
	"cmp"
	"context"
	"flag"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/queries"
)

var benchArticles = flag.Int("bench.articles", 10000, "articles in the synthetic corpus BenchmarkStore loads")

// BenchmarkStore loads a synthetic corpus (internal/synth, with its truth
// as the extraction results, so extraction costs nothing here) into each
// backend and runs the canned queries on it: bolt always, PostgreSQL when
// NEWSGRAPH_TEST_POSTGRES names a server.
//
//	go test ./graph -run '^$' -bench Store -benchtime 1x               # 10,000 articles
//	go test ./graph -run '^$' -bench Store -bench.articles 1000        # smaller
//
// load reports quads/s (the time from Open to Close, storing the canned
// answers included, as newsgraph load does) and the time of those answers
// (answers-s); each query reports its first run on a freshly opened store
// (first-ms) and ns/op after it.
func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: *benchArticles, Seed: 1}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	// A typical speaker (the median number of quotes) and the one with
	// the most quotes: the heaviest --speaker query.
	count := map[string]int{}
	names := map[string]string{}
	for _, d := range docs {
		for _, e := range d.Result.Entities {
			names[e.Key] = e.Name
		}
		for _, q := range d.Result.Quotes {
			count[q.Speaker]++
		}
	}
	var speakers []string
	for k := range count {
		if names[k] != "" {
			speakers = append(speakers, k)
		}
	}
	slices.SortFunc(speakers, func(a, b string) int { return cmp.Or(cmp.Compare(count[a], count[b]), strings.Compare(a, b)) })
	typical, top := speakers[len(speakers)/2], speakers[len(speakers)-1]

	backends := []struct {
		name string
		dsn  func(b *testing.B) string
	}{
		{"bolt", func(b *testing.B) string { return filepath.Join(b.TempDir(), "graph.db") }},
		// pgtest skips this without NEWSGRAPH_TEST_POSTGRES.
		{"postgres", func(b *testing.B) string { return pgtest.NewDSN(b) }},
	}
	for _, bk := range backends {
		b.Run(bk.name, func(b *testing.B) {
			var dsn string
			parent := b // stores live until the queries are done
			b.Run("load", func(b *testing.B) {
				for range b.N {
					dsn = bk.dsn(parent)
					s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
					if err != nil {
						b.Fatal(err)
					}
					start := time.Now()
					rep, err := s.Load(ctx, docs)
					if err != nil {
						b.Fatal(err)
					}
					// As newsgraph load does, the canned queries' answers
					// are stored for the new state.
					warm := time.Now()
					if err := queries.Warm(ctx, s); err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(time.Since(warm).Seconds(), "answers-s")
					// Closing is part of a load: PostgreSQL stores VACUUM then.
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
					d := time.Since(start)
					b.ReportMetric(float64(rep.Quads)/d.Seconds(), "quads/s")
					b.ReportMetric(float64(rep.Quads), "quads")
				}
			})
			if dsn == "" {
				return // the load was skipped
			}
			s, err := graph.Open(ctx, dsn, graph.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			// Each query's first run (a fresh store: nothing cached) is
			// reported as first-ms; ns/op is the mean of the runs after it.
			query := func(name string, f func() (int, error)) {
				start := time.Now()
				n, err := f()
				if err != nil {
					b.Fatal(err)
				}
				first := time.Since(start)
				b.Run(name, func(b *testing.B) {
					for range b.N {
						if n, err = f(); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
					b.ReportMetric(float64(n), "rows")
				})
			}
			query("quotes-speaker", func() (int, error) {
				rows, err := queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: names[typical]})
				return len(rows), err
			})
			query("quotes-top-speaker", func() (int, error) {
				rows, err := queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: names[top]})
				return len(rows), err
			})
			query("entities", func() (int, error) {
				rows, err := queries.Entities(ctx, s, queries.EntityFilter{})
				return len(rows), err
			})
			query("breaches", func() (int, error) {
				rows, err := queries.Breaches(ctx, s)
				return len(rows), err
			})
		})
	}
}
