package queries

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// fastStores returns stores to compare the Go and Gizmo queries on: the
// northbridge fixture in memory, in bolt and (when a test server is set)
// in PostgreSQL, and a small synthetic corpus in memory.
func fastStores(t *testing.T) map[string]*graph.Store {
	t.Helper()
	ctx := context.Background()
	// northbridge-before-cues.nq is the fixture as stores written before
	// quotes had cues, mentions and confidences (and breaches attackers,
	// kinds, statuses and dates) hold it.
	fixtures := map[string][]quad.Quad{}
	for _, name := range []string{"northbridge", "northbridge-before-cues"} {
		f, err := os.Open(filepath.Join("testdata", name+".nq"))
		if err != nil {
			t.Fatal(err)
		}
		qs, err := quad.ReadAll(nquads.NewReader(f, false))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		fixtures[name] = qs
	}
	var docs []graph.Doc
	for _, d := range synth.Generate(synth.Config{Articles: 20, Seed: 3, LongNames: synth.Sometimes}) {
		docs = append(docs, graph.Doc{Article: d.Article, Result: d.Truth})
	}
	out := map[string]*graph.Store{}
	backends := []string{"memory", "bolt"}
	if os.Getenv(pgtest.EnvVar) != "" || os.Getenv("CI") == "true" {
		// PostgreSQL runs the Gizmo queries, but answers from stored
		// answers filtered in Go: the same filters must give the same rows.
		backends = append(backends, "postgres")
	}
	for _, backend := range backends {
		for _, data := range []string{"northbridge", "northbridge-before-cues", "synth"} {
			if backend != "memory" && data == "synth" {
				continue // the Gizmo queries take seconds on it; the fixture covers bolt
			}
			dsn := graph.DSNMemory
			switch backend {
			case "bolt":
				dsn = filepath.Join(t.TempDir(), "graph.db")
			case "postgres":
				dsn = pgtest.NewDSN(t)
			}
			s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Error(err)
				}
			})
			if fixture, ok := fixtures[data]; ok {
				err = s.AddQuads(ctx, fixture)
			} else {
				_, err = s.Load(ctx, docs)
			}
			if err != nil {
				t.Fatal(err)
			}
			if backend != "postgres" && !fastStore(s) {
				t.Fatalf("%s: the fast queries do not serve this store", backend)
			}
			out[backend+"/"+data] = s
		}
	}
	return out
}

// TestFast_sameAsGizmo checks that the Go queries (what Quotes, Entities
// and Breaches run on bolt and in-memory stores) give the rows the Gizmo
// queries give, for every kind of filter.
func TestFast_sameAsGizmo(t *testing.T) {
	ctx := context.Background()
	for name, s := range fastStores(t) {
		t.Run(name, func(t *testing.T) {
			ents, err := Entities(ctx, s, EntityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			bs, err := Breaches(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			qs, err := Quotes(ctx, s, QuoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ents) == 0 || len(bs) == 0 || len(qs) == 0 {
				t.Fatalf("%d entities, %d breaches, %d quotes: the store is too thin to compare", len(ents), len(bs), len(qs))
			}

			entityFilters := []EntityFilter{{}, {Type: "person"}, {Type: "Organization"}, {Type: "place"},
				{Name: "police"}, {Name: strings.ToUpper(ents[0].Name[:3])}, {Type: "person", Name: "a"}, {Name: "no such name"}}
			for _, f := range entityFilters {
				got, err := Entities(ctx, s, f)
				if err != nil {
					t.Fatal(err)
				}
				want, err := gizmoEntities(ctx, s, map[string]any{
					"type": strings.ToLower(strings.TrimSpace(f.Type)), "name": strings.ToLower(strings.TrimSpace(f.Name))})
				if err == nil {
					err = withRoleSources(ctx, s, want)
				}
				if err != nil {
					t.Fatal(err)
				}
				same(t, "entities "+strings.TrimSpace(f.Type+" "+f.Name), got, want)
			}
			for _, e := range []EntityRow{ents[0], ents[len(ents)/2], ents[len(ents)-1], {ID: "person/nobody"}} {
				params := map[string]any{"id": graph.EntityIRI(e.ID).String()}
				got, err := entities(ctx, s, params)
				if err != nil {
					t.Fatal(err)
				}
				want, err := gizmoEntities(ctx, s, params)
				if err == nil {
					err = withRoleSources(ctx, s, want)
				}
				if err != nil {
					t.Fatal(err)
				}
				same(t, "entity "+e.ID, got, want)
			}

			for _, id := range []string{"", bs[0].ID, bs[len(bs)-1].ID, "no/such/breach"} {
				params := map[string]any{}
				if id != "" {
					params["id"] = graph.EventIRI(id).String()
				}
				got, err := breaches(ctx, s, params)
				if err != nil {
					t.Fatal(err)
				}
				want, err := gizmoBreaches(ctx, s, params)
				if err == nil {
					err = withBreachFacts(ctx, s, want)
				}
				if err != nil {
					t.Fatal(err)
				}
				same(t, "breaches "+id, got, want)
			}

			q := qs[len(qs)/2]
			var alias string
			for _, r := range qs {
				if len(r.SpeakerAliases) > 0 {
					alias = r.SpeakerAliases[0]
				}
			}
			quoteFilters := []QuoteFilter{
				{},
				{Speaker: q.Speaker},
				{Speaker: "  " + strings.ToUpper(q.Speaker) + " "},
				{Speaker: q.SpeakerID},
				{Speaker: alias},
				{Speaker: qs[0].Speaker, Article: qs[0].Article},
				{Speaker: "Nobody At All"},
				{Speaker: "nobody"},
				// words of a name: the surname, the first name, a part of an alias
				{Speaker: lastWord(q.Speaker)},
				{Speaker: strings.ToLower(strings.Fields(q.Speaker)[0])},
				{Speaker: lastWord(alias)},
				{Speaker: "police"},
				{Speaker: "council"},
				{Article: q.Article},
				{Breach: q.Breach},
				{Breach: q.Breach, Text: strings.ToUpper(strings.Fields(q.Text)[0])},
				{Text: "the"},
				{Article: "no-such-article"},
				{MinConfidence: 0.5},
				{MinConfidence: 1},
				{Article: q.Article, MinConfidence: 0.9},
			}
			for _, f := range quoteFilters {
				got, err := Quotes(ctx, s, f)
				if err != nil {
					t.Fatal(err)
				}
				want, err := gizmoQuotes(ctx, s, quoteParams(f))
				if err == nil {
					want, err = withQuoteSources(ctx, s, want, f)
				}
				if err != nil {
					t.Fatal(err)
				}
				same(t, "quotes "+strings.Join([]string{f.Speaker, f.Article, f.Breach, f.Text, fmt.Sprint(f.MinConfidence)}, "|"), got, want)
			}
		})
	}
}

// lastWord is the last word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// quoteParams builds the parameters Quotes passes to its query.
func quoteParams(f QuoteFilter) map[string]any {
	params := map[string]any{
		"speaker": strings.ToLower(strings.TrimSpace(f.Speaker)),
		"text":    strings.ToLower(strings.TrimSpace(f.Text)),
	}
	if f.Speaker != "" {
		params["speaker_iri"] = graph.EntityIRI(strings.TrimSpace(f.Speaker)).String()
	}
	if f.Article != "" {
		params["article"] = graph.ArticleIRI(f.Article).String()
	}
	if f.Breach != "" {
		params["breach"] = graph.EventIRI(f.Breach).String()
	}
	return params
}

func same[T any](t *testing.T, what string, got, want []T) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, Gizmo gives %d", what, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: row %d:\n got  %+v\n want %+v", what, i, got[i], want[i])
			return
		}
	}
}

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		"Rick Prior":                  "rick prior",
		"  The Metropolitan Police  ": "metropolitan police",
		"O\u2019Brien-Smith, Jo":      "o'brien smith jo",
		"'Quoted' Name":               "quoted name",
		"Zo\u00eb \U0001F600 Adams":   "zo\u00eb \U0001F600 adams",
		"Information Commissioner's":  "information commissioner's",
		"the":                         "the",
		"":                            "",
	} {
		if got := nameKey(in); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuotes_speakerWords: a speaker filter finds a speaker by any word of
// its name or an alias, on every path (Go, stored answers, Gizmo).
func TestQuotes_speakerWords(t *testing.T) {
	ctx := context.Background()
	for name, s := range fastStores(t) {
		if !strings.HasSuffix(name, "/northbridge") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			whole, err := Quotes(ctx, s, QuoteFilter{Speaker: "Ada Whitlock"})
			if err != nil {
				t.Fatal(err)
			}
			if len(whole) == 0 {
				t.Fatal("Ada Whitlock has no quotes in the fixture")
			}
			for _, sp := range []string{"Whitlock", "ada", "WHITLOCK ", "ms whitlock"} {
				for path, run := range map[string]func() ([]QuoteRow, error){
					"Quotes": func() ([]QuoteRow, error) { return Quotes(ctx, s, QuoteFilter{Speaker: sp}) },
					"gizmo":  func() ([]QuoteRow, error) { return gizmoQuotes(ctx, s, quoteParams(QuoteFilter{Speaker: sp})) },
					"fast":   func() ([]QuoteRow, error) { return fastQuotes(ctx, s, quoteParams(QuoteFilter{Speaker: sp})) },
				} {
					got, err := run()
					if err != nil {
						t.Fatal(err)
					}
					if len(got) != len(whole) {
						t.Errorf("%s --speaker %q: %d quotes, Ada Whitlock has %d", path, sp, len(got), len(whole))
					}
					for _, q := range got {
						if q.Speaker != "Ada Whitlock" {
							t.Errorf("%s --speaker %q: a quote by %q", path, sp, q.Speaker)
						}
					}
				}
			}
			for _, sp := range []string{"Whitlok", "Ad", "lock"} {
				if got, err := Quotes(ctx, s, QuoteFilter{Speaker: sp}); err != nil || len(got) != 0 {
					t.Errorf("--speaker %q: %d quotes (%v), want none", sp, len(got), err)
				}
			}
		})
	}
}
