package main

import (
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/queries"
)

func quotesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "list who said what, optionally about one breach or in one article",
		Flags: []cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "speaker", Usage: "only quotes by this speaker (name, alias or id)"},
			&cli.StringFlag{Name: "breach", Usage: "only quotes about this breach (id)"},
			&cli.StringFlag{Name: "article", Usage: "only quotes from this article (id)"},
			&cli.StringFlag{Name: "text", Usage: "only quotes containing these words"},
			&cli.IntFlag{Name: "min-sources", Usage: "only quotes reported by at least this many articles"},
		},
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			rows, err := queries.Quotes(c.Context, s, queries.QuoteFilter{
				Speaker: c.String("speaker"), Breach: c.String("breach"),
				Article: c.String("article"), Text: c.String("text"), MinSources: c.Int("min-sources"),
			})
			if err != nil {
				return err
			}
			if c.String("format") == "json" {
				return writeJSON(e.stdout, rows)
			}
			var cells [][]string
			for _, q := range rows {
				cells = append(cells, []string{q.Speaker, q.SpeakerType, strconv.FormatBool(q.Direct),
					q.Article, q.Breach, strconv.Itoa(q.Sources), clip(q.Text, 80)})
			}
			return table(e.stdout, []string{"SPEAKER", "TYPE", "DIRECT", "ARTICLE", "BREACH", "SOURCES", "TEXT"}, cells)
		},
	}
}
