package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
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
		}, append(articleFlags(), listFlags()...)...),
		Action: func(c *cli.Context) error {
			return runList(e, c, listQuery[queries.EntityRow]{
				what:  "entities",
				check: func(c *cli.Context) error { return checkEntityType(c.String("type")) },
				run: func(c *cli.Context, s *graph.Store) ([]queries.EntityRow, error) {
					return queries.Entities(c.Context, s, queries.EntityFilter{Type: c.String("type"), Name: c.String("name")})
				},
				articles: func(en queries.EntityRow) []string { return en.Articles },
				cols: []column{{name: "ID"}, {name: "NAME", names: true}, {name: "TYPE"}, {name: "KIND", names: true},
					{name: "ALIASES", clip: 40}, {name: "ROLES", clip: 50}, {name: "ARTICLES"}},
				cells: entityCells,
			})
		},
	}
}

// entityCells is an entity's row of the entities table.
func entityCells(en queries.EntityRow) []string {
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
	return []string{en.ID, en.Name, en.Type, dash(en.Kind), dash(strings.Join(en.Aliases, "; ")),
		dash(strings.Join(roles, "; ")), strconv.Itoa(len(en.Articles))}
}
