package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestHandler_text checks an article's stored passages come cut into
// parts: each quote of the article is one run of parts marked with its id,
// whose text is the quote's, and names of entities are marked with their
// ids.
func TestHandler_text(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var txt ArticleText
	r := get(t, srv.URL+"/api/text/"+metArticleA)
	if r.status != http.StatusOK {
		t.Fatalf("/api/text: %d %s", r.status, r.body)
	}
	r.decode(t, &txt)
	if len(txt.Passages) == 0 {
		t.Fatal("no passages")
	}
	quoted := map[string]string{}
	entities := map[string]string{}
	last := -1
	for _, p := range txt.Passages {
		if p.Start < last {
			t.Errorf("passage at %d after one ending at %d", p.Start, last)
		}
		last = p.End
		for _, part := range p.Parts {
			if part.Quote != "" {
				quoted[part.Quote] += part.Text
			}
			if part.Entity != "" {
				entities[part.Entity] = part.Text
			}
		}
	}
	var art ArticleDetail
	get(t, srv.URL+"/api/articles/"+metArticleA).decode(t, &art)
	if len(art.Quotes) != 3 {
		t.Fatalf("article has %d quotes, want 3", len(art.Quotes))
	}
	for _, q := range art.Quotes {
		if quoted[q.ID] != q.Text {
			t.Errorf("quote %s marked as %q, want %q", q.ID, quoted[q.ID], q.Text)
		}
	}
	if !strings.Contains(entities[rickID], "Prior") {
		t.Errorf("Rick Prior not marked: %v", entities)
	}
	if r := get(t, srv.URL+"/api/text/no-such-article"); r.status != http.StatusNotFound {
		t.Errorf("unknown article: %d", r.status)
	}
}

// TestHandler_neighbors checks an entity's neighbours are what shares its
// articles, weighted by how many, the most first, and paged.
func TestHandler_neighbors(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var n Neighbors
	r := get(t, srv.URL+"/api/neighbors/"+rickID)
	if r.status != http.StatusOK {
		t.Fatalf("/api/neighbors: %d %s", r.status, r.body)
	}
	r.decode(t, &n)
	if n.Label != "Rick Prior" || n.Type != "person" {
		t.Errorf("root %q %q", n.Label, n.Type)
	}
	weights := map[string]int{}
	for i, x := range n.Nodes {
		weights[x.ID] = x.Weight
		if x.ID == rickID {
			t.Error("an entity is its own neighbour")
		}
		if i > 0 && x.Weight > n.Nodes[i-1].Weight {
			t.Errorf("neighbours not by weight: %+v", n.Nodes)
		}
	}
	// Both Met articles name him, the federation and the breach; only
	// the first names the National Crime Agency.
	if weights["org/metropolitan-police-federation"] != 2 || weights[metBreachID] != 2 || weights["org/national-crime-agency"] != 1 {
		t.Errorf("weights %v", weights)
	}
	var page Neighbors
	get(t, srv.URL+"/api/neighbors/"+rickID+"?limit=2&offset=1").decode(t, &page)
	if page.Total != n.Total || len(page.Nodes) != 2 || page.Nodes[0] != n.Nodes[1] {
		t.Errorf("page 2 of 2: %+v, all %+v", page, n)
	}
	var b Neighbors
	get(t, srv.URL+"/api/neighbors/"+metBreachID).decode(t, &b)
	if b.Type != "breach" || b.Total == 0 {
		t.Errorf("breach neighbours %+v", b)
	}
	if r := get(t, srv.URL+"/api/neighbors/nobody"); r.status != http.StatusNotFound {
		t.Errorf("unknown id: %d", r.status)
	}
}

// TestHandler_searchFilters checks the filters the page's search and
// facets use: match finds quotes by speaker, words, organisation or
// breach; repeated org filters combine; /api/breaches?q= filters.
func TestHandler_searchFilters(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	texts := func(query string) []string {
		t.Helper()
		var qs []struct{ Text string }
		r := get(t, srv.URL+"/api/quotes?"+query)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", query, r.status, r.body)
		}
		r.decode(t, &qs)
		var out []string
		for _, q := range qs {
			out = append(out, q.Text)
		}
		return out
	}
	// "federation": Rick Prior chairs it; "enquiries": words.
	if got := texts("match=federation"); len(got) != 3 {
		t.Errorf("match=federation: %q, want Rick Prior's 3", got)
	}
	if got := texts("match=enquiries"); len(got) != 1 {
		t.Errorf("match=enquiries: %q", got)
	}
	if got := texts("match=" + url.QueryEscape("Metropolitan Police Service")); len(got) < 5 {
		t.Errorf("match on the breach's victim finds %d quotes, want the breach's 5", len(got))
	}
	if got := texts("org=federation&org=metropolitan+police+service"); len(got) != 0 {
		t.Errorf("two organisations nobody speaks for both: %q", got)
	}
	if got := texts("speaker=" + rickID + "&speaker=Mr+Prior"); len(got) != 3 {
		t.Errorf("the same speaker twice: %q", got)
	}
	var bs []struct{ ID string }
	get(t, srv.URL+"/api/breaches?q=northbridge").decode(t, &bs)
	if len(bs) != 1 || bs[0].ID != northbridge {
		t.Errorf("breaches?q=northbridge: %+v", bs)
	}
	// The articles are of Sunday 27 and Monday 28 August 2023.
	var f Facets
	get(t, srv.URL+"/api/facets?breach="+metBreachID).decode(t, &f)
	sum := func(fs []Facet) (n int) {
		for _, x := range fs {
			n += x.Count
		}
		return n
	}
	if sum(f.Week) != f.Total || len(f.Week) != 2 || f.Week[0].Value != "2023-08-21" || f.Week[1].Value != "2023-08-28" || sum(f.Reports) != 2 {
		t.Errorf("weeks %+v, reports %+v of %d quotes", f.Week, f.Reports, f.Total)
	}
}
