package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

const metArticleC = "met-supplier-c"

// conflictDocs returns fixtureDocs and a third article on the Met breach,
// from another outlet, that gives 10,000 officers where the first gives
// about 47,000 people, and repeats Rick Prior's first quote.
func conflictDocs(t testing.TB) []graph.Doc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", metArticleC+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(data)
	met := extract.Entity{Key: "org/metropolitan-police-service", Name: "Metropolitan Police Service", Type: extract.Organization,
		Kind: extract.KindPoliceForce, Aliases: []string{"Met"}}
	fed := extract.Entity{Key: "org/metropolitan-police-federation", Name: "Metropolitan Police Federation", Type: extract.Organization,
		Kind: extract.KindStaffAssociation}
	rick := extract.Entity{Key: rickID, Name: "Rick Prior", Type: extract.Person, Roles: []extract.Role{{Title: "chair", Org: fed.Key}}}
	first := strings.Index(body, "\n")
	r := extract.Result{
		ArticleID: metArticleC,
		Entities:  []extract.Entity{mention(body, met), mention(body, fed), mention(body, rick)},
		Quotes: []extract.Quote{
			quote(t, body, "Officers will be worried that their details could end up in the wrong hands,", extract.Direct, rick.Key, metBreachID),
		},
		Events: []extract.Event{{Key: metBreachID, Type: "DataBreach", Name: "Metropolitan Police Service supplier breach",
			Victim: met.Key, Affected: []int{10000}, Evidence: []extract.Span{{Start: 0, End: first}}}},
	}
	doc := graph.Doc{Article: corpus.Article{ID: metArticleC, URL: "https://herald.example/met", Title: "Met says 10,000 officers hit by breach",
		Publisher: "Example Herald", Published: time.Date(2023, 8, 29, 7, 0, 0, 0, time.UTC), Body: body,
		Path: "testdata/met-supplier-c.txt"}, Result: r}
	return append(fixtureDocs(t), doc)
}

func conflictStore(t testing.TB) *graph.Store {
	t.Helper()
	s := openStore(t)
	if _, err := s.Load(context.Background(), conflictDocs(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestHandler_Explain(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: conflictStore(t)})
	tests := []struct {
		name, id   string
		kind       string
		sources    int
		fact, want string // a fact with the sentence one of its evidence gives
	}{
		{"quote", metArticleA + "/2", "quote", 2, "said", `"Officers will be worried that their details could end up in the wrong hands," said Rick Prior`},
		{"entity", rickID, "entity", 3, "role", "Rick Prior, chair of the Metropolitan Police Federation"},
		{"breach", metBreachID, "breach", 3, "affected", "exposed the details of 10,000 officers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := get(t, srv.URL+"/api/explain/"+tt.id)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var x queries.Explanation
			r.decode(t, &x)
			if x.Kind != tt.kind || x.Sources != tt.sources {
				t.Errorf("kind %q, %d sources; want %q, %d", x.Kind, x.Sources, tt.kind, tt.sources)
			}
			found := false
			for _, f := range x.Facts {
				for _, ev := range f.Evidence {
					if f.Fact == tt.fact && strings.Contains(ev.Sentence, tt.want) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no %s evidence with %q in %s", tt.fact, tt.want, r.body)
			}
		})
	}
	r := get(t, srv.URL+"/api/explain/nobody/at-all")
	if r.status != http.StatusNotFound || !strings.Contains(r.errorText(t), "not found") {
		t.Errorf("unknown id: status %d, body %s", r.status, r.body)
	}
}

func TestHandler_Conflicts(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: conflictStore(t)})
	var cs []queries.Conflict
	get(t, srv.URL+"/api/conflicts").decode(t, &cs)
	// The Northbridge outlets disagree on the breach's status.
	if i := slices.IndexFunc(cs, func(c queries.Conflict) bool { return c.Breach == "northbridge-council-breach" }); i < 0 || cs[i].Fact != "status" {
		t.Errorf("conflicts = %+v, want the Northbridge breach's status", cs)
	} else {
		cs = slices.Delete(cs, i, i+1)
	}
	if len(cs) != 1 || cs[0].Breach != metBreachID || cs[0].Fact != "affected" {
		t.Fatalf("conflicts = %+v, want the Met breach's figures", cs)
	}
	var figures []int
	for _, c := range cs[0].Claims {
		figures = append(figures, c.Number)
	}
	if !slices.Equal(figures, []int{10000, 47000}) {
		t.Errorf("figures %v, want [10000 47000]", figures)
	}
	var d BreachDetail
	get(t, srv.URL+"/api/breaches/"+metBreachID).decode(t, &d)
	if len(d.Figures) != 2 || len(d.Conflicts) != 1 {
		t.Errorf("breach figures %+v, conflicts %+v", d.Figures, d.Conflicts)
	}
	var qs []queries.QuoteRow
	get(t, srv.URL+"/api/quotes?min_sources=2").decode(t, &qs)
	if got := quoteIDs(qs); !slices.Equal(got, []string{metArticleA + "/2", metArticleC + "/1"}) {
		t.Errorf("quotes with 2 sources or more = %v", got)
	}
	if r := get(t, srv.URL+"/api/quotes?min_sources=x"); r.status != http.StatusBadRequest {
		t.Errorf("min_sources=x: status %d", r.status)
	}
	for _, v := range []string{"x", "-0.5", "1.5", "NaN"} {
		r := get(t, srv.URL+"/api/quotes?min_confidence="+v)
		if r.status != http.StatusBadRequest {
			t.Errorf("min_confidence=%s: status %d", v, r.status)
		} else if msg := r.errorText(t); !strings.Contains(msg, "min_confidence") || strings.Contains(msg, "\n") {
			t.Errorf("min_confidence=%s: error %q", v, msg)
		}
	}
}
