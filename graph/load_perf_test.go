package graph_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// perfArticles returns the size of the synthetic corpus the load
// benchmarks write: $NEWSGRAPH_BENCH_ARTICLES, else def (small, so that
// go test -bench . -benchtime 1x stays quick).
func perfArticles(b *testing.B, def int) int {
	b.Helper()
	s := os.Getenv("NEWSGRAPH_BENCH_ARTICLES")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("NEWSGRAPH_BENCH_ARTICLES=%q: want a positive number", s)
	}
	return n
}

// BenchmarkLoader_bolt writes a synthetic corpus (internal/synth, with
// its truth as the extraction results: no extraction is timed) into a new
// bolt store through a Loader, with and without cayley's bloom filters,
// and with larger write batches. Each op is one whole load, store opening
// and closing included.
//
//	go test ./graph -run '^$' -bench Loader_bolt -benchtime 1x
//	NEWSGRAPH_BENCH_ARTICLES=10000 go test ./graph -run '^$' -bench Loader_bolt -benchtime 1x -timeout 1h
func BenchmarkLoader_bolt(b *testing.B) {
	ctx := context.Background()
	n := perfArticles(b, 300)
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: n, Seed: 1}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	for _, c := range []struct {
		name string
		opts graph.Options
	}{
		{"bloom", graph.Options{Create: true}},
		{"nobloom", graph.Options{Create: true, NoBloom: true}},
		// newsgraph load's batch size (cmd/newsgraph defaultLoadBatch).
		{"bloom-batch100k", graph.Options{Create: true, BatchSize: 100000}},
		{"nobloom-batch100k", graph.Options{Create: true, NoBloom: true, BatchSize: 100000}},
		// What newsgraph load gives a new store (batch: cmd/newsgraph
		// defaultLoadBatch), and the same with one goroutine writing.
		{"load-new-store", graph.Options{Create: true, BatchSize: 25000, NoSync: true, Pipelined: true}},
		{"load-new-store-unpiped", graph.Options{Create: true, BatchSize: 25000, NoSync: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var quads int64
			var elapsed time.Duration
			for range b.N {
				dir := filepath.Join(b.TempDir(), "graph.db")
				start := time.Now()
				s, err := graph.Open(ctx, dir, c.opts)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := s.Load(ctx, docs)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
				quads += rep.Added
			}
			b.ReportMetric(float64(quads)/elapsed.Seconds(), "quads/s")
			b.ReportMetric(float64(n*b.N)/elapsed.Minutes(), "articles/min")
			b.ReportMetric(float64(quads)/float64(n*b.N), "quads/article")
		})
	}
}

// BenchmarkLoader_reload loads a synthetic corpus into a bolt store that
// already holds it, with and without bloom filters: every article is
// unchanged, so this is the cost of checking them (and, with bloom
// filters, of building them from the stored quads at open).
func BenchmarkLoader_reload(b *testing.B) {
	ctx := context.Background()
	n := perfArticles(b, 300)
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: n, Seed: 1}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	dir := filepath.Join(b.TempDir(), "graph.db")
	s, err := graph.Open(ctx, dir, graph.Options{Create: true, NoBloom: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Load(ctx, docs); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts graph.Options
	}{
		{"bloom", graph.Options{Create: true}},
		{"nobloom", graph.Options{Create: true, NoBloom: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				s, err := graph.Open(ctx, dir, c.opts)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := s.Load(ctx, docs)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				if rep.Unchanged != n {
					b.Fatalf("reload: %d of %d articles unchanged", rep.Unchanged, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Minutes(), "articles/min")
		})
	}
}
