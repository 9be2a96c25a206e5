package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const (
	testPage = `<!DOCTYPE html><html><head><title>Pier reopens after repairs</title>
<link rel="alternate" type="application/rss+xml" title="Gazette" href="/feed.xml">
</head><body><nav><a href="/">Home</a></nav><article><h1>Pier reopens after repairs</h1>
<p>The pier reopened on Saturday after six months of repairs, Saltmarsh Rail said.</p>
<p>"It looks better than ever," said Liam Okafor, the operator's spokesperson, as the first visitors walked out to the end of the pier.</p>
<p>The repairs cost the council 2.4 million pounds, more than twice what was planned when the work began last year.</p></article></body></html>`
	testFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Ferry cancelled</title><link>https://gazette.example.net/ferry</link><guid>ferry-1</guid>
<description>Saltmarsh Rail said the ferry link would close for a week while the pier was repaired.</description></item>
<item><title>Bank branch to close</title><link>https://gazette.example.net/bank</link><guid>bank-1</guid>
<description>Kestrel Bank said its branch in the high street would close in June.</description></item>
</channel></rss>`
	navOnly = `<!DOCTYPE html><html><head><title>Sitemap</title></head><body><nav><ul><li><a href="/">Home</a></li></ul></nav></body></html>`
)

// testSite serves the pages of the fetch tests.
func testSite(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/pier", func(w http.ResponseWriter, r *http.Request) {
		if r.UserAgent() != UserAgent {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		fmt.Fprint(w, testPage)
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, testFeed)
	})
	mux.HandleFunc("/sitemap", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, navOnly) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pier", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Repeat("The council met again on Tuesday. ", 4000))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

func TestFetch(t *testing.T) {
	srv := testSite(t)
	ctx := context.Background()
	t.Run("page", func(t *testing.T) {
		f, err := Fetch(ctx, srv.URL+"/moved", Validators{}, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if f.URL != srv.URL+"/pier" {
			t.Errorf("URL %q, want the address redirected to", f.URL)
		}
		if len(f.Feeds) != 1 || f.Feeds[0] != srv.URL+"/feed.xml" {
			t.Errorf("feeds %v, want the linked feed", f.Feeds)
		}
		a, err := f.Reader().Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Pier reopens after repairs" || a.URL != srv.URL+"/pier" || !strings.Contains(a.Body, "Liam Okafor") || strings.Contains(a.Body, "Home") {
			t.Errorf("article %+v", a)
		}
	})
	t.Run("feed and 304", func(t *testing.T) {
		f, err := Fetch(ctx, srv.URL+"/feed.xml", Validators{}, Config{})
		if err != nil {
			t.Fatal(err)
		}
		rd := f.Reader()
		var titles []string
		for {
			a, err := rd.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			titles = append(titles, a.Title)
		}
		if strings.Join(titles, "|") != "Ferry cancelled|Bank branch to close" {
			t.Errorf("items %q", titles)
		}
		if _, err := Fetch(ctx, srv.URL+"/feed.xml", f.Validators, Config{}); !errors.Is(err, ErrNotModified) {
			t.Errorf("again with its ETag: %v, want ErrNotModified", err)
		}
	})
	quick := &http.Client{Timeout: 300 * time.Millisecond, CheckRedirect: checkRedirect}
	for _, tc := range []struct {
		path string
		cfg  Config
		want error
		text string
	}{
		{"/missing", Config{}, ErrHTTP, "HTTP 404 Not Found"},
		{"/loop", Config{}, ErrHTTP, "stopped after 5 redirects"},
		{"/huge", Config{MaxSize: 10_000}, ErrTooLarge, "over 10000 bytes"},
		{"/slow", Config{HTTPClient: quick}, ErrHTTP, "no answer in time"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := Fetch(ctx, srv.URL+tc.path, Validators{}, tc.cfg)
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.want) || pe.Path != srv.URL+tc.path || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %v, want a ParseError for the address wrapping %v and saying %q", err, tc.want, tc.text)
			}
		})
	}
	t.Run("not an article", func(t *testing.T) {
		f, err := Fetch(ctx, srv.URL+"/sitemap", Validators{}, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Reader().Next(ctx); !errors.Is(err, ErrNoArticle) {
			t.Errorf("a page of links: %v, want ErrNoArticle", err)
		}
	})
}

// TestWalk_url reads web addresses among other paths: each page or feed
// as a file would be, and one line for an address that fails.
func TestWalk_url(t *testing.T) {
	srv := testSite(t)
	w := Walk([]string{srv.URL + "/pier", srv.URL + "/missing", srv.URL + "/feed.xml"}, Config{})
	arts, skipped, err := Collect(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 || len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "/missing: fetch failed: HTTP 404") {
		t.Fatalf("%d articles, skipped %v; want 3 and the missing page", len(arts), skipped)
	}
	if !strings.HasPrefix(arts[0].ID, "u") || arts[0].Path != srv.URL+"/pier" {
		t.Errorf("page article id %q path %q", arts[0].ID, arts[0].Path)
	}
}
