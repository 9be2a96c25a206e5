package queries_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
	"github.com/newsgraph/newsgraph/queries"
)

func TestSameQuote(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"equal", "We are sorry.", "We are sorry.", true},
		{"punctuation and case", `"We are sorry," `, "we are SORRY", true},
		{"apostrophes", "We’re sorry for our customers’ trouble", "We're sorry for our customers' trouble", true},
		{"one word in ten", "We take the security of our customers' data extremely seriously",
			"We take the security of our customers' data very seriously", true},
		{"two words in ten", "We take the security of our customers' data extremely seriously",
			"We take the safety of our customers' data very seriously", false},
		{"different figure", "hackers stole the details of more than 1,000 customers last week",
			"hackers stole the details of more than 1,200 customers last week", false},
		{"short quotes must be equal", "entirely preventable", "entirely avoidable", false},
		{"three words differ by one", "we are sorry", "we were sorry", false},
		{"one word longer", "We will share what we learn with every customer", "We will share what we learn with every single customer", true},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := queries.SameQuote(tt.a, tt.b); got != tt.want {
				t.Errorf("SameQuote(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := queries.SameQuote(tt.b, tt.a); got != tt.want {
				t.Errorf("SameQuote is not symmetric for %q, %q", tt.a, tt.b)
			}
		})
	}
}

// TestEvidenceGolden checks explain, timeline and conflicts on the
// fixture against golden files.
func TestEvidenceGolden(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		name string
		run  func(ctx context.Context) (any, error)
	}{
		{"explain-quote", func(ctx context.Context) (any, error) { return queries.Explain(ctx, s, "northbridge-a/1") }},
		{"explain-entity", func(ctx context.Context) (any, error) { return queries.Explain(ctx, s, "person/ada-whitlock") }},
		{"explain-breach", func(ctx context.Context) (any, error) {
			return queries.Explain(ctx, s, "<ng:event/northbridge-council-breach>")
		}},
		{"explain-publisher", func(ctx context.Context) (any, error) { return queries.Explain(ctx, s, "org/example-gazette") }},
		{"timeline", func(ctx context.Context) (any, error) { return queries.Timeline(ctx, s, queries.TimelineFilter{}) }},
		{"timeline-entity", func(ctx context.Context) (any, error) {
			return queries.Timeline(ctx, s, queries.TimelineFilter{Entity: "person/tom-reyes"})
		}},
		{"conflicts", func(ctx context.Context) (any, error) { return queries.Conflicts(ctx, s) }},
		{"articles", func(ctx context.Context) (any, error) { return queries.Articles(ctx, s) }},
	}
	// Not in parallel: concurrent reads of one memstore race in cayley
	// (its all-iterator caches a copy of the store).
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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

// TestEvidence_olderStores checks that a store written before evidence
// nodes lost their class and <schema:isPartOf> and before sentence nodes
// (evidence and quotes held their sentences) answers every query, and
// exports, as one written since.
func TestEvidence_olderStores(t *testing.T) {
	old := fixtureStoreWith(t, func(qs []quad.Quad) []quad.Quad {
		sentences := map[quad.Value][]quad.Quad{}
		for _, q := range qs {
			if graph.ID(q.Subject, graph.SentencePrefix) != "" {
				sentences[q.Subject] = append(sentences[q.Subject], q)
			}
		}
		var out []quad.Quad
		for _, q := range qs {
			switch {
			case graph.ID(q.Subject, graph.SentencePrefix) != "":
				// Gone: the evidence node held the sentence.
			case q.Predicate == graph.InSentence:
				// Evidence held the sentence as ng:sentence, ng:start and
				// ng:end, quotes as ng:sentence, ng:sentenceStart and
				// ng:sentenceEnd.
				names := map[quad.Value]quad.IRI{graph.Text: graph.Sentence, graph.Start: graph.Start, graph.End: graph.End}
				if graph.ID(q.Subject, graph.QuotePrefix) != "" {
					names[graph.Start], names[graph.End] = graph.SentenceStart, graph.SentenceEnd
				}
				for _, sq := range sentences[q.Object] {
					out = append(out, quad.Quad{Subject: q.Subject, Predicate: names[sq.Predicate], Object: sq.Object, Label: q.Label})
				}
			case q.Predicate == graph.RDFSubject:
				art := graph.ArticleIRI(graph.LabelArticle(q.Label))
				out = append(out, q,
					quad.Quad{Subject: q.Subject, Predicate: graph.RDFType, Object: quad.IRI("ng:Evidence"), Label: q.Label},
					quad.Quad{Subject: q.Subject, Predicate: graph.IsPartOf, Object: art, Label: q.Label})
			default:
				out = append(out, q)
			}
		}
		return out
	})
	cur := fixtureStore(t)
	ctx := context.Background()
	if a, b := mustSize(t, old), mustSize(t, cur); a <= b {
		t.Fatalf("the older store holds %d quads, the current %d: the older layout was not made", a, b)
	}
	answers := func(s *graph.Store) map[string]any {
		out := map[string]any{}
		add := func(name string, v any, err error) {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out[name] = v
		}
		for _, id := range []string{"northbridge-a/1", "person/ada-whitlock", "northbridge-council-breach", "org/example-gazette"} {
			x, err := queries.Explain(ctx, s, id)
			add("explain "+id, x, err)
		}
		tl, err := queries.Timeline(ctx, s, queries.TimelineFilter{})
		add("timeline", tl, err)
		c, err := queries.Conflicts(ctx, s)
		add("conflicts", c, err)
		q, err := queries.Quotes(ctx, s, queries.QuoteFilter{})
		add("quotes", q, err)
		e, err := queries.Entities(ctx, s, queries.EntityFilter{})
		add("entities", e, err)
		b, err := queries.Breaches(ctx, s)
		add("breaches", b, err)
		for _, format := range []string{"dot", "graphml"} {
			var b bytes.Buffer
			err := queries.Export(ctx, s, format, &b)
			add(format, b.String(), err)
		}
		return out
	}
	want, got := answers(cur), answers(old)
	for name, w := range want {
		wj, _ := json.MarshalIndent(w, "", " ")
		gj, _ := json.MarshalIndent(got[name], "", " ")
		if !bytes.Equal(wj, gj) {
			t.Errorf("%s on an older store:\n%s\nwant\n%s", name, gj, wj)
		}
	}
}

func mustSize(t *testing.T, s *graph.Store) int64 {
	t.Helper()
	n, err := s.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestExplain(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	ctx := context.Background()
	x, err := queries.Explain(ctx, s, "northbridge-council-breach")
	if err != nil {
		t.Fatal(err)
	}
	if x.Kind != "breach" || x.Sources != 2 || x.Publishers != 2 {
		t.Errorf("breach: kind %q, %d sources, %d publishers; want breach, 2, 2", x.Kind, x.Sources, x.Publishers)
	}
	arts, _ := testutil.Fixture()
	bodies := map[string]string{}
	for _, a := range arts {
		bodies[a.ID] = a.Body
	}
	var affected *queries.Fact
	for i, f := range x.Facts {
		if f.Fact == "affected" {
			affected = &x.Facts[i]
		}
		for _, ev := range f.Evidence {
			// Every sentence is the article's text at its offsets.
			if ev.Sentence != "" && strings.TrimSpace(bodies[ev.Article][ev.Start:ev.End]) != ev.Sentence {
				t.Errorf("%s %s: sentence %q is not %s[%d:%d]", f.Fact, f.Value, ev.Sentence, ev.Article, ev.Start, ev.End)
			}
		}
	}
	if affected == nil || affected.Value != "4000" || len(affected.Evidence) != 1 ||
		!strings.Contains(affected.Evidence[0].Sentence, "about 4,000 staff") || affected.Evidence[0].Publisher != "Example Gazette" {
		t.Errorf("affected = %+v, want 4000 from Example Gazette's sentence", affected)
	}
	for _, id := range []string{"nobody", "northbridge-a/99", ""} {
		if _, err := queries.Explain(ctx, s, id); !errors.Is(err, queries.ErrNotFound) {
			t.Errorf("Explain(%q) error = %v, want ErrNotFound", id, err)
		}
	}
}

func TestQuotes_minSources(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	ctx := context.Background()
	all, err := queries.Quotes(ctx, s, queries.QuoteFilter{MinSources: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Errorf("MinSources 1: %d quotes, want all 6", len(all))
	}
	for _, q := range all {
		if q.Sources != 1 || q.Publishers != 1 {
			t.Errorf("quote %s: %d sources, %d publishers; the fixture reports each quote once", q.ID, q.Sources, q.Publishers)
		}
	}
	if two, err := queries.Quotes(ctx, s, queries.QuoteFilter{MinSources: 2}); err != nil || len(two) != 0 {
		t.Errorf("MinSources 2: %v, %v; want none", two, err)
	}
}

// TestExport_roundTrip exports the fixture as N-Quads and JSON-LD and
// imports each into an empty store: the stores must hold the same quads.
func TestExport_roundTrip(t *testing.T) {
	t.Parallel()
	src := fixtureStore(t)
	ctx := context.Background()
	want, err := src.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"nquads", "jsonld"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := queries.Export(ctx, src, format, &buf); err != nil {
				t.Fatal(err)
			}
			dst, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			n, err := queries.Import(ctx, dst, format, bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) {
				t.Errorf("imported %d quads, want %d", n, len(want))
			}
			got, err := dst.Dump(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, want, func(a, b quad.Quad) bool { return a.NQuad() == b.NQuad() }) {
				t.Errorf("round trip changed the graph: %d quads, want %d", len(got), len(want))
			}
			// The named queries answer the same.
			b1, err1 := queries.Breaches(ctx, src)
			b2, err2 := queries.Breaches(ctx, dst)
			j1, _ := json.Marshal(b1)
			j2, _ := json.Marshal(b2)
			if err1 != nil || err2 != nil || !bytes.Equal(j1, j2) {
				t.Errorf("breaches differ after the round trip: %v %v\n%s\n%s", err1, err2, j1, j2)
			}
			q1, err1 := queries.Quotes(ctx, src, queries.QuoteFilter{})
			q2, err2 := queries.Quotes(ctx, dst, queries.QuoteFilter{})
			j1, _ = json.Marshal(q1)
			j2, _ = json.Marshal(q2)
			if err1 != nil || err2 != nil || !bytes.Equal(j1, j2) {
				t.Errorf("quotes differ after the round trip: %v %v\n%s\n%s", err1, err2, j1, j2)
			}
			// Importing again is refused: the store is no longer empty.
			if _, err := queries.Import(ctx, dst, format, bytes.NewReader(buf.Bytes())); !errors.Is(err, queries.ErrNotEmpty) {
				t.Errorf("second import: %v, want ErrNotEmpty", err)
			}
		})
	}
	if err := queries.Export(ctx, src, "xml", &bytes.Buffer{}); !errors.Is(err, queries.ErrFormat) {
		t.Errorf("export xml: %v, want ErrFormat", err)
	}
	if _, err := queries.Import(ctx, src, "csv", strings.NewReader("")); !errors.Is(err, queries.ErrFormat) && !errors.Is(err, queries.ErrNotEmpty) {
		t.Errorf("import csv: %v", err)
	}
}

func TestImport_badInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in := "<a> <b> <c> <l> .\n<a> <b> this is not a quad\n"
	_, err = queries.Import(ctx, s, "nquads", strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "quad 2") {
		t.Errorf("bad N-Quads: %v, want an error naming quad 2", err)
	}
}

// TestExport_graphml checks the GraphML is well-formed and gives every
// node a type and a label, as Gephi reads them, and every edge a
// predicate and weight.
func TestExport_graphml(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	var buf bytes.Buffer
	if err := queries.Export(context.Background(), s, "graphml", &buf); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "testdata/northbridge.graphml", buf.Bytes())
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	nodes := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		d := map[string]string{}
		for _, x := range n.Data {
			d[x.Key] = x.Value
		}
		nodes[n.ID] = d
		if d["type"] == "" || d["label"] == "" {
			t.Errorf("node %s has type %q and label %q", n.ID, d["type"], d["label"])
		}
		if strings.HasPrefix(n.ID, graph.EvidencePrefix) {
			t.Errorf("evidence node %s in the GraphML", n.ID)
		}
	}
	if d := nodes["ng:entity/person/ada-whitlock"]; d["type"] != "Person" || d["label"] != "Ada Whitlock" {
		t.Errorf("Ada Whitlock = %v", d)
	}
	if d := nodes["ng:event/northbridge-council-breach"]; d["type"] != "DataBreach" {
		t.Errorf("breach node = %v", d)
	}
	weights := map[string]string{}
	for _, e := range doc.Graph.Edges {
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s -> %s joins a node not declared", e.Source, e.Target)
		}
		d := map[string]string{}
		for _, x := range e.Data {
			d[x.Key] = x.Value
		}
		weights[e.Source+" "+d["elabel"]+" "+e.Target] = d["weight"]
	}
	// Both articles name the ICO as the body the breach was reported to.
	if w := weights["ng:event/northbridge-council-breach reportedTo ng:entity/org/information-commissioners-office"]; w != "2" {
		t.Errorf("reportedTo edge weight %q, want 2", w)
	}
}

func TestExport_dot(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	var buf bytes.Buffer
	if err := queries.Export(context.Background(), s, "dot", &buf); err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, "testdata/northbridge.dot", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		"digraph newsgraph {",
		`"ng:entity/person/ada-whitlock" [label="Ada Whitlock", shape=ellipse`,
		`"ng:quote/northbridge-a/1" -> "ng:entity/person/ada-whitlock" [label="creator", weight=1];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("DOT lacks %q", want)
		}
	}
	if !strings.HasSuffix(out, "}\n") || strings.Count(out, "{") != strings.Count(out, "}") {
		t.Error("DOT braces do not balance")
	}
}

func TestExportCSV(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	var nodes, edges bytes.Buffer
	if err := queries.ExportCSV(context.Background(), s, &nodes, &edges); err != nil {
		t.Fatal(err)
	}
	nrows, err := csv.NewReader(&nodes).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	erows, err := csv.NewReader(&edges).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(nrows[0][:3], []string{"id", "type", "label"}) || !slices.Equal(erows[0], []string{"source", "target", "predicate", "weight", "articles"}) {
		t.Fatalf("headers %v and %v", nrows[0], erows[0])
	}
	ids := map[string]bool{}
	for _, r := range nrows[1:] {
		ids[r[0]] = true
	}
	found := false
	for _, r := range erows[1:] {
		if !ids[r[0]] || !ids[r[1]] {
			t.Errorf("edge %v joins a node not listed", r)
		}
		if r[0] == "ng:entity/person/ada-whitlock" && r[2] == "role" {
			found = r[4] == "northbridge-a northbridge-b" && r[3] == "2"
		}
	}
	if !found {
		t.Error("no role edge of Ada Whitlock stated by both articles")
	}
}
