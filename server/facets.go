package server

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// quoteSelection is the quotes a request's filters keep, shared by
// /api/quotes and /api/facets:
//
//	speaker, breach, article, q, min_sources, min_confidence   as queries.QuoteFilter
//	org        the speaker is the organisation or holds a role at it
//	publisher  the article's outlet, case-insensitive
//	kind       direct, partial or indirect
//	since, until  the article's date, YYYY-MM-DD or YYYY-MM, inclusive
func (h *handler) quoteSelection(r *http.Request) (*snapshot, []int, error) {
	q := r.URL.Query()
	f := queries.QuoteFilter{
		Speaker: strings.TrimSpace(q.Get("speaker")),
		Breach:  strings.TrimSpace(q.Get("breach")),
		Article: strings.TrimSpace(q.Get("article")),
		Text:    strings.TrimSpace(q.Get("q")),
	}
	if v := q.Get("min_sources"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, nil, errorf(http.StatusBadRequest, "min_sources must be a non-negative integer, not %q", v)
		}
		f.MinSources = n
	}
	if v := q.Get("min_confidence"); v != "" {
		c, err := queries.ParseConfidence(v)
		if err != nil {
			return nil, nil, errorf(http.StatusBadRequest, "min_confidence must be a number from 0 to 1, not %q", v)
		}
		f.MinConfidence = c
	}
	kind := strings.ToLower(strings.TrimSpace(q.Get("kind")))
	if kind != "" && kind != "direct" && kind != "partial" && kind != "indirect" {
		return nil, nil, errorf(http.StatusBadRequest, "kind must be direct, partial or indirect, not %q", kind)
	}
	since, err := dateBound(q.Get("since"), false)
	if err != nil {
		return nil, nil, errorf(http.StatusBadRequest, "since: %v", err)
	}
	until, err := dateBound(q.Get("until"), true)
	if err != nil {
		return nil, nil, errorf(http.StatusBadRequest, "until: %v", err)
	}
	s, err := h.snapshot(r)
	if err != nil {
		return nil, nil, err
	}
	idx := s.filterQuotes(f)
	if org := strings.ToLower(strings.TrimSpace(q.Get("org"))); org != "" {
		ids := orgSpeakers(s.entities, org)
		idx = slices.DeleteFunc(idx, func(i int) bool { return !ids[s.quotes[i].SpeakerID] })
	}
	pub := strings.ToLower(strings.TrimSpace(q.Get("publisher")))
	if pub != "" || kind != "" || since != "" || until != "" {
		idx = slices.DeleteFunc(idx, func(i int) bool {
			qr := s.quotes[i]
			a := s.articles[qr.Article]
			date := a.Published
			switch {
			case kind != "" && qr.Kind != kind:
				return true
			case pub != "" && strings.ToLower(a.Publisher) != pub:
				return true
			case since != "" && (date == "" || date < since):
				return true
			case until != "" && (date == "" || date > until):
				return true
			}
			return false
		})
	}
	return s, idx, nil
}

// dateBound reads a since or until value (YYYY-MM-DD or YYYY-MM) as an
// RFC 3339 prefix to compare article dates with; an until month or day
// runs to its end.
func dateBound(v string, end bool) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if _, err := time.Parse(layout, v); err == nil {
			if end {
				return v + "\uffff", nil // after every time of that day or month
			}
			return v, nil
		}
	}
	return "", errorf(http.StatusBadRequest, "%q: want YYYY-MM-DD or YYYY-MM", v)
}

// Facet is one value of a facet and how many of the selected quotes have
// it; /api/facets answers lists of them.
type Facet struct {
	// Value is what a filter takes (an id, a name, a month); Label is
	// what to show.
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Facets counts the selected quotes by speaker, organisation, publisher,
// breach, kind and month (of the article).
type Facets struct {
	Total        int     `json:"total"`
	Speaker      []Facet `json:"speaker"`
	Organization []Facet `json:"organization"`
	Publisher    []Facet `json:"publisher"`
	Breach       []Facet `json:"breach"`
	Kind         []Facet `json:"kind"`
	Month        []Facet `json:"month"`
}

// facetLimit is how many values of a facet /api/facets lists (the most
// frequent; months are all listed).
const facetLimit = 20

// facets serves GET /api/facets: the quotes /api/quotes would list for
// the same filters, counted by facet.
func (h *handler) facets(w http.ResponseWriter, r *http.Request) error {
	s, idx, err := h.quoteSelection(r)
	if err != nil {
		return err
	}
	type key struct{ value, label string }
	counts := make([]map[key]int, 6)
	for i := range counts {
		counts[i] = map[key]int{}
	}
	orgsOf := s.speakerOrgs()
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
	return writeJSON(w, http.StatusOK, Facets{
		Total:        len(idx),
		Speaker:      list(counts[0], facetLimit, false),
		Organization: list(counts[1], facetLimit, false),
		Publisher:    list(counts[2], facetLimit, false),
		Breach:       list(counts[3], facetLimit, false),
		Kind:         list(counts[4], 0, false),
		Month:        list(counts[5], 0, true),
	})
}

// speakerOrgs maps a speaker id to the names of the organisations it
// speaks for, each once: an organisation itself, a person the
// organisations of their roles.
func (s *snapshot) speakerOrgs() map[string][]string {
	out := map[string][]string{}
	for _, e := range s.entities {
		if e.Type == "organization" {
			out[e.ID] = []string{e.Name}
			continue
		}
		for _, ro := range e.Roles {
			if ro.Org != "" && !slices.Contains(out[e.ID], ro.Org) {
				out[e.ID] = append(out[e.ID], ro.Org)
			}
		}
	}
	return out
}
