package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package installs the browser;
// NEWSGRAPH_CHROMIUM overrides it.
const chromiumPath = "/usr/bin/chromium"

// TestBrowser_RickPrior drives headless Chromium through the web page:
// search "Rick Prior", open his page, see his quotes and the breach, open
// the breach, and run a Gizmo query in the console. Screenshots go to the
// test's temp dir, and also to NEWSGRAPH_SCREENSHOTS when that names a
// directory.
func TestBrowser_RickPrior(t *testing.T) {
	bctx, jsErrs := startBrowser(t)
	srv := newTestServer(t, Config{Store: fixtureStore(t), QueryTimeout: 2 * time.Second})

	shots := []string{t.TempDir()}
	if dir := os.Getenv("NEWSGRAPH_SCREENSHOTS"); dir != "" {
		shots = append(shots, dir)
	}
	screenshot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var png []byte
			if err := chromedp.FullScreenshot(&png, 100).Do(ctx); err != nil {
				return err
			}
			for _, dir := range shots {
				p := filepath.Join(dir, name+".png")
				if err := os.WriteFile(p, png, 0o644); err != nil {
					return err
				}
				t.Logf("screenshot %s", p)
			}
			return nil
		})
	}

	// Search for Rick Prior and open his page from the results.
	var results, heading, quotes, breaches, hash, quoteCount string
	var graphNodes int
	err := chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByID),
		chromedp.SendKeys(`#q`, "Rick Prior", chromedp.ByID),
		chromedp.Click(`#search button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.quotes .quote`, chromedp.ByQuery),
		// Article titles replace the ids once they are fetched.
		chromedp.WaitVisible(`//div[contains(@class,"quotes")]//a[contains(., "Met officers' details")]`, chromedp.BySearch),
		chromedp.Text(`#main`, &results, chromedp.ByID),
		chromedp.Text(`.results h2 .count`, &quoteCount, chromedp.ByQuery),
		screenshot("search"),
		chromedp.Click(`//div[contains(@class,"entities")]/a[contains(., "Rick Prior")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.graph svg g.node.center`, chromedp.ByQuery),
		chromedp.WaitVisible(`.quotes .quote`, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.Text(`.quotes`, &quotes, chromedp.ByQuery),
		chromedp.Text(`ul.breaches`, &breaches, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".graph g.node").length`, &graphNodes),
		chromedp.Evaluate(`location.hash`, &hash),
		screenshot("entity"),
	)
	if err != nil {
		t.Fatalf("search and open Rick Prior: %v", err)
	}
	if quoteCount != "3" {
		t.Errorf("search finds %q quotes, want 3", quoteCount)
	}
	for _, want := range []string{"Rick Prior", "wrong hands", "Police federation criticises Met over supplier breach", "Example Courier"} {
		if !strings.Contains(results, want) {
			t.Errorf("search results lack %q:\n%s", want, results)
		}
	}
	if !strings.Contains(heading, "Rick Prior") {
		t.Errorf("entity page heading = %q", heading)
	}
	if hash != "#/entity/person%2Frick-prior" {
		t.Errorf("entity page hash = %q", hash)
	}
	for _, want := range []string{
		"Officers will be worried that their details could end up in the wrong hands.",
		"must explain how this was allowed to happen",
		"We will be asking hard questions",
		"Met officers' details exposed in supplier hack",
	} {
		if !strings.Contains(quotes, want) {
			t.Errorf("his quotes lack %q:\n%s", want, quotes)
		}
	}
	if !strings.Contains(breaches, "Metropolitan Police Service supplier breach") {
		t.Errorf("his breaches lack the Met breach:\n%s", breaches)
	}
	// He, and what shares his articles: the Met, the federation, the
	// National Crime Agency, the ICO and the breach.
	if graphNodes != 6 {
		t.Errorf("graph view shows %d nodes, want 6", graphNodes)
	}

	// A surname alone finds him: the search box matches a speaker's name
	// by words, as `quotes --speaker Prior` does.
	var surnameCount, surnameResults string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByID),
		chromedp.SendKeys(`#q`, "Prior", chromedp.ByID),
		chromedp.Click(`#search button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.quotes .quote`, chromedp.ByQuery),
		chromedp.Text(`.results h2 .count`, &surnameCount, chromedp.ByQuery),
		chromedp.Text(`#main`, &surnameResults, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("search for the surname Prior: %v", err)
	}
	if surnameCount != quoteCount {
		t.Errorf("search for \"Prior\" finds %q quotes, \"Rick Prior\" %q", surnameCount, quoteCount)
	}
	if !strings.Contains(surnameResults, "wrong hands") {
		t.Errorf("search for \"Prior\" lacks his quote:\n%s", surnameResults)
	}

	// A deep link opens the breach page directly.
	var facts, breachQuotes string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/#/breach/"+metBreachID),
		chromedp.WaitVisible(`dl.facts`, chromedp.ByQuery),
		chromedp.Text(`dl.facts`, &facts, chromedp.ByQuery),
		chromedp.Text(`.quotes`, &breachQuotes, chromedp.ByQuery),
		screenshot("breach"),
	)
	if err != nil {
		t.Fatalf("breach page: %v", err)
	}
	for _, want := range []string{"Metropolitan Police Service", "47,000", "names, photographs, ranks", "home addresses", "National Crime Agency"} {
		if !strings.Contains(facts, want) {
			t.Errorf("breach facts lack %q:\n%s", want, facts)
		}
	}
	for _, want := range []string{"it was making enquiries", "Police federation criticises Met over supplier breach"} {
		if !strings.Contains(breachQuotes, want) {
			t.Errorf("breach quotes lack %q:\n%s", want, breachQuotes)
		}
	}

	// The Northbridge breach: its attacker, kind, status and dates, the
	// cue of each quote, the unnamed source, and the mark on the doubtful
	// attribution (Tom Reyes, 0.44) with the title that explains it.
	var nbFacts, nbQuotes, lowTitle string
	var lowMarks int
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/#/breach/northbridge-council-breach"),
		chromedp.WaitVisible(`dl.facts`, chromedp.ByQuery),
		chromedp.WaitVisible(`.quote .badge.low-confidence`, chromedp.ByQuery),
		chromedp.Text(`dl.facts`, &nbFacts, chromedp.ByQuery),
		chromedp.Text(`.quotes`, &nbQuotes, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".quote .badge.low-confidence").length`, &lowMarks),
		chromedp.Evaluate(`document.querySelector(".quote .badge.low-confidence").title`, &lowTitle),
		screenshot("breach-confidence"),
	)
	if err != nil {
		t.Fatalf("Northbridge breach page: %v", err)
	}
	for _, want := range []string{"Grey Lantern", "supplier", "confirmed", "2024-02-26", "2024-03-04"} {
		if !strings.Contains(strings.ToLower(nbFacts), strings.ToLower(want)) {
			t.Errorf("Northbridge breach facts lack %q:\n%s", want, nbFacts)
		}
	}
	for _, want := range []string{"warned", "said", "doubtful speaker", "A spokesperson for the council", "97% sure"} {
		if !strings.Contains(strings.ToLower(nbQuotes), strings.ToLower(want)) {
			t.Errorf("Northbridge breach quotes lack %q:\n%s", want, nbQuotes)
		}
	}
	if lowMarks != 1 || !strings.Contains(lowTitle, "Doubtful attribution") || !strings.Contains(lowTitle, "44%") {
		t.Errorf("%d low-confidence marks, title %q; want one, explaining 44%%", lowMarks, lowTitle)
	}

	// The Gizmo console runs an example, and reports a runaway query as
	// an error.
	var count, runaway string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/#/gizmo"),
		chromedp.WaitVisible(`#gizmo-query`, chromedp.ByID),
		chromedp.Click(`//div[@class="examples"]/button[contains(., "How many quotes?")]`, chromedp.BySearch),
		chromedp.WaitNotPresent(`//pre[@id="gizmo-output" and text()="Results appear here."]`, chromedp.BySearch),
		chromedp.Text(`#gizmo-output`, &count, chromedp.ByID),
		screenshot("gizmo"),
		chromedp.Click(`//div[@class="examples"]/button[contains(., "runaway")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//pre[@id="gizmo-output" and contains(., "stopped after")]`, chromedp.BySearch),
		chromedp.Text(`#gizmo-output`, &runaway, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("Gizmo console: %v", err)
	}
	if strings.Join(strings.Fields(count), "") != "[11]" {
		t.Errorf("quote count in the console = %q, want [11]", count)
	}
	if !strings.Contains(runaway, "stopped after 2s") {
		t.Errorf("runaway query output = %q", runaway)
	}

	// The other pages, opened by deep links.
	pages := []struct {
		hash, wait, want string
	}{
		{"#/", `.home-hint`, "Who said what about which breach"},
		{"#/breaches", `table.breaches`, "Northbridge Council supplier breach"},
		{"#/entities", `table.entities`, "Copperline Systems"},
		{"#/article/" + metArticleB, `.quotes`, "it was making enquiries"},
		{"#/search?q=federation&by=org", `.quotes .quote`, "hard questions"},
		{"#/nowhere", `h1`, "Not found"},
	}
	for _, p := range pages {
		var text string
		err := chromedp.Run(bctx,
			chromedp.Navigate(srv.URL+"/"+p.hash),
			chromedp.WaitVisible(p.wait, chromedp.ByQuery),
			chromedp.Text(`#main`, &text, chromedp.ByID),
			screenshot("page-"+strings.NewReplacer("#/", "", "/", "-", "?", "-", "&", "-", "=", "-").Replace(p.hash)),
		)
		if err != nil {
			t.Errorf("%s: %v", p.hash, err)
			continue
		}
		if !strings.Contains(text, p.want) {
			t.Errorf("%s lacks %q:\n%s", p.hash, p.want, text)
		}
	}

	for _, e := range jsErrs() {
		t.Errorf("JavaScript error: %s", e)
	}
}

// startBrowser starts headless Chromium for a browser test, or skips the
// test where there is none (or in -short mode). jsErrors returns the
// JavaScript exceptions and console errors the pages raised so far: the
// page must run without any.
func startBrowser(t *testing.T) (bctx context.Context, jsErrors func() []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := os.Getenv("NEWSGRAPH_CHROMIUM")
	if chrome == "" {
		chrome = chromiumPath
	}
	if _, err := os.Stat(chrome); err != nil {
		t.Skipf("Chromium not found at %s (install it with apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM): %v", chrome, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelBrowser)

	// Collect JavaScript exceptions and console errors: the page must run
	// without any.
	var mu sync.Mutex
	var errs []string
	chromedp.ListenTarget(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			errs = append(errs, ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				errs = append(errs, "console.error: "+strings.Join(args, " "))
			}
		}
	})

	return bctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}
