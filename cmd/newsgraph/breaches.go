package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func breachesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "breaches",
		Usage: "list the data breaches in the store with their facts",
		Flags: append([]cli.Flag{dbFlag(), formatFlag()}, append(articleFlags(), listFlags()...)...),
		Action: func(c *cli.Context) error {
			return runList(e, c, listQuery[queries.BreachRow]{
				what: "breaches",
				run: func(c *cli.Context, s *graph.Store) ([]queries.BreachRow, error) {
					return queries.Breaches(c.Context, s)
				},
				articles: func(b queries.BreachRow) []string { return b.Articles },
				cols: []column{{name: "ID"}, {name: "VICTIM", names: true}, {name: "VIA", names: true}, {name: "ATTACKER", names: true}, {name: "KIND", names: true},
					{name: "STATUS"}, {name: "AFFECTED"}, {name: "EXPOSED", clip: 40}, {name: "REPORTED TO", clip: 40}, {name: "ARTICLES"}},
				cells: func(b queries.BreachRow) []string {
					var affected []string
					for _, n := range b.Affected {
						affected = append(affected, strconv.Itoa(n))
					}
					return []string{b.ID, b.Victim, dash(b.Via), dash(b.Attacker), dash(b.Kind), dash(b.Status),
						dash(strings.Join(affected, ", ")), dash(strings.Join(b.Exposed, ", ")), dash(strings.Join(b.ReportedTo, ", ")),
						strconv.Itoa(len(b.Articles))}
				},
			})
		},
	}
}
