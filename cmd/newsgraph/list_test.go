package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// The evidence corpus's articles: their dates and outlets, as their front
// matter gives them.
var evidenceArticles = map[string]struct{ date, publisher string }{
	"courier-acme-hack":     {"2024-03-05", "Northern Courier"},
	"courier-kestrel-water": {"2024-05-13", "Northern Courier"},
	"gazette-kestrel-water": {"2024-05-14", "Harbour Gazette"},
	"ledger-acme-followup":  {"2024-03-07", "The Daily Ledger"},
	"ledger-acme-hack":      {"2024-03-04", "The Daily Ledger"},
	"ledger-kestrel-water":  {"2024-05-13", "The Daily Ledger"},
}

// TestArticleFlags checks --since, --until and --publisher keep, in
// quotes, entities, breaches and timeline, exactly the rows an article of
// those dates and outlet reports, and refuse a bad date or an outlet no
// article is from with one line and exit 2.
func TestArticleFlags(t *testing.T) {
	db := loadEvidence(t)
	var allQuotes []queries.QuoteRow
	jsonOf(t, &allQuotes, "quotes", "--db", db, "--format", "json")
	var allEntities []queries.EntityRow
	jsonOf(t, &allEntities, "entities", "--db", db, "--format", "json")
	var allBreaches []queries.BreachRow
	jsonOf(t, &allBreaches, "breaches", "--db", db, "--format", "json")
	var allItems []queries.TimelineItem
	jsonOf(t, &allItems, "timeline", "--db", db, "--format", "json")
	breachArticles := map[string][]string{}
	for _, b := range allBreaches {
		breachArticles[b.ID] = b.Articles
	}
	for id := range evidenceArticles {
		if !slices.ContainsFunc(allQuotes, func(q queries.QuoteRow) bool { return q.Article == id }) {
			t.Fatalf("no quote from %s: the test's table of articles is out of date", id)
		}
	}

	for _, tc := range []struct {
		flags []string
		keep  func(date, publisher string) bool
	}{
		{[]string{"--since", "2024-05"}, func(d, _ string) bool { return d >= "2024-05" }},
		{[]string{"--until", "2024-03-05"}, func(d, _ string) bool { return d <= "2024-03-05" }},
		{[]string{"--since", "2024-03-05", "--until", "2024-05-13"}, func(d, _ string) bool { return d >= "2024-03-05" && d <= "2024-05-13" }},
		{[]string{"--publisher", "harbour gazette"}, func(_, p string) bool { return p == "Harbour Gazette" }},
		{[]string{"--publisher", "The Daily Ledger", "--until", "2024-03"}, func(d, p string) bool { return p == "The Daily Ledger" && d < "2024-04" }},
	} {
		name := strings.Join(tc.flags, " ")
		keep := func(ids ...string) bool {
			return slices.ContainsFunc(ids, func(id string) bool {
				a := evidenceArticles[id]
				return tc.keep(a.date, a.publisher)
			})
		}
		t.Run(name, func(t *testing.T) {
			var quotes []queries.QuoteRow
			jsonOf(t, &quotes, append([]string{"quotes", "--db", db, "--format", "json"}, tc.flags...)...)
			var want []queries.QuoteRow
			for _, q := range allQuotes {
				if keep(q.Article) {
					want = append(want, q)
				}
			}
			if len(want) == 0 || len(want) == len(allQuotes) {
				t.Fatalf("the filter keeps %d of %d quotes: it tests nothing", len(want), len(allQuotes))
			}
			if got, wantIDs := quoteIDs(quotes), quoteIDs(want); !slices.Equal(got, wantIDs) {
				t.Errorf("quotes = %v, want %v", got, wantIDs)
			}

			var entities []queries.EntityRow
			jsonOf(t, &entities, append([]string{"entities", "--db", db, "--format", "json"}, tc.flags...)...)
			var wantEntities []string
			for _, e := range allEntities {
				if keep(e.Articles...) {
					wantEntities = append(wantEntities, e.ID)
				}
			}
			if got := rowIDs(entities, func(e queries.EntityRow) string { return e.ID }); !slices.Equal(got, wantEntities) {
				t.Errorf("entities = %v, want %v", got, wantEntities)
			}

			var breaches []queries.BreachRow
			jsonOf(t, &breaches, append([]string{"breaches", "--db", db, "--format", "json"}, tc.flags...)...)
			var wantBreaches []string
			for _, b := range allBreaches {
				if keep(b.Articles...) {
					wantBreaches = append(wantBreaches, b.ID)
				}
			}
			if got := rowIDs(breaches, func(b queries.BreachRow) string { return b.ID }); !slices.Equal(got, wantBreaches) {
				t.Errorf("breaches = %v, want %v", got, wantBreaches)
			}

			var items []queries.TimelineItem
			jsonOf(t, &items, append([]string{"timeline", "--db", db, "--format", "json"}, tc.flags...)...)
			var wantItems []string
			for _, it := range allItems {
				if it.Kind == "statement" && keep(it.Article) || it.Kind != "statement" && keep(breachArticles[it.Breach]...) {
					wantItems = append(wantItems, it.Kind+" "+it.ID)
				}
			}
			gotItems := []string{}
			for _, it := range items {
				gotItems = append(gotItems, it.Kind+" "+it.ID)
			}
			if !slices.Equal(gotItems, wantItems) { // in the timeline's order
				t.Errorf("timeline = %v, want %v", gotItems, wantItems)
			}
		})
	}

	for _, args := range [][]string{
		{"quotes", "--since", "last week"},
		{"entities", "--until", "2024-13"},
		{"breaches", "--since", "2024-02-30"},
		{"timeline", "--until", "03/2024"},
		{"quotes", "--publisher", "Daily Planet"},
	} {
		r := newsgraph(t, "", append(args, "--db", db)...)
		if r.code != exitUsage || r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", args, r.code, r.stdout, r.stderr)
		}
		if flag := args[1]; !strings.Contains(r.stderr, flag) {
			t.Errorf("%v: %q does not name %s", args, r.stderr, flag)
		}
	}
	if r := newsgraph(t, "", "quotes", "--db", db, "--publisher", "Daily Planet"); !strings.Contains(r.stderr, "Harbour Gazette") {
		t.Errorf("an unknown outlet's error does not list the outlets: %q", r.stderr)
	}
}

func quoteIDs(rows []queries.QuoteRow) []string {
	return rowIDs(rows, func(q queries.QuoteRow) string { return q.ID })
}

// rowIDs returns the ids of rows, in their order.
func rowIDs[T any](rows []T, id func(T) string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, id(r))
	}
	return out
}
