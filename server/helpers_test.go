package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

// Ids in the fixture.
const (
	rickID      = "person/rick-prior"
	metBreachID = "met-supplier-breach"
	metArticleA = "met-supplier-a"
	metArticleB = "met-supplier-b"
	northbridge = "northbridge-council-breach"
)

// metDocs returns the two articles in testdata, written for these tests,
// with the extraction results a perfect extractor would give for them.
func metDocs(t testing.TB) []graph.Doc {
	t.Helper()
	read := func(id string) string {
		data, err := os.ReadFile(filepath.Join("testdata", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	bodyA, bodyB := read(metArticleA), read(metArticleB)
	pub := time.Date(2023, 8, 27, 8, 0, 0, 0, time.UTC)
	met := extract.Entity{Key: "org/metropolitan-police-service", Name: "Metropolitan Police Service", Type: extract.Organization,
		Kind: extract.KindPoliceForce, Aliases: []string{"Met"}}
	fed := extract.Entity{Key: "org/metropolitan-police-federation", Name: "Metropolitan Police Federation", Type: extract.Organization,
		Kind: extract.KindStaffAssociation}
	rick := extract.Entity{Key: rickID, Name: "Rick Prior", Type: extract.Person, Aliases: []string{"Mr Prior"},
		Roles: []extract.Role{{Title: "chair", Org: fed.Key}}}
	nca := extract.Entity{Key: "org/national-crime-agency", Name: "National Crime Agency", Type: extract.Organization, Kind: extract.KindAgency}
	ico := extract.Entity{Key: "org/information-commissioners-office", Name: "Information Commissioner's Office",
		Type: extract.Organization, Kind: extract.KindRegulator, Aliases: []string{"ICO"}}
	breach := extract.Event{Key: metBreachID, Type: "DataBreach", Name: "Metropolitan Police Service supplier breach",
		Victim: met.Key, Exposed: []string{"names", "ranks", "photographs"}, NotExposed: []string{"home addresses", "financial details"},
		Affected: []int{47000}, Cause: "unauthorised access to a supplier's systems", When: "2023-08",
		ReportedTo: []string{nca.Key, ico.Key}}
	a := extract.Result{
		ArticleID: metArticleA,
		Entities:  []extract.Entity{mention(bodyA, met), mention(bodyA, fed), mention(bodyA, rick), mention(bodyA, nca), mention(bodyA, ico)},
		Quotes: []extract.Quote{
			quote(t, bodyA, "Officers will be worried that their details could end up in the wrong hands.", extract.Direct, rick.Key, breach.Key),
			quote(t, bodyA, "must explain how this was allowed to happen", extract.Partial, rick.Key, breach.Key),
			quote(t, bodyA, "the supplier held the details of about 47,000 people, but that it did not hold home addresses or financial details", extract.Indirect, met.Key, breach.Key),
		},
		Events: []extract.Event{breach},
	}
	b := extract.Result{
		ArticleID: metArticleB,
		Entities:  []extract.Entity{mention(bodyB, fed), mention(bodyB, met), mention(bodyB, rick), mention(bodyB, ico)},
		Quotes: []extract.Quote{
			quote(t, bodyB, "We will be asking hard questions about how the Met checks the companies it works with,", extract.Direct, rick.Key, breach.Key),
			quote(t, bodyB, "it was making enquiries", extract.Indirect, ico.Key, breach.Key),
		},
		Events: []extract.Event{{Key: metBreachID, Type: "DataBreach", Name: breach.Name, Victim: met.Key}},
	}
	return []graph.Doc{
		{Article: corpus.Article{ID: metArticleA, URL: "https://example.org/met-a", Title: "Met officers' details exposed in supplier hack",
			Publisher: "Example Times", Published: pub, Body: bodyA, Path: "testdata/met-supplier-a.txt"}, Result: a},
		{Article: corpus.Article{ID: metArticleB, Title: "Police federation criticises Met over supplier breach",
			Publisher: "Example Courier", Published: pub.Add(30 * time.Hour), Body: bodyB, Path: "testdata/met-supplier-b.txt"}, Result: b},
	}
}

// fixtureDocs returns the Met articles and testutil's Northbridge fixture.
func fixtureDocs(t testing.TB) []graph.Doc {
	t.Helper()
	docs := metDocs(t)
	arts, results := testutil.Fixture()
	for i := range arts {
		docs = append(docs, graph.Doc{Article: arts[i], Result: results[i]})
	}
	return docs
}

// mention returns e with the spans of its name and aliases in body.
func mention(body string, e extract.Entity) extract.Entity {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for off := 0; ; {
			i := strings.Index(body[off:], n)
			if i < 0 {
				break
			}
			e.Mentions = append(e.Mentions, extract.Span{Start: off + i, End: off + i + len(n)})
			off += i + len(n)
		}
	}
	return e
}

// quote returns a quote of text, which must occur in body.
func quote(t testing.TB, body, text string, kind extract.QuoteKind, speaker, event string) extract.Quote {
	t.Helper()
	i := strings.Index(body, text)
	if i < 0 {
		t.Fatalf("quote %q not in body", text)
	}
	s := strings.LastIndex(body[:i], "\n") + 1
	e := i + strings.Index(body[i:], "\n")
	return extract.Quote{Text: text, Kind: kind, Speaker: speaker, Event: event,
		Span: extract.Span{Start: i, End: i + len(text)}, Sentence: extract.Span{Start: s, End: e}}
}

// openStore returns an empty memory store closed at the end of the test.
func openStore(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.DSNMemory, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// fixtureStore returns a memory store holding fixtureDocs.
func fixtureStore(t testing.TB) *graph.Store {
	t.Helper()
	s := openStore(t)
	if _, err := s.Load(context.Background(), fixtureDocs(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

// newTestServer serves NewHandler(cfg) on a loopback httptest server.
func newTestServer(t testing.TB, cfg Config) *httptest.Server {
	t.Helper()
	h, err := NewHandler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request and reads the whole response.
func do(t testing.TB, method, url string, body io.Reader, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: data}
}

// get is do with GET and no body.
func get(t testing.TB, url string) response {
	t.Helper()
	return do(t, http.MethodGet, url, nil, nil)
}

// decode unmarshals the response body into v, failing the test on error.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// errorText returns the "error" field of a JSON error body, failing the
// test if the body is not one.
func (r response) errorText(t testing.TB) string {
	t.Helper()
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error content type = %q, want application/json", ct)
	}
	var e struct {
		Error *string `json:"error"`
	}
	r.decode(t, &e)
	if e.Error == nil || *e.Error == "" {
		t.Fatalf("body %s has no error field", r.body)
	}
	return *e.Error
}

// newServerFor serves h on a loopback httptest server.
func newServerFor(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// readAll reads a response body, failing the test on error.
func readAll(t testing.TB, res *http.Response) []byte {
	t.Helper()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
