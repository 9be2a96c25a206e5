package main

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// TestQuotes_speaker: --speaker takes any word of a name or alias; one
// that names no speaker is an error suggesting the close names.
func TestQuotes_speaker(t *testing.T) {
	db := fixtureDB(t)
	var whole []queries.QuoteRow
	jsonOf(t, &whole, "quotes", "--db", db, "--format", "json", "--speaker", "Ada Whitlock")
	if len(whole) == 0 {
		t.Fatal("Ada Whitlock has no quotes in the fixture")
	}
	for _, sp := range []string{"Whitlock", "whitlock", "Ada", "ms whitlock", "person/ada-whitlock"} {
		var rows []queries.QuoteRow
		jsonOf(t, &rows, "quotes", "--db", db, "--format", "json", "--speaker", sp)
		if len(rows) != len(whole) {
			t.Errorf("--speaker %q: %d quotes, Ada Whitlock has %d", sp, len(rows), len(whole))
		}
		for _, q := range rows {
			if q.Speaker != "Ada Whitlock" {
				t.Errorf("--speaker %q: a quote by %q", sp, q.Speaker)
			}
		}
	}
	tests := []struct {
		speaker string
		code    int
		stderr  string
	}{
		{"Whitlok", exitUsage, `no speaker has that name or id; did you mean "Ada Whitlock"?`},
		{"person/ada-whitlok", exitUsage, `did you mean "Ada Whitlock"?`},
		{"Tom Reyez", exitUsage, `did you mean "Tom Reyes"?`},
		{"Zzyzx", exitUsage, "no speaker has that name or id (newsgraph entities lists the names)"},
		// an entity that is never quoted: no quotes, and a line saying why
		{"Grey Lantern", exitOK, `"Grey Lantern" names Grey Lantern (org/grey-lantern), never quoted`},
		// a speaker whose quotes the other filters leave out: nothing to say
		{"Whitlock", exitOK, ""},
	}
	for _, tt := range tests {
		args := []string{"quotes", "--db", db, "--speaker", tt.speaker}
		if tt.speaker == "Whitlock" {
			args = append(args, "--article", "no-such-article")
		}
		r := newsgraph(t, "", args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) || tt.stderr == "" && r.stderr != "" {
			t.Errorf("--speaker %q: exit %d, stderr %q; want exit %d and %q", tt.speaker, r.code, r.stderr, tt.code, tt.stderr)
		}
		if tt.code == exitUsage && strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("--speaker %q: the error is not one line: %q", tt.speaker, r.stderr)
		}
	}
}
