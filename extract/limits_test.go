package extract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// hostileBodies are texts no reporter wrote, of about n bytes: one
// enormous line of words, and one quoted sentence said over and over.
func hostileBodies(n int) map[string]string {
	line := "police said the data of officers was exposed and Smith of London named a breach to "
	quote := "\"We are investigating,\" said Rick Prior of the Police Federation. "
	return map[string]string{
		"one-line":   strings.Repeat(line, n/len(line)),
		"repetitive": strings.Repeat(quote, n/len(quote)),
	}
}

func TestExtractor_limits(t *testing.T) {
	x := extractor()
	ctx := context.Background()
	t.Run("size", func(t *testing.T) {
		body := strings.Repeat("The council met on Tuesday. ", extract.DefaultMaxBodyBytes/28+1)
		_, err := x.Extract(ctx, corpus.Article{ID: "big", Body: body})
		var le *extract.LimitError
		if !errors.As(err, &le) || le.Limit != "size" || le.Size != len(body) || le.Max != extract.DefaultMaxBodyBytes {
			t.Fatalf("a body of %d bytes: error %v, want a size LimitError", len(body), err)
		}
		if !strings.Contains(err.Error(), "1 MiB limit") {
			t.Errorf("the error does not name the bound: %v", err)
		}
	})
	t.Run("time", func(t *testing.T) {
		quick := extract.New(extract.Config{Model: extractor().Model(), Timeout: time.Nanosecond})
		_, err := quick.Extract(ctx, corpus.Article{ID: "slow", Body: "Rick Prior said the force had been told.\n"})
		var le *extract.LimitError
		if !errors.As(err, &le) || le.Limit != "time" {
			t.Fatalf("error %v, want a time LimitError", err)
		}
	})
	// Under the bound, hostile text is analysed, and its sentences are
	// bounded however long its lines are.
	for name, body := range hostileBodies(200_000) {
		t.Run(name, func(t *testing.T) {
			r, err := x.Extract(ctx, corpus.Article{ID: name, Body: body})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range r.Quotes {
				if n := q.Sentence.End - q.Sentence.Start; n > 2000 {
					t.Fatalf("a sentence of %d bytes", n)
				}
			}
		})
	}
}

// BenchmarkExtract_perMB measures extraction of about 1 MB of normal
// text (this package's test articles, repeated), one line of words, and
// one sentence repeated: time and memory grow linearly with the text, so
// the three stay within a small factor of each other.
func BenchmarkExtract_perMB(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no test articles: %v", err)
	}
	var normal strings.Builder
	for normal.Len() < 1_000_000 {
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			normal.Write(body)
			normal.WriteString("\n")
		}
	}
	bodies := hostileBodies(1_000_000)
	bodies["normal"] = normal.String()[:1_000_000]
	x := extract.New(extract.Config{Model: extractor().Model(), Timeout: -1})
	for _, name := range []string{"normal", "one-line", "repetitive"} {
		b.Run(name, func(b *testing.B) {
			a := corpus.Article{ID: name, Body: bodies[name]}
			b.SetBytes(int64(len(a.Body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := x.Extract(context.Background(), a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
