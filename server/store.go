package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// storeSource reads the rows of a graph.Store with the named queries.
type storeSource struct {
	s *graph.Store
}

var _ source = storeSource{}

// Quotes returns every quote.
func (src storeSource) Quotes(ctx context.Context) ([]queries.QuoteRow, error) {
	return queries.Quotes(ctx, src.s, queries.QuoteFilter{})
}

// Entities returns every entity.
func (src storeSource) Entities(ctx context.Context) ([]queries.EntityRow, error) {
	return queries.Entities(ctx, src.s, queries.EntityFilter{})
}

// Breaches returns every breach.
func (src storeSource) Breaches(ctx context.Context) ([]queries.BreachRow, error) {
	return queries.Breaches(ctx, src.s)
}

// Size returns the number of quads.
func (src storeSource) Size(ctx context.Context) (int64, error) {
	return src.s.Size(ctx)
}

// Articles returns the metadata of every article node, sorted by id. The
// named queries have no article query, so it reads the article properties
// of the schema directly: one pass over the quads of each property.
func (src storeSource) Articles(ctx context.Context) ([]Article, error) {
	qs := src.s.QuadStore()
	byIRI := map[quad.Value]*Article{}
	var order []quad.Value
	err := eachQuad(ctx, qs, quad.Object, graph.NewsArticle, func(q quad.Quad) {
		if q.Predicate != graph.RDFType {
			return
		}
		if _, ok := byIRI[q.Subject]; ok {
			return
		}
		id := graph.ID(q.Subject, graph.ArticlePrefix)
		if id == "" {
			return
		}
		byIRI[q.Subject] = &Article{ID: id}
		order = append(order, q.Subject)
	})
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	props := []struct {
		pred quad.IRI
		set  func(a *Article, v string)
	}{
		{graph.Headline, func(a *Article, v string) { a.Title = v }},
		{graph.URL, func(a *Article, v string) { a.URL = v }},
		{graph.Publisher, func(a *Article, v string) { a.Publisher = v }},
		{graph.Author, func(a *Article, v string) { a.Author = v }},
		{graph.DatePublished, func(a *Article, v string) { a.Published = v }},
	}
	// A publisher is an organisation node (a string in older stores):
	// its name is read once the articles are.
	publishers := map[*Article]quad.Value{}
	for _, p := range props {
		err := eachQuad(ctx, qs, quad.Predicate, p.pred, func(q quad.Quad) {
			a := byIRI[q.Subject]
			if a == nil {
				return
			}
			if _, ok := q.Object.(quad.IRI); ok && p.pred == graph.Publisher {
				publishers[a] = q.Object
				return
			}
			p.set(a, valueString(q.Object))
		})
		if err != nil {
			return nil, fmt.Errorf("read articles: %w", err)
		}
	}
	names := map[quad.Value]string{}
	for a, pub := range publishers {
		name, ok := names[pub]
		if !ok {
			err := eachQuad(ctx, qs, quad.Subject, pub, func(q quad.Quad) {
				if q.Predicate == graph.Name && (name == "" || valueString(q.Object) < name) {
					name = valueString(q.Object)
				}
			})
			if err != nil {
				return nil, fmt.Errorf("read articles: %w", err)
			}
			if name == "" {
				name = graph.ID(pub, graph.EntityPrefix)
			}
			names[pub] = name
		}
		a.Publisher = name
	}
	out := make([]Article, 0, len(order))
	for _, s := range order {
		out = append(out, *byIRI[s])
	}
	slices.SortFunc(out, func(a, b Article) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// eachQuad calls f with every quad that has v in direction d.
func eachQuad(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, v quad.Value, f func(quad.Quad)) error {
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := qs.QuadIterator(d, ref)
	defer it.Close()
	return cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) {
		f(qs.Quad(r))
	})
}

// valueString renders a literal for the JSON API: strings as they are,
// times as RFC 3339.
func valueString(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.Time:
		return time.Time(v).UTC().Format(time.RFC3339)
	case nil:
		return ""
	}
	if s, ok := quad.NativeOf(v).(string); ok {
		return s
	}
	return quad.StringOf(v)
}
