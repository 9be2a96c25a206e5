package server

import (
	"context"
	"fmt"

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

// Articles returns the metadata of every article node, sorted by id.
func (src storeSource) Articles(ctx context.Context) ([]Article, error) {
	rows, err := queries.Articles(ctx, src.s)
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	out := make([]Article, len(rows))
	for i, a := range rows {
		out[i] = Article{ID: a.ID, Title: a.Title, URL: a.URL, Publisher: a.Publisher, Author: a.Author, Published: a.Published}
	}
	return out, nil
}
