package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// TestServe_watch checks serve --watch loads a feed's items into the store
// it serves, into a store it makes, and then the items the feed gains,
// which the API shows without a restart; and that it stops cleanly.
func TestServe_watch(t *testing.T) {
	site := newNewsSite(t)
	db := filepath.Join(t.TempDir(), "new.db") // does not exist yet
	s := startServe(t, "--db", db, "--watch", site.srv.URL+"/home", "--every", "1s")
	if !strings.Contains(s.stderr.String(), "watching "+site.srv.URL+"/home") {
		t.Errorf("the serving line does not name the watched feed: %s", s.stderr.String())
	}

	// waitFor polls the API until the article is there (the server
	// re-reads the store after each round that wrote to it).
	waitFor := func(id string) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for {
			r := do(t, "GET", s.url+"/api/articles/"+id, "", "", "")
			if r.status == http.StatusOK {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("article %s never showed in the API (last %d %s); stderr: %s", id, r.status, r.body, s.stderr.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitFor("pier")
	waitFor("ferry")
	// the item carries a summary: its page was read
	r := do(t, "GET", s.url+"/api/entities?q=okafor", "", "", "")
	wantStatus(t, "GET /api/entities?q=okafor", r, http.StatusOK)
	var ents []queries.EntityRow
	decode(t, "/api/entities", r, &ents)
	if len(ents) == 0 || ents[0].Name != "Liam Okafor" {
		t.Errorf("the summary-only item was not read from its page: /api/entities?q=okafor = %+v", ents)
	}

	// the feed gains an item while serving
	site.add(`<item><title>Bank branch to close</title><link>https://gazette.example.net/bank</link><guid>bank</guid><description>` +
		strings.Repeat("Kestrel Bank said its branch in the high street would close in June. ", 20) + `</description></item>`)
	waitFor("bank")
	if site.conditional.Load() == 0 {
		t.Error("no conditional request was made")
	}
	// the API is still read-only without --allow-write
	wantStatus(t, "POST /api/v2/write", do(t, "POST", s.url+"/api/v2/write", "", "application/n-quads", ""), http.StatusMethodNotAllowed)

	st := s.shutdownAndOpen(t, db)
	arts, err := queries.Articles(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, " ") != "bank ferry pier" {
		t.Errorf("the store holds articles %v, want bank, ferry and pier once each", ids)
	}
}
