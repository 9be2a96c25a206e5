package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/queries"
)

func breachesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "breaches",
		Usage: "list the data breaches in the store with their facts",
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
			rows, err := queries.Breaches(c.Context, s)
			if err != nil {
				return err
			}
			rows = limited(e.stderr, l, "breaches", rows)
			if c.String("format") == "json" {
				return writeJSON(e.stdout, rows)
			}
			var cells [][]string
			for _, b := range rows {
				var affected []string
				for _, n := range b.Affected {
					affected = append(affected, strconv.Itoa(n))
				}
				cells = append(cells, []string{b.ID, b.Victim, dash(b.Via), dash(b.Attacker), dash(b.Kind), dash(b.Status),
					dash(strings.Join(affected, ", ")), dash(strings.Join(b.Exposed, ", ")), dash(strings.Join(b.ReportedTo, ", ")),
					strconv.Itoa(len(b.Articles))})
			}
			return table(e.stdout, l, []column{{name: "ID"}, {name: "VICTIM", names: true}, {name: "VIA", names: true}, {name: "ATTACKER", names: true}, {name: "KIND", names: true},
				{name: "STATUS"}, {name: "AFFECTED"}, {name: "EXPOSED", clip: 40}, {name: "REPORTED TO", clip: 40}, {name: "ARTICLES"}}, cells)
		},
	}
}
