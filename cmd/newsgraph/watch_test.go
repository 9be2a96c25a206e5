package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// newsSite is a news site whose feed grows while a test runs.
type newsSite struct {
	srv         *httptest.Server
	mu          sync.Mutex
	items       []string // feed items, as RSS <item> elements
	conditional atomic.Int32
}

func newNewsSite(t *testing.T) *newsSite {
	t.Helper()
	site := &newsSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		site.mu.Lock()
		etag := fmt.Sprintf(`"v%d"`, len(site.items))
		body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>` + strings.Join(site.items, "") + `</channel></rss>`
		site.mu.Unlock()
		if r.Header.Get("If-None-Match") != "" {
			site.conditional.Add(1)
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprint(w, body)
	})
	mux.HandleFunc("/home", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Harbour Gazette</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><p>News.</p></body></html>`)
	})
	mux.HandleFunc("/pier", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Pier reopens</title></head><body><article><h1>Pier reopens</h1>`+
			strings.Repeat(`<p>The pier reopened on Saturday after six months of repairs, Saltmarsh Rail said. "It looks better than ever," said Liam Okafor, the operator's spokesperson.</p>`, 8)+
			`</article></body></html>`)
	})
	site.srv = httptest.NewServer(mux)
	t.Cleanup(site.srv.Close)
	site.add(`<item><title>Pier reopens</title><link>` + site.srv.URL + `/pier</link><guid>pier</guid><description>The pier reopened on Saturday.</description></item>`)
	site.add(`<item><title>Ferry cancelled</title><link>` + site.srv.URL + `/gone</link><guid>ferry</guid><description>Saltmarsh Rail said the ferry link would close for a week while the pier was repaired, said Grace Pendry.</description></item>`)
	return site
}

func (s *newsSite) add(item string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = append(s.items, item)
}

func TestWatch(t *testing.T) {
	site := newNewsSite(t)
	db := filepath.Join(t.TempDir(), "graph.db")
	feed := site.srv.URL + "/feed.xml"

	r := newsgraph(t, "", "watch", "--once", "--db", db, feed)
	if r.code != exitOK || !strings.Contains(r.stdout, "new: 2") {
		t.Fatalf("first poll: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "summary only ferry") || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("the item whose page is missing is not named: %s", r.stderr)
	}
	dump := strings.Join(dumpStore(t, db), "\n")
	if !strings.Contains(dump, "Liam Okafor") {
		t.Error("the summary-only item was not read from its page")
	}

	// a new run finds the same items stored: nothing new
	r = newsgraph(t, "", "watch", "--once", "--db", db, site.srv.URL+"/home")
	if r.code != exitOK || !strings.Contains(r.stdout, "new: 0") || !strings.Contains(r.stdout, "unchanged: 2") {
		t.Errorf("second poll, by the page that links the feed: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}

	// polling: the unchanged feed answers 304, a new item is loaded
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- runWithStdin(ctx, []string{"newsgraph", "watch", "--every", "1s", "--db", db, feed}, nil, &out, &errb)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for site.conditional.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	site.add(`<item><title>Bank branch to close</title><link>https://gazette.example.net/bank</link><guid>bank</guid><description>` +
		strings.Repeat("Kestrel Bank said its branch in the high street would close in June. ", 20) + `</description></item>`)
	for !strings.Contains(out.String(), "new: 1") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("watch stopped with exit %d: %s", code, errb.String())
	}
	if site.conditional.Load() == 0 {
		t.Error("no conditional request was made")
	}
	if !strings.Contains(out.String(), "1 not modified") || !strings.Contains(out.String(), "new: 1") {
		t.Errorf("rounds:\n%s", out.String())
	}

	r = newsgraph(t, "", "watch", "--once", "--db", db, site.srv.URL+"/no-feed-here")
	if r.code != exitSkipped || !strings.Contains(r.stderr, "no-feed-here: fetch failed: HTTP 404") {
		t.Errorf("missing feed: exit %d, stderr %s", r.code, r.stderr)
	}
	r = newsgraph(t, "", "watch", "--db", db, "feeds.txt")
	if r.code != exitUsage || !strings.Contains(r.stderr, "not an http or https address") {
		t.Errorf("a path: exit %d, stderr %s", r.code, r.stderr)
	}
}
