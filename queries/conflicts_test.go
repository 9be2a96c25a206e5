package queries

import (
	"slices"
	"testing"
)

func TestConflicts_rules(t *testing.T) {
	t.Parallel()
	claim := func(fact, value string, arts ...string) Claim {
		return Claim{Fact: fact, Value: value, Articles: arts}
	}
	tests := []struct {
		name  string
		facts []Claim
		want  []string // facts in conflict
	}{
		{"two figures from two articles", []Claim{claim("affected", "9276", "a"), claim("affected", "10000", "b")}, []string{"affected"}},
		{"three figures", []Claim{claim("affected", "1000", "a"), claim("affected", "1200", "b"), claim("affected", "1230", "c")}, []string{"affected"}},
		{"one article gives two figures", []Claim{claim("affected", "47000", "a"), claim("affected", "10000", "a")}, nil},
		{"a second article confirms one of them", []Claim{claim("affected", "47000", "a", "b"), claim("affected", "10000", "a")}, nil},
		{"agreeing sources", []Claim{claim("affected", "9276", "a", "b")}, nil},
		{"a date and a day in it agree", []Claim{claim("when", "2023-08", "a"), claim("when", "2023-08-27", "b")}, nil},
		{"two months", []Claim{claim("when", "2023-08", "a"), claim("when", "2023-09", "b")}, []string{"when"}},
		{"two suppliers", []Claim{claim("via", "Acme", "a"), claim("via", "Brightline", "b")}, []string{"via"}},
		{"exposed and not exposed", []Claim{claim("exposed", "bank details", "a"), claim("not_exposed", "Bank details", "b")}, []string{"exposed"}},
		{"one article says both", []Claim{claim("exposed", "addresses", "a"), claim("not_exposed", "addresses", "a")}, nil},
		{"different data exposed is no conflict", []Claim{claim("exposed", "names", "a"), claim("exposed", "photos", "b")}, nil},
		{"different bodies told is no conflict", []Claim{claim("reported_to", "ICO", "a"), claim("reported_to", "NCA", "b")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, c := range conflicts(BreachRow{ID: "b", Facts: tt.facts}) {
				got = append(got, c.Fact)
				if len(c.Claims) < 2 || c.Breach != "b" {
					t.Errorf("conflict %+v: want the breach and two claims or more", c)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("conflicts on %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClaim_String(t *testing.T) {
	t.Parallel()
	c := Claim{Value: "1000", Wordings: []string{"more than 1,000 people"}, Sources: 2,
		Articles: []string{"a", "b"}, PublisherNames: []string{"The Daily Ledger"}}
	if got, want := c.String(), "more than 1,000 people (2 articles: The Daily Ledger)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	c = Claim{Value: "names", Sources: 1, Articles: []string{"a"}}
	if got, want := c.String(), "names (1 article: a)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestArticleInfo_outlet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a    ArticleInfo
		want string
	}{
		{ArticleInfo{ID: "x", PublisherID: "org/daily-ledger", Publisher: "The Daily Ledger"}, "p:org/daily-ledger"},
		{ArticleInfo{ID: "x", Publisher: "The Daily Ledger"}, "p:org/daily-ledger"},
		{ArticleInfo{ID: "x", URL: "https://www.Example.org/a"}, "h:example.org"},
		{ArticleInfo{ID: "x"}, "a:x"},
	}
	for _, tt := range tests {
		if got := tt.a.outlet(); got != tt.want {
			t.Errorf("outlet(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}
