package main

import (
	"fmt"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/queries"
)

func quotesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "list who said what, optionally about one breach or in one article",
		Flags: append([]cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "speaker", Usage: "only quotes by this speaker (name, alias or id)"},
			&cli.StringFlag{Name: "breach", Usage: "only quotes about this breach (id)"},
			&cli.StringFlag{Name: "article", Usage: "only quotes from this article (id)"},
			&cli.StringFlag{Name: "text", Usage: "only quotes containing these words"},
			&cli.IntFlag{Name: "min-sources", Usage: "only quotes reported by at least this many articles"},
			&cli.StringFlag{Name: "min-confidence", Usage: "only quotes whose speaker is right with at least this probability (0 to 1; unknown confidences fail it)"},
		}, listFlags()...),
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			l, err := e.listing(c)
			if err != nil {
				return err
			}
			var minConf float64
			if v := c.String("min-confidence"); c.IsSet("min-confidence") {
				if minConf, err = queries.ParseConfidence(v); err != nil {
					return usageError{fmt.Errorf("quotes: --min-confidence %q: want a number from 0 to 1", v)}
				}
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			rows, err := queries.Quotes(c.Context, s, queries.QuoteFilter{
				Speaker: c.String("speaker"), Breach: c.String("breach"),
				Article: c.String("article"), Text: c.String("text"), MinSources: c.Int("min-sources"),
				MinConfidence: minConf,
			})
			if err != nil {
				return err
			}
			rows = limited(e.stderr, l, "quotes", rows)
			if c.String("format") == "json" {
				return writeJSON(e.stdout, rows)
			}
			var cells [][]string
			for _, q := range rows {
				cells = append(cells, []string{q.ID, speakerCell(q), dash(q.Kind), dash(q.Cue),
					confidenceCell(q.Confidence), dash(q.Breach), strconv.Itoa(q.Sources), q.Text})
			}
			return table(e.stdout, l, []column{{name: "ID"}, {name: "SPEAKER", names: true}, {name: "KIND"}, {name: "CUE", names: true},
				{name: "CONFIDENCE"}, {name: "BREACH"}, {name: "SOURCES"}, {name: "TEXT", clip: 80}}, cells)
		},
	}
}

// speakerCell is a quote's speaker for a table: its name, or for an
// unnamed source the article's words for it in parentheses ("(a
// spokesperson)"), or "–".
func speakerCell(q queries.QuoteRow) string {
	switch {
	case q.Speaker != "":
		return q.Speaker
	case q.SpeakerMention != nil && q.SpeakerMention.Text != "":
		return "(" + clip(q.SpeakerMention.Text, 40) + ")"
	}
	return "–"
}

// confidenceCell renders a confidence with two decimals, "–" when it is
// unknown, and a "?" after one below queries.LowConfidence.
func confidenceCell(c *float64) string {
	if c == nil {
		return "–"
	}
	s := strconv.FormatFloat(*c, 'f', 2, 64)
	if *c < queries.LowConfidence {
		s += "?"
	}
	return s
}
