package corpus_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/corpus"
)

// Open reads a file, a folder (recursively) or "-" for standard input.
// Next returns a *corpus.ParseError for each file, line or item it skips;
// the loader reports it and asks for the next article.
func ExampleOpen() {
	ctx := context.Background()
	src, err := corpus.Open(ctx, "testdata/text", corpus.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		a, err := src.Next(ctx)
		var perr *corpus.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return
		case errors.As(err, &perr):
			fmt.Println("skipped:", perr)
			continue
		case err != nil:
			fmt.Println("fatal:", err)
			return
		}
		fmt.Printf("%s: %q, %d paragraphs\n", a.ID, a.Title, strings.Count(a.Body, "\n")+1)
	}
	// Output:
	// bullets: "Library Opening Hours Cut Across the County", 2 paragraphs
	// headline: "Riverton water supplier admits customer records were exposed", 3 paragraphs
	// paragraph: "", 2 paragraphs
	// wrapped: "Ferry timetable changes from June", 2 paragraphs
}

// Dedup merges copies of one story; the kept article lists the others in
// Sources. Problems pass through as they come.
func ExampleDedup() {
	ctx := context.Background()
	src := corpus.Dedup(corpus.Walk([]string{"testdata/dedup", "testdata/json/export.jsonl"}, corpus.Config{}), corpus.Config{})
	articles, skipped, err := corpus.Collect(ctx, src)
	if err != nil {
		fmt.Println("fatal:", err)
		return
	}
	for _, p := range skipped {
		fmt.Println("skipped:", p)
	}
	for _, a := range articles {
		fmt.Println(a.ID, a.Sources)
	}
	// Output:
	// skipped: testdata/json/export.jsonl:2: malformed JSON: line ends inside a value
	// skipped: testdata/json/export.jsonl:5: unsupported format: item is JSON array, not an object
	// skipped: testdata/json/export.jsonl:6: no article text: no text, body or content field
	// exact-copy [testdata/dedup/wire-a.txt testdata/dedup/wire-b.txt]
	// x-9 [testdata/dedup/feed.jsonl#2]
	// other []
	// l-1 []
	// l-3 []
}

func ExampleClean() {
	fmt.Println(corpus.Clean("The bridge reopened on Monday.\n\nREAD MORE: Ten things to do this weekend\n" +
		"Engineers finished a week early. PA Wire\nShare this article\nTraffic is flowing again."))
	// Output:
	// The bridge reopened on Monday.
	// Traffic is flowing again.
}

func ExampleParseDate() {
	t, ok := corpus.ParseDate("Updated: August 27, 2023, 9:16 AM")
	fmt.Println(t, ok)
	// Output:
	// 2023-08-27 09:16:00 +0000 UTC true
}
