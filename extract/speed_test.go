package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/corpus"
)

// devSet reads the shared dev-set articles, skipping the benchmark when
// they are absent.
func devSet(b *testing.B) (arts []corpus.Article, tokens int) {
	b.Helper()
	files, err := filepath.Glob("../../shared/corpus/met-breach/*.txt")
	if err != nil || len(files) == 0 {
		b.Skip("skipping: ../../shared/corpus/met-breach not found (the shared corpus is not beside the repository)")
	}
	m := prose.ModelFromData("en")
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, corpus.Article{ID: filepath.Base(f), Body: string(body)})
		d, err := prose.NewDocument(string(body), prose.UsingModel(m), prose.WithSegmentation(false))
		if err != nil {
			b.Fatal(err)
		}
		tokens += len(d.Tokens())
	}
	return arts, tokens
}

// BenchmarkProsePipeline is the reference: prose's full pipeline
// (tokenizer, tagger, entity recogniser) with its model reused, over the
// dev set. Compare its tokens/s with BenchmarkExtract_devSet's.
func BenchmarkProsePipeline(b *testing.B) {
	arts, tokens := devSet(b)
	m := prose.ModelFromData("en")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := prose.NewDocument(a.Body, prose.UsingModel(m), prose.WithSegmentation(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkExtract_devSet is newsgraph's whole extraction (tagging, names,
// quotes, speakers, breaches) over the dev set.
func BenchmarkExtract_devSet(b *testing.B) {
	arts, tokens := devSet(b)
	x := extractor()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
