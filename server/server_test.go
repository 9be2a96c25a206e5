package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func TestNewHandler_Config(t *testing.T) {
	t.Parallel()
	st := openStore(t)
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"no store", Config{}, ErrNoStore},
		{"write without token", Config{Store: st, AllowWrite: true}, ErrNoToken},
		{"read-only", Config{Store: st}, nil},
		{"writable", Config{Store: st, AllowWrite: true, Token: "t"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewHandler(tt.cfg)
			if !errors.Is(err, tt.want) {
				t.Fatalf("NewHandler error = %v, want %v", err, tt.want)
			}
			if err == nil && h == nil {
				t.Fatal("NewHandler returned a nil handler")
			}
		})
	}
}

// quoteIDs returns the ids of rows.
func quoteIDs(rows []queries.QuoteRow) []string {
	var ids []string
	for _, q := range rows {
		ids = append(ids, q.ID)
	}
	return ids
}

func TestHandler_Quotes(t *testing.T) {
	t.Parallel()
	st := fixtureStore(t)
	srv := newTestServer(t, Config{Store: st})
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"speaker name", "speaker=Rick+Prior", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker name any case", "speaker=rick+prior", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker alias", "speaker=Mr+Prior", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker id", "speaker=person/rick-prior", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker surname", "speaker=Prior", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker first name", "speaker=RICK", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"speaker part of a word", "speaker=Pri", nil},
		{"breach", "breach=northbridge-council-breach", []string{"northbridge-a/1", "northbridge-a/2", "northbridge-a/3", "northbridge-b/1", "northbridge-b/2", "northbridge-b/3"}},
		{"confident", "breach=northbridge-council-breach&min_confidence=0.5", []string{"northbridge-a/1", "northbridge-a/2", "northbridge-a/3", "northbridge-b/1", "northbridge-b/3"}},
		{"very confident", "breach=northbridge-council-breach&min_confidence=0.95", []string{"northbridge-a/1"}},
		// The Met quotes were written without confidences: unknown.
		{"unknown confidence", "article=met-supplier-b&min_confidence=0.1", nil},
		{"any confidence", "article=met-supplier-b&min_confidence=0", []string{"met-supplier-b/1", "met-supplier-b/2"}},
		{"article", "article=met-supplier-b", []string{"met-supplier-b/1", "met-supplier-b/2"}},
		{"words", "q=HARD+questions", []string{"met-supplier-b/1"}},
		{"speaker and words", "speaker=Rick+Prior&q=wrong+hands", []string{"met-supplier-a/2"}},
		{"organisation and its people", "org=federation", []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}},
		{"organisation by alias", "org=ICO", []string{"met-supplier-b/2"}},
		{"no match", "speaker=Nobody", nil},
		{"unknown article", "article=nope", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, srv.URL+"/api/quotes?"+tt.query)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var rows []queries.QuoteRow
			r.decode(t, &rows)
			if rows == nil {
				t.Fatalf("body %s is not a JSON array", r.body)
			}
			if got := quoteIDs(rows); !slices.Equal(got, tt.want) {
				t.Errorf("quotes = %v, want %v", got, tt.want)
			}
			if got := r.header.Get("X-Total-Count"); got != strconv.Itoa(len(tt.want)) {
				t.Errorf("X-Total-Count = %s, want %d", got, len(tt.want))
			}
		})
	}
}

// TestHandler_QuotesMatchQueries checks that the server's filtering of its
// snapshot gives what queries.Quotes gives for the same filter.
func TestHandler_QuotesMatchQueries(t *testing.T) {
	t.Parallel()
	st := fixtureStore(t)
	srv := newTestServer(t, Config{Store: st})
	filters := []queries.QuoteFilter{
		{},
		{Speaker: "Rick Prior"},
		{Speaker: "MS WHITLOCK"},
		{Speaker: "person/ada-whitlock"},
		{Speaker: "Whitlock"},
		{Speaker: "Prior"},
		{Speaker: "ada"},
		{Speaker: "council"},
		{Speaker: "Northbridge City"},
		{Breach: northbridge},
		{Breach: metBreachID, Text: "the"},
		{Article: metArticleA},
		{Article: metArticleA, Speaker: "Rick Prior"},
		{Text: "Exposed"},
		{Text: "  accounts  "},
	}
	for _, f := range filters {
		want, err := queries.Quotes(context.Background(), st, f)
		if err != nil {
			t.Fatal(err)
		}
		q := "speaker=" + urlq(f.Speaker) + "&breach=" + urlq(f.Breach) + "&article=" + urlq(f.Article) + "&q=" + urlq(f.Text)
		var got []queries.QuoteRow
		get(t, srv.URL+"/api/quotes?"+q).decode(t, &got)
		if !slices.Equal(quoteIDs(got), quoteIDs(want)) {
			t.Errorf("filter %+v: server %v, queries.Quotes %v", f, quoteIDs(got), quoteIDs(want))
		}
	}
}

func urlq(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "%", "%25"), " ", "+") }

func TestHandler_Pages(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t), ResultLimit: 4})
	tests := []struct {
		name      string
		query     string
		wantIDs   []string
		wantTotal string
		status    int
	}{
		{"capped at result limit", "", []string{"met-supplier-a/1", "met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}, "11", 200},
		{"limit", "limit=2", []string{"met-supplier-a/1", "met-supplier-a/2"}, "11", 200},
		{"offset", "limit=2&offset=8", []string{"northbridge-b/1", "northbridge-b/2"}, "11", 200},
		{"offset past the end", "offset=50", nil, "11", 200},
		{"limit above the cap", "limit=1000", []string{"met-supplier-a/1", "met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}, "11", 200},
		{"bad limit", "limit=x", nil, "", 400},
		{"negative offset", "offset=-1", nil, "", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, srv.URL+"/api/quotes?"+tt.query)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status != 200 {
				r.errorText(t)
				return
			}
			var rows []queries.QuoteRow
			r.decode(t, &rows)
			if got := quoteIDs(rows); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("quotes = %v, want %v", got, tt.wantIDs)
			}
			if got := r.header.Get("X-Total-Count"); got != tt.wantTotal {
				t.Errorf("X-Total-Count = %s, want %s", got, tt.wantTotal)
			}
		})
	}
}

func TestHandler_Entities(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"all", "", []string{"org/northbridge-council", "org/copperline-systems", "org/information-commissioners-office",
			"org/metropolitan-police-federation", "org/metropolitan-police-service", "org/national-crime-agency", "person/ada-whitlock", "person/rick-prior", "person/tom-reyes",
			"org/grey-lantern", // the attacker
			// the publishers
			"org/example-courier", "org/example-gazette", "org/example-post", "org/example-times"}},
		{"publishers", "kind=media", []string{"org/example-courier", "org/example-gazette", "org/example-post", "org/example-times"}},
		{"name", "q=rick", []string{"person/rick-prior"}},
		{"exact name first", "q=metropolitan+police+service", []string{"org/metropolitan-police-service"}},
		{"best match first", "q=metropolitan", []string{"org/metropolitan-police-federation", "org/metropolitan-police-service"}},
		{"alias", "q=ico", []string{"org/information-commissioners-office"}},
		{"type", "type=person", []string{"person/ada-whitlock", "person/rick-prior", "person/tom-reyes"}},
		{"kind", "kind=regulator", []string{"org/information-commissioners-office"}},
		{"no match", "q=zzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, srv.URL+"/api/entities?"+tt.query)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var rows []queries.EntityRow
			r.decode(t, &rows)
			var got []string
			for _, e := range rows {
				got = append(got, e.ID)
			}
			if tt.name == "all" {
				slices.Sort(got)
				slices.Sort(tt.want)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("entities = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHandler_Entity(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	r := get(t, srv.URL+"/api/entities/"+rickID)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var d EntityDetail
	r.decode(t, &d)
	if d.Name != "Rick Prior" || d.Type != "person" {
		t.Errorf("entity = %q (%s), want Rick Prior (person)", d.Name, d.Type)
	}
	if want := []Role{{RoleRow: queries.RoleRow{Title: "chair", Org: "Metropolitan Police Federation", Sources: 2, Publishers: 2}, OrgID: "org/metropolitan-police-federation"}}; !slices.Equal(d.Roles, want) {
		t.Errorf("roles = %+v, want %+v", d.Roles, want)
	}
	if got := quoteIDs(d.Quotes); !slices.Equal(got, []string{"met-supplier-a/2", "met-supplier-a/3", "met-supplier-b/1"}) {
		t.Errorf("quotes = %v", got)
	}
	if len(d.Breaches) != 1 || d.Breaches[0].ID != metBreachID {
		t.Errorf("breaches = %+v, want the Met breach", d.Breaches)
	}
	if len(d.Sources) != 2 || d.Sources[0].Title != "Met officers' details exposed in supplier hack" || d.Sources[0].Published != "2023-08-27T08:00:00Z" {
		t.Errorf("sources = %+v", d.Sources)
	}
	// The same id percent-encoded as one path segment, as the page sends it.
	if r := get(t, srv.URL+"/api/entities/person%2Frick-prior"); r.status != http.StatusOK {
		t.Errorf("escaped id: status %d: %s", r.status, r.body)
	}

	// The victim of a breach lists it without having spoken about it.
	var victim EntityDetail
	get(t, srv.URL+"/api/entities/org/national-crime-agency").decode(t, &victim)
	if len(victim.Breaches) != 1 || len(victim.Quotes) != 0 {
		t.Errorf("National Crime Agency: %d breaches, %d quotes; want 1, 0", len(victim.Breaches), len(victim.Quotes))
	}
}

func TestHandler_Breaches(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var rows []queries.BreachRow
	get(t, srv.URL+"/api/breaches").decode(t, &rows)
	if len(rows) != 2 || rows[0].ID != metBreachID || rows[1].ID != northbridge {
		t.Fatalf("breaches = %+v", rows)
	}

	var d BreachDetail
	r := get(t, srv.URL+"/api/breaches/"+metBreachID)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	r.decode(t, &d)
	if d.Victim != "Metropolitan Police Service" || d.VictimID != "org/metropolitan-police-service" {
		t.Errorf("victim = %q (%q)", d.Victim, d.VictimID)
	}
	if !slices.Equal(d.Affected, []int{47000}) || !slices.Equal(d.Exposed, []string{"names", "photographs", "ranks"}) {
		t.Errorf("facts = %+v", d.BreachRow)
	}
	if !slices.Equal(d.ReportedToIDs, []string{"org/information-commissioners-office", "org/national-crime-agency"}) {
		t.Errorf("reported_to_ids = %v", d.ReportedToIDs)
	}
	if len(d.Quotes) != 5 || len(d.Sources) != 2 {
		t.Errorf("%d quotes, %d sources; want 5, 2", len(d.Quotes), len(d.Sources))
	}
	var nb BreachDetail
	get(t, srv.URL+"/api/breaches/"+northbridge).decode(t, &nb)
	if nb.Via != "Copperline Systems" || nb.ViaID != "org/copperline-systems" {
		t.Errorf("via = %q (%q), want Copperline Systems", nb.Via, nb.ViaID)
	}
}

func TestHandler_Article(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var d ArticleDetail
	r := get(t, srv.URL+"/api/articles/"+metArticleB)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	r.decode(t, &d)
	if d.Title != "Police federation criticises Met over supplier breach" || d.Publisher != "Example Courier" {
		t.Errorf("article = %+v", d.Article)
	}
	if got := quoteIDs(d.Quotes); !slices.Equal(got, []string{"met-supplier-b/1", "met-supplier-b/2"}) {
		t.Errorf("quotes = %v", got)
	}
	if len(d.Entities) != 4 || len(d.Breaches) != 1 {
		t.Errorf("%d entities, %d breaches; want 4, 1", len(d.Entities), len(d.Breaches))
	}
}

func TestHandler_Articles(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{metArticleA, metArticleB, "northbridge-a", "northbridge-b"}},
		{"id=northbridge-b&id=met-supplier-a&id=nope&id=met-supplier-a", []string{metArticleA, "northbridge-b"}},
		{"limit=1&offset=1", []string{metArticleB}},
	}
	for _, tt := range tests {
		var rows []Article
		r := get(t, srv.URL+"/api/articles?"+tt.query)
		r.decode(t, &rows)
		var got []string
		for _, a := range rows {
			got = append(got, a.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: articles %v, want %v", tt.query, got, tt.want)
		}
	}
	var rows []Article
	get(t, srv.URL+"/api/articles?id=northbridge-a").decode(t, &rows)
	if want := (Article{ID: "northbridge-a", Title: "Council staff data exposed in supplier hack", URL: "https://example.org/a",
		Publisher: "Example Gazette", Published: "2024-03-04T09:30:00Z"}); len(rows) != 1 || rows[0] != want {
		t.Errorf("northbridge-a = %+v, want %+v", rows, want)
	}
}

func TestHandler_StatsAndHealth(t *testing.T) {
	t.Parallel()
	st := fixtureStore(t)
	srv := newTestServer(t, Config{Store: st})
	var s Stats
	get(t, srv.URL+"/api/stats").decode(t, &s)
	size, err := st.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Quads: size, Articles: 4, Entities: 14, Quotes: 11, Breaches: 2}); s != want {
		t.Errorf("stats = %+v, want %+v", s, want)
	}
	var hz health
	r := get(t, srv.URL+"/healthz")
	r.decode(t, &hz)
	if r.status != http.StatusOK || hz != (health{Status: "ok", Index: "ready"}) {
		t.Errorf("healthz: %d %s", r.status, r.body)
	}
}

func TestHandler_Errors(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	tests := []struct {
		name, method, path string
		status             int
		allow              string
	}{
		{"unknown entity", "GET", "/api/entities/person/nobody", 404, ""},
		{"unknown breach", "GET", "/api/breaches/nope", 404, ""},
		{"unknown article", "GET", "/api/articles/nope", 404, ""},
		{"empty id", "GET", "/api/entities/", 404, ""},
		{"unknown api path", "GET", "/api/nope", 404, ""},
		{"unknown page", "GET", "/nope.html", 404, ""},
		{"post to a list", "POST", "/api/quotes", 405, "GET, HEAD"},
		{"delete health", "DELETE", "/healthz", 405, "GET, HEAD"},
		{"put a query", "PUT", "/api/v2/query", 405, "GET, HEAD, POST"},
		{"write on a read-only server", "POST", "/api/v2/write", 405, ""},
		{"cayley delete is not served", "POST", "/api/v2/delete", 404, ""},
		{"post an article to a read-only server", "POST", "/api/articles", 405, "GET, HEAD"},
		{"post to the page", "POST", "/", 405, "GET, HEAD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := do(t, tt.method, srv.URL+tt.path, strings.NewReader("{}"), nil)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tt.status, r.body)
			}
			r.errorText(t)
			if got := r.header.Get("Allow"); tt.status == 405 && got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
		})
	}
}

func TestHandler_Web(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: openStore(t)})
	tests := []struct {
		path, ctype, contains string
	}{
		{"/", "text/html", `<script src="app.js">`},
		{"/app.js", "text/javascript", "function route()"},
		{"/app.css", "text/css", ".quote blockquote"},
	}
	for _, tt := range tests {
		r := get(t, srv.URL+tt.path)
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d", tt.path, r.status)
			continue
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
			t.Errorf("%s: content type %q, want %s", tt.path, ct, tt.ctype)
		}
		if !bytes.Contains(r.body, []byte(tt.contains)) {
			t.Errorf("%s: body lacks %q", tt.path, tt.contains)
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: Content-Security-Policy = %q", tt.path, csp)
		}
	}
	if r := do(t, http.MethodHead, srv.URL+"/", nil, nil); r.status != http.StatusOK {
		t.Errorf("HEAD /: status %d", r.status)
	}
}

func TestHandler_CayleyRead(t *testing.T) {
	t.Parallel()
	st := fixtureStore(t)
	srv := newTestServer(t, Config{Store: st})
	size, err := st.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, ctype string
	}{
		{"nquads", "format=nquads", "application/n-quads"},
		{"json", "format=json", "application/json"},
		{"jsonld", "format=jsonld", "application/ld+json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, srv.URL+"/api/v2/read?"+tt.query)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("content type = %q, want %s", ct, tt.ctype)
			}
			if len(r.body) == 0 {
				t.Error("empty body")
			}
		})
	}
	r := get(t, srv.URL+"/api/v2/read?format=nquads")
	all, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(r.body), false))
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(all)) != size {
		t.Errorf("read %d quads, store has %d", len(all), size)
	}
	// Filter by subject, as cayley's API does.
	r = get(t, srv.URL+"/api/v2/read?format=nquads&sub=%3Cng:entity/person/rick-prior%3E")
	some, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(r.body), false))
	if err != nil {
		t.Fatal(err)
	}
	if len(some) == 0 || len(some) >= len(all) {
		t.Errorf("read %d quads about Rick Prior out of %d", len(some), len(all))
	}
	for _, q := range some {
		if q.Subject != quad.IRI("ng:entity/person/rick-prior") {
			t.Errorf("quad %v has another subject", q)
		}
	}
	r = get(t, srv.URL+"/api/v2/formats")
	for _, f := range []string{`"nquads"`, `"json"`, `"jsonld"`} {
		if !bytes.Contains(r.body, []byte(f)) {
			t.Errorf("formats %s lack %s", r.body, f)
		}
	}
}

// TestHandler_Bolt serves a bolt store, as newsgraph serve does by default.
func TestHandler_Bolt(t *testing.T) {
	t.Parallel()
	if raceEnabled {
		// boltdb's unsafe slice conversions fail -race's checkptr checks.
		t.Skip("bolt store skipped under the race detector (github.com/boltdb/bolt fails checkptr)")
	}
	ctx := context.Background()
	dir := t.TempDir() + "/db"
	st, err := graph.Open(ctx, dir, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(ctx, fixtureDocs(t)); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := graph.Open(ctx, dir, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ro.Close(); err != nil {
			t.Error(err)
		}
	})
	srv := newTestServer(t, Config{Store: ro})
	var rows []queries.QuoteRow
	get(t, srv.URL+"/api/quotes?speaker=Rick+Prior").decode(t, &rows)
	if len(rows) != 3 {
		t.Errorf("%d quotes by Rick Prior on bolt, want 3", len(rows))
	}
	if r := get(t, gizmoURL(srv.URL, `g.emit(g.V().Has("<rdf:type>", "<schema:Quotation>").Count())`)); !bytes.Contains(r.body, []byte("[11]")) {
		t.Errorf("quote count on bolt: %s", r.body)
	}
	if r := get(t, srv.URL+"/api/v2/read?format=nquads&sub=%3Cng:entity/person/rick-prior%3E"); r.status != 200 || len(r.body) == 0 {
		t.Errorf("read on bolt: %d, %d bytes", r.status, len(r.body))
	}
}

// TestHandler_host checks the server answers only for the hosts it
// serves: a page elsewhere that points its own name at the server (DNS
// rebinding) gets 421, not the API.
func TestHandler_host(t *testing.T) {
	srv := newTestServer(t, Config{Store: fixtureStore(t), AllowedHosts: []string{"newsroom.example:8080"}})
	_, port, err := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"LOCALHOST.", http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"newsroom.example", http.StatusOK},
		{"Newsroom.Example:" + port, http.StatusOK},
		{"attacker.example:" + port, http.StatusMisdirectedRequest},
		{"newsroom.example.attacker.example", http.StatusMisdirectedRequest},
	} {
		req, err := http.NewRequest("GET", srv.URL+"/api/entities", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tc.host // the Host header the browser sends
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tc.want {
			t.Errorf("Host %s: status %d, want %d (%s)", tc.host, resp.StatusCode, tc.want, body)
		}
		if tc.want != http.StatusOK && !strings.Contains(string(body), `"error"`) {
			t.Errorf("Host %s: body %s, want a JSON error", tc.host, body)
		}
	}
}
