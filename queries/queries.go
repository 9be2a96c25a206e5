package queries

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Quotes returns the quotes that match f, sorted by article, then position
// in the article.
func Quotes(ctx context.Context, s *graph.Store, f QuoteFilter) ([]QuoteRow, error) {
	qs, err := storedQuotes(ctx, s)
	if err != nil {
		return nil, err
	} else if qs != nil {
		defer qs.close()
		return qs.quotes(f)
	}
	return computeQuotes(ctx, s, f)
}

// computeQuotes is Quotes from the graph itself.
func computeQuotes(ctx context.Context, s *graph.Store, f QuoteFilter) ([]QuoteRow, error) {
	ctx = withValueCache(ctx) // one cache for the rows and their sources
	params := map[string]any{
		"speaker": strings.ToLower(strings.TrimSpace(f.Speaker)),
		"text":    strings.ToLower(strings.TrimSpace(f.Text)),
	}
	if f.Speaker != "" {
		params["speaker_iri"] = graph.EntityIRI(strings.TrimSpace(f.Speaker)).String()
	}
	if f.Article != "" {
		params["article"] = graph.ArticleIRI(f.Article).String()
	}
	if f.Breach != "" {
		params["breach"] = graph.EventIRI(f.Breach).String()
	}
	var rows []QuoteRow
	var err error
	if fastStore(s) {
		rows, err = fastQuotes(ctx, s, params)
	} else {
		rows, err = gizmoQuotes(ctx, s, params)
	}
	if err != nil {
		return nil, err
	}
	return withQuoteSources(ctx, s, rows, f)
}

// gizmoQuotes runs quotes.js: Quotes on backends without fastQuotes.
func gizmoQuotes(ctx context.Context, s *graph.Store, params map[string]any) ([]QuoteRow, error) {
	var raw []struct {
		QuoteRow
		ID        string `json:"id"`
		Article   string `json:"article"`
		Breach    string `json:"breach"`
		SpeakerID string `json:"speaker_id"`
	}
	if err := runInto(ctx, s, "quotes", params, &raw); err != nil {
		return nil, err
	}
	rows := make([]QuoteRow, 0, len(raw))
	for _, r := range raw {
		q := r.QuoteRow
		q.ID = graph.ID(r.ID, graph.QuotePrefix)
		q.Article = graph.ID(r.Article, graph.ArticlePrefix)
		q.Breach = graph.ID(r.Breach, graph.EventPrefix)
		q.SpeakerID = graph.ID(r.SpeakerID, graph.EntityPrefix)
		if q.Speaker == "" {
			q.Speaker = q.SpeakerID
		}
		q.Direct = q.Kind != "indirect"
		q.SpeakerAliases = sorted(q.SpeakerAliases)
		rows = append(rows, q)
	}
	slices.SortFunc(rows, func(a, b QuoteRow) int {
		return cmp.Or(strings.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End), strings.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// Entities returns the people, organisations and places that match f,
// sorted by type, then name.
func Entities(ctx context.Context, s *graph.Store, f EntityFilter) ([]EntityRow, error) {
	return entities(ctx, s, map[string]any{
		"type": strings.ToLower(strings.TrimSpace(f.Type)),
		"name": strings.ToLower(strings.TrimSpace(f.Name)),
	})
}

// Entity returns the entity with the given id (its key), or an error
// wrapping ErrNotFound.
func Entity(ctx context.Context, s *graph.Store, id string) (EntityRow, error) {
	rows, err := entities(ctx, s, map[string]any{"id": graph.EntityIRI(id).String()})
	if err != nil {
		return EntityRow{}, err
	}
	if len(rows) == 0 {
		return EntityRow{}, fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	return rows[0], nil
}

func entities(ctx context.Context, s *graph.Store, params map[string]any) ([]EntityRow, error) {
	rows, ok, err := storedEntities(ctx, s)
	if err != nil {
		return nil, err
	} else if ok {
		return filterEntities(rows, params), nil
	}
	return computeEntities(ctx, s, params)
}

// computeEntities is entities from the graph itself.
func computeEntities(ctx context.Context, s *graph.Store, params map[string]any) ([]EntityRow, error) {
	ctx = withValueCache(ctx) // one cache for the rows and their sources
	var rows []EntityRow
	var err error
	if fastStore(s) {
		rows, err = fastEntities(ctx, s, params)
	} else {
		rows, err = gizmoEntities(ctx, s, params)
	}
	if err != nil {
		return nil, err
	}
	return rows, withRoleSources(ctx, s, rows)
}

// gizmoEntities runs entities.js: entities on backends without
// fastEntities.
func gizmoEntities(ctx context.Context, s *graph.Store, params map[string]any) ([]EntityRow, error) {
	var raw []struct {
		EntityRow
		ID       string   `json:"id"`
		Articles []string `json:"articles"`
	}
	if err := runInto(ctx, s, "entities", params, &raw); err != nil {
		return nil, err
	}
	rows := make([]EntityRow, 0, len(raw))
	for _, r := range raw {
		e := r.EntityRow
		e.ID = graph.ID(r.ID, graph.EntityPrefix)
		if e.Name == "" {
			e.Name = e.ID
		}
		e.Aliases = sorted(e.Aliases)
		e.Articles = ids(r.Articles, graph.ArticlePrefix)
		e.Roles = mergeRoles(e.Roles)
		rows = append(rows, e)
	}
	slices.SortFunc(rows, func(a, b EntityRow) int {
		return cmp.Or(strings.Compare(a.Type, b.Type), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// mergeRoles folds the roles articles state in different words into one
// each: titles that differ only in case or spacing are one title, and a
// title read without its organisation joins the same title read with one.
// The result is sorted.
func mergeRoles(roles []RoleRow) []RoleRow {
	key := func(r RoleRow) string { return strings.Join(strings.Fields(strings.ToLower(r.Title)), " ") }
	slices.SortFunc(roles, func(a, b RoleRow) int {
		// with an organisation first, then lower-case titles first
		return cmp.Or(strings.Compare(key(a), key(b)), boolCmp(a.Org == "", b.Org == ""), strings.Compare(b.Title, a.Title), strings.Compare(a.Org, b.Org))
	})
	out := []RoleRow{}
	for _, r := range roles {
		dup := false
		for _, o := range out {
			if key(o) == key(r) && o.Former == r.Former && (o.Org == r.Org || r.Org == "") {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b RoleRow) int {
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Org, b.Org), boolCmp(a.Former, b.Former))
	})
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Breaches returns every data breach, sorted by id.
func Breaches(ctx context.Context, s *graph.Store) ([]BreachRow, error) {
	return breaches(ctx, s, map[string]any{})
}

// Breach returns the breach with the given id, or an error wrapping
// ErrNotFound.
func Breach(ctx context.Context, s *graph.Store, id string) (BreachRow, error) {
	rows, err := breaches(ctx, s, map[string]any{"id": graph.EventIRI(id).String()})
	if err != nil {
		return BreachRow{}, err
	}
	if len(rows) == 0 {
		return BreachRow{}, fmt.Errorf("breach %s: %w", id, ErrNotFound)
	}
	return rows[0], nil
}

func breaches(ctx context.Context, s *graph.Store, params map[string]any) ([]BreachRow, error) {
	rows, ok, err := storedBreaches(ctx, s)
	if err != nil {
		return nil, err
	} else if ok {
		id, _ := params["id"].(string)
		out := []BreachRow{}
		for _, r := range rows {
			if id == "" || graph.EventIRI(r.ID).String() == id {
				out = append(out, r)
			}
		}
		return out, nil
	}
	return computeBreaches(ctx, s, params)
}

// computeBreaches is breaches from the graph itself.
func computeBreaches(ctx context.Context, s *graph.Store, params map[string]any) ([]BreachRow, error) {
	ctx = withValueCache(ctx) // one cache for the rows and their sources
	var rows []BreachRow
	var err error
	if fastStore(s) {
		rows, err = fastBreaches(ctx, s, params)
	} else {
		rows, err = gizmoBreaches(ctx, s, params)
	}
	if err != nil {
		return nil, err
	}
	return rows, withBreachFacts(ctx, s, rows)
}

// gizmoBreaches runs breaches.js: breaches on backends without
// fastBreaches.
func gizmoBreaches(ctx context.Context, s *graph.Store, params map[string]any) ([]BreachRow, error) {
	var raw []struct {
		BreachRow
		ID       string   `json:"id"`
		Articles []string `json:"articles"`
	}
	if err := runInto(ctx, s, "breaches", params, &raw); err != nil {
		return nil, err
	}
	rows := make([]BreachRow, 0, len(raw))
	for _, r := range raw {
		b := r.BreachRow
		b.ID = graph.ID(r.ID, graph.EventPrefix)
		b.Exposed = sorted(b.Exposed)
		b.NotExposed = sorted(b.NotExposed)
		b.ReportedTo = sorted(b.ReportedTo)
		if b.Affected == nil {
			b.Affected = []int{}
		}
		slices.Sort(b.Affected)
		b.Affected = slices.Compact(b.Affected)
		b.Articles = ids(r.Articles, graph.ArticlePrefix)
		rows = append(rows, b)
	}
	slices.SortFunc(rows, func(a, b BreachRow) int { return strings.Compare(a.ID, b.ID) })
	return rows, nil
}

// runInto runs a named query and decodes its emitted values into out.
func runInto(ctx context.Context, s *graph.Store, name string, params map[string]any, out any) error {
	vals, err := Run(ctx, s, name, params)
	if err != nil {
		return err
	}
	b, err := json.Marshal(vals)
	if err != nil {
		return fmt.Errorf("query %s: %w", name, err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("query %s: decode results: %w", name, err)
	}
	return nil
}

// sorted returns the distinct strings of xs, sorted, never nil.
func sorted(xs []string) []string {
	out := slices.Clone(xs)
	if out == nil {
		return []string{}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ids maps node IRIs to ids, sorted.
func ids(iris []string, prefix string) []string {
	out := make([]string, 0, len(iris))
	for _, iri := range iris {
		if id := graph.ID(iri, prefix); id != "" {
			out = append(out, id)
		}
	}
	return sorted(out)
}
