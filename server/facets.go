package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// quoteSelection is the quotes a request's filters keep, shared by
// /api/quotes and /api/facets:
//
//	speaker, breach, article, q, min_sources, min_confidence   as queries.QuoteFilter
//	           (speaker and org may be repeated: the quote has each)
//	org        the speaker is the organisation or holds a role at it
//	match      any of: the speaker's name or alias is it, the text holds
//	           it, the speaker is or works at an organisation whose name
//	           holds it, the quote is about a breach whose name, victim or
//	           supplier holds it (case-insensitive; the page's search)
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
	inArticles, err := articleMatcher(q)
	if err != nil {
		return nil, nil, err
	}
	s, err := h.snapshot(r)
	if err != nil {
		return nil, nil, err
	}
	idx := s.filterQuotes(f)
	for _, sp := range q["speaker"][min(1, len(q["speaker"])):] {
		if sp = strings.TrimSpace(sp); sp != "" {
			keep := s.filterQuotes(queries.QuoteFilter{Speaker: sp})
			idx = slices.DeleteFunc(idx, func(i int) bool { _, ok := slices.BinarySearch(keep, i); return !ok })
		}
	}
	for _, org := range q["org"] {
		if org = strings.ToLower(strings.TrimSpace(org)); org != "" {
			ids := orgSpeakers(s.entities, org)
			idx = slices.DeleteFunc(idx, func(i int) bool { return !ids[s.quotes[i].SpeakerID] })
		}
	}
	if m := strings.ToLower(strings.TrimSpace(q.Get("match"))); m != "" {
		keep := s.matchQuotes(m)
		idx = slices.DeleteFunc(idx, func(i int) bool { return !keep[i] })
	}
	if kind != "" || inArticles != nil {
		idx = slices.DeleteFunc(idx, func(i int) bool {
			qr := s.quotes[i]
			return kind != "" && qr.Kind != kind || inArticles != nil && !inArticles(s.articles[qr.Article])
		})
	}
	return s, idx, nil
}

// matchQuotes returns the quotes a search for the lower-cased term finds
// (see quoteSelection's match).
func (s *snapshot) matchQuotes(term string) []bool {
	keep := make([]bool, len(s.quotes))
	for _, i := range s.filterQuotes(queries.QuoteFilter{Speaker: term}) {
		keep[i] = true
	}
	for i, t := range s.quoteText {
		if strings.Contains(t, term) {
			keep[i] = true
		}
	}
	ids := orgSpeakers(s.entities, term)
	for id := range ids {
		for _, i := range s.bySpeaker[id] {
			keep[i] = true
		}
	}
	for _, b := range s.breaches {
		if breachMatches(b, term) {
			for _, i := range s.byBreach[b.ID] {
				keep[i] = true
			}
		}
	}
	return keep
}

// breachMatches reports whether the breach's name, victim, supplier or id
// holds the lower-cased term.
func breachMatches(b queries.BreachRow, term string) bool {
	for _, v := range []string{b.Name, b.Victim, b.Via, b.ID} {
		if strings.Contains(strings.ToLower(v), term) {
			return true
		}
	}
	return false
}

// articleMatcher reads a request's since, until and publisher (see
// queries.ArticleFilter) as a function reporting whether an article is
// kept, nil when none is given: a bound that is not a date is a 400.
func articleMatcher(q url.Values) (func(Article) bool, error) {
	f := queries.ArticleFilter{Since: q.Get("since"), Until: q.Get("until"), Publisher: q.Get("publisher")}
	if f.Zero() {
		return nil, nil
	}
	keep, err := f.Matcher()
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "%v", err)
	}
	return func(a Article) bool {
		return keep(queries.ArticleInfo{ID: a.ID, Title: a.Title, URL: a.URL, Publisher: a.Publisher, Author: a.Author, Published: a.Published})
	}, nil
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
// breach, kind, month and week (of the article), and the articles they
// come from that report a breach by month and week.
type Facets struct {
	Total        int     `json:"total"`
	Speaker      []Facet `json:"speaker"`
	Organization []Facet `json:"organization"`
	Publisher    []Facet `json:"publisher"`
	Breach       []Facet `json:"breach"`
	Kind         []Facet `json:"kind"`
	Month        []Facet `json:"month"`
	// Week counts quotes by the Monday (YYYY-MM-DD) of their article's
	// week.
	Week []Facet `json:"week"`
	// Reports and ReportWeeks count the distinct articles of the selected
	// quotes that report a breach, by month and by week.
	Reports     []Facet `json:"reports"`
	ReportWeeks []Facet `json:"report_weeks"`
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
	return writeJSON(w, http.StatusOK, s.facetIndex().count(idx, facetLimit))
}

// weekOf returns the Monday of the week of an RFC 3339 date, as
// YYYY-MM-DD, or "" when the date is not one.
func weekOf(published string) string {
	if len(published) < 10 {
		return ""
	}
	d, err := time.Parse("2006-01-02", published[:10])
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format("2006-01-02")
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
