package server

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestHandler_facets checks /api/facets counts what /api/quotes lists for
// the same filters, and that each facet value, used as a filter, selects
// as many quotes as it counts.
func TestHandler_facets(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	total := func(query string) int {
		t.Helper()
		r := get(t, srv.URL+"/api/quotes?"+query)
		if r.status != http.StatusOK {
			t.Fatalf("/api/quotes?%s: %d %s", query, r.status, r.body)
		}
		n, err := strconv.Atoi(r.header.Get("X-Total-Count"))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	var all Facets
	r := get(t, srv.URL+"/api/facets")
	if r.status != http.StatusOK {
		t.Fatalf("/api/facets: %d %s", r.status, r.body)
	}
	r.decode(t, &all)
	if all.Total == 0 || all.Total != total("") {
		t.Fatalf("facets total %d, quotes %d", all.Total, total(""))
	}
	sum := func(fs []Facet) int {
		n := 0
		for _, f := range fs {
			n += f.Count
		}
		return n
	}
	if sum(all.Kind) != all.Total || sum(all.Speaker) > all.Total || sum(all.Speaker) == 0 {
		t.Errorf("speaker counts add to %d, kinds to %d, want at most and exactly %d", sum(all.Speaker), sum(all.Kind), all.Total)
	}
	for _, f := range all.Speaker {
		if f.Value == "" {
			t.Errorf("an unnamed source counted as a speaker: %+v", f)
		}
	}
	if len(all.Month) == 0 || len(all.Breach) == 0 || len(all.Organization) == 0 {
		t.Errorf("facets lack months, breaches or organisations: %+v", all)
	}
	for _, tc := range []struct {
		param string
		facet []Facet
	}{
		{"speaker", all.Speaker}, {"breach", all.Breach}, {"kind", all.Kind}, {"org", all.Organization}, {"publisher", all.Publisher},
	} {
		for _, f := range tc.facet {
			q := tc.param + "=" + url.QueryEscape(f.Value)
			if n := total(q); n != f.Count {
				t.Errorf("%s: facet counts %d, /api/quotes lists %d", q, f.Count, n)
			}
			// filters combine: the facets of a selection count within it
			var sub Facets
			get(t, srv.URL+"/api/facets?"+q).decode(t, &sub)
			if sub.Total != f.Count {
				t.Errorf("facets?%s: total %d, want %d", q, sub.Total, f.Count)
			}
		}
	}
	for _, m := range all.Month {
		q := "since=" + m.Value + "&until=" + m.Value
		if n := total(q); n != m.Count {
			t.Errorf("%s: month counts %d, /api/quotes lists %d", q, m.Count, n)
		}
	}
	for _, bad := range []string{"kind=shouted", "since=last+week", "until=2023-13"} {
		if r := get(t, srv.URL+"/api/facets?"+bad); r.status != http.StatusBadRequest {
			t.Errorf("facets?%s: status %d, want 400", bad, r.status)
		}
	}
}
