package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/queries"
)

// gizmoURL returns the URL of a GET Gizmo query.
func gizmoURL(base, qu string) string {
	return base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(qu)
}

func TestHandler_Gizmo(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t), ResultLimit: 5})
	tests := []struct {
		name    string
		method  string
		query   string
		status  int
		results int    // for 200
		errText string // for errors
	}{
		{"count", "GET", `g.emit(g.V().Has("<rdf:type>", "<schema:Quotation>").Count())`, 200, 1, ""},
		{"post", "POST", `g.V().Has("<rdf:type>", "<schema:Person>").Unique().All()`, 200, 3, ""},
		{"limit in the query", "GET", `g.V().Limit(3).All()`, 200, 3, ""},
		{"at the cap", "GET", `g.V().Limit(5).All()`, 200, 5, ""},
		{"over the cap", "GET", `g.V().All()`, 422, 0, "more than 5 results"},
		{"GetLimit cannot lift the cap", "GET", `g.V().GetLimit(-1)`, 422, 0, "more than 5 results"},
		{"ToArray counts its elements", "GET", `g.emit(g.V().ToArray())`, 422, 0, "more than 5 results"},
		{"ForEach emits count", "GET", `g.V().ForEach(function (d) { g.emit(d.id) })`, 422, 0, "more than 5 results"},
		{"syntax error", "GET", `g.V(.All()`, 400, 0, "gizmo:"},
		{"runtime error", "GET", `throw new Error("boom")`, 400, 0, "boom"},
		{"empty", "GET", ``, 400, 0, "query is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r response
			if tt.method == "POST" {
				r = do(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", strings.NewReader(tt.query), nil)
			} else {
				r = get(t, gizmoURL(srv.URL, tt.query))
			}
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status != 200 {
				if msg := r.errorText(t); !strings.Contains(msg, tt.errText) {
					t.Errorf("error %q lacks %q", msg, tt.errText)
				}
				return
			}
			var body gizmoResult
			r.decode(t, &body)
			if len(body.Result) != tt.results {
				t.Errorf("%d results, want %d: %s", len(body.Result), tt.results, r.body)
			}
		})
	}
	if r := get(t, srv.URL+"/api/v2/query?lang=sql&qu=x"); r.status != 400 || !strings.Contains(r.errorText(t), "gizmo") {
		t.Errorf("unknown language: %d %s", r.status, r.body)
	}
	r := do(t, "GET", gizmoURL(srv.URL, `g.V().Limit(1).All()`), nil, map[string]string{"Accept": "application/ld+json"})
	if ct := r.header.Get("Content-Type"); r.status != 200 || ct != "application/ld+json" {
		t.Errorf("JSON-LD: status %d, content type %q", r.status, ct)
	}
}

// TestHandler_GizmoTimeout runs three endless Gizmo queries on a server
// with one long-query slot: the one that gets it is stopped at the timeout
// with 504, the others when they turn long (half the timeout) with 503.
// Meanwhile /healthz and the JSON API keep answering, quickly once only
// one query spins. It does not run in parallel with other tests, so that
// the latencies it checks are the server's own.
func TestHandler_GizmoTimeout(t *testing.T) {
	const timeout = 1500 * time.Millisecond
	srv := newTestServer(t, Config{Store: fixtureStore(t), QueryTimeout: timeout, MaxLongQueries: 1})
	loops := []string{
		`while (true) {}`,
		`g.V().ForEach(function (d) { while (true) {} })`,
		`var i = 0; while (true) { i++ }; g.emit(i)`,
	}
	type outcome struct {
		status int
		msg    string
		took   time.Duration
	}
	outcomes := make(chan outcome, len(loops))
	start := time.Now()
	for _, qu := range loops {
		go func() {
			r := get(t, gizmoURL(srv.URL, qu))
			outcomes <- outcome{r.status, r.errorText(t), time.Since(start)}
		}()
	}
	check := func(what string, limit time.Duration) {
		t.Helper()
		t0 := time.Now()
		if r := get(t, srv.URL+"/healthz"); r.status != 200 {
			t.Errorf("healthz %s: %d", what, r.status)
		}
		if r := get(t, srv.URL+"/api/quotes?speaker=Rick+Prior"); r.status != 200 {
			t.Errorf("quotes %s: %d %s", what, r.status, r.body)
		}
		if took := time.Since(t0); took > limit {
			t.Errorf("healthz and quotes took %v %s", took, what)
		}
	}
	time.Sleep(200 * time.Millisecond)
	check("while three queries spin", time.Second)
	// The two queries without a long slot are stopped at half the timeout.
	var stopped []outcome
	for range 2 {
		o := <-outcomes
		stopped = append(stopped, o)
		if o.status != http.StatusServiceUnavailable || !strings.Contains(o.msg, "long-running") {
			t.Errorf("query without a long slot: status %d, error %q; want 503 about long-running queries", o.status, o.msg)
		}
		if o.took < timeout/2 || o.took > timeout/2+time.Second {
			t.Errorf("query without a long slot stopped after %v, want about %v", o.took, timeout/2)
		}
	}
	for range 3 {
		check("while one query spins", 250*time.Millisecond)
		if r := get(t, gizmoURL(srv.URL, `g.V().Limit(1).All()`)); r.status != 200 {
			t.Errorf("quick query while one query spins: %d %s", r.status, r.body)
		}
	}
	select {
	case o := <-outcomes:
		t.Fatalf("the last query ended (%d after %v) before the checks were done", o.status, o.took)
	default:
	}
	o := <-outcomes
	if o.status != http.StatusGatewayTimeout || !strings.Contains(o.msg, "stopped after 1.5s") {
		t.Errorf("query with the long slot: status %d, error %q; want 504 stopped after 1.5s", o.status, o.msg)
	}
	if o.took < timeout || o.took > timeout+2*time.Second {
		t.Errorf("query with the long slot stopped after %v, timeout %v", o.took, timeout)
	}
	// After the loops the server still runs queries.
	if r := get(t, gizmoURL(srv.URL, `g.emit(1)`)); r.status != 200 {
		t.Errorf("query after the loops: %d %s", r.status, r.body)
	}
}

// TestHandler_GizmoBusy takes the only query slot and checks that a query
// waits at most its timeout for it and then gets 503.
func TestHandler_GizmoBusy(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	st := fixtureStore(t)
	h, err := newHandler(Config{Store: st, QueryTimeout: timeout, MaxQueries: 1}, storeSource{s: st})
	if err != nil {
		t.Fatal(err)
	}
	srv := newServerFor(t, h)
	h.slots <- struct{}{}
	start := time.Now()
	r := get(t, gizmoURL(srv.URL, `g.emit(1)`))
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("query with no free slot: status %d, Retry-After %q: %s", r.status, r.header.Get("Retry-After"), r.body)
	}
	if took := time.Since(start); took < timeout || took > timeout+time.Second {
		t.Errorf("query with no free slot answered after %v, timeout %v", took, timeout)
	}
	if r := get(t, srv.URL+"/healthz"); r.status != 200 {
		t.Errorf("healthz with no free slot: %d", r.status)
	}
	<-h.slots
	if r := get(t, gizmoURL(srv.URL, `g.emit(1)`)); r.status != 200 {
		t.Errorf("query after the slot freed: %d %s", r.status, r.body)
	}
}

func TestHandler_BodyLimit(t *testing.T) {
	t.Parallel()
	ingest := func(context.Context, corpus.Article) error { return errors.New("not reached") }
	srv := newTestServer(t, Config{Store: fixtureStore(t), MaxBodyBytes: 1024, AllowWrite: true, Token: "secret", Ingest: ingest})
	big := "g.emit(1);" + strings.Repeat(" ", 2000)
	auth := map[string]string{"Authorization": "Bearer secret"}
	tests := []struct {
		name, path string
		body       func() *strings.Reader
		header     map[string]string
		chunked    bool
	}{
		{"query", "/api/v2/query?lang=gizmo", func() *strings.Reader { return strings.NewReader(big) }, nil, false},
		{"query without length", "/api/v2/query?lang=gizmo", func() *strings.Reader { return strings.NewReader(big) }, nil, true},
		{"write", "/api/v2/write", func() *strings.Reader { return strings.NewReader(strings.Repeat("<a> <b> <c> .\n", 200)) }, auth, true},
		{"article", "/api/articles", func() *strings.Reader {
			return strings.NewReader(`{"id": "x", "body": "` + strings.Repeat("a", 2000) + `"}`)
		}, auth, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req, err := http.NewRequest("POST", srv.URL+tt.path, tt.body())
			if err != nil {
				t.Fatal(err)
			}
			if tt.chunked {
				req.ContentLength = -1 // sent chunked; only the reader can tell
				req.Body = io.NopCloser(struct{ io.Reader }{tt.body()})
				req.GetBody = nil
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			r := response{status: res.StatusCode, header: res.Header}
			r.body = readAll(t, res)
			if r.status != http.StatusRequestEntityTooLarge {
				t.Fatalf("status = %d, want 413: %s", r.status, r.body)
			}
			r.errorText(t)
		})
	}
	// A body under the cap is fine.
	if r := do(t, "POST", srv.URL+"/api/v2/query?lang=gizmo", strings.NewReader("g.emit(1)"), nil); r.status != 200 {
		t.Errorf("small query: %d %s", r.status, r.body)
	}
}

// fakeSource serves fixed rows, or fails, panics or blocks until release
// is closed.
type fakeSource struct {
	quotes  []queries.QuoteRow
	err     error
	release chan struct{}
	panic   bool
}

func (f *fakeSource) Quotes(ctx context.Context) ([]queries.QuoteRow, error) {
	switch {
	case f.panic:
		panic("fake source panics")
	case f.release != nil:
		select {
		case <-f.release:
			return nil, errors.New("released")
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return f.quotes, f.err
}
func (f *fakeSource) Entities(context.Context) ([]queries.EntityRow, error) { return nil, nil }
func (f *fakeSource) Breaches(context.Context) ([]queries.BreachRow, error) { return nil, nil }
func (f *fakeSource) Articles(context.Context) ([]Article, error)           { return nil, nil }
func (f *fakeSource) Size(context.Context) (int64, error)                   { return 0, nil }

func TestHandler_SourceFaults(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	tests := []struct {
		name   string
		src    *fakeSource
		status int
		text   string
	}{
		{"rows", &fakeSource{quotes: []queries.QuoteRow{{ID: "a/1", Text: "hello"}}}, 200, ""},
		{"error", &fakeSource{err: errors.New("disk on fire")}, 500, "disk on fire"},
		{"panic", &fakeSource{panic: true}, 500, "panic"},
		{"slow index", &fakeSource{release: make(chan struct{})}, 503, "indexing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.src.release != nil {
				t.Cleanup(func() { close(tt.src.release) })
			}
			h, err := newHandler(Config{Store: st, QueryTimeout: 200 * time.Millisecond}, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			srv := newServerFor(t, h)
			r := get(t, srv.URL+"/api/quotes")
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status != 200 {
				if msg := r.errorText(t); !strings.Contains(msg, tt.text) {
					t.Errorf("error %q lacks %q", msg, tt.text)
				}
			}
			// The server keeps answering.
			if r := get(t, srv.URL+"/healthz"); r.status != 200 {
				t.Errorf("healthz after the fault: %d", r.status)
			}
		})
	}
}

// TestHandler_GizmoMemory runs queries that allocate without end, as many
// at once as the server runs: each is stopped by the memory budget with
// 422, and the server goes on answering.
func TestHandler_GizmoMemory(t *testing.T) {
	const queries = 3
	srv := newTestServer(t, Config{Store: fixtureStore(t), QueryMemory: 64 << 20, MaxQueries: queries, MaxLongQueries: queries, QueryTimeout: 30 * time.Second})
	hog := `var a = []; for (var i = 0; i < 1e9; i++) { a.push([i, i + 1, i + 2, "x" + i]); } g.emit(a.length)`
	statuses := make(chan response, queries)
	for range queries {
		go func() { statuses <- get(t, gizmoURL(srv.URL, hog)) }()
	}
	for range queries {
		r := <-statuses
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want 422: %s", r.status, r.body)
			continue
		}
		if msg := r.errorText(t); !strings.Contains(msg, "memory budget") {
			t.Errorf("error %q does not name the memory budget", msg)
		}
	}
	if r := get(t, gizmoURL(srv.URL, `g.V().Limit(3).All()`)); r.status != http.StatusOK {
		t.Errorf("after the stopped queries: status %d: %s", r.status, r.body)
	}
}
