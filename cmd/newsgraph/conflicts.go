package main

import (
	"strings"

	"github.com/urfave/cli/v2"

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
			rows, err := queries.Conflicts(c.Context, s)
			if err != nil {
				return err
			}
			rows = limited(e.stderr, l, "conflicts", rows)
			if c.String("format") == "json" {
				return writeJSON(e.stdout, rows)
			}
			var cells [][]string
			for _, x := range rows {
				var claims []string
				for _, cl := range x.Claims {
					v := cl.String()
					if x.Fact == "exposed" && cl.Fact == "not_exposed" {
						v = "not " + v
					}
					claims = append(claims, v)
				}
				cells = append(cells, []string{x.Breach, x.Fact, strings.Join(claims, " vs ")})
			}
			return table(e.stdout, l, []column{{name: "BREACH"}, {name: "FACT"}, {name: "WHAT THE SOURCES SAY", clip: -1}}, cells)
		},
	}
}
