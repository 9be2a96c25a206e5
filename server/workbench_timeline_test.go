package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// TestHandler_timeline checks /api/timeline gives what queries.Timeline
// (newsgraph timeline) gives, for the whole store and for each entity,
// that breach= gives a breach's events and each quote about it once, and
// that it pages with its total.
func TestHandler_timeline(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int // synthetic articles; 0: the fixture
	}{{"fixture", 0}, {"synthetic", 120}} {
		t.Run(c.name, func(t *testing.T) {
			st := fixtureStore(t)
			if c.n > 0 {
				st = synthStore(t, c.n)
			}
			srv := newTestServer(t, Config{Store: st})
			fetch := func(query string) []queries.TimelineItem {
				t.Helper()
				r := get(t, srv.URL+"/api/timeline?limit=100000&"+query)
				if r.status != http.StatusOK {
					t.Fatalf("/api/timeline?%s: %d %s", query, r.status, r.body)
				}
				var items []queries.TimelineItem
				r.decode(t, &items)
				if n, _ := strconv.Atoi(r.header.Get("X-Total-Count")); n != len(items) {
					t.Errorf("?%s: X-Total-Count %d for %d items", query, n, len(items))
				}
				return items
			}
			same := func(what string, got, want []queries.TimelineItem) {
				t.Helper()
				g, err := json.Marshal(got)
				if err != nil {
					t.Fatal(err)
				}
				w, err := json.Marshal(want)
				if err != nil {
					t.Fatal(err)
				}
				if string(g) != string(w) {
					t.Errorf("%s: the API's timeline differs from queries.Timeline:\n got %d items %.600s\nwant %d items %.600s", what, len(got), g, len(want), w)
				}
			}
			ctx := context.Background()
			all, err := queries.Timeline(ctx, st, queries.TimelineFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) == 0 {
				t.Fatal("empty timeline")
			}
			same("whole store", fetch(""), all)

			ents, err := queries.Entities(ctx, st, queries.EntityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for i, e := range ents {
				if c.n > 0 && i%5 != 0 { // a sample of a large store
					continue
				}
				want, err := queries.Timeline(ctx, st, queries.TimelineFilter{Entity: e.ID})
				if err != nil {
					t.Fatal(err)
				}
				same("entity "+e.ID, fetch("entity="+url.QueryEscape(e.ID)), want)
			}

			// A breach's timeline: its events as in the whole timeline, and
			// each quote about it listed once, at its earliest report.
			events := map[string][]queries.TimelineItem{}
			for _, it := range all {
				if it.Kind != "statement" {
					events[it.Breach] = append(events[it.Breach], it)
				}
			}
			for id, want := range events {
				got := fetch("breach=" + url.QueryEscape(id))
				var gotEvents []queries.TimelineItem
				listed := map[string]queries.TimelineItem{}
				for i, it := range got {
					if it.Breach != id {
						t.Errorf("breach %s: item %s is about %q", id, it.ID, it.Breach)
					}
					if it.Kind == "statement" {
						listed[it.ID] = it
					} else {
						gotEvents = append(gotEvents, it)
					}
					if i > 0 && got[i-1].Date != "" && (it.Date == "" || it.Date < got[i-1].Date) {
						t.Errorf("breach %s: %q after %q", id, it.Date, got[i-1].Date)
					}
				}
				same("breach "+id+" events", gotEvents, want)
				quotes, err := queries.Quotes(ctx, st, queries.QuoteFilter{Breach: id})
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range quotes {
					if _, ok := listed[q.ID]; ok {
						continue
					}
					found := false
					for _, it := range listed {
						if it.SpeakerID != "" && it.SpeakerID == q.SpeakerID && queries.SameQuote(it.Text, q.Text) {
							found = true
						}
					}
					if !found {
						t.Errorf("breach %s: quote %s %q neither listed nor the same as a listed one", id, q.ID, q.Text)
					}
				}
				if len(listed) > len(quotes) {
					t.Errorf("breach %s: %d statements of %d quotes", id, len(listed), len(quotes))
				}
			}

			// A page of it.
			r := get(t, srv.URL+"/api/timeline?limit=2&offset=1")
			var page []queries.TimelineItem
			r.decode(t, &page)
			if r.header.Get("X-Total-Count") != strconv.Itoa(len(all)) || len(page) != min(2, len(all)-1) || len(page) > 0 && page[0].ID != all[1].ID {
				t.Errorf("page limit=2 offset=1: total %s, %d items", r.header.Get("X-Total-Count"), len(page))
			}
		})
	}

	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	for query, status := range map[string]int{
		"entity=no-such-entity":          http.StatusNotFound,
		"breach=no-such-breach":          http.StatusNotFound,
		"entity=" + rickID + "&breach=x": http.StatusBadRequest,
	} {
		if r := get(t, srv.URL+"/api/timeline?"+query); r.status != status {
			t.Errorf("?%s: %d, want %d", query, r.status, status)
		}
	}
}

// TestHandler_activity checks /api/activity counts the articles naming an
// entity per month and week, and those of them reporting a breach.
func TestHandler_activity(t *testing.T) {
	st := synthStore(t, 200)
	srv := newTestServer(t, Config{Store: st})
	ctx := context.Background()
	ents, err := queries.Entities(ctx, st, queries.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var arts []Article
	get(t, srv.URL+"/api/articles?limit=100000").decode(t, &arts)
	published := map[string]string{}
	for _, a := range arts {
		published[a.ID] = a.Published
	}
	breaches, err := queries.Breaches(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]bool{}
	for _, b := range breaches {
		for _, a := range b.Articles {
			reports[a] = true
		}
	}
	checked := 0
	for _, e := range ents {
		if len(e.Articles) < 3 {
			continue
		}
		checked++
		r := get(t, srv.URL+"/api/activity/"+url.PathEscape(e.ID))
		if r.status != http.StatusOK {
			t.Fatalf("/api/activity/%s: %d %s", e.ID, r.status, r.body)
		}
		var a Activity
		r.decode(t, &a)
		months, reported := map[string]int{}, map[string]int{}
		seen := map[string]bool{}
		for _, id := range e.Articles {
			if seen[id] || len(published[id]) < 7 {
				seen[id] = true
				continue
			}
			seen[id] = true
			months[published[id][:7]]++
			if reports[id] {
				reported[published[id][:7]]++
			}
		}
		check := func(what string, got []Facet, want map[string]int) {
			sum := 0
			for i, f := range got {
				if want[f.Value] != f.Count {
					t.Errorf("%s %s %s: %d, want %d", e.ID, what, f.Value, f.Count, want[f.Value])
				}
				if i > 0 && got[i-1].Value >= f.Value {
					t.Errorf("%s %s: not in date order", e.ID, what)
				}
				sum += f.Count
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d periods, want %d", e.ID, what, len(got), len(want))
			}
			weeks := a.Week
			if what == "reports" {
				weeks = a.ReportWeeks
			}
			wsum := 0
			for _, f := range weeks {
				wsum += f.Count
			}
			if wsum != sum {
				t.Errorf("%s %s: weeks count %d, months %d", e.ID, what, wsum, sum)
			}
		}
		check("month", a.Month, months)
		check("reports", a.Reports, reported)
		if a.Articles != len(seen) {
			t.Errorf("%s: %d articles, want %d", e.ID, a.Articles, len(seen))
		}
	}
	if checked == 0 {
		t.Fatal("no entity in three articles or more")
	}
	if r := get(t, srv.URL+"/api/activity/no-such-entity"); r.status != http.StatusNotFound {
		t.Errorf("unknown id: %d", r.status)
	}
}
