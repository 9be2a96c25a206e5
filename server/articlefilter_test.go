package server

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// TestHandler_articleFilter checks /api/entities and /api/breaches keep,
// for since, until and publisher, exactly the rows named by an article of
// those dates and outlet, and answer a bound that is not a date with 400.
func TestHandler_articleFilter(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var arts []Article
	get(t, srv.URL+"/api/articles").decode(t, &arts)
	byID := map[string]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	if len(byID) < 3 {
		t.Fatalf("fixture has %d articles, want at least 3", len(byID))
	}
	var allEntities []queries.EntityRow
	get(t, srv.URL+"/api/entities").decode(t, &allEntities)
	var allBreaches []queries.BreachRow
	get(t, srv.URL+"/api/breaches").decode(t, &allBreaches)

	// want lists the ids of rows one of whose articles keep keeps
	want := func(keep func(Article) bool) (entities, breaches []string) {
		some := func(ids []string) bool {
			return slices.ContainsFunc(ids, func(id string) bool { return keep(byID[id]) })
		}
		for _, e := range allEntities {
			if some(e.Articles) {
				entities = append(entities, e.ID)
			}
		}
		for _, b := range allBreaches {
			if some(b.Articles) {
				breaches = append(breaches, b.ID)
			}
		}
		slices.Sort(entities)
		slices.Sort(breaches)
		return entities, breaches
	}
	ids := func(path string) []string {
		t.Helper()
		r := get(t, srv.URL+path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		var rows []struct {
			ID string `json:"id"`
		}
		r.decode(t, &rows)
		var out []string
		for _, row := range rows {
			out = append(out, row.ID)
		}
		slices.Sort(out)
		return out
	}
	first := arts[0]
	for _, a := range arts {
		if a.Published != "" && (first.Published == "" || a.Published < first.Published) {
			first = a
		}
	}
	day := first.Published[:10]
	for _, tc := range []struct {
		query string
		keep  func(Article) bool
	}{
		{"since=" + day, func(a Article) bool { return a.Published != "" && a.Published[:10] >= day }},
		{"until=" + day, func(a Article) bool { return a.Published != "" && a.Published[:10] <= day }},
		{"since=" + day[:7] + "&until=" + day[:7], func(a Article) bool { return strings.HasPrefix(a.Published, day[:7]) }},
		{"publisher=" + url.QueryEscape(strings.ToUpper(first.Publisher)), func(a Article) bool { return a.Publisher == first.Publisher }},
		{"publisher=nobody", func(Article) bool { return false }},
	} {
		wantE, wantB := want(tc.keep)
		if len(wantE) == len(allEntities) && len(wantB) == len(allBreaches) && tc.query != "since="+day {
			t.Errorf("%s keeps every row: the fixture does not test it", tc.query)
		}
		if got := ids("/api/entities?" + tc.query); !slices.Equal(got, wantE) {
			t.Errorf("/api/entities?%s = %v, want %v", tc.query, got, wantE)
		}
		if got := ids("/api/breaches?" + tc.query); !slices.Equal(got, wantB) {
			t.Errorf("/api/breaches?%s = %v, want %v", tc.query, got, wantB)
		}
	}
	for _, bad := range []string{"since=last+week", "until=2023-13", "since=2023-02-30"} {
		for _, path := range []string{"/api/entities", "/api/breaches", "/api/quotes"} {
			r := get(t, srv.URL+path+"?"+bad)
			if r.status != http.StatusBadRequest {
				t.Errorf("%s?%s: status %d, want 400", path, bad, r.status)
			} else if msg := r.errorText(t); !strings.Contains(msg, "YYYY-MM-DD") {
				t.Errorf("%s?%s: error %q does not say the form of a date", path, bad, msg)
			}
		}
	}
}
