package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func conflictsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "conflicts",
		Usage: "list the breach facts on which sources disagree, with each value's sources",
		Description: "A conflict is a figure, supplier, victim or date of a breach given differently\n" +
			"by different articles (each stating a value the other does not), or data one\n" +
			"article says was exposed and another says was not. Each value is listed as\n" +
			"the articles write it, with the articles and publishers giving it.",
		Flags: append([]cli.Flag{dbFlag(), formatFlag()}, listFlags()...),
		Action: func(c *cli.Context) error {
			return runList(e, c, listQuery[queries.Conflict]{
				what: "conflicts",
				run: func(c *cli.Context, s *graph.Store) ([]queries.Conflict, error) {
					return queries.Conflicts(c.Context, s)
				},
				cols: []column{{name: "BREACH"}, {name: "FACT"}, {name: "WHAT THE SOURCES SAY", clip: -1}},
				cells: func(x queries.Conflict) []string {
					var claims []string
					for _, cl := range x.Claims {
						v := cl.String()
						if x.Fact == "exposed" && cl.Fact == "not_exposed" {
							v = "not " + v
						}
						claims = append(claims, v)
					}
					return []string{x.Breach, x.Fact, strings.Join(claims, " vs ")}
				},
			})
		},
	}
}
