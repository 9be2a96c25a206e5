package server

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestBrowser_Evidence drives headless Chromium through the breach page of
// a breach whose sources disagree on a figure, then to the evidence page
// behind it and behind a quote two outlets report.
func TestBrowser_Evidence(t *testing.T) {
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
	srv := newTestServer(t, Config{Store: conflictStore(t), QueryTimeout: 2 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chrome), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()
	var mu sync.Mutex
	var jsErrors []string
	chromedp.ListenTarget(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			jsErrors = append(jsErrors, ev.ExceptionDetails.Error())
		}
	})

	var conflict, facts, evidence, quoteEvidence string
	err := chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/#/breach/"+metBreachID),
		chromedp.WaitVisible(`.conflict`, chromedp.ByQuery),
		chromedp.Text(`.conflicts`, &conflict, chromedp.ByQuery),
		chromedp.Text(`dl.facts`, &facts, chromedp.ByQuery),
		chromedp.WaitVisible(`//a[contains(., "reported by 2 articles")]`, chromedp.BySearch),
		chromedp.Click(`//a[contains(., "evidence for every fact")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.evidence-fact`, chromedp.ByQuery),
		chromedp.Text(`#main`, &evidence, chromedp.ByID),
		chromedp.Navigate(srv.URL+"/#/breach/"+metBreachID),
		chromedp.WaitVisible(`.conflict`, chromedp.ByQuery),
		chromedp.Click(`//a[contains(., "reported by 2 articles")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.evidence-fact`, chromedp.ByQuery),
		chromedp.Text(`#main`, &quoteEvidence, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("breach and evidence pages: %v", err)
	}
	for _, want := range []string{"People affected: 2 versions", "about 47,000 people", "10,000 officers", "Example Times", "Example Herald"} {
		if !strings.Contains(conflict, want) {
			t.Errorf("conflict box lacks %q:\n%s", want, conflict)
		}
	}
	for _, want := range []string{"about 47,000 people", "10,000 officers"} {
		if !strings.Contains(facts, want) {
			t.Errorf("facts lack figure %q:\n%s", want, facts)
		}
	}
	for _, want := range []string{"People affected: 10000", "exposed the details of 10,000 officers", "Met says 10,000 officers hit by breach", "bytes 0–"} {
		if !strings.Contains(evidence, want) {
			t.Errorf("breach evidence lacks %q:\n%s", want, evidence)
		}
	}
	for _, want := range []string{"said by Rick Prior", "2 articles, 2 outlets", "Example Times", "Example Herald"} {
		if !strings.Contains(quoteEvidence, want) {
			t.Errorf("quote evidence lacks %q:\n%s", want, quoteEvidence)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range jsErrors {
		t.Errorf("JavaScript error: %s", e)
	}
}
