package ingest_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
)

var (
	once sync.Once
	x    *extract.Extractor
)

func extractor() *extract.Extractor {
	once.Do(func() { x = extract.New(extract.Config{}) })
	return x
}

func articles() []corpus.Article {
	return []corpus.Article{
		{ID: "bank", Path: "wire/bank.txt", Title: "Bank hit by cyber attack", Body: "Kestrel Bank said a cyber attack had exposed the bank details of 3,200 customers.\n\"We are deeply sorry,\" said Hugo Varga, chief executive of Kestrel Bank.\n"},
		{ID: "bank-copy", Path: "syndicated/bank-copy.txt", Title: "Bank hit by cyber attack", Body: "Kestrel Bank said a cyber attack had exposed the bank details of 3,200 customers.\n\"We are deeply sorry,\" said Hugo Varga, chief executive of Kestrel Bank.\n"},
		{ID: "empty", Path: "empty.txt", Body: " \n"},
		{ID: "ferry", Path: "ferry.txt", Title: "Ferry cancelled", Body: "Saltmarsh Rail said the ferry link would close for a week, said Grace Pendry.\n"},
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	var skipped []string
	finished := 0
	cfg := ingest.Config{Jobs: 2,
		Skipped: func(path string, problem error) {
			skipped = append(skipped, path)
			if !errors.Is(problem, extract.ErrEmptyArticle) {
				t.Errorf("%s skipped for %v", path, problem)
			}
		},
		Finish: func(context.Context, *graph.Store) error { finished++; return nil },
	}
	st, err := ingest.Load(ctx, s, extractor(), corpus.NewSliceSource(articles()), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 4 || st.Duplicates != 1 || st.Skipped != 1 || st.Report.New != 2 || finished != 1 {
		t.Errorf("stats %+v, finished %d: want 4 read, 1 duplicate, 1 skipped, 2 new, finished once", st, finished)
	}
	if len(skipped) != 1 || skipped[0] != "empty.txt" {
		t.Errorf("skipped %v", skipped)
	}
	// again: nothing new, nothing written
	st, err = ingest.Load(ctx, s, extractor(), corpus.NewSliceSource(articles()), ingest.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Report.New != 0 || st.Report.Unchanged != 2 || st.Report.Added != 0 {
		t.Errorf("second load: %+v", st.Report)
	}
	// One: the same article is left as it is; a new one is added
	if err := ingest.One(ctx, s, extractor(), articles()[3]); err != nil {
		t.Fatal(err)
	}
	pier := corpus.Article{ID: "pier", Title: "Pier reopens", Body: "The pier reopened on Saturday, Saltmarsh Rail said.\n"}
	if err := ingest.One(ctx, s, extractor(), pier); err != nil {
		t.Fatal(err)
	}
	if err := ingest.One(ctx, s, extractor(), corpus.Article{ID: "blank", Body: "\n"}); !errors.Is(err, extract.ErrEmptyArticle) {
		t.Errorf("an empty article: %v, want ErrEmptyArticle", err)
	}
	for _, a := range []corpus.Article{articles()[3], pier} {
		if st, err := s.ArticleStatus(ctx, a); err != nil || st != graph.StatusUnchanged {
			t.Errorf("article %s: status %v (%v), want stored as it is", a.ID, st, err)
		}
	}
}
