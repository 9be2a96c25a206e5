package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// Flags of the load test. The defaults keep `go test` quick; the issue's
// load test is
//
//	go test ./server -run TestLoad -v -load.articles 10000 -load.requests 60000
var (
	loadArticles = flag.Int("load.articles", 300, "articles in the load test's generated store")
	loadRequests = flag.Int("load.requests", 3000, "requests the load test sends")
	loadClients  = flag.Int("load.clients", 50, "concurrent clients of the load test")
	loadSlots    = flag.Int("load.slots", 0, "Config.MaxQueries of the load test's server; 0 is the default")
	loadStore    = flag.String("load.store", "bolt", "the load test's store: bolt (what serve uses by default) or memory")
	loadDuration = flag.Duration("load.duration", time.Minute, "longest the load test sends requests, and longest it waits for the server's index")
)

// synthDocs generates n articles, with the extraction results a perfect
// extractor would give: each reports one of n/10 breaches at one of n/20
// organisations, with three quotes by people drawn from a pool of n/5.
func synthDocs(n int) []graph.Doc {
	people, orgs, breaches := max(n/5, 3), max(n/20, 2), max(n/10, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]graph.Doc, 0, n)
	pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		b := rng.IntN(breaches)
		org := b % orgs
		orgE := extract.Entity{Key: fmt.Sprintf("org/org-%d", org), Name: fmt.Sprintf("Org %d Holdings", org),
			Type: extract.Organization, Kind: extract.KindCompany}
		ev := extract.Event{Key: fmt.Sprintf("breach-%d", b), Type: "DataBreach", Name: fmt.Sprintf("Org %d Holdings breach %d", org, b),
			Victim: orgE.Key, Exposed: []string{"names", "email addresses"}, Affected: []int{1000 + b}}
		var body strings.Builder
		fmt.Fprintf(&body, "Org %d Holdings said a breach exposed names and email addresses of %d customers.\n", org, 1000+b)
		ents := []extract.Entity{orgE}
		var quotes []extract.Quote
		seen := map[int]bool{}
		for q := range 3 {
			p := rng.IntN(people)
			name := fmt.Sprintf("Person %d Example", p)
			if !seen[p] {
				seen[p] = true
				ents = append(ents, extract.Entity{Key: fmt.Sprintf("person/person-%d", p), Name: name, Type: extract.Person,
					Roles: []extract.Role{{Title: "spokesperson", Org: orgE.Key}}})
			}
			text := fmt.Sprintf("Statement %d of article %d about breach %d.", q, i, b)
			fmt.Fprintf(&body, "%s said: \"", name)
			start := body.Len()
			body.WriteString(text)
			quotes = append(quotes, extract.Quote{Text: text, Kind: extract.Direct, Speaker: fmt.Sprintf("person/person-%d", p),
				Event: ev.Key, Span: extract.Span{Start: start, End: start + len(text)}})
			body.WriteString("\"\n")
		}
		id := fmt.Sprintf("synth-%05d", i)
		docs = append(docs, graph.Doc{
			Article: corpus.Article{ID: id, Title: fmt.Sprintf("Breach %d at Org %d Holdings", b, org), Publisher: "Synthetic News",
				Published: pub.Add(time.Duration(i) * time.Hour), Body: body.String(), Path: id + ".txt"},
			Result: extract.Result{ArticleID: id, Entities: ents, Quotes: quotes, Events: []extract.Event{ev}},
		})
	}
	return docs
}

// latencies collects request durations from many goroutines.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

// percentile returns the p-th percentile (0 < p <= 100) of the sorted ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(float64(len(ds))*p/100+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// TestLoad sends a fixed number of requests from concurrent clients over
// loopback, mixing /api/quotes, /api/entities/{id}, Gizmo queries,
// /api/facets and pages of the web page's search, on a
// generated store, and reports requests per second, latency percentiles and
// heap size. It fails on any error; throughput and latency are reported,
// not asserted, because they depend on the machine. It stops after
// -load.requests requests or -load.duration, whichever comes first.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	ctx := context.Background()
	start := time.Now()
	var st *graph.Store
	switch *loadStore {
	case "memory":
		st = openStore(t)
	case "bolt":
		var err error
		if st, err = graph.Open(ctx, filepath.Join(t.TempDir(), "graph.db"), graph.Options{Create: true}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Error(err)
			}
		})
	default:
		t.Fatalf("-load.store %q: want bolt or memory", *loadStore)
	}
	if _, err := st.Load(ctx, synthDocs(*loadArticles)); err != nil {
		t.Fatal(err)
	}
	size, err := st.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d articles, %d quads, loaded in %v", *loadArticles, size, time.Since(start).Round(time.Millisecond))

	h, err := NewHandler(Config{Store: st, QueryTimeout: 30 * time.Second, MaxQueries: *loadSlots})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // listens on 127.0.0.1 only
	t.Cleanup(srv.Close)
	// The server reads the store into memory in the background; a large
	// store takes longer than a request's timeout, so wait for /healthz to
	// say the index is ready (at most -load.duration).
	start = time.Now()
	for {
		var hs struct {
			Index string `json:"index"`
		}
		get(t, srv.URL+"/healthz").decode(t, &hs)
		if hs.Index == "ready" {
			break
		}
		if hs.Index != "building" || time.Since(start) > *loadDuration {
			t.Fatalf("index %q after %v", hs.Index, time.Since(start).Round(time.Millisecond))
		}
		time.Sleep(100 * time.Millisecond)
	}
	var stats Stats
	get(t, srv.URL+"/api/stats").decode(t, &stats)
	t.Logf("index: %d quotes, %d entities, %d breaches, built in %v", stats.Quotes, stats.Entities, stats.Breaches, time.Since(start).Round(time.Millisecond))
	if stats.Articles != *loadArticles {
		t.Fatalf("stats count %d articles, want %d", stats.Articles, *loadArticles)
	}

	// The requests: speakers and entities are drawn from those stored.
	var ents, people []string
	for _, a := range []string{"person", "organization"} {
		var rows []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		get(t, srv.URL+"/api/entities?type="+a).decode(t, &rows)
		for _, r := range rows {
			ents = append(ents, r.ID)
			if a == "person" {
				people = append(people, r.Name)
			}
		}
	}
	if len(ents) == 0 || len(people) == 0 {
		t.Fatal("no entities in the generated store")
	}
	var orgNames []string
	{
		var rows []struct {
			Name string `json:"name"`
		}
		get(t, srv.URL+"/api/entities?type=organization").decode(t, &rows)
		for _, r := range rows {
			orgNames = append(orgNames, r.Name)
		}
	}
	if len(orgNames) == 0 {
		t.Fatal("no organisations in the generated store")
	}
	var matched int
	{
		r := get(t, srv.URL+"/api/quotes?match=holdings&limit=1")
		if r.status != http.StatusOK {
			t.Fatalf("/api/quotes?match=holdings: %d", r.status)
		}
		matched, _ = strconv.Atoi(r.header.Get("X-Total-Count"))
	}
	// request returns the kind (an index of kinds) and URL of a random
	// request: 30% quotes by a speaker, 25% entities, 15% Gizmo, 15%
	// facets (the page's search for an organisation, or every quote), 15%
	// a page of the page's search for "holdings", which every quote
	// matches, at a random offset.
	kinds := []string{"/api/quotes?speaker", "/api/entities/{id}", "gizmo", "/api/facets", "/api/quotes page"}
	request := func(rng *rand.Rand) (int, string) {
		switch n := rng.IntN(20); {
		case n < 6:
			return 0, srv.URL + "/api/quotes?speaker=" + url.QueryEscape(people[rng.IntN(len(people))])
		case n < 11:
			return 1, srv.URL + "/api/entities/" + ents[rng.IntN(len(ents))]
		case n < 14:
			id := ents[rng.IntN(len(ents))]
			// Unique: a name is stated once per article, in quads of
			// their own; a publisher is named by every article.
			return 2, gizmoURL(srv.URL, fmt.Sprintf(`g.V("<ng:entity/%s>").Out("<schema:name>").Unique().All()`, id))
		case n < 16:
			return 3, srv.URL + "/api/facets"
		case n < 17:
			return 3, srv.URL + "/api/facets?match=" + url.QueryEscape(orgNames[rng.IntN(len(orgNames))])
		default:
			return 4, fmt.Sprintf("%s/api/quotes?match=holdings&limit=20&offset=%d", srv.URL, 20*rng.IntN(max(1, matched/20)))
		}
	}

	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: *loadClients, MaxIdleConnsPerHost: *loadClients, IdleConnTimeout: time.Minute},
		Timeout:   30 * time.Second,
	}
	defer client.CloseIdleConnections()
	// Warm up connections and caches, then measure.
	for i := range *loadClients {
		_, u := request(rand.New(rand.NewPCG(uint64(i), 9)))
		res, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, res)
		res.Body.Close()
	}
	heapBefore := heapMB()

	var (
		sent, failed atomic.Int64
		lat          latencies
		byKind       = make([]latencies, len(kinds))
		firstErr     sync.Once
		wg           sync.WaitGroup
	)
	deadline := time.Now().Add(*loadDuration)
	total := int64(*loadRequests)
	start = time.Now()
	for c := range *loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			for sent.Add(1) <= total && time.Now().Before(deadline) {
				kind, u := request(rng)
				t0 := time.Now()
				err := getOK(client, u)
				d := time.Since(t0)
				lat.add(d)
				byKind[kind].add(d)
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { t.Errorf("GET %s: %v", u, err) })
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	heapAfter := heapMB()

	slices.Sort(lat.d)
	n := len(lat.d)
	t.Logf("load: %d requests from %d clients in %v on %d CPUs: %.0f requests/s, p50 %v, p99 %v, max %v, %d errors",
		n, *loadClients, elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0), float64(n)/elapsed.Seconds(),
		percentile(lat.d, 50).Round(10*time.Microsecond), percentile(lat.d, 99).Round(10*time.Microsecond),
		lat.d[n-1].Round(10*time.Microsecond), failed.Load())
	for i, k := range kinds {
		ds := byKind[i].d
		slices.Sort(ds)
		if len(ds) > 0 {
			t.Logf("  %-20s %6d requests, p50 %v, p99 %v, max %v", k, len(ds), percentile(ds, 50).Round(10*time.Microsecond),
				percentile(ds, 99).Round(10*time.Microsecond), ds[len(ds)-1].Round(10*time.Microsecond))
		}
	}
	t.Logf("heap: %.0f MB before, %.0f MB after", heapBefore, heapAfter)

	// One client alone: how long each kind of request takes without the
	// others queued before it on the machine's cores.
	serial := make([]latencies, len(kinds))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 40 * len(kinds) {
		kind, u := request(rng)
		if len(serial[kind].d) >= 40 {
			continue
		}
		t0 := time.Now()
		err := getOK(client, u)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
			continue
		}
		serial[kind].add(time.Since(t0))
	}
	for i, k := range kinds {
		ds := serial[i].d
		slices.Sort(ds)
		if len(ds) > 0 {
			t.Logf("  one client: %-20s %3d requests, p50 %v, p99 %v, max %v", k, len(ds), percentile(ds, 50).Round(10*time.Microsecond),
				percentile(ds, 99).Round(10*time.Microsecond), ds[len(ds)-1].Round(10*time.Microsecond))
		}
	}
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed", failed.Load(), n)
	}
}

// getOK GETs u and reads the whole answer, which must be 200 OK.
func getOK(client *http.Client, u string) error {
	res, err := client.Get(u)
	if err != nil {
		return err
	}
	if _, err := readBody(res); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

// readBody reads and closes a response body.
func readBody(res *http.Response) (int64, error) {
	defer res.Body.Close()
	return io.Copy(io.Discard, res.Body)
}
