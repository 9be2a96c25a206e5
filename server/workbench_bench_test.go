package server

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// benchArticles is the size of BenchmarkWorkbench's generated store; the
// issue's figure is for 10,000:
//
//	go test ./server -run '^$' -bench Workbench -bench.articles 10000
var benchArticles = flag.Int("bench.articles", 2000, "articles in BenchmarkWorkbench's generated store")

// BenchmarkWorkbench measures, on a generated memory store, what the web
// page asks for on every search: /api/facets and a page of results, for
// every quote and for the page's search of a term every quote matches.
// Each request runs through the handler in-process (no network).
func BenchmarkWorkbench(b *testing.B) {
	st := openStore(b)
	start := time.Now()
	if _, err := st.Load(context.Background(), synthDocs(*benchArticles)); err != nil {
		b.Fatal(err)
	}
	h, err := NewHandler(Config{Store: st, QueryTimeout: 5 * time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	serve := func(b *testing.B, path string) {
		b.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
	serve(b, "/api/stats") // waits for the index
	b.Logf("%d articles loaded and indexed in %v", *benchArticles, time.Since(start).Round(time.Millisecond))
	for _, c := range []struct{ name, path string }{
		{"facets/all", "/api/facets"},
		{"facets/match", "/api/facets?match=holdings"},
		{"facets/org", "/api/facets?match=Org+3+Holdings"},
		{"facets/speaker", "/api/facets?speaker=Person+7+Example"},
		{"page/all", "/api/quotes?limit=20&offset=200"},
		{"page/match", "/api/quotes?match=holdings&limit=20&offset=200"},
		{"page/match+facet", "/api/quotes?match=holdings&publisher=Synthetic+News&kind=direct&limit=20&offset=200"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				serve(b, c.path)
			}
		})
	}
}
