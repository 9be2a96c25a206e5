package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// TestBrowser_articleURL checks that an article's address is a link only
// when it is a web address: a stored javascript: URL is shown as text, and
// clicking around the page never runs it.
func TestBrowser_articleURL(t *testing.T) {
	bctx, jsErrs := startBrowser(t)
	s := openStore(t)
	docs := []graph.Doc{
		{Article: corpus.Article{ID: "script-url", URL: "javascript:document.title='owned'", Title: "Pier reopens", Body: "The pier reopened on Saturday, Saltmarsh Rail said.\n"},
			Result: extract.Result{ArticleID: "script-url"}},
		{Article: corpus.Article{ID: "web-url", URL: "https://gazette.example.net/pier", Title: "Pier reopens again", Body: "The pier reopened on Sunday, Saltmarsh Rail said.\n"},
			Result: extract.Result{ArticleID: "web-url"}},
	}
	if _, err := s.Load(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, Config{Store: s, QueryTimeout: 2 * time.Second})
	var scriptLinks, webLinks int
	var shown string
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/#/article/script-url"),
		chromedp.WaitVisible(`//h1[contains(., "Pier reopens")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('a[href^="javascript"]').length`, &scriptLinks),
		chromedp.Text(`p.lede`, &shown, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+"/#/article/web-url"),
		chromedp.WaitVisible(`//h1[contains(., "Pier reopens again")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('a[href="https://gazette.example.net/pier"]').length`, &webLinks),
	)
	if err != nil {
		t.Fatalf("open the articles: %v", err)
	}
	if scriptLinks != 0 {
		t.Errorf("%d links to a javascript: URL on the article page", scriptLinks)
	}
	if want := "javascript:document.title='owned'"; !strings.Contains(shown, want) {
		t.Errorf("the article's address is not shown as text: %q", shown)
	}
	if webLinks != 1 {
		t.Errorf("%d links to the article's web address, want 1", webLinks)
	}
	for _, e := range jsErrs() {
		t.Errorf("JavaScript error: %s", e)
	}
}
