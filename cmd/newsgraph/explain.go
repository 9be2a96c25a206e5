package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/queries"
)

func explainCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "show every article, and the sentence in it, behind a quote, entity or breach",
		ArgsUsage: "QUOTE-ID|ENTITY-ID|BREACH-ID",
		Description: "The ids are those the quotes, entities and breaches commands print (their id\n" +
			"field). For each thing stated about it (a quote's words, an entity's mentions\n" +
			"and roles, each fact of a breach) explain lists the articles that state it,\n" +
			"oldest first, with publisher, date, URL, and the sentence with its byte\n" +
			"offsets in the article's body.",
		Flags: []cli.Flag{dbFlag(), formatFlag()},
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			if c.NArg() != 1 {
				return usageError{errors.New("explain: want one QUOTE-ID, ENTITY-ID or BREACH-ID")}
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			x, err := queries.Explain(c.Context, s, c.Args().First())
			if errors.Is(err, queries.ErrNotFound) {
				return unknownID(c.Context, s, "explain", c.Args().First())
			}
			if err != nil {
				return err
			}
			if c.String("format") == "json" {
				return writeJSON(e.stdout, x)
			}
			return writeExplanation(e.stdout, x)
		},
	}
}

// writeExplanation prints an explanation as indented text.
func writeExplanation(w io.Writer, x queries.Explanation) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n", x.Kind, x.ID, oneLine(x.Name))
	if x.Speaker != "" {
		fmt.Fprintf(&b, "said by %s (%s)\n", x.Speaker, x.SpeakerID)
	}
	if x.Kind == "quote" {
		var how []string
		if x.Cue != "" {
			how = append(how, "cue "+strconv.Quote(x.Cue))
		}
		if m := x.SpeakerMention; m != nil {
			how = append(how, fmt.Sprintf("speaker named as %q [%d:%d]", oneLine(m.Text), m.Start, m.End))
		}
		how = append(how, "confidence "+confidenceCell(x.Confidence))
		fmt.Fprintf(&b, "%s\n", strings.Join(how, ", "))
	}
	named := false // does any article name its publisher?
	for _, f := range x.Facts {
		for _, ev := range f.Evidence {
			named = named || ev.Publisher != ""
		}
	}
	fmt.Fprintf(&b, "%s\n", counted(x.Sources, x.Publishers, named))
	for _, f := range x.Facts {
		fmt.Fprintf(&b, "\n%s: %s (%s)\n", f.Fact, clip(f.Value, 100), counted(f.Sources, f.Publishers, named))
		for _, ev := range f.Evidence {
			date := ev.Published
			if len(date) > 10 {
				date = date[:10]
			}
			if date == "" {
				date = "undated"
			}
			pub := ev.Publisher
			if pub == "" {
				pub = "publisher not named"
			}
			fmt.Fprintf(&b, "  %s  %s  %s", date, pub, ev.Article)
			if ev.Quote != "" {
				fmt.Fprintf(&b, "  quote %s", ev.Quote)
			}
			if ev.Mentions > 0 {
				fmt.Fprintf(&b, "  %d %s", ev.Mentions, plural(ev.Mentions, "mention", "mentions"))
			}
			if ev.Sentence != "" {
				fmt.Fprintf(&b, "  [%d:%d]", ev.Start, ev.End)
			}
			b.WriteString("\n")
			if ev.URL != "" {
				fmt.Fprintf(&b, "    %s\n", ev.URL)
			}
			if ev.Sentence != "" {
				fmt.Fprintf(&b, "    %s\n", oneLine(ev.Sentence))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// counted says "3 articles, 2 publishers".
// counted says how many articles and outlets state a thing. Where no
// article names its publisher (named false), each article counts as an
// outlet of its own, and it says so instead of counting publishers.
func counted(sources, publishers int, named bool) string {
	if !named {
		return fmt.Sprintf("%d %s, no publisher named", sources, plural(sources, "article", "articles"))
	}
	return fmt.Sprintf("%d %s, %d %s", sources, plural(sources, "article", "articles"),
		publishers, plural(publishers, "publisher", "publishers"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
