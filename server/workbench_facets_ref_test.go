package server

import (
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// naiveFacets counts the quotes idx by facet with maps, the way
// /api/facets did before facetIndex: the reference TestFacetIndex
// compares facetIndex.count with.
func naiveFacets(s *snapshot, idx []int) Facets {
	type key struct{ value, label string }
	counts := make([]map[key]int, 9)
	for i := range counts {
		counts[i] = map[key]int{}
	}
	orgsOf := s.speakerOrgs()
	reported := map[string]bool{}
	for _, i := range idx {
		q := s.quotes[i]
		a := s.articles[q.Article]
		if q.SpeakerID != "" { // an unnamed source is no speaker to filter by
			counts[0][key{q.SpeakerID, q.Speaker}]++
		}
		for _, o := range orgsOf[q.SpeakerID] {
			counts[1][key{o, o}]++
		}
		if a.Publisher != "" {
			counts[2][key{a.Publisher, a.Publisher}]++
		}
		if q.Breach != "" {
			label := q.BreachVictim
			if label == "" {
				label = q.Breach
			}
			counts[3][key{q.Breach, label}]++
		}
		counts[4][key{q.Kind, q.Kind}]++
		if len(a.Published) >= 7 {
			counts[5][key{a.Published[:7], a.Published[:7]}]++
		}
		week := weekOf(a.Published)
		if week != "" {
			counts[6][key{week, week}]++
		}
		if !reported[q.Article] && len(s.breachesByArticle[q.Article]) > 0 {
			reported[q.Article] = true
			if len(a.Published) >= 7 {
				counts[7][key{a.Published[:7], a.Published[:7]}]++
			}
			if week != "" {
				counts[8][key{week, week}]++
			}
		}
	}
	list := func(m map[key]int, limit int, byValue bool) []Facet {
		out := make([]Facet, 0, len(m))
		for k, n := range m {
			out = append(out, Facet{Value: k.value, Label: k.label, Count: n})
		}
		sort.Slice(out, func(i, j int) bool {
			if byValue {
				return out[i].Value < out[j].Value
			}
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Label < out[j].Label
		})
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	return Facets{
		Total:        len(idx),
		Speaker:      list(counts[0], facetLimit, false),
		Organization: list(counts[1], facetLimit, false),
		Publisher:    list(counts[2], facetLimit, false),
		Breach:       list(counts[3], facetLimit, false),
		Kind:         list(counts[4], 0, false),
		Month:        list(counts[5], 0, true),
		Week:         list(counts[6], 0, true),
		Reports:      list(counts[7], 0, true),
		ReportWeeks:  list(counts[8], 0, true),
	}
}

// TestFacetIndex checks facetIndex counts what the maps counted, for
// every quote and for a few selections, on the fixture and on synthetic
// articles.
func TestFacetIndex(t *testing.T) {
	for name, st := range map[string]*graph.Store{"fixture": fixtureStore(t), "synthetic": synthStore(t, 150)} {
		h, err := NewHandler(Config{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		s, err := h.(*handler).snaps.fresh(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		all := s.filterQuotes(queries.QuoteFilter{})
		sels := map[string][]int{"all": all, "none": {}}
		for _, i := range all {
			if q := s.quotes[i]; q.SpeakerID != "" && sels["speaker"] == nil {
				sels["speaker"] = s.filterQuotes(queries.QuoteFilter{Speaker: q.SpeakerID})
			}
		}
		var police []int
		for i, ok := range s.matchQuotes("police") {
			if ok {
				police = append(police, i)
			}
		}
		sels["match police"] = police
		for sel, idx := range sels {
			got, err := json.Marshal(s.facetIndex().count(idx, facetLimit))
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(naiveFacets(s, idx))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s, %s (%d quotes):\n got %s\nwant %s", name, sel, len(idx), got, want)
			}
		}
		if len(all) == 0 || len(sels["speaker"]) == 0 {
			t.Errorf("%s: %d quotes, %d by a speaker", name, len(all), len(sels["speaker"]))
		}
	}
}
