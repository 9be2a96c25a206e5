package queries_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
	"github.com/newsgraph/newsgraph/queries"
)

const fixtureNQ = "testdata/northbridge.nq"

// fixtureStore returns a memory store holding testdata/northbridge.nq. The
// fixture itself is checked against a fresh load of testutil.Fixture, so
// go test -update regenerates it when the mapping changes.
func fixtureStore(t *testing.T) *graph.Store {
	t.Helper()
	return fixtureStoreWith(t, nil)
}

// fixtureStoreWith is fixtureStore holding what rewrite makes of the
// fixture's quads.
func fixtureStoreWith(t *testing.T, rewrite func([]quad.Quad) []quad.Quad) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	f, err := os.Open(fixtureNQ)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := quad.ReadAll(nquads.NewReader(f, false))
	if err != nil {
		t.Fatalf("read %s: %v", fixtureNQ, err)
	}
	if rewrite != nil {
		qs = rewrite(qs)
	}
	if err := s.AddQuads(ctx, qs); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFixture(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	arts, results := testutil.Fixture()
	var docs []graph.Doc
	for i := range arts {
		docs = append(docs, graph.Doc{Article: arts[i], Result: results[i]})
	}
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	qs, err := s.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, fixtureNQ, buf.Bytes())
}

// TestNamed runs every named query over the fixture graph and compares its
// rows with testdata/northbridge.<case>.json.
func TestNamed(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		name string
		run  func(ctx context.Context) (any, error)
	}{
		{"quotes", func(ctx context.Context) (any, error) { return queries.Quotes(ctx, s, queries.QuoteFilter{}) }},
		{"quotes-speaker-alias", func(ctx context.Context) (any, error) {
			return queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: "ms WHITLOCK"})
		}},
		{"quotes-speaker-id", func(ctx context.Context) (any, error) {
			return queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: "person/tom-reyes"})
		}},
		{"quotes-article", func(ctx context.Context) (any, error) {
			return queries.Quotes(ctx, s, queries.QuoteFilter{Article: "northbridge-b"})
		}},
		{"quotes-breach-text", func(ctx context.Context) (any, error) {
			return queries.Quotes(ctx, s, queries.QuoteFilter{Breach: "northbridge-council-breach", Text: "Sorry"})
		}},
		{"quotes-no-match", func(ctx context.Context) (any, error) {
			return queries.Quotes(ctx, s, queries.QuoteFilter{Breach: "no-such-breach"})
		}},
		{"entities", func(ctx context.Context) (any, error) { return queries.Entities(ctx, s, queries.EntityFilter{}) }},
		{"entities-person", func(ctx context.Context) (any, error) {
			return queries.Entities(ctx, s, queries.EntityFilter{Type: "person"})
		}},
		{"entities-name", func(ctx context.Context) (any, error) {
			return queries.Entities(ctx, s, queries.EntityFilter{Name: "city council"})
		}},
		{"entity", func(ctx context.Context) (any, error) { return queries.Entity(ctx, s, "person/tom-reyes") }},
		{"breaches", func(ctx context.Context) (any, error) { return queries.Breaches(ctx, s) }},
		{"breach", func(ctx context.Context) (any, error) { return queries.Breach(ctx, s, "northbridge-council-breach") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, "testdata/northbridge."+tt.name+".json", append(b, '\n'))
		})
	}
}

// TestQuotes checks the facts the golden files hold that matter most.
func TestQuotes(t *testing.T) {
	s := fixtureStore(t)
	rows, err := queries.Quotes(context.Background(), s, queries.QuoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("got %d quotes, want 6", len(rows))
	}
	q := rows[0]
	want := queries.QuoteRow{ID: "northbridge-a/1", Speaker: "Ada Whitlock", SpeakerID: "person/ada-whitlock",
		SpeakerType: "person", Direct: true, Kind: "direct", Article: "northbridge-a",
		Breach: "northbridge-council-breach", BreachVictim: "Northbridge Council"}
	if q.ID != want.ID || q.Speaker != want.Speaker || q.SpeakerID != want.SpeakerID || q.SpeakerType != want.SpeakerType ||
		q.Direct != want.Direct || q.Kind != want.Kind || q.Article != want.Article || q.Breach != want.Breach ||
		q.BreachVictim != want.BreachVictim {
		t.Errorf("first quote = %+v, want %+v", q, want)
	}
	for _, r := range rows {
		if r.Kind == "indirect" && r.Direct {
			t.Errorf("indirect quote %s marked direct", r.ID)
		}
		if r.Speaker == "Northbridge Council" && r.SpeakerType != "organization" {
			t.Errorf("council quote has speaker_type %q", r.SpeakerType)
		}
	}
}

func TestEntity_notFound(t *testing.T) {
	s := fixtureStore(t)
	if _, err := queries.Entity(context.Background(), s, "person/nobody"); !errors.Is(err, queries.ErrNotFound) {
		t.Errorf("Entity(nobody) = %v, want ErrNotFound", err)
	}
	if _, err := queries.Breach(context.Background(), s, "nothing"); !errors.Is(err, queries.ErrNotFound) {
		t.Errorf("Breach(nothing) = %v, want ErrNotFound", err)
	}
}

func TestGizmo(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		name    string
		src     string
		limit   int
		timeout time.Duration
		want    string // JSON of the results
		wantErr string
	}{
		{name: "count", src: `g.Emit(g.V().Has("<rdf:type>", "<schema:Quotation>").Count())`, want: `[6]`},
		{name: "count as value", src: `g.V().Has("<rdf:type>", "<schema:Quotation>").Count()`, want: `[6]`},
		{name: "path as value", src: `g.V().Has("<rdf:type>", "<schema:Quotation>")`, want: `[]`},
		{name: "emit object", src: `g.Emit({n: 1, s: "x", l: [true]})`, want: `[{"l":[true],"n":1,"s":"x"}]`},
		{name: "all", src: `g.V("<ng:entity/person/tom-reyes>").Out("<schema:name>").All()`, want: `[{"id":"Tom Reyes"}]`},
		{name: "provenance", src: `g.V("<ng:entity/person/tom-reyes>").Labels().All()`,
			want: `[{"id":"\u003cng:article/northbridge-b\u003e"}]`},
		{name: "limit", src: `g.V().Has("<rdf:type>", "<schema:Quotation>").All()`, limit: 2,
			want: `[{"id":"\u003cng:quote/northbridge-a/1\u003e"},{"id":"\u003cng:quote/northbridge-a/2\u003e"}]`},
		{name: "syntax error", src: `g.V(.All()`, wantErr: "SyntaxError"},
		{name: "runtime error", src: `g.V().NoSuchStep()`, wantErr: "NoSuchStep"},
		{name: "endless loop", src: `while (true) {}`, timeout: 200 * time.Millisecond, wantErr: "timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			got, err := queries.Gizmo(context.Background(), s, tt.src, tt.limit, tt.timeout)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("err = %v, want one line containing %q", err, tt.wantErr)
				}
				if tt.timeout > 0 && !errors.Is(err, queries.ErrTimeout) {
					t.Errorf("err = %v, want ErrTimeout", err)
				}
				if d := time.Since(start); d > tt.timeout+2*time.Second {
					t.Errorf("query took %s to stop", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got %s, want %s", b, tt.want)
			}
		})
	}
}

func TestGizmo_cancel(t *testing.T) {
	s := fixtureStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	if _, err := queries.Gizmo(ctx, s, `for (;;) { g.V().Count() }`, 0, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRun_unknown(t *testing.T) {
	s := fixtureStore(t)
	for _, name := range []string{"nope", "lib"} {
		if _, err := queries.Run(context.Background(), s, name, nil); !errors.Is(err, queries.ErrUnknownQuery) {
			t.Errorf("Run(%q) = %v, want ErrUnknownQuery", name, err)
		}
	}
	if got := strings.Join(queries.Names(), ","); got != "breaches,entities,quotes" {
		t.Errorf("Names() = %s", got)
	}
}
