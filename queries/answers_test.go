package queries

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
)

// TestStoredAnswers checks, on each store that keeps answers, that the
// canned queries answer from the stored answer of the store's state, and
// never from one a later write made stale (an add, a delete), whoever
// wrote.
func TestStoredAnswers(t *testing.T) {
	for _, backend := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "graph.db") }},
		{"postgres", func(t *testing.T) string { return pgtest.NewDSN(t) }},
	} {
		t.Run(backend.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := graph.Open(ctx, backend.dsn(t), graph.Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Error(err)
				}
			})
			f, err := os.Open("testdata/northbridge.nq")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fixture, err := quad.ReadAll(nquads.NewReader(f, false))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AddQuads(ctx, fixture); err != nil {
				t.Fatal(err)
			}
			stamp, ok, err := s.AnswerStamp(ctx)
			if err != nil || !ok {
				t.Fatalf("AnswerStamp: %q, %v, %v: want a stamp", stamp, ok, err)
			}
			// An older version's answer, which Warm removes.
			if err := s.WriteAnswer(ctx, "quotes.v0", stamp, []byte("old")); err != nil {
				t.Fatal(err)
			}
			if err := Warm(ctx, s); err != nil {
				t.Fatal(err)
			}
			for _, name := range answerNames {
				if _, hit, err := s.ReadAnswer(ctx, name, stamp); err != nil || !hit {
					t.Fatalf("after Warm, answer %s: stored %v, %v", name, hit, err)
				}
			}
			if _, hit, err := s.ReadAnswer(ctx, "quotes.v0", stamp); err != nil || hit {
				t.Errorf("after Warm, the older version's answer: stored %v, %v; want removed", hit, err)
			}
			all, err := computeQuotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) < 2 {
				t.Fatalf("%d quotes in the fixture: too few", len(all))
			}

			// An answer stored for this state is what Quotes returns: store
			// one without the first quote.
			body, err := encodeQuotes(all[1:])
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteAnswer(ctx, quotesAnswer, stamp, body); err != nil {
				t.Fatal(err)
			}
			got, err := Quotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(all)-1 {
				t.Fatalf("Quotes gave %d rows, want the %d of the stored answer", len(got), len(all)-1)
			}

			// A write makes it stale: the quotes are computed again, and
			// the new quote is among them.
			extra := quad.Quad{Subject: quad.IRI("ng:quote/extra"), Predicate: graph.RDFType, Object: graph.Quotation, Label: quad.IRI("ng:article/extra")}
			var added []quad.Quad
			for _, q := range fixture {
				if graph.ID(q.Subject, graph.QuotePrefix) == all[0].ID {
					q.Subject = extra.Subject
					q.Label = extra.Label
					added = append(added, q)
				}
			}
			if len(added) == 0 {
				t.Fatalf("no quads of quote %s in the fixture", all[0].ID)
			}
			if err := s.AddQuads(ctx, added); err != nil {
				t.Fatal(err)
			}
			got, err = Quotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := computeQuotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(want) != len(all)+1 {
				t.Fatalf("after adding a quote the graph has %d quotes, want %d", len(want), len(all)+1)
			}
			sameJSON(t, "quotes after an add", got, want)

			// So does a delete.
			if err := s.QuadWriter().RemoveQuad(added[0]); err != nil {
				t.Fatal(err)
			}
			for _, q := range added[1:] {
				if err := s.QuadWriter().RemoveQuad(q); err != nil {
					t.Fatal(err)
				}
			}
			got, err = Quotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "quotes after a delete", got, all)

			// Entities and breaches from the stored answer are the graph's.
			ents, err := Entities(ctx, s, EntityFilter{Type: "person"})
			if err != nil {
				t.Fatal(err)
			}
			wantEnts, err := computeEntities(ctx, s, map[string]any{"type": "person", "name": ""})
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "entities", ents, wantEnts)
			bs, err := Breaches(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			wantBs, err := computeBreaches(ctx, s, map[string]any{})
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "breaches", bs, wantBs)
			if !slices.ContainsFunc(ents, func(e EntityRow) bool { return len(e.Roles) > 0 }) || len(bs) == 0 {
				t.Fatalf("%d people (none with roles?), %d breaches: the fixture is too thin", len(ents), len(bs))
			}
		})
	}
}

func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got  %s\n want %s", what, g, w)
	}
}
