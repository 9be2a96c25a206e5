package extract_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

var (
	fuzzOnce sync.Once
	fuzzX    *extract.Extractor
)

// fuzzExtractor builds the prose model once for the fuzzer's process.
func fuzzExtractor() *extract.Extractor {
	fuzzOnce.Do(func() { fuzzX = extract.New(extract.Config{Model: extract.NewModel()}) })
	return fuzzX
}

// fuzzDeadline is how long one input may take. Inputs are at most a few
// kilobytes; the articles in testdata take milliseconds.
const fuzzDeadline = 10 * time.Second

// FuzzExtract feeds arbitrary text to Extract: it must return, within
// fuzzDeadline and without panicking, a result whose offsets lie inside
// the body.
func FuzzExtract(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{
		"",
		" \n\t",
		`"`,
		`"""""`,
		`"Unclosed quote said Jane Doe, chief executive of Acme Ltd.`,
		"“It was ‘never’ safe,” he said. ‘Quite,’ said she.",
		"Mr. Dr. Ms. The. The the THE.\n\n\n",
		"A\u0000B said \"x\" \xff\xfe invalid bytes",
		strings.Repeat("Acme Ltd said: ", 200),
		strings.Repeat(`"`, 500) + "said",
		"The breach exposed names, addresses, and 1,000,000,000,000,000,000 records of 99999999999999999999 people.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		x := fuzzExtractor()
		a := corpus.Article{ID: "fuzz", Title: "Fuzz", Body: body, Published: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)}
		type outcome struct {
			r     extract.Result
			err   error
			panic string
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan outcome, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					done <- outcome{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
				}
			}()
			r, err := x.Extract(ctx, a)
			done <- outcome{r: r, err: err}
		}()
		timer := time.NewTimer(fuzzDeadline)
		defer timer.Stop()
		var o outcome
		select {
		case o = <-done:
		case <-timer.C:
			t.Fatalf("Extract did not return within %s on %d bytes: %q", fuzzDeadline, len(body), clip(body))
		}
		if o.panic != "" {
			t.Fatalf("Extract panicked on %q: %s", clip(body), o.panic)
		}
		if o.err != nil {
			if !errors.Is(o.err, extract.ErrEmptyArticle) {
				t.Fatalf("Extract(%q): %v", clip(body), o.err)
			}
			return
		}
		check := func(what string, s extract.Span) {
			if s.Start < 0 || s.End < s.Start || s.End > len(body) {
				t.Errorf("%s span [%d, %d) outside the %d-byte body %q", what, s.Start, s.End, len(body), clip(body))
			}
		}
		for _, q := range o.r.Quotes {
			check("quote", q.Span)
			if q.Sentence != (extract.Span{}) {
				check("quote sentence", q.Sentence)
			}
		}
		for _, e := range o.r.Entities {
			for _, m := range e.Mentions {
				check("mention of "+e.Name, m)
			}
		}
		for _, ev := range o.r.Events {
			for _, s := range ev.Evidence {
				check("evidence of "+ev.Key, s)
			}
		}
	})
}

// clip shortens s for a failure message.
func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}
