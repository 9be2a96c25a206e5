package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// The evidence corpus (testdata/evidence, written for these tests): two
// invented breaches, each reported by several outlets that disagree on the
// number of people affected, with a quote two outlets report.
//
//	Acme Health:   The Daily Ledger (2 articles) 9,276 customers; Northern
//	               Courier 10,000. Jane Doe's apology in the Ledger and the
//	               Courier.
//	Kestrel Water: Northern Courier "more than 1,000", The Daily Ledger
//	               "more than 1,200", Harbour Gazette 1,230. Omar Patel's
//	               quote in the Courier and (one word apart) the Ledger.
const evidenceCorpus = "testdata/evidence"

// loadEvidence loads the evidence corpus with the real extractor into a
// new bolt store and returns its path.
func loadEvidence(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "evidence.db")
	if r := newsgraph(t, "", "load", "--db", db, "--quiet", evidenceCorpus); r.code != exitOK {
		t.Fatalf("load exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	return db
}

// jsonOf runs a command that prints JSON and decodes it into v.
func jsonOf(t *testing.T, v any, args ...string) {
	t.Helper()
	r := newsgraph(t, "", args...)
	if r.code != exitOK {
		t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, r.stdout)
	}
}

func TestEvidence(t *testing.T) {
	db := loadEvidence(t)

	t.Run("corroborated quotes", func(t *testing.T) {
		var qs []queries.QuoteRow
		jsonOf(t, &qs, "quotes", "--db", db, "--format", "json", "--min-sources", "2")
		got := map[string][]string{}
		for _, q := range qs {
			if q.Sources != 2 || q.Publishers != 2 {
				t.Errorf("quote %s: %d sources, %d publishers; want 2 and 2", q.ID, q.Sources, q.Publishers)
			}
			got[q.Speaker] = append(got[q.Speaker], q.Article)
		}
		want := map[string][]string{
			"Jane Doe":   {"courier-acme-hack", "ledger-acme-hack"},
			"Omar Patel": {"courier-kestrel-water", "ledger-kestrel-water"},
		}
		if len(got) != len(want) || !slices.Equal(got["Jane Doe"], want["Jane Doe"]) || !slices.Equal(got["Omar Patel"], want["Omar Patel"]) {
			t.Errorf("quotes reported twice: %v, want %v", got, want)
		}
		var all []queries.QuoteRow
		jsonOf(t, &all, "quotes", "--db", db, "--format", "json")
		if len(all) <= len(qs) {
			t.Errorf("%d quotes in all, %d with 2 sources: --min-sources filters nothing", len(all), len(qs))
		}
	})

	t.Run("breach figures", func(t *testing.T) {
		var bs []queries.BreachRow
		jsonOf(t, &bs, "breaches", "--db", db, "--format", "json")
		figures := map[string][]string{}
		for _, b := range bs {
			for _, f := range b.Figures {
				figures[b.ID] = append(figures[b.ID], strings.Join(f.Wordings, "/")+" by "+strings.Join(f.PublisherNames, ", "))
			}
		}
		want := map[string][]string{
			"breach/acme-health-ltd/hack": {"9,276 customers by The Daily Ledger", "10,000 customers by Northern Courier"},
			"breach/kestrel-water/hack": {"more than 1,000 customers by Northern Courier", "more than 1,200 customers by The Daily Ledger",
				"1,230 customers by Harbour Gazette"},
		}
		for id, w := range want {
			if !slices.Equal(figures[id], w) {
				t.Errorf("%s figures %q, want %q", id, figures[id], w)
			}
		}
	})

	t.Run("conflicts", func(t *testing.T) {
		var cs []queries.Conflict
		jsonOf(t, &cs, "conflicts", "--db", db, "--format", "json")
		var got []string
		for _, c := range cs {
			var nums []string
			for _, cl := range c.Claims {
				nums = append(nums, cl.Value)
			}
			got = append(got, c.Breach+" "+c.Fact+" "+strings.Join(nums, " "))
		}
		want := []string{"breach/acme-health-ltd/hack affected 9276 10000", "breach/kestrel-water/hack affected 1000 1200 1230"}
		if !slices.Equal(got, want) {
			t.Errorf("conflicts %q, want %q", got, want)
		}
		r := newsgraph(t, "", "conflicts", "--db", db)
		if !strings.Contains(r.stdout, "9,276 customers (2 articles: The Daily Ledger) vs 10,000 customers (1 article: Northern Courier)") {
			t.Errorf("conflicts table:\n%s", r.stdout)
		}
	})

	t.Run("explain", func(t *testing.T) {
		bodies := map[string]string{}
		for _, id := range []string{"courier-acme-hack", "ledger-acme-hack", "ledger-acme-followup"} {
			b, err := os.ReadFile(filepath.Join(evidenceCorpus, id+".md"))
			if err != nil {
				t.Fatal(err)
			}
			bodies[id] = string(b)
		}
		var x queries.Explanation
		jsonOf(t, &x, "explain", "--db", db, "--format", "json", "breach/acme-health-ltd/hack")
		if x.Kind != "breach" || x.Sources != 3 || x.Publishers != 2 {
			t.Errorf("breach: %s, %d sources, %d publishers; want breach, 3, 2", x.Kind, x.Sources, x.Publishers)
		}
		found := 0
		for _, f := range x.Facts {
			if f.Fact != "affected" {
				continue
			}
			for _, ev := range f.Evidence {
				found++
				if ev.Publisher == "" || ev.Published == "" || ev.URL == "" || ev.End <= ev.Start {
					t.Errorf("affected %s evidence lacks metadata or offsets: %+v", f.Value, ev)
				}
				num := map[string]string{"9276": "9,276", "10000": "10,000"}[f.Value]
				if !strings.Contains(ev.Sentence, num) || !strings.Contains(bodies[ev.Article], ev.Sentence) {
					t.Errorf("affected %s: sentence %q is not the article's sentence giving %s", f.Value, ev.Sentence, num)
				}
			}
		}
		if found != 3 {
			t.Errorf("%d articles give a figure, want 3", found)
		}

		jsonOf(t, &x, "explain", "--db", db, "--format", "json", "ledger-acme-hack/2")
		if x.Kind != "quote" || x.Speaker != "Jane Doe" || x.Sources != 2 || len(x.Facts) != 1 || len(x.Facts[0].Evidence) != 2 {
			t.Fatalf("quote explanation %+v", x)
		}
		for _, ev := range x.Facts[0].Evidence {
			if !strings.Contains(ev.Sentence, "said Jane Doe") || ev.Quote == "" {
				t.Errorf("quote evidence %+v", ev)
			}
		}

		jsonOf(t, &x, "explain", "--db", db, "--format", "json", "person/jane-doe")
		var role *queries.Fact
		for i := range x.Facts {
			if x.Facts[i].Fact == "role" {
				role = &x.Facts[i]
			}
		}
		if role == nil || role.Value != "chief executive, Acme Health Ltd" || role.Sources != 3 || role.Publishers != 2 {
			t.Errorf("Jane Doe's role = %+v", role)
		}

		r := newsgraph(t, "", "explain", "--db", db, "breach/kestrel-water/hack")
		for _, want := range []string{"breach breach/kestrel-water/hack: Kestrel Water hack", "3 articles, 3 publishers",
			"affected: 1230 (1 article, 1 publisher)", "2024-05-14  Harbour Gazette  gazette-kestrel-water"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("explain text lacks %q:\n%s", want, r.stdout)
			}
		}
		if r := newsgraph(t, "", "explain", "--db", db, "no/such/thing"); r.code != exitUsage || !strings.Contains(r.stderr, "no such id") {
			t.Errorf("unknown id: exit %d, %s", r.code, r.stderr)
		}
		if r := newsgraph(t, "", "explain", "--db", db); r.code != exitUsage {
			t.Errorf("no id: exit %d, want %d", r.code, exitUsage)
		}
	})

	t.Run("timeline", func(t *testing.T) {
		var items []queries.TimelineItem
		jsonOf(t, &items, "timeline", "--db", db, "--format", "json")
		if !slices.IsSortedFunc(items, func(a, b queries.TimelineItem) int { return strings.Compare(a.Date, b.Date) }) {
			t.Errorf("timeline not in date order: %+v", items)
		}
		if len(items) == 0 || items[0].Kind != "event" || items[0].ID != "breach/acme-health-ltd/hack" || items[0].Date != "2024-03" {
			t.Errorf("first item %+v, want the Acme breach in 2024-03", items)
		}
		apologies := 0
		for _, it := range items {
			if strings.HasPrefix(it.Text, "We are sorry") {
				apologies++
				if it.Article != "ledger-acme-hack" || it.Date != "2024-03-04" || it.Sources != 2 {
					t.Errorf("the apology is listed at %s in %s with %d sources, want its first report", it.Date, it.Article, it.Sources)
				}
			}
		}
		if apologies != 1 {
			t.Errorf("the apology two outlets report is listed %d times, want once", apologies)
		}

		jsonOf(t, &items, "timeline", "--db", db, "--format", "json", "--entity", "person/omar-patel")
		var got []string
		for _, it := range items {
			got = append(got, it.Date+" "+it.Kind+" "+it.Speaker)
		}
		want := []string{"2024-05 event ", "2024-05-13 statement Omar Patel", "2024-05-14 statement Omar Patel"}
		if !slices.Equal(got, want) {
			t.Errorf("Omar Patel's timeline %q, want %q", got, want)
		}
	})

	t.Run("export", func(t *testing.T) {
		dir := t.TempDir()
		nq := filepath.Join(dir, "graph.nq")
		if r := newsgraph(t, "", "export", "--db", db, "--out", nq); r.code != exitOK {
			t.Fatalf("export: exit %d %s", r.code, r.stderr)
		}
		// Round trip: import into an empty store, export again, compare.
		for _, format := range []string{"nquads", "jsonld"} {
			in := nq
			if format == "jsonld" {
				in = filepath.Join(dir, "graph.jsonld")
				if r := newsgraph(t, "", "export", "--db", db, "--format", "jsonld", "--out", in); r.code != exitOK {
					t.Fatalf("export jsonld: exit %d %s", r.code, r.stderr)
				}
			}
			db2 := filepath.Join(dir, format+".db")
			r := newsgraph(t, "", "import", "--db", db2, in)
			if r.code != exitOK || !strings.HasPrefix(r.stdout, "quads imported: ") {
				t.Fatalf("import %s: exit %d %s%s", format, r.code, r.stdout, r.stderr)
			}
			r2 := newsgraph(t, "", "export", "--db", db2)
			want, err := os.ReadFile(nq)
			if err != nil {
				t.Fatal(err)
			}
			if r2.stdout != string(want) {
				t.Errorf("%s round trip changed the graph (%d bytes, want %d)", format, len(r2.stdout), len(want))
			}
			// The restored store answers like the original.
			c1 := newsgraph(t, "", "conflicts", "--db", db, "--format", "json")
			c2 := newsgraph(t, "", "conflicts", "--db", db2, "--format", "json")
			if c1.stdout != c2.stdout {
				t.Errorf("%s: conflicts differ after the round trip", format)
			}
			if r := newsgraph(t, "", "import", "--db", db2, in); r.code != exitFailed || !strings.Contains(r.stderr, "not empty") {
				t.Errorf("import into a full store: exit %d %s", r.code, r.stderr)
			}
		}

		gml := filepath.Join(dir, "graph.graphml")
		if r := newsgraph(t, "", "export", "--db", db, "--format", "graphml", "--out", gml); r.code != exitOK {
			t.Fatalf("export graphml: exit %d %s", r.code, r.stderr)
		}
		data, err := os.ReadFile(gml)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"graph>node"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil || len(doc.Nodes) == 0 {
			t.Errorf("graphml: %v, %d nodes", err, len(doc.Nodes))
		}

		r := newsgraph(t, "", "export", "--db", db, "--format", "dot")
		if r.code != exitOK || !strings.Contains(r.stdout, `[label="Kestrel Water hack", shape=octagon`) {
			t.Errorf("dot export: exit %d\n%s", r.code, r.stdout)
		}

		csvDir := filepath.Join(dir, "csv")
		if r := newsgraph(t, "", "export", "--db", db, "--format", "csv", "--out", csvDir); r.code != exitOK {
			t.Fatalf("export csv: exit %d %s", r.code, r.stderr)
		}
		for _, f := range []string{"nodes.csv", "edges.csv"} {
			b, err := os.ReadFile(filepath.Join(csvDir, f))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(rows) < 10 {
				t.Errorf("%s: %v, %d rows", f, err, len(rows))
			}
		}
		for _, args := range [][]string{
			{"export", "--db", db, "--format", "csv"},
			{"export", "--db", db, "--format", "xml"},
			{"import", "--db", filepath.Join(dir, "x.db")},
			{"import", "--db", filepath.Join(dir, "x.db"), "--format", "csv", nq},
		} {
			if r := newsgraph(t, "", args...); r.code != exitUsage {
				t.Errorf("%v: exit %d, want %d (%s)", args, r.code, exitUsage, r.stderr)
			}
		}
		// a file that is not an export: an error, and no store left behind
		bad := filepath.Join(dir, "bad.nq")
		if err := os.WriteFile(bad, []byte("this is not N-Quads <<<\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		fresh := filepath.Join(dir, "fresh.db")
		if r := newsgraph(t, "", "import", "--db", fresh, bad); r.code != exitFailed || !strings.Contains(r.stderr, "bad.nq") {
			t.Errorf("import of a bad file: exit %d, stderr %s", r.code, r.stderr)
		}
		if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed import left a store behind (%v)", err)
		}
	})
}

// TestEvidence_replacedArticle reloads a changed article, which the store
// keeps under a new version label: its facts, counts and evidence are
// those of the new text, under the article's own id.
func TestEvidence_replacedArticle(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"courier-acme-hack.md", "ledger-acme-hack.md"} {
		b, err := os.ReadFile(filepath.Join(evidenceCorpus, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "graph.db")
	if r := newsgraph(t, "", "load", "--db", db, "--quiet", dir); r.code != exitOK {
		t.Fatalf("load: exit %d %s", r.code, r.stderr)
	}
	path := filepath.Join(dir, "courier-acme-hack.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte("10,000 customers"), []byte("11,500 customers")), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := newsgraph(t, "", "load", "--db", db, dir); r.code != exitOK || !strings.Contains(r.stdout, "replaced:       1") {
		t.Fatalf("reload: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var labels []map[string]string
	jsonOf(t, &labels, "query", "--db", db, `g.V("<ng:article/courier-acme-hack>").Labels().All()`)
	if len(labels) != 1 || labels[0]["id"] != "<ng:article/courier-acme-hack#2>" {
		t.Fatalf("labels of the replaced article %v, want its second version only", labels)
	}

	var x queries.Explanation
	jsonOf(t, &x, "explain", "--db", db, "--format", "json", "breach/acme-health-ltd/hack")
	var figures []string
	for _, f := range x.Facts {
		if f.Fact != "affected" {
			continue
		}
		for _, ev := range f.Evidence {
			figures = append(figures, f.Value+" "+ev.Article+" "+ev.Publisher)
			if f.Value == "11500" && !strings.Contains(ev.Sentence, "11,500 customers") {
				t.Errorf("evidence for 11500: %q", ev.Sentence)
			}
		}
	}
	want := []string{"9276 ledger-acme-hack The Daily Ledger", "11500 courier-acme-hack Northern Courier"}
	if !slices.Equal(figures, want) {
		t.Errorf("figures after the reload %q, want %q", figures, want)
	}
	var qs []queries.QuoteRow
	jsonOf(t, &qs, "quotes", "--db", db, "--format", "json", "--min-sources", "2")
	if len(qs) != 2 || qs[0].Article != "courier-acme-hack" || qs[0].Sources != 2 {
		t.Errorf("the apology after the reload: %+v", qs)
	}
}
