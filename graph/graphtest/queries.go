package graphtest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/queries"
)

// testQueries loads a synthetic corpus and checks that the named queries,
// and Gizmo queries of the shapes the README shows, answer on the backend
// as they do on a memory store: backends with query optimizers of their
// own (PostgreSQL) must not change answers.
func testQueries(t *testing.T, h Harness) {
	ctx := context.Background()
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: 40, Seed: 5, People: 25, Organizations: 12, Breaches: 5}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	docs = append(docs, FixtureDocs()...)
	answers := func(s *graph.Store) map[string]string {
		t.Helper()
		out := map[string]string{}
		add := func(name string, v any, err error) {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			js, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = string(js)
		}
		speaker := docs[0].Result.Entities[len(docs[0].Result.Entities)-1].Name
		for _, f := range []queries.QuoteFilter{{}, {Speaker: speaker}, {Speaker: "ADA WHITLOCK"}, {Speaker: "Whitlock"},
			{Speaker: "person/tom-reyes"}, {Article: docs[3].Article.ID}, {Text: "sorry"}} {
			rows, err := queries.Quotes(ctx, s, f)
			add("quotes "+f.Speaker+f.Article+f.Text, rows, err)
		}
		ents, err := queries.Entities(ctx, s, queries.EntityFilter{})
		add("entities", ents, err)
		people, err := queries.Entities(ctx, s, queries.EntityFilter{Type: "person", Name: "a"})
		add("people", people, err)
		brs, err := queries.Breaches(ctx, s)
		add("breaches", brs, err)
		for _, q := range []string{
			`g.V().Has("<rdf:type>", "<schema:Quotation>").Count()`,
			`g.V().Has("<schema:name>", "Ada Whitlock").Unique().In("<schema:creator>").Save("<schema:text>", "text").Save("<schema:isPartOf>", "article").All()`,
			`g.V("<ng:entity/person/ada-whitlock>").Labels().All()`,
			`g.V("<ng:entity/org/northbridge-council>").LabelContext("<ng:article/northbridge-b>").Out("<schema:alternateName>").All()`,
			`g.V().Has("<rdf:type>", "<schema:Person>").Unique().Tag("person").Out("<ng:role>").Unique().Save("<schema:jobTitle>", "title").Out("<schema:memberOf>").Out("<schema:name>").All()`,
		} {
			rows, err := queries.Gizmo(ctx, s, q, 0, 0)
			add(q, sortedJSON(t, rows), err)
		}
		return out
	}
	m := OpenStore(t, graph.DSNMemory, graph.Options{})
	if _, err := m.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	want := answers(m)
	s := h.Open(t, h.NewDSN(t), graph.Options{Create: true})
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	got := answers(s)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s:\n got  %.600s\n want %.600s", name, got[name], w)
		}
	}
}

// sortedJSON returns Gizmo results as sorted, distinct JSON texts:
// backends may return results in any order, and cayley's SQL backend
// follows paths through duplicate-making steps (one quad per article
// stating a fact) a different number of times than its other backends.
func sortedJSON(t *testing.T, rows []any) []string {
	t.Helper()
	out := make([]string, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
