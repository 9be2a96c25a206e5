package fastprose

import (
	"testing"

	"github.com/jdkato/prose/v2"
)

// benchTexts returns the dev set (or, without it, the extract package's
// test articles) and its number of tokens.
func benchTexts(b *testing.B) ([]string, int) {
	b.Helper()
	texts, err := textFiles(devSetDir)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Logf("dev set absent at %s: benchmarking the extract test articles", devSetDir)
		texts = readTexts(b, extractTestdata)
	}
	m := loadModel(b)
	var out []string
	n := 0
	for _, name := range sortedNames(texts) {
		out = append(out, texts[name])
		n += len(m.Tokenize(texts[name]))
	}
	return out, n
}

// reportTokens reports the throughput of b, which processed tokens tokens
// per iteration.
func reportTokens(b *testing.B, tokens int) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkProse runs prose's full pipeline (tokenizer, tagger, entity
// classifier and chunker) over the dev set, with its model built once and
// reused, as extract uses it. Compare with BenchmarkFastprose in the same
// run, on one core: go test -bench . -cpu 1 ./internal/fastprose
func BenchmarkProse(b *testing.B) {
	texts, tokens := benchTexts(b)
	pm := proseModel()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			d, err := prose.NewDocument(text, prose.UsingModel(pm), prose.WithSegmentation(false))
			if err != nil {
				b.Fatal(err)
			}
			_ = d.Tokens()
			_ = d.Entities()
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkFastprose runs Analyze over the dev set.
func BenchmarkFastprose(b *testing.B) {
	texts, tokens := benchTexts(b)
	m := loadModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			_ = m.Analyze(text)
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkFastproseCompat runs AnalyzeProse over the dev set.
func BenchmarkFastproseCompat(b *testing.B) {
	texts, tokens := benchTexts(b)
	m := loadModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			_ = m.AnalyzeProse(text)
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkFastproseTokenize runs Tokenize alone over the dev set.
func BenchmarkFastproseTokenize(b *testing.B) {
	texts, tokens := benchTexts(b)
	m := loadModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, text := range texts {
			_ = m.Tokenize(text)
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkLoad builds the model from prose's files (Load itself builds it
// only once per process).
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}
