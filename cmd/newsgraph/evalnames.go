package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/eval"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// silverTypes maps CoreNLP's entity labels onto newsgraph's entity types;
// the other labels (MISC, DATE, NUMBER, …) are not names it scores.
var silverTypes = map[string]string{"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "place"}

// isName reports whether a mention's words are a name, as opposed to a
// description that extract also records ("the contractor"): they start
// with a capital letter or a digit.
func isName(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// evalNames scores the names extract finds in the corpus's articles
// against the CoreNLP entities of --corenlp: each article is matched to
// its annotation by file name, and the annotation's code point offsets
// into the file are mapped onto the body newsgraph read from it (names in
// lines it drops, such as the headline, are not scored).
func evalNames(c *cli.Context, e *env) error {
	silver, err := polnear.ReadSilver(c.String("corenlp"))
	if err != nil {
		return err
	}
	ctx := c.Context
	x := extract.New(extract.Config{Model: extract.NewModel(), Logger: e.logger})
	src := corpus.Walk(c.Args().Slice(), corpus.Config{Logger: e.logger, Stdin: e.stdin})
	defer src.Close()
	var ref, sys []eval.NameMention
	n := 0
	for {
		a, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		s, ok := silver[filepath.Base(a.Path)]
		if !ok {
			continue
		}
		raw, err := os.ReadFile(a.Path)
		if err != nil {
			return err
		}
		n++
		bm := polnear.Align(string(raw), a.Body)
		for _, en := range s.Entities {
			typ, ok := silverTypes[en.Label]
			if !ok {
				continue
			}
			if sp, ok := bm.Span(en.Start, en.End); ok {
				ref = append(ref, eval.NameMention{Article: a.ID, Start: sp.Start, End: sp.End, Type: typ, Text: a.Body[sp.Start:sp.End]})
			}
		}
		r, err := x.Extract(ctx, a)
		if err != nil {
			return fmt.Errorf("eval %s: %w", a.ID, err)
		}
		for _, en := range r.Entities {
			for _, m := range en.Mentions {
				if text := a.Body[m.Start:m.End]; isName(text) {
					sys = append(sys, eval.NameMention{Article: a.ID, Start: m.Start, End: m.End, Type: string(en.Type), Text: text})
				}
			}
		}
	}
	if n == 0 {
		return fmt.Errorf("eval: no article of the corpus has an annotation in %s", c.String("corenlp"))
	}
	fmt.Fprintf(e.stdout, "%d articles with CoreNLP annotations\n", n)
	fmt.Fprint(e.stdout, eval.ScoreNames(ref, sys, c.Bool("verbose")).String())
	return nil
}
