package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// syncBuffer is a bytes.Buffer that a server goroutine writes while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// served is a serve command running in the background.
type served struct {
	url    string // http://HOST:PORT
	addr   string
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan int // receives the exit code
}

var servingLine = regexp.MustCompile(`serving .* on http://(\S+)\n`)

// startServe runs "newsgraph serve --addr 127.0.0.1:0 args..." until the
// test ends or stop is called, and returns once it listens.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	argv := append([]string{"newsgraph", "serve", "--addr", "127.0.0.1:0"}, args...)
	go func() { s.done <- run(ctx, argv, io.Discard, s.stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(time.Minute):
			t.Error("serve did not stop")
		}
	})
	// Building the extraction model takes a few seconds on a busy machine.
	deadline := time.After(2 * time.Minute)
	for {
		if m := servingLine.FindStringSubmatch(s.stderr.String()); m != nil {
			s.addr = m[1]
			s.url = "http://" + m[1]
			return s
		}
		select {
		case code := <-s.done:
			s.done <- code
			t.Fatalf("serve exited with %d before listening: %s", code, s.stderr.String())
		case <-deadline:
			t.Fatalf("serve did not start listening: %s", s.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop cancels the command's context, as SIGINT does, and returns its
// exit code.
func (s *served) stop(t *testing.T) int {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code // for the cleanup
		return code
	case <-time.After(time.Minute):
		t.Fatalf("serve did not stop after its context ended; stderr: %s", s.stderr.String())
	}
	return -1
}

// reply is one HTTP answer.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request and reads the whole answer.
func do(t *testing.T, method, url, token, contentType, body string) reply {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return reply{resp.StatusCode, resp.Header, b}
}

// wantStatus fails the test unless r has the status; error answers must
// be JSON {"error": "..."}.
func wantStatus(t *testing.T, what string, r reply, status int) {
	t.Helper()
	if r.status != status {
		t.Errorf("%s: status %d, want %d; body %s", what, r.status, status, r.body)
		return
	}
	if status >= 400 {
		var e struct{ Error string }
		if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" {
			t.Errorf("%s: error body %q is not JSON {\"error\": ...} (%v)", what, r.body, err)
		}
	}
}

// decode parses a JSON answer into v.
func decode(t *testing.T, what string, r reply, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s: %v in %s", what, err, r.body)
	}
}

// wantClosed fails the test if anything still listens on addr.
// shutdown stops the server, which must exit 0 and stop listening.
func (s *served) shutdown(t *testing.T) {
	t.Helper()
	if code := s.stop(t); code != exitOK {
		t.Errorf("exit %d after shutdown; stderr %s", code, s.stderr.String())
	}
	wantClosed(t, s.addr)
}

// shutdownAndOpen shuts the server down and opens the store at db it
// served, read-only (closed when the test ends): it must have been
// closed cleanly.
func (s *served) shutdownAndOpen(t *testing.T, db string) *graph.Store {
	t.Helper()
	s.shutdown(t)
	st, err := graph.Open(context.Background(), db, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func wantClosed(t *testing.T, addr string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
		t.Errorf("%s still accepts connections after shutdown", addr)
	}
}

// loadedStore loads testdata/corpus into a new bolt store and returns its
// path.
func loadedStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "graph.db")
	if r := newsgraph(t, "", "load", "--db", db, copyCorpus(t)); r.code != exitOK {
		t.Fatalf("load: %d %s", r.code, r.stderr)
	}
	return db
}

func TestServe_readOnly(t *testing.T) {
	db := loadedStore(t)
	s := startServe(t, "--db", db, "--query-timeout", "1s", "--result-limit", "3", "--max-body-bytes", "200")
	if !strings.Contains(s.stderr.String(), "read-only") {
		t.Errorf("startup line does not say read-only: %s", s.stderr.String())
	}

	r := do(t, "GET", s.url+"/api/quotes", "", "", "")
	wantStatus(t, "GET /api/quotes", r, http.StatusOK)
	var rows []queries.QuoteRow
	decode(t, "/api/quotes", r, &rows)
	if len(rows) == 0 || len(rows) > 3 {
		t.Errorf("/api/quotes: %d rows, want 1 to 3 (--result-limit 3)", len(rows))
	}
	var health struct{ Status string }
	r = do(t, "GET", s.url+"/healthz", "", "", "")
	wantStatus(t, "GET /healthz", r, http.StatusOK)
	decode(t, "/healthz", r, &health)
	if health.Status != "ok" {
		t.Errorf("/healthz: %s", r.body)
	}

	const gizmo = "/api/v2/query?lang=gizmo"
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"no writes", "POST", "/api/articles", `{"id": "x", "body": "text"}`, http.StatusMethodNotAllowed},
		{"no quad writes", "POST", "/api/v2/write", "", http.StatusMethodNotAllowed},
		{"result limit", "POST", gizmo, `g.V().All()`, http.StatusUnprocessableEntity},
		{"query timeout", "POST", gizmo, `while (true) {}`, http.StatusGatewayTimeout},
		{"body limit", "POST", gizmo, "g.V().Limit(1).All() // " + strings.Repeat("x", 200), http.StatusRequestEntityTooLarge},
		{"small query", "POST", gizmo, `g.V().Limit(2).All()`, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantStatus(t, tt.method+" "+tt.path, do(t, tt.method, s.url+tt.path, "", "", tt.body), tt.status)
		})
	}

	s.shutdown(t)
}

// postedArticle is an article written for this test; the extractor finds
// a quote by Mara Quill and a breach of Harbour Water in it.
const postedArticle = `{
	"id": "posted-harbour",
	"title": "Water company says customer records were copied",
	"published": "2024-03-05",
	"publisher": "Test Gazette",
	"body": "Harbour Water said on Tuesday that hackers copied the names and email addresses of about 12,000 customers from a billing system.\n\n\"We are writing to every customer affected and we have closed the gap,\" said Mara Quill, chief executive of Harbour Water.\n\nThe company said payment details were not exposed and that it had told the Information Commissioner's Office."
}`

func TestServe_write(t *testing.T) {
	db := loadedStore(t)
	const token = "s3cret-token"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--db", db, "--allow-write", "--token-file", tokenFile)

	const jsonType = "application/json"
	tests := []struct {
		name, token string
		status      int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "not-the-token", http.StatusUnauthorized},
		{"token", token, http.StatusCreated},
		{"same article again", token, http.StatusCreated},
	}
	for _, tt := range tests {
		r := do(t, "POST", s.url+"/api/articles", tt.token, jsonType, postedArticle)
		wantStatus(t, "POST /api/articles, "+tt.name, r, tt.status)
		if tt.status == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", tt.name)
		}
		if tt.status == http.StatusCreated && r.header.Get("Location") != "/api/articles/posted-harbour" {
			t.Errorf("%s: Location %q", tt.name, r.header.Get("Location"))
		}
	}
	wantStatus(t, "POST /api/v2/write without token", do(t, "POST", s.url+"/api/v2/write", "", "application/n-quads", ""), http.StatusUnauthorized)

	// The article shows in the JSON API as soon as the POST has answered.
	r := do(t, "GET", s.url+"/api/quotes?article=posted-harbour", "", "", "")
	wantStatus(t, "GET /api/quotes?article=posted-harbour", r, http.StatusOK)
	var rows []queries.QuoteRow
	decode(t, "/api/quotes", r, &rows)
	if !hasQuote(rows, "Mara Quill", "closed the gap") {
		t.Errorf("/api/quotes?article=posted-harbour: no quote by Mara Quill about closing the gap in %+v", rows)
	}
	r = do(t, "GET", s.url+"/api/articles/posted-harbour", "", "", "")
	wantStatus(t, "GET /api/articles/posted-harbour", r, http.StatusOK)
	if !bytes.Contains(r.body, []byte("Water company says customer records were copied")) {
		t.Errorf("/api/articles/posted-harbour lacks the title: %s", r.body)
	}
	// The articles loaded before are still there.
	r = do(t, "GET", s.url+"/api/quotes?article=northbridge", "", "", "")
	wantStatus(t, "GET /api/quotes?article=northbridge", r, http.StatusOK)
	decode(t, "/api/quotes", r, &rows)
	if !hasQuote(rows, "Ada Whitlock", "deeply sorry") {
		t.Errorf("the loaded article's quotes are gone: %+v", rows)
	}
	var health struct{ Status string }
	r = do(t, "GET", s.url+"/healthz", "", "", "")
	wantStatus(t, "GET /healthz", r, http.StatusOK)
	decode(t, "/healthz", r, &health)
	if health.Status != "ok" {
		t.Errorf("/healthz: %s", r.body)
	}

	// A quad write answers before the server has re-read the store; the
	// shutdown right after it must end that read before closing the store.
	r = do(t, "POST", s.url+"/api/v2/write", token, "application/n-quads",
		"<ng:entity/person/mara-quill> <schema:alternateName> \"M. Quill\" <ng:manual> .\n")
	wantStatus(t, "POST /api/v2/write", r, http.StatusOK)

	// The store was closed cleanly and holds the posted article once.
	st := s.shutdownAndOpen(t, db)
	rows, err := queries.Quotes(context.Background(), st, queries.QuoteFilter{Article: "posted-harbour"})
	if err != nil {
		t.Fatal(err)
	}
	if !hasQuote(rows, "Mara Quill", "closed the gap") {
		t.Errorf("after shutdown the store lacks the posted quote: %+v", rows)
	}
	seen := map[string]int{}
	for _, q := range rows {
		seen[q.Text]++
		if seen[q.Text] > 1 {
			t.Errorf("quote stored twice after posting the article twice: %q", q.Text)
		}
	}
}

// hasQuote reports whether rows hold a quote by speaker containing text.
func hasQuote(rows []queries.QuoteRow, speaker, text string) bool {
	for _, q := range rows {
		if q.Speaker == speaker && strings.Contains(q.Text, text) {
			return true
		}
	}
	return false
}

// TestServe_shutdown checks that ending the context (what SIGINT and
// SIGTERM do through main's signal.NotifyContext) lets a request in
// flight finish before serve returns.
func TestServe_shutdown(t *testing.T) {
	s := startServe(t, "--db", "memory:")
	// A query that takes 1.5 seconds of wall time.
	const slow = `var t0 = new Date().getTime(); while (new Date().getTime() - t0 < 1500) {} g.V().All()`
	type answer struct {
		r   reply
		err error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Post(s.url+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(slow))
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- answer{reply{status: resp.StatusCode, body: b}, err}
	}()
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	code := s.stop(t)
	if code != exitOK {
		t.Errorf("exit %d after shutdown; stderr %s", code, s.stderr.String())
	}
	if d := time.Since(start); d < 500*time.Millisecond {
		t.Errorf("serve returned %s after its context ended, before the request in flight was done", d)
	}
	select {
	case a := <-got:
		if a.err != nil {
			t.Fatalf("request in flight at shutdown: %v", a.err)
		}
		wantStatus(t, "query in flight at shutdown", a.r, http.StatusOK)
	case <-time.After(30 * time.Second):
		t.Fatal("the request in flight got no answer")
	}
	wantClosed(t, s.addr)
}

func TestServe_flags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	twoWords := filepath.Join(dir, "two")
	for p, content := range map[string]string{empty: " \n", twoWords: "one two\n"} {
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// a good token, but one that others can read
	shared := filepath.Join(dir, "shared")
	if err := os.WriteFile(shared, []byte("s3cret-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o644); err != nil {
		t.Fatal(err)
	}
	missingDB := filepath.Join(dir, "missing.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"write without token", []string{"--db", "memory:", "--allow-write"}, exitUsage, "--allow-write needs --token-file"},
		{"missing token file", []string{"--db", "memory:", "--allow-write", "--token-file", filepath.Join(dir, "nope")}, exitFailed, "read token"},
		{"empty token file", []string{"--db", "memory:", "--allow-write", "--token-file", empty}, exitFailed, "is empty"},
		{"two-word token", []string{"--db", "memory:", "--allow-write", "--token-file", twoWords}, exitFailed, "one word"},
		{"world-readable token", []string{"--db", "memory:", "--allow-write", "--token-file", shared}, exitFailed, "chmod 600"},
		{"zero timeout", []string{"--query-timeout", "0s"}, exitUsage, "--query-timeout"},
		{"zero result limit", []string{"--result-limit", "0"}, exitUsage, "--result-limit"},
		{"zero body", []string{"--max-body-bytes", "0"}, exitUsage, "--max-body-bytes"},
		{"negative queries", []string{"--max-queries", "-1"}, exitUsage, "--max-queries"},
		{"missing store", []string{"--db", missingDB}, exitFailed, "load articles first"},
		{"bad address", []string{"--db", "memory:", "--addr", "127.0.0.1:notaport"}, exitFailed, "listen on 127.0.0.1:notaport"},
		{"watch a path", []string{"--db", "memory:", "--watch", "feeds.txt"}, exitUsage, "--watch \"feeds.txt\" is not an http or https address"},
		{"watch too often", []string{"--db", "memory:", "--watch", "http://127.0.0.1:1/feed", "--every", "10ms"}, exitUsage, "--every 10ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newsgraph(t, "", append([]string{"serve"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.want)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("error takes more than one line: %q", r.stderr)
			}
		})
	}
	if _, err := os.Stat(missingDB); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve created the missing store %s (%v)", missingDB, err)
	}
}
