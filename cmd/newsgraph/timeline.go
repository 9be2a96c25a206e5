package main

import (
	"strconv"

	"github.com/urfave/cli/v2"

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
		}, listFlags()...),
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			l, err := e.listing(c)
			if err != nil {
				return err
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			if id := c.String("entity"); id != "" {
				if err := entityExists(c.Context, s, "timeline --entity", id); err != nil {
					return err
				}
			}
			items, err := queries.Timeline(c.Context, s, queries.TimelineFilter{Entity: c.String("entity")})
			if err != nil {
				return err
			}
			items = limited(e.stderr, l, "items", items)
			if c.String("format") == "json" {
				return writeJSON(e.stdout, items)
			}
			var cells [][]string
			for _, it := range items {
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
				cells = append(cells, []string{date, it.Kind, it.ID, dash(who), it.Text, dash(source), strconv.Itoa(it.Sources)})
			}
			return table(e.stdout, l, []column{{name: "DATE"}, {name: "KIND"}, {name: "ID"}, {name: "WHO", names: true}, {name: "WHAT", clip: 70},
				{name: "SOURCE", names: true}, {name: "ARTICLES"}}, cells)
		},
	}
}
