package main

import (
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func timelineCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "timeline",
		Usage: "list breaches and statements in date order",
		Description: "A breach is placed at its date (or, when that is unknown, at the first article\n" +
			"reporting it), a statement at the date of the article reporting it; a quote\n" +
			"several articles report is listed once, at its earliest report. With --entity,\n" +
			"only the breaches the entity is part of or spoke about, and the statements by\n" +
			"it or about those breaches.",
		Flags: append([]cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "entity", Usage: "only what concerns this entity (its id, as entities prints it)"},
		}, append(articleFlags(), listFlags()...)...),
		Action: func(c *cli.Context) error {
			var breachArticles map[string][]string // with --since, --until or --publisher
			return runList(e, c, listQuery[queries.TimelineItem]{
				what: "items",
				run: func(c *cli.Context, s *graph.Store) ([]queries.TimelineItem, error) {
					if id := c.String("entity"); id != "" {
						if err := entityExists(c.Context, s, "timeline --entity", id); err != nil {
							return nil, err
						}
					}
					if articleFiltered(c) {
						bs, err := queries.Breaches(c.Context, s)
						if err != nil {
							return nil, err
						}
						breachArticles = map[string][]string{}
						for _, b := range bs {
							breachArticles[b.ID] = b.Articles
						}
					}
					return queries.Timeline(c.Context, s, queries.TimelineFilter{Entity: c.String("entity")})
				},
				// a statement is reported by its article, a breach's
				// event, discovery or disclosure by the breach's articles
				articles: func(it queries.TimelineItem) []string {
					if it.Kind == "statement" {
						return []string{it.Article}
					}
					return breachArticles[it.Breach]
				},
				cols: []column{{name: "DATE"}, {name: "KIND"}, {name: "ID"}, {name: "WHO", names: true}, {name: "WHAT", clip: 70},
					{name: "SOURCE", names: true}, {name: "ARTICLES"}},
				cells: timelineCells,
			})
		},
	}
}

// timelineCells is an item's row of the timeline table.
func timelineCells(it queries.TimelineItem) []string {
	date := it.Date
	if date == "" {
		date = "undated"
	}
	who, source := it.Speaker, it.Publisher
	if it.Kind != "statement" {
		who, source = "", ""
	} else if source == "" {
		source = it.Article
	}
	if it.Kind == "statement" && who == "" && it.SpeakerMention != nil {
		who = "(" + clip(it.SpeakerMention.Text, 40) + ")"
	}
	return []string{date, it.Kind, it.ID, dash(who), it.Text, dash(source), strconv.Itoa(it.Sources)}
}
