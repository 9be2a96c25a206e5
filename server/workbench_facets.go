package server

import (
	"cmp"
	"slices"
	"strings"
)

// facetIndex holds, for each quote of a snapshot, the facet values it
// counts under, as small integers into per-facet dictionaries, so that
// /api/facets counts a selection with array increments instead of map
// updates: on 10,000 articles (30,000 quotes) the maps' allocations were
// most of its time. It is built once per snapshot, on first use.
type facetIndex struct {
	// values[f] lists facet f's distinct values (see the facet* consts).
	values [facetCount][]Facet
	// of[f][i] is quote i's value of facet f, -1 for none.
	of [facetCount][]int32
	// orgs[i] lists the organisations quote i's speaker speaks for.
	orgs [][]int32
	// article[i] numbers quote i's article; reports[a] tells whether
	// article a reports a breach.
	article []int32
	reports []bool
}

// The facets, in facetIndex's arrays.
const (
	facetSpeaker = iota
	facetPublisher
	facetBreach
	facetKind
	facetMonth
	facetWeek
	facetOrg
	facetCount
)

// facetIndexKey is where a snapshot caches its facetIndex.
var facetIndexKey = detailKey{kind: 'F'}

// facetIndex returns the snapshot's facet index, building it on first use.
func (s *snapshot) facetIndex() *facetIndex {
	if v, ok := s.details.Load(facetIndexKey); ok {
		return v.(*facetIndex)
	}
	v, _ := s.details.LoadOrStore(facetIndexKey, s.buildFacetIndex())
	return v.(*facetIndex)
}

func (s *snapshot) buildFacetIndex() *facetIndex {
	x := &facetIndex{orgs: make([][]int32, len(s.quotes)), article: make([]int32, len(s.quotes))}
	type key struct{ value, label string }
	dict := [facetCount]map[key]int32{}
	for f := range dict {
		dict[f] = map[key]int32{}
		x.of[f] = make([]int32, len(s.quotes))
	}
	code := func(f int, value, label string) int32 {
		k := key{value, label}
		n, ok := dict[f][k]
		if !ok {
			n = int32(len(x.values[f]))
			dict[f][k] = n
			x.values[f] = append(x.values[f], Facet{Value: value, Label: label})
		}
		return n
	}
	articles := map[string]int32{}
	orgsOf := s.speakerOrgs()
	speakerOrgs := map[string][]int32{}
	for i, q := range s.quotes {
		a := s.articles[q.Article]
		for f := range facetCount {
			x.of[f][i] = -1
		}
		if q.SpeakerID != "" { // an unnamed source is no speaker to filter by
			x.of[facetSpeaker][i] = code(facetSpeaker, q.SpeakerID, q.Speaker)
		}
		orgs, ok := speakerOrgs[q.SpeakerID]
		if !ok {
			for _, o := range orgsOf[q.SpeakerID] {
				orgs = append(orgs, code(facetOrg, o, o))
			}
			speakerOrgs[q.SpeakerID] = orgs
		}
		x.orgs[i] = orgs
		if a.Publisher != "" {
			x.of[facetPublisher][i] = code(facetPublisher, a.Publisher, a.Publisher)
		}
		if q.Breach != "" {
			x.of[facetBreach][i] = code(facetBreach, q.Breach, cmp.Or(q.BreachVictim, q.Breach))
		}
		x.of[facetKind][i] = code(facetKind, q.Kind, q.Kind)
		if len(a.Published) >= 7 {
			x.of[facetMonth][i] = code(facetMonth, a.Published[:7], a.Published[:7])
		}
		if w := weekOf(a.Published); w != "" {
			x.of[facetWeek][i] = code(facetWeek, w, w)
		}
		n, ok := articles[q.Article]
		if !ok {
			n = int32(len(x.reports))
			articles[q.Article] = n
			x.reports = append(x.reports, len(s.breachesByArticle[q.Article]) > 0)
		}
		x.article[i] = n
	}
	return x
}

// count counts the quotes idx by facet: the first limit values of each
// (the most frequent; months and weeks all, in date order), and the
// distinct articles of those quotes that report a breach by month and
// week.
func (x *facetIndex) count(idx []int, limit int) Facets {
	var counts [facetCount][]int
	for f := range counts {
		counts[f] = make([]int, len(x.values[f]))
	}
	reportMonths := make([]int, len(x.values[facetMonth]))
	reportWeeks := make([]int, len(x.values[facetWeek]))
	seen := make([]bool, len(x.reports))
	for _, i := range idx {
		for f := range facetOrg {
			if v := x.of[f][i]; v >= 0 {
				counts[f][v]++
			}
		}
		for _, o := range x.orgs[i] {
			counts[facetOrg][o]++
		}
		if a := x.article[i]; !seen[a] {
			seen[a] = true
			if x.reports[a] {
				if m := x.of[facetMonth][i]; m >= 0 {
					reportMonths[m]++
				}
				if w := x.of[facetWeek][i]; w >= 0 {
					reportWeeks[w]++
				}
			}
		}
	}
	list := func(f int, n []int, limit int, byValue bool) []Facet {
		out := []Facet{}
		for v, c := range n {
			if c > 0 {
				fc := x.values[f][v]
				fc.Count = c
				out = append(out, fc)
			}
		}
		slices.SortFunc(out, func(a, b Facet) int {
			if byValue {
				return strings.Compare(a.Value, b.Value)
			}
			return cmp.Or(b.Count-a.Count, strings.Compare(a.Label, b.Label), strings.Compare(a.Value, b.Value))
		})
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	return Facets{
		Total:        len(idx),
		Speaker:      list(facetSpeaker, counts[facetSpeaker], limit, false),
		Organization: list(facetOrg, counts[facetOrg], limit, false),
		Publisher:    list(facetPublisher, counts[facetPublisher], limit, false),
		Breach:       list(facetBreach, counts[facetBreach], limit, false),
		Kind:         list(facetKind, counts[facetKind], 0, false),
		Month:        list(facetMonth, counts[facetMonth], 0, true),
		Week:         list(facetWeek, counts[facetWeek], 0, true),
		Reports:      list(facetMonth, reportMonths, 0, true),
		ReportWeeks:  list(facetWeek, reportWeeks, 0, true),
	}
}
