package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// synthStore returns a memory store holding n synthetic articles with the
// results a perfect extractor would give.
func synthStore(t testing.TB, n int) *graph.Store {
	t.Helper()
	st := openStore(t)
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: n, Seed: 22}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	if _, err := st.Load(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBrowser_Workbench drives the page on 1,000 synthetic articles: a
// search pages through its quotes, a facet click narrows them (and the
// counts follow), the time chart is drawn, an entity's graph opens a
// node's neighbours and shows more, and an article's text shows its
// quotes and names in place. Screenshots at 1400 and 390 px go where
// TestBrowser_RickPrior's go; at 390 px nothing is wider than the screen.
func TestBrowser_Workbench(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	start := time.Now()
	st := synthStore(t, 1000)
	t.Logf("1,000 articles loaded in %v", time.Since(start).Round(time.Millisecond))
	bctx, jsErrs := startBrowser(t)
	srv := newTestServer(t, Config{Store: st, QueryTimeout: 5 * time.Second})
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
				if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
					return err
				}
			}
			return nil
		})
	}
	apiGet := func(path string, v any) {
		t.Helper()
		r := get(t, srv.URL+path)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		r.decode(t, v)
	}
	count := func(s string) int {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), ",", ""))
		if err != nil {
			t.Fatalf("not a count: %q", s)
		}
		return n
	}

	// Paging: a search's first page, then the next by its link.
	var where1, where2, first1, first2, hash, total string
	err := chromedp.Run(bctx,
		chromedp.EmulateViewport(1400, 1000),
		chromedp.Navigate(srv.URL+"/#/search?q=police&by=any"),
		chromedp.WaitVisible(`.pager .where`, chromedp.ByQuery),
		chromedp.Text(`.results h2 .count`, &total, chromedp.ByQuery),
		chromedp.Text(`.pager .where`, &where1, chromedp.ByQuery),
		chromedp.Text(`.quotes .quote blockquote`, &first1, chromedp.ByQuery),
		chromedp.WaitVisible(`.chart svg.timechart`, chromedp.ByQuery),
		screenshot("workbench-search-1400"),
		chromedp.Click(`.pager a.next`, chromedp.ByQuery),
		chromedp.WaitVisible(`//nav[@class="pager"]/span[@class="where" and starts-with(., "21")]`, chromedp.BySearch),
		chromedp.Text(`.pager .where`, &where2, chromedp.ByQuery),
		chromedp.Text(`.quotes .quote blockquote`, &first2, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &hash),
	)
	if err != nil {
		t.Fatalf("search and page: %v", err)
	}
	n := count(total)
	if n <= 40 || where1 != "1–20 of "+total || where2 != "21–40 of "+total {
		t.Errorf("pages %q then %q of %d quotes", where1, where2, n)
	}
	if first1 == first2 {
		t.Errorf("page 2 starts with page 1's quote %q", first1)
	}
	if !strings.Contains(hash, "offset=20") {
		t.Errorf("page 2's link %q keeps no position", hash)
	}

	// A facet click: the first outlet.
	var facetValue, facetCount, after, filterChip string
	var speakerSum, bars, barSum int
	err = chromedp.Run(bctx,
		chromedp.AttributeValue(`.facet-publisher a`, "data-value", &facetValue, nil, chromedp.ByQuery),
		chromedp.Text(`.facet-publisher a .n`, &facetCount, chromedp.ByQuery),
		chromedp.Click(`.facet-publisher a`, chromedp.ByQuery),
		chromedp.WaitVisible(`.chip.filter`, chromedp.ByQuery),
		chromedp.Text(`.results h2 .count`, &after, chromedp.ByQuery),
		chromedp.Text(`.chip.filter`, &filterChip, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".facet-speaker .n")).reduce((s, e) => s + Number(e.textContent.replace(/,/g, "")), 0)`, &speakerSum),
		chromedp.WaitVisible(`.chart svg.timechart rect.bar`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".chart svg.timechart rect.bar").length`, &bars),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart rect.bar")).reduce((s, e) => s + Number(e.dataset.count), 0)`, &barSum),
	)
	if err != nil {
		t.Fatalf("facet click: %v", err)
	}
	if after != facetCount || count(after) >= n {
		t.Errorf("outlet %q counted %s, shows %s of %d after the click", facetValue, facetCount, after, n)
	}
	if !strings.Contains(filterChip, facetValue) || !strings.Contains(hash, "publisher="+url.QueryEscape(facetValue)) && !strings.Contains(hash, "publisher="+strings.ReplaceAll(url.PathEscape(facetValue), "+", "%2B")) {
		t.Errorf("filter chip %q, hash %q for outlet %q", filterChip, hash, facetValue)
	}
	if strings.Contains(hash, "offset=") {
		t.Errorf("a facet click keeps the page: %q", hash)
	}
	if speakerSum == 0 || speakerSum > count(after) {
		t.Errorf("speaker facet counts add to %d after the click, want 1 to %s", speakerSum, after)
	}
	// Every quote of the selection is dated: the bars count them all.
	if bars < 2 || barSum != count(after) {
		t.Errorf("chart: %d bars counting %d quotes, want %s", bars, barSum, after)
	}

	// The graph of an organisation with more neighbours than one step shows.
	var ents []struct {
		ID string `json:"id"`
	}
	apiGet("/api/entities?type=organization&limit=40", &ents)
	org := ""
	for _, e := range ents {
		var nb Neighbors
		apiGet("/api/neighbors/"+url.PathEscape(e.ID), &nb)
		if nb.Total > 30 {
			org = e.ID
			break
		}
	}
	if org == "" {
		t.Fatal("no organisation with more than 30 neighbours")
	}
	var breaches []struct {
		ID string `json:"id"`
	}
	apiGet("/api/breaches?limit=1", &breaches)
	if len(breaches) == 0 {
		t.Fatal("no breaches")
	}
	breachID := breaches[0].ID
	var before, beforeEdges, expanded, expandedEdges, more int
	var entityChart int
	var clicked string
	wait := chromedp.WithPollingTimeout(20 * time.Second)
	nodes := `document.querySelectorAll(".graph g.node").length`
	edges := `document.querySelectorAll(".graph line.edge").length`
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"+entityHref(org)),
		chromedp.WaitVisible(`.graph g.node.center`, chromedp.ByQuery),
		chromedp.Poll(nodes+` > 1`, nil, wait),
		chromedp.Evaluate(nodes, &before),
		chromedp.Evaluate(edges, &beforeEdges),
		// A person: they share articles with people the organisation
		// does not.
		chromedp.AttributeValue(`.graph g.node[data-id^="person/"]`, "data-id", &clicked, nil, chromedp.ByQuery),
		chromedp.Click(`.graph g.node[data-id^="person/"] circle`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector(".graph g.node.selected.expanded:not(.center)") !== null`, nil, wait),
		chromedp.Evaluate(nodes, &expanded),
		chromedp.Evaluate(edges, &expandedEdges),
		// Back to the organisation, which has more than one step's
		// neighbours: show more adds the next.
		chromedp.Click(`.graph g.node.center circle`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector(".graph g.node.center.selected") !== null`, nil, wait),
		chromedp.Click(`.graph .show-more`, chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			// expanded is known only now, not when the actions are built.
			return chromedp.Poll(nodes+` > `+strconv.Itoa(expanded), nil, wait).Do(ctx)
		}),
		chromedp.Evaluate(nodes, &more),
		chromedp.Click(`.graph .zoom-in`, chromedp.ByQuery),
		screenshot("workbench-entity-1400"),
		// A breach page draws its chart too.
		chromedp.Navigate(srv.URL+"/#/breach/"+url.QueryEscape(breachID)),
		chromedp.WaitVisible(`.chart svg.timechart rect.bar`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".chart svg.timechart rect.bar").length`, &entityChart),
		chromedp.WaitVisible(`.graph g.node.center`, chromedp.ByQuery),
		screenshot("workbench-breach-1400"),
	)
	if err != nil {
		t.Fatalf("entity graph: %v (nodes %d, %d, %d)", err, before, expanded, more)
	}
	if before != 13 || expandedEdges <= beforeEdges || expanded < before || more <= expanded || entityChart == 0 {
		t.Errorf("graph: %d nodes, %d edges at first (want 13 nodes); %d nodes, %d edges after opening %s; %d after show more; %d chart bars",
			before, beforeEdges, expanded, expandedEdges, clicked, more, entityChart)
	}

	// An article's text with its quotes and names in place.
	var qs []struct {
		Text    string `json:"text"`
		Article string `json:"article"`
	}
	apiGet("/api/quotes?limit=1", &qs)
	if len(qs) == 0 {
		t.Fatal("no quotes")
	}
	var art ArticleDetail
	apiGet("/api/articles/"+url.PathEscape(qs[0].Article), &art)
	var marks []string
	var ents2 int
	var heading, lede string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"+articleHref(art.ID)),
		chromedp.WaitVisible(`.article-text mark.q`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".article-text mark.q")).map(m => m.textContent)`, &marks),
		chromedp.Evaluate(`document.querySelectorAll(".article-text a.ent").length`, &ents2),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.Text(`.lede`, &lede, chromedp.ByQuery),
		screenshot("workbench-article-1400"),
	)
	if err != nil {
		t.Fatalf("article page: %v", err)
	}
	joined := strings.Join(marks, "\n")
	for _, q := range art.Quotes {
		if !strings.Contains(joined, q.Text) {
			t.Errorf("quote %q not marked in the text; marks:\n%s", q.Text, joined)
		}
	}
	if ents2 == 0 || heading != art.Title || !strings.Contains(lede, art.Publisher) {
		t.Errorf("%d names linked, heading %q, lede %q (want %q by %q)", ents2, heading, lede, art.Title, art.Publisher)
	}

	// An organisation that is never quoted: its page charts the articles
	// naming it instead.
	silent := ""
	var silentActivity Activity
	for _, e := range ents {
		r := get(t, srv.URL+"/api/quotes?limit=1&speaker="+url.QueryEscape(e.ID))
		if r.header.Get("X-Total-Count") != "0" {
			continue
		}
		apiGet("/api/activity/"+url.PathEscape(e.ID), &silentActivity)
		if len(silentActivity.Month) > 1 {
			silent = e.ID
			break
		}
	}
	if silent == "" {
		t.Fatal("no organisation that is never quoted and is named in articles of two months")
	}
	var activityBars, activitySum, silentExports, lineWrong int
	var activityLegend string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"+entityHref(silent)),
		chromedp.WaitVisible(`.chart .activity svg.timechart rect.bar`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll(".chart .activity rect.bar").length`, &activityBars),
		// No quotes: nothing to export.
		chromedp.Evaluate(`document.querySelectorAll(".workbench .export").length`, &silentExports),
		// The reports line runs through every period: down to the axis
		// where there were none, not across the gap. -1: no line.
		chromedp.Evaluate(`(() => { const pl = document.querySelector(".chart .activity polyline.reports"); if (!pl) return -1;
			const axis = Number(document.querySelector(".chart .activity line.axis").getAttribute("y1"));
			const ys = pl.getAttribute("points").trim().split(/\s+/).map(p => Number(p.split(",")[1]));
			const bars = Array.from(document.querySelectorAll(".chart .activity rect.bar"));
			if (ys.length !== bars.length) return -2;
			return bars.filter((b, i) => (Number(b.dataset.reports) === 0) !== (Math.abs(ys[i] - axis) < 0.01)).length; })()`, &lineWrong),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart .activity rect.bar")).reduce((s, e) => s + Number(e.dataset.count), 0)`, &activitySum),
		chromedp.Text(`.chart .chart-legend`, &activityLegend, chromedp.ByQuery),
		screenshot("workbench-silent-org-1400"),
	)
	if err != nil {
		t.Fatalf("never-quoted organisation %s: %v", silent, err)
	}
	dated := 0
	for _, f := range silentActivity.Month {
		dated += f.Count
	}
	if activityBars < 2 || activitySum != dated || !strings.Contains(activityLegend, "articles naming") {
		t.Errorf("%s's chart: %d bars counting %d articles (want %d dated), legend %q", silent, activityBars, activitySum, dated, activityLegend)
	}
	if silentExports != 0 {
		t.Errorf("%s is never quoted, yet its page offers %d quote exports", silent, silentExports)
	}
	reports := 0
	for _, f := range silentActivity.Reports {
		reports += f.Count
	}
	switch {
	case reports > 0 && lineWrong == -1:
		t.Errorf("%s's chart: %d breach reports but no reports line", silent, reports)
	case lineWrong == -2:
		t.Errorf("%s's chart: the reports line does not run through every period", silent)
	case lineWrong > 0:
		t.Errorf("%s's chart: the reports line is off the axis where there are no reports, or on it where there are, in %d periods", silent, lineWrong)
	}

	// The timeline of the organisation whose graph was explored, from
	// its page's link.
	var timelineTotal int
	{
		r := get(t, srv.URL+"/api/timeline?limit=1&entity="+url.QueryEscape(org))
		timelineTotal, _ = strconv.Atoi(r.header.Get("X-Total-Count"))
	}
	var tlItems, tlEvents int
	var tlDates, tlAbout []string
	var tlWhere string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/"+entityHref(org)),
		chromedp.WaitVisible(`a.timeline-link`, chromedp.ByQuery),
		chromedp.Click(`a.timeline-link`, chromedp.ByQuery),
		chromedp.WaitVisible(`ol.timeline li.item`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("ol.timeline li.item").length`, &tlItems),
		chromedp.Evaluate(`document.querySelectorAll("ol.timeline li.item.event").length`, &tlEvents),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.timeline li.item time")).map(e => e.getAttribute("datetime") || "")`, &tlDates),
		chromedp.Text(`.pager .where`, &tlWhere, chromedp.ByQuery),
		// A statement about a breach links it by its name.
		chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.timeline li.statement .meta a[href^='#/breach/']")).map(a => a.textContent)`, &tlAbout),
		screenshot("workbench-timeline-1400"),
	)
	if err != nil {
		t.Fatalf("timeline of %s: %v", org, err)
	}
	if timelineTotal == 0 || tlItems != min(50, timelineTotal) || tlEvents == 0 || !strings.HasSuffix(tlWhere, " of "+strconv.Itoa(timelineTotal)) {
		t.Errorf("timeline of %s: %d items (%d breaches) shown, %q, of %d", org, tlItems, tlEvents, tlWhere, timelineTotal)
	}
	for _, name := range tlAbout {
		if name == "the breach" || strings.HasPrefix(name, "breach/") || name == "" {
			t.Errorf("timeline statement links its breach as %q, not by its name", name)
		}
	}
	prev := "" // the month of the item before; "~" once undated ones start
	for _, d := range tlDates {
		if d == "" {
			prev = "~"
			continue
		}
		if m := d[:min(7, len(d))]; m < prev || prev == "~" {
			t.Errorf("timeline out of date order: %q after %q", d, prev)
		} else {
			prev = m
		}
	}

	// The console: a query's results as a table and as a graph whose
	// nodes are the values; the query is kept among the recent ones.
	gizmoQuery := `g.V().Has("<rdf:type>", "<ng:DataBreach>").Save("<schema:name>", "breach").Out("<ng:victim>").Save("<schema:name>", "victim").Limit(15).All()`
	var rows []map[string]any
	{
		r := do(t, http.MethodPost, srv.URL+"/api/v2/query?lang=gizmo", strings.NewReader(gizmoQuery), nil)
		var body struct {
			Result []map[string]any `json:"result"`
		}
		r.decode(t, &body)
		rows = body.Result
	}
	values := map[string]bool{}
	for _, r := range rows {
		for _, v := range r {
			values[fmt.Sprint(v)] = true
		}
	}
	var gNodes, gEdges, tableRows int
	var recent, landed string
	err = chromedp.Run(bctx,
		chromedp.EmulateViewport(1400, 1000),
		chromedp.Navigate(srv.URL+"/#/gizmo"),
		chromedp.WaitVisible(`#gizmo-query`, chromedp.ByQuery),
		chromedp.SetValue(`#gizmo-query`, gizmoQuery, chromedp.ByQuery),
		chromedp.Click(`#gizmo-run`, chromedp.ByQuery),
		chromedp.WaitVisible(`#gizmo-graph svg g.edges`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#gizmo-graph .node").length`, &gNodes),
		chromedp.Evaluate(`document.querySelectorAll("#gizmo-graph line.edge").length`, &gEdges),
		chromedp.Evaluate(`document.querySelectorAll("#gizmo-table tbody tr").length`, &tableRows),
		chromedp.ScrollIntoView(`#gizmo-graph`, chromedp.ByQuery),
		screenshot("workbench-gizmo-1400"),
		// Recent queries survive a reload.
		chromedp.Reload(),
		chromedp.WaitVisible(`#gizmo-recent button`, chromedp.ByQuery),
		chromedp.Text(`#gizmo-recent button`, &recent, chromedp.ByQuery),
		// A node of an entity opens its page.
		chromedp.Click(`#gizmo-run`, chromedp.ByQuery),
		chromedp.WaitVisible(`#gizmo-graph a.node[data-type="organization"]`, chromedp.ByQuery),
		chromedp.Click(`#gizmo-graph a.node[data-type="organization"] circle`, chromedp.ByQuery),
		chromedp.WaitVisible(`.graph g.node.center`, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &landed),
	)
	if err != nil {
		t.Fatalf("console graph: %v", err)
	}
	if len(rows) == 0 || gNodes != len(values) || gEdges == 0 || tableRows != len(rows) {
		t.Errorf("console: %d results with %d distinct values; graph %d nodes, %d lines; table %d rows", len(rows), len(values), gNodes, gEdges, tableRows)
	}
	if !strings.Contains(recent, "ng:DataBreach") {
		t.Errorf("recent queries after a reload: %q", recent)
	}
	if !strings.HasPrefix(landed, "#/entity/org") {
		t.Errorf("a victim's node led to %q", landed)
	}

	// At 390 px the header and search fit, and so does every page.
	for _, p := range []struct{ name, hash, wait string }{
		{"search", "#/search?q=police&by=any", `.pager .where`},
		{"entity", entityHref(org), `.graph g.node.center`},
		{"article", articleHref(art.ID), `.article-text mark.q`},
		{"breaches", "#/breaches", `table.breaches`},
		{"timeline", "#/timeline?entity=" + url.QueryEscape(org), `ol.timeline li.item`},
		{"silent-org", entityHref(silent), `.chart .activity svg.timechart`},
	} {
		var width, client int
		var formRight float64
		var labelPx float64
		err := chromedp.Run(bctx,
			// As a phone: its scrollbars take no width.
			chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
			chromedp.Navigate(srv.URL+"/"+p.hash),
			chromedp.WaitVisible(p.wait, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
			// What shows: the viewport less a desktop browser's scrollbar.
			chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
			chromedp.Evaluate(`document.querySelector("#search button").getBoundingClientRect().right`, &formRight),
			// The smallest graph label as shown on the screen.
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".graph .node text")).reduce((m, e) => Math.min(m, e.getBoundingClientRect().height), 99)`, &labelPx),
			screenshot("workbench-"+p.name+"-390"),
		)
		if err != nil {
			t.Fatalf("%s at 390 px: %v", p.name, err)
		}
		if width > client || formRight > float64(client) || client != 390 {
			t.Errorf("%s at 390 px: page %d px wide in %d px shown, search button ends at %.0f", p.name, width, client, formRight)
		}
		if labelPx < 11 {
			t.Errorf("%s at 390 px: graph labels %.1f px high", p.name, labelPx)
		}
	}

	for _, e := range jsErrs() {
		t.Errorf("JavaScript error: %s", e)
	}
}

// entityHref and articleHref are the page's links (app.js's), which
// encode an id whole.
func entityHref(id string) string  { return "#/entity/" + url.QueryEscape(id) }
func articleHref(id string) string { return "#/article/" + url.QueryEscape(id) }
