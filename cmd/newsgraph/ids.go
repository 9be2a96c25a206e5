package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// entityTypes are the values of entities --type.
var entityTypes = []string{"person", "organization", "place"}

// checkEntityType refuses an entity type newsgraph does not have.
func checkEntityType(t string) error {
	if t == "" || slices.Contains(entityTypes, t) {
		return nil
	}
	hint := ""
	if t == "company" || t == "org" || t == "organisation" {
		hint = ` (companies are of type "organization")`
	}
	return usageError{fmt.Errorf("--type %q: want %s%s", t, strings.Join(entityTypes, ", "), hint)}
}

// entityExists reports whether id is an entity's id, and when it is not,
// returns a usage error naming the ids of the entities whose names match
// it (a name given where an id is expected).
func entityExists(ctx context.Context, s *graph.Store, flag, id string) error {
	rows, err := queries.Entities(ctx, s, queries.EntityFilter{})
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.ID == id {
			return nil
		}
	}
	return unknownID(ctx, s, flag, id)
}

// unknownID is the usage error for an id no entity, quote or breach has:
// it suggests the ids of entities whose names hold the words given.
func unknownID(ctx context.Context, s *graph.Store, what, id string) error {
	name := id
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ReplaceAll(name, "-", " ")
	rows, err := queries.Entities(ctx, s, queries.EntityFilter{Name: name})
	if err != nil {
		return err
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if len(ids) > 5 {
		ids = append(ids[:5], "…")
	}
	if len(ids) == 0 {
		return usageError{fmt.Errorf("%s %q: no such id (newsgraph entities, quotes and breaches print the ids)", what, id)}
	}
	return usageError{fmt.Errorf("%s %q: no such id; did you mean %s?", what, id, strings.Join(ids, ", "))}
}
