package extract_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// TestExtractor_Extract_passageFacts checks that a breach's date and kind
// come from the sentences beside the one that names it, and that a
// sentence of another paragraph far from it gives none.
func TestExtractor_Extract_passageFacts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		when       string
		kind       extract.BreachKind
	}{
		{"date in the next sentence",
			"Corvane Logistics said hackers had stolen the names and email addresses of 4,200 customers.\nThe intrusion began in March 2023, the company said.",
			"2023-03", ""},
		{"insider in the sentence after",
			"Brackley Building Society said the names and bank details of 900 members had been leaked.\nInvestigators believe a disgruntled former employee was behind the attack.",
			"", extract.KindInsider},
		{"no date from a far paragraph",
			"Corvane Logistics said hackers had stolen the names and email addresses of 4,200 customers.\nThe firm's spokesman apologised.\nIt added that customers would be told by letter.\n\nThe company was founded in June 1998 by two brothers from Leeds.",
			"2024-01", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := extractor().Extract(context.Background(), corpus.Article{ID: c.name, Body: c.body,
				Published: time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Events) != 1 {
				t.Fatalf("got %d breaches %+v, want 1", len(r.Events), r.Events)
			}
			ev := r.Events[0]
			if c.when != "" && ev.When != c.when {
				t.Errorf("when %q, want %q", ev.When, c.when)
			}
			if c.kind != "" && ev.Kind != c.kind {
				t.Errorf("kind %q, want %q", ev.Kind, c.kind)
			}
		})
	}
}

// TestExtractor_Extract_headlineVictim checks that of two organisations a
// breach sentence names alike, the one the headline names is the victim.
func TestExtractor_Extract_headlineVictim(t *testing.T) {
	t.Parallel()
	body := "Hackers stole the names and addresses of 5,000 customers from Pellworth Insurance and Drummond Bank, investigators said.\nThe data was later offered for sale online."
	cases := []struct{ title, victim string }{
		{"", "org/pellworth-insurance"},
		{"Drummond Bank confirms cyber attack", "org/drummond-bank"},
		{"Customers of Pellworth Insurance told to change passwords", "org/pellworth-insurance"},
	}
	for _, c := range cases {
		r, err := extractor().Extract(context.Background(), corpus.Article{ID: "h", Title: c.title, Body: body,
			Published: time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Events) == 0 || r.Events[0].Victim != c.victim {
			t.Errorf("title %q: breaches %+v, want the first of victim %s", c.title, r.Events, c.victim)
		}
	}
}
