package queries

import (
	"slices"
	"testing"
)

func TestNameMatches(t *testing.T) {
	tests := []struct {
		want  string
		names []string
		match bool
	}{
		{"Prior", []string{"Jenny Prior"}, true},
		{"prior", []string{"Jenny Prior"}, true},
		{"  JENNY  ", []string{"Jenny Prior"}, true},
		{"jenny prior", []string{"Jenny Prior"}, true},
		{"Jenny Prior", []string{"Dr Jenny Prior"}, true},
		{"the Daily Ledger", []string{"The Daily Ledger"}, true},
		{"ledger", []string{"The Daily Ledger"}, true},
		{"o'brien", []string{"Sam O\u2019Brien"}, true},
		{"Prior", []string{"Rick Priory", "Jen Priors"}, false},
		{"Jen", []string{"Jenny Prior"}, false},
		{"Prior Jenny", []string{"Jenny Prior"}, false},
		{"Jenny Smith", []string{"Jenny Prior", "Anna Smith"}, false},
		{"Whitlock", []string{"Ada Whitlock", "Ms Whitlock"}, true},
		{"ms whitlock", []string{"Ada Whitlock", "Ms Whitlock"}, true},
		{"", []string{"Jenny Prior"}, false},
		{"...", []string{"Jenny Prior"}, false},
		{"Prior", []string{""}, false},
	}
	for _, tt := range tests {
		if got := NameMatches(tt.want, tt.names...); got != tt.match {
			t.Errorf("NameMatches(%q, %q) = %v, want %v", tt.want, tt.names, got, tt.match)
		}
	}
}

func TestNameIndex(t *testing.T) {
	var x NameIndex
	if got := x.Lookup("anyone"); got != nil {
		t.Errorf("empty index: %v", got)
	}
	x.Add("Jenny Prior", "person/jenny-prior")
	x.Add("Ms Prior", "person/jenny-prior")
	x.Add("Rick Prior", "person/rick-prior")
	x.Add("Prior Holdings", "org/prior-holdings")
	x.Add("The Prior Group", "org/prior-group")
	x.Add("", "person/nameless")
	for want, ids := range map[string][]string{
		"prior":          {"org/prior-group", "org/prior-holdings", "person/jenny-prior", "person/rick-prior"},
		"Jenny":          {"person/jenny-prior"},
		"jenny prior":    {"person/jenny-prior"},
		"ms prior":       {"person/jenny-prior"},
		"prior group":    {"org/prior-group"},
		"the prior":      {"org/prior-group", "org/prior-holdings", "person/jenny-prior", "person/rick-prior"}, // "the" folds away
		"rick jenny":     nil,
		"nobody":         nil,
		"":               nil,
		"holdings prior": nil,
	} {
		got := x.Lookup(want)
		if !slices.Equal(got, ids) {
			t.Errorf("Lookup(%q) = %v, want %v", want, got, ids)
		}
		// the index and NameMatches agree
		for _, id := range []string{"org/prior-group", "org/prior-holdings", "person/jenny-prior", "person/rick-prior"} {
			names := map[string][]string{"person/jenny-prior": {"Jenny Prior", "Ms Prior"}, "person/rick-prior": {"Rick Prior"},
				"org/prior-holdings": {"Prior Holdings"}, "org/prior-group": {"The Prior Group"}}[id]
			if NameMatches(want, names...) != slices.Contains(got, id) {
				t.Errorf("Lookup(%q) and NameMatches disagree on %s", want, id)
			}
		}
	}
}

func TestCloseNames(t *testing.T) {
	names := []string{"Omar Patel", "Jane Doe", "Kestrel Water", "Rick Prior", "Jenny Prior", "Jane Doe"}
	for want, close := range map[string][]string{
		"Pattel":      {"Omar Patel"},
		"Pate":        {"Omar Patel"},
		"Pryor":       {"Jenny Prior", "Rick Prior"},
		"Jenny Pryor": {"Jenny Prior"},
		"Jane Do":     {"Jane Doe"},
		"Kestral":     {"Kestrel Water"},
		"Zzyzx":       nil,
		"Jo":          nil,
		"":            nil,
	} {
		if got := CloseNames(want, names, 5); !slices.Equal(got, close) {
			t.Errorf("CloseNames(%q) = %q, want %q", want, got, close)
		}
	}
	if got := CloseNames("Prior", names, 1); len(got) != 1 {
		t.Errorf("CloseNames with a limit of 1: %q", got)
	}
}
