package queries

import (
	"errors"
	"testing"
)

func TestArticleFilter_Matcher(t *testing.T) {
	march := ArticleInfo{ID: "a", Publisher: "The Daily Ledger", Published: "2024-03-31T23:59:00Z"}
	april := ArticleInfo{ID: "b", URL: "https://www.courier.example/news/1", Published: "2024-04-01T00:00:00Z"}
	undated := ArticleInfo{ID: "c", Publisher: "The Daily Ledger"}
	for _, tc := range []struct {
		name string
		f    ArticleFilter
		want []bool // march, april, undated
	}{
		{"none", ArticleFilter{}, []bool{true, true, true}},
		{"since a day", ArticleFilter{Since: "2024-04-01"}, []bool{false, true, false}},
		{"until a day, to its end", ArticleFilter{Until: "2024-03-31"}, []bool{true, false, false}},
		{"until a month, to its end", ArticleFilter{Until: "2024-03"}, []bool{true, false, false}},
		{"one month", ArticleFilter{Since: "2024-04", Until: "2024-04"}, []bool{false, true, false}},
		{"publisher, case ignored", ArticleFilter{Publisher: "the daily LEDGER"}, []bool{true, false, true}},
		{"a host for want of a publisher", ArticleFilter{Publisher: "courier.example"}, []bool{false, true, false}},
		{"publisher and date", ArticleFilter{Publisher: "The Daily Ledger", Since: "2024-01"}, []bool{true, false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keep, err := tc.f.Matcher()
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range []ArticleInfo{march, april, undated} {
				if got := keep(a); got != tc.want[i] {
					t.Errorf("%+v keeps %s: %v, want %v", tc.f, a.ID, got, tc.want[i])
				}
			}
			if tc.f.Zero() != (tc.name == "none") {
				t.Errorf("Zero() = %v", tc.f.Zero())
			}
		})
	}
	for _, f := range []ArticleFilter{{Since: "last week"}, {Until: "2024-13"}, {Since: "2024-02-30"}, {Until: "04/2024"}} {
		var de DateError
		if err := f.Check(); !errors.As(err, &de) {
			t.Errorf("%+v: Check() = %v, want a DateError", f, err)
		} else if want := map[bool]string{true: "since", false: "until"}[f.Since != ""]; de.Bound != want {
			t.Errorf("%+v: error names %q, want %q", f, de.Bound, want)
		}
	}
}
