package eval

import (
	"strings"
	"testing"
)

func TestScoreNames(t *testing.T) {
	ref := []NameMention{
		{Article: "a", Start: 0, End: 10, Type: "person", Text: "Jane Moxon"},
		{Article: "a", Start: 20, End: 25, Type: "person", Text: "Moxon"},
		{Article: "a", Start: 30, End: 38, Type: "organization", Text: "Acme Inc"},
		{Article: "b", Start: 0, End: 6, Type: "place", Text: "Dunmow"},
	}
	sys := []NameMention{
		{Article: "a", Start: 0, End: 10, Type: "person", Text: "Jane Moxon"},
		{Article: "a", Start: 16, End: 25, Type: "person", Text: "Ms. Moxon"}, // boundary
		{Article: "a", Start: 30, End: 38, Type: "person", Text: "Acme Inc"},  // type
		{Article: "b", Start: 0, End: 6, Type: "place", Text: "Dunmow"},
		{Article: "b", Start: 0, End: 6, Type: "place", Text: "Dunmow"}, // a repeat counts once
		{Article: "b", Start: 9, End: 12, Type: "organization", Text: "BBC"},
	}
	r := ScoreNames(ref, sys, false)
	if c := r.Counts["person"]; c != (NameCounts{Right: 1, Spurious: 2, Missed: 1}) {
		t.Errorf("person counts %+v", c)
	}
	if c := r.Counts["organization"]; c != (NameCounts{Spurious: 1, Missed: 1}) {
		t.Errorf("organization counts %+v", c)
	}
	if c := r.Counts["place"]; c.F1() != 1 {
		t.Errorf("place counts %+v, F1 %v", c, c.F1())
	}
	for k, n := range map[string]int{"person boundary": 2, "person type": 1, "organization type": 1, "organization spurious": 1} {
		if r.Errors[k] != n {
			t.Errorf("errors[%q] = %d, want %d (%v)", k, r.Errors[k], n, r.Errors)
		}
	}
	last := r.Lines[len(r.Lines)-1]
	if !strings.HasPrefix(last, "SCORE person_f1=0.400 person_precision=0.333 person_recall=0.500 org_f1=0.000") || !strings.Contains(last, "loc_f1=1.000") {
		t.Errorf("last line %q", last)
	}
}
