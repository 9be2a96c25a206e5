package server

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

const token = "s3cret-token"

func TestHandler_WriteAuth(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t), AllowWrite: true, Token: token})
	nq := "<ng:entity/person/zed> <schema:name> \"Zed Zebra\" .\n"
	tests := []struct {
		name   string
		method string
		auth   string
		status int
	}{
		{"no token", "POST", "", 401},
		{"wrong token", "POST", "Bearer nope", 401},
		{"token prefix", "POST", "Bearer " + token[:4], 401},
		{"not a bearer", "POST", "Basic " + token, 401},
		{"wrong method", "GET", "Bearer " + token, 405},
		{"token", "POST", "Bearer " + token, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{"Content-Type": "application/n-quads"}
			if tt.auth != "" {
				h["Authorization"] = tt.auth
			}
			r := do(t, tt.method, srv.URL+"/api/v2/write", strings.NewReader(nq), h)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			switch tt.status {
			case 401:
				r.errorText(t)
				if r.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			case 405:
				r.errorText(t)
			}
		})
	}
	r := get(t, gizmoURL(srv.URL, `g.V().Has("<schema:name>", "Zed Zebra").All()`))
	if r.status != 200 || !strings.Contains(string(r.body), "person/zed") {
		t.Errorf("written quad not found: %d %s", r.status, r.body)
	}
	// Reads need no token on a writable server.
	if r := get(t, srv.URL+"/api/quotes"); r.status != 200 {
		t.Errorf("read on a writable server: %d %s", r.status, r.body)
	}
}

// loadIngest returns an IngestFunc that adds the article with a fixed
// extraction result: one quote by a new speaker.
func loadIngest(st *graph.Store) IngestFunc {
	return func(ctx context.Context, a corpus.Article) error {
		i := strings.Index(a.Body, "Lessons")
		if i < 0 {
			return errors.New("article lacks the quote")
		}
		text := "Lessons will be learned."
		res := extract.Result{
			ArticleID: a.ID,
			Entities:  []extract.Entity{{Key: "person/jo-bloggs", Name: "Jo Bloggs", Type: extract.Person}},
			Quotes: []extract.Quote{{Text: text, Kind: extract.Direct, Speaker: "person/jo-bloggs", Event: metBreachID,
				Span: extract.Span{Start: i, End: i + len(text)}}},
		}
		_, err := st.Load(ctx, []graph.Doc{{Article: a, Result: res}})
		return err
	}
}

func TestHandler_PostArticle(t *testing.T) {
	t.Parallel()
	st := fixtureStore(t)
	srv := newTestServer(t, Config{Store: st, AllowWrite: true, Token: token, Ingest: loadIngest(st)})
	auth := map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"}

	// Read first, so that the server holds a snapshot the post must drop.
	if r := get(t, srv.URL+"/api/articles/posted-1"); r.status != 404 {
		t.Fatalf("before the post: status %d", r.status)
	}
	body := `{"id": "posted-1", "title": "Posted", "publisher": "Example Wire", "published": "2023-09-01",
		"body": "Jo Bloggs said: \"Lessons will be learned.\"\n"}`
	r := do(t, "POST", srv.URL+"/api/articles", strings.NewReader(body), auth)
	if r.status != http.StatusCreated {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if loc := r.header.Get("Location"); loc != "/api/articles/posted-1" {
		t.Errorf("Location = %q", loc)
	}
	var a ArticleDetail
	r = get(t, srv.URL+"/api/articles/posted-1")
	if r.status != 200 {
		t.Fatalf("posted article: status %d: %s", r.status, r.body)
	}
	r.decode(t, &a)
	if a.Title != "Posted" || a.Published != "2023-09-01T00:00:00Z" || len(a.Quotes) != 1 || a.Quotes[0].Speaker != "Jo Bloggs" {
		t.Errorf("posted article = %+v", a)
	}

	tests := []struct {
		name, body string
		header     map[string]string
		status     int
		errText    string
	}{
		{"no token", body, map[string]string{"Content-Type": "application/json"}, 401, "bearer token"},
		{"not JSON", "id=x", auth, 400, "article:"},
		{"form content type", body, map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/x-www-form-urlencoded"}, 415, "application/json"},
		{"unknown field", `{"id": "x", "body": "b", "colour": "red"}`, auth, 400, "colour"},
		{"no id", `{"body": "b"}`, auth, 400, "id is required"},
		{"empty body", `{"id": "x", "body": "  "}`, auth, 400, "body is empty"},
		{"bad date", `{"id": "x", "body": "b", "published": "last week"}`, auth, 400, "published"},
		{"two objects", `{"id": "x", "body": "b"} {}`, auth, 400, "one JSON object"},
		{"ingest fails", `{"id": "x", "body": "no quote here"}`, auth, 500, "article lacks the quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", srv.URL+"/api/articles", strings.NewReader(tt.body), tt.header)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			if msg := r.errorText(t); !strings.Contains(msg, tt.errText) {
				t.Errorf("error %q lacks %q", msg, tt.errText)
			}
		})
	}
}

func TestHandler_PostArticleWithoutIngest(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: openStore(t), AllowWrite: true, Token: token})
	r := do(t, "POST", srv.URL+"/api/articles", strings.NewReader(`{"id": "x", "body": "b"}`),
		map[string]string{"Authorization": "Bearer " + token})
	if r.status != http.StatusNotImplemented {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	r.errorText(t)
}
