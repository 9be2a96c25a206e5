package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func quotesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "list who said what, optionally about one breach or in one article",
		Flags: append([]cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "speaker", Usage: "only quotes by this speaker: its id, or words of its name or an alias (\"Prior\" finds Jenny Prior)"},
			&cli.StringFlag{Name: "breach", Usage: "only quotes about this breach (id)"},
			&cli.StringFlag{Name: "article", Usage: "only quotes from this article (id)"},
			&cli.StringFlag{Name: "text", Usage: "only quotes containing these words"},
			&cli.IntFlag{Name: "min-sources", Usage: "only quotes reported by at least this many articles"},
			&cli.StringFlag{Name: "min-confidence", Usage: "only quotes whose speaker is right with at least this probability (0 to 1; unknown confidences fail it)"},
		}, append(articleFlags(), listFlags()...)...),
		Action: func(c *cli.Context) error {
			var minConf float64
			return runList(e, c, listQuery[queries.QuoteRow]{
				what: "quotes",
				check: func(c *cli.Context) (err error) {
					if v := c.String("min-confidence"); c.IsSet("min-confidence") {
						if minConf, err = queries.ParseConfidence(v); err != nil {
							return usageError{fmt.Errorf("quotes: --min-confidence %q: want a number from 0 to 1", v)}
						}
					}
					return nil
				},
				run: func(c *cli.Context, s *graph.Store) ([]queries.QuoteRow, error) {
					rows, err := queries.Quotes(c.Context, s, queries.QuoteFilter{
						Speaker: c.String("speaker"), Breach: c.String("breach"),
						Article: c.String("article"), Text: c.String("text"), MinSources: c.Int("min-sources"),
						MinConfidence: minConf,
					})
					if err == nil && len(rows) == 0 && strings.TrimSpace(c.String("speaker")) != "" {
						err = checkSpeaker(c.Context, s, e.stderr, strings.TrimSpace(c.String("speaker")))
					}
					return rows, err
				},
				articles: func(q queries.QuoteRow) []string { return []string{q.Article} },
				cols: []column{{name: "ID"}, {name: "SPEAKER", names: true}, {name: "KIND"}, {name: "CUE", names: true},
					{name: "CONFIDENCE"}, {name: "BREACH"}, {name: "SOURCES"}, {name: "TEXT", clip: 80}},
				cells: func(q queries.QuoteRow) []string {
					return []string{q.ID, speakerCell(q), dash(q.Kind), dash(q.Cue),
						confidenceCell(q.Confidence), dash(q.Breach), strconv.Itoa(q.Sources), q.Text}
				},
			})
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

// checkSpeaker is called when quotes --speaker found nothing. When some
// speaker has that name (the other filters left out its quotes) it does
// nothing; when only entities never quoted have it, it says so on w; when
// nothing has it, it is a usage error suggesting the speakers whose names
// are close.
func checkSpeaker(ctx context.Context, s *graph.Store, w io.Writer, speaker string) error {
	rows, err := queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: speaker})
	if err != nil || len(rows) > 0 {
		return err
	}
	ents, err := queries.Entities(ctx, s, queries.EntityFilter{})
	if err != nil {
		return err
	}
	var named []string
	for _, en := range ents {
		if en.ID == speaker || queries.NameMatches(speaker, append([]string{en.Name}, en.Aliases...)...) {
			named = append(named, en.Name+" ("+en.ID+")")
		}
	}
	if len(named) > 0 {
		if len(named) > 5 {
			named = append(named[:5], "…")
		}
		fmt.Fprintf(w, "no quotes: %q names %s, never quoted\n", speaker, strings.Join(named, ", "))
		return nil
	}
	all, err := queries.Quotes(ctx, s, queries.QuoteFilter{})
	if err != nil {
		return err
	}
	var names []string
	canonical := map[string]string{} // a name or alias -> its speaker's name
	for _, q := range all {
		if q.SpeakerID != "" && q.Speaker != q.SpeakerID {
			for _, n := range append([]string{q.Speaker}, q.SpeakerAliases...) {
				if _, ok := canonical[n]; !ok {
					canonical[n] = q.Speaker
					names = append(names, n)
				}
			}
		}
	}
	words := speaker
	if i := strings.LastIndexByte(words, '/'); i >= 0 { // an id: its last part
		words = strings.ReplaceAll(words[i+1:], "-", " ")
	}
	var close []string
	for _, n := range queries.CloseNames(words, names, len(names)) {
		if n = canonical[n]; !slices.Contains(close, n) && len(close) < 5 {
			close = append(close, n)
		}
	}
	if len(close) == 0 {
		return usageError{fmt.Errorf("quotes --speaker %q: no speaker has that name or id (newsgraph entities lists the names)", speaker)}
	}
	for i, n := range close {
		close[i] = strconv.Quote(n)
	}
	return usageError{fmt.Errorf("quotes --speaker %q: no speaker has that name or id; did you mean %s?", speaker, strings.Join(close, ", "))}
}
