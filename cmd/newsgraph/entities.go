package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/queries"
)

func entitiesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "entities",
		Usage: "list the people, organisations and places in the store",
		Flags: append([]cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "type", Usage: "only this type: person, organization or place"},
			&cli.StringFlag{Name: "name", Usage: "only entities whose name or alias contains these words"},
		}, listFlags()...),
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			if err := checkEntityType(c.String("type")); err != nil {
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
			rows, err := queries.Entities(c.Context, s, queries.EntityFilter{Type: c.String("type"), Name: c.String("name")})
			if err != nil {
				return err
			}
			rows = limited(e.stderr, l, "entities", rows)
			if c.String("format") == "json" {
				return writeJSON(e.stdout, rows)
			}
			var cells [][]string
			for _, en := range rows {
				var roles []string
				for _, r := range en.Roles {
					t := r.Title
					if r.Former {
						t = "former " + t
					}
					if r.Org != "" {
						t += ", " + r.Org
					}
					roles = append(roles, t)
				}
				cells = append(cells, []string{en.ID, en.Name, en.Type, dash(en.Kind), dash(strings.Join(en.Aliases, "; ")),
					dash(strings.Join(roles, "; ")), strconv.Itoa(len(en.Articles))})
			}
			return table(e.stdout, l, []column{{name: "ID"}, {name: "NAME", names: true}, {name: "TYPE"}, {name: "KIND", names: true},
				{name: "ALIASES", clip: 40}, {name: "ROLES", clip: 50}, {name: "ARTICLES"}}, cells)
		},
	}
}
