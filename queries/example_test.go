package queries_test

import (
	"context"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
	"github.com/newsgraph/newsgraph/queries"
)

// exampleStore returns an in-memory store holding the test fixture.
func exampleStore(ctx context.Context) (*graph.Store, error) {
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
	if err != nil {
		return nil, err
	}
	arts, results := testutil.Fixture()
	var docs []graph.Doc
	for i := range arts {
		docs = append(docs, graph.Doc{Article: arts[i], Result: results[i]})
	}
	if _, err := s.Load(ctx, docs); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func ExampleQuotes() {
	ctx := context.Background()
	s, err := exampleStore(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	rows, err := queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: "Ada Whitlock"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range rows {
		fmt.Printf("%s (%s, direct=%v) in %s: %s\n", q.Speaker, q.SpeakerType, q.Direct, q.Article, q.Text)
	}
	// Output:
	// Ada Whitlock (person, direct=true) in northbridge-a: We are deeply sorry and we are contacting everyone affected,
	// Ada Whitlock (person, direct=false) in northbridge-b: the authority was working with the Information Commissioner's Office
}

func ExampleRun() {
	ctx := context.Background()
	s, err := exampleStore(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	rows, err := queries.Run(ctx, s, "breaches", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := rows[0].(map[string]any)
	fmt.Println(b["id"], b["victim"], b["affected"])
	// Output:
	// <ng:event/northbridge-council-breach> Northbridge Council [4000]
}

func ExampleGizmo() {
	ctx := context.Background()
	s, err := exampleStore(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	res, err := queries.Gizmo(ctx, s, `g.V().Has("<rdf:type>", "<schema:Quotation>").Count()`, 0, time.Second)
	fmt.Println(res, err)
	_, err = queries.Gizmo(ctx, s, `while (true) {}`, 0, 100*time.Millisecond)
	fmt.Println(err)
	// Output:
	// [6] <nil>
	// query timed out after 100ms
}
