package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "newsgraph-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "graph.db")

	// Read commands open read-only and never create a store.
	_, err = graph.Open(ctx, db, graph.Options{ReadOnly: true})
	fmt.Println(err != nil)

	s, err := graph.Open(ctx, db, graph.Options{Create: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	arts, results := testutil.Fixture()
	docs := []graph.Doc{{Article: arts[0], Result: results[0]}, {Article: arts[1], Result: results[1]}}
	for range 2 {
		rep, err := s.Load(ctx, docs)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("new %d, unchanged %d, entities %d, quotes %d, quads %d\n",
			rep.New, rep.Unchanged, rep.Entities, rep.Quotes, rep.Quads)
	}
	// Output:
	// true
	// new 2, unchanged 0, entities 6, quotes 6, quads 357
	// new 0, unchanged 2, entities 0, quotes 0, quads 0
}
