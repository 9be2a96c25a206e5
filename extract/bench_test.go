package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
)

// BenchmarkExtractor_Extract measures extraction over this package's test
// articles, reporting bytes per second of article text.
func BenchmarkExtractor_Extract(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no test articles: %v", err)
	}
	var arts []corpus.Article
	size := 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, corpus.Article{ID: filepath.Base(f), Body: string(body)})
		size += len(body)
	}
	x := extractor()
	ctx := context.Background()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
