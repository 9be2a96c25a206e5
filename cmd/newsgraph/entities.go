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
		Flags: []cli.Flag{
			dbFlag(), formatFlag(),
			&cli.StringFlag{Name: "type", Usage: "only this type: person, organization or place"},
			&cli.StringFlag{Name: "name", Usage: "only entities whose name or alias contains these words"},
		},
		Action: func(c *cli.Context) (err error) {
			if err := checkFormat(c.String("format")); err != nil {
				return err
			}
			if err := checkEntityType(c.String("type")); err != nil {
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
				cells = append(cells, []string{en.Name, en.Type, en.Kind, clip(strings.Join(en.Aliases, "; "), 40),
					clip(strings.Join(roles, "; "), 50), strconv.Itoa(len(en.Articles))})
			}
			return table(e.stdout, []string{"NAME", "TYPE", "KIND", "ALIASES", "ROLES", "ARTICLES"}, cells)
		},
	}
}
