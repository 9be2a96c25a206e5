package graph_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

func TestQuads(t *testing.T) {
	t.Parallel()
	arts, results := testutil.Fixture()
	for i, a := range arts {
		t.Run(a.ID, func(t *testing.T) {
			t.Parallel()
			got := graph.Quads(a, results[i])
			if len(got) == 0 {
				t.Fatal("no quads")
			}
			label := graph.ArticleIRI(a.ID)
			for _, q := range got {
				if q.Label != label {
					t.Errorf("quad %s: label %v, want %v", q.NQuad(), q.Label, label)
				}
				if !q.IsValid() {
					t.Errorf("invalid quad %s", q.NQuad())
				}
			}
			if !slices.IsSortedFunc(got, func(x, y quad.Quad) int { return strings.Compare(x.NQuad(), y.NQuad()) }) {
				t.Error("quads are not sorted")
			}
			if again := graph.Quads(a, results[i]); !slices.Equal(got, again) {
				t.Error("Quads is not deterministic")
			}
			// Reordering the extracted quotes must not change the quads.
			r := results[i]
			r.Quotes = slices.Clone(r.Quotes)
			slices.Reverse(r.Quotes)
			if again := graph.Quads(a, r); !slices.Equal(got, again) {
				t.Error("quads depend on the order of the extracted quotes")
			}
			testutil.Golden(t, "testdata/"+a.ID+".nq", graphtest.NQuads(t, got))
		})
	}
}

func TestQuads_roundTrip(t *testing.T) {
	t.Parallel()
	arts, results := testutil.Fixture()
	want := graph.Quads(arts[0], results[0])
	r := nquads.NewReader(bytes.NewReader(graphtest.NQuads(t, want)), false)
	got, err := quad.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(x, y quad.Quad) int { return strings.Compare(x.NQuad(), y.NQuad()) })
	if !slices.Equal(got, want) {
		t.Errorf("N-Quads round trip changed the quads:\n%s\nvs\n%s", graphtest.NQuads(t, got), graphtest.NQuads(t, want))
	}
}

func TestID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		iri    any
		prefix string
		want   string
	}{
		{"entity", graph.EntityIRI("org/met"), graph.EntityPrefix, "org/met"},
		{"string form", "<ng:entity/org/met>", graph.EntityPrefix, "org/met"},
		{"escaped", graph.ArticleIRI("a b>c"), graph.ArticlePrefix, "a b>c"},
		{"quote", graph.QuoteIRI("x", 3), graph.QuotePrefix, "x/3"},
		{"wrong prefix", graph.EventIRI("e"), graph.EntityPrefix, ""},
		{"not an iri", 42, graph.EntityPrefix, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := graph.ID(tt.iri, tt.prefix); got != tt.want {
				t.Errorf("ID(%v) = %q, want %q", tt.iri, got, tt.want)
			}
		})
	}
	if iri := graph.ArticleIRI("a b>c"); strings.ContainsAny(string(iri), " >") {
		t.Errorf("ArticleIRI did not escape: %s", iri)
	}
}

func TestNormalizeName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Metropolitan Police", "metropolitan police"},
		{"The Met’s", "met's"},
		{"  Information  Commissioner's Office.", "information commissioner's office"},
		{"PSNI", "psni"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := graph.NormalizeName(tt.in); got != tt.want {
				t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
