package extract

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/polnear"
)

// TestNameTagger_dev scores the name tagger alone on PolNeAR dev against
// CoreNLP's entity spans (exact span and type, over newsgraph's tokens).
func TestNameTagger_dev(t *testing.T) {
	root, arts := polnearDev(t)
	silver, err := polnear.SilverEntities(root, "dev", arts)
	if err != nil {
		t.Skipf("PolNeAR dev CoreNLP labels not readable: %v", err)
	}
	x := New(Config{Model: NewModel()})
	if x.model.names == nil {
		t.Fatal("no name tagger embedded (go run ./cmd/train names)")
	}
	types := map[string]EntityType{"PERSON": Person, "ORGANIZATION": Organization, "LOCATION": Place}
	right, got, want := map[EntityType]int{}, map[EntityType]int{}, map[EntityType]int{}
	for _, a := range arts {
		ents, ok := silver[a.Article.ID]
		if !ok {
			continue
		}
		ref := map[Span]EntityType{}
		for _, e := range ents {
			if typ, ok := types[e.Label]; ok {
				ref[Span{e.Start, e.End}] = typ
				want[typ]++
			}
		}
		d := newDoc(sameLengthUTF8(a.Article.Body), x.orgs)
		if err := x.tagNames(d); err != nil {
			t.Fatal(err)
		}
		d.tagNameSpans(x.model.names)
		for _, n := range d.tagged {
			got[n.typ]++
			if ref[d.spanOf(n.a, n.b)] == n.typ {
				right[n.typ]++
			}
		}
	}
	for typ, min := range map[EntityType]float64{Person: 0.88, Organization: 0.75, Place: 0.85} {
		f1 := 2 * float64(right[typ]) / float64(max(1, got[typ]+want[typ]))
		t.Logf("%s: F1 %.3f (%d right of %d found, %d in CoreNLP)", typ, f1, right[typ], got[typ], want[typ])
		if f1 < min {
			t.Errorf("%s span F1 %.3f, below %.2f", typ, f1, min)
		}
	}
}
