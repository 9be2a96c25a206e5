package extract

import "testing"

func TestTitleKey(t *testing.T) {
	for _, group := range [][]string{
		{"Vice Chair", "vice chairman", "Vice-Chairwoman", "vice-chair"},
		{"CEO", "Chief Executive", "chief executive officer", "the Chief Executive"},
		{"spokesman", "Spokeswoman", "spokesperson"},
		{"Det. Supt.", "Detective Superintendent", "det supt"},
		{"Councillor", "councilwoman", "councilor"},
	} {
		want := TitleKey(group[0])
		for _, title := range group[1:] {
			if got := TitleKey(title); got != want {
				t.Errorf("TitleKey(%q) = %q, TitleKey(%q) = %q: want one key", title, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"chair", "chief executive"}, {"vice chair", "chair"}, {"deputy chief constable", "chief constable"}, {"former chair", "chair"}} {
		if TitleKey(pair[0]) == TitleKey(pair[1]) {
			t.Errorf("%q and %q share the key %q", pair[0], pair[1], TitleKey(pair[0]))
		}
	}
}
