package main

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/queries"
)

// tableRows splits a table's output into its header and rows, each a
// list of cells (cells are separated by two spaces or more).
func tableRows(t *testing.T, out string) (header []string, rows [][]string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	split := func(l string) []string {
		var cells []string
		for _, c := range strings.Split(l, "  ") {
			if c = strings.TrimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		return cells
	}
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("no table:\n%s", out)
	}
	header = split(lines[0])
	for _, l := range lines[1:] {
		rows = append(rows, split(l))
	}
	return header, rows
}

// TestTables_ids: every list's first column is the id explain takes.
func TestTables_ids(t *testing.T) {
	t.Setenv("COLUMNS", "")
	db := fixtureDB(t)
	for _, cmd := range []string{"quotes", "entities", "breaches"} {
		r := newsgraph(t, "", cmd, "--db", db)
		if r.code != exitOK {
			t.Fatalf("%s: exit %d: %s", cmd, r.code, r.stderr)
		}
		header, rows := tableRows(t, r.stdout)
		if header[0] != "ID" || len(rows) == 0 {
			t.Fatalf("%s: header %v, %d rows, want ID first and rows", cmd, header, len(rows))
		}
		for _, row := range rows {
			x := newsgraph(t, "", "explain", "--db", db, row[0])
			if x.code != exitOK || !strings.Contains(x.stdout, row[0]) {
				t.Errorf("%s: explain %s (its ID cell): exit %d\n%s%s", cmd, row[0], x.code, x.stdout, x.stderr)
			}
		}
	}
	r := newsgraph(t, "", "timeline", "--db", db)
	header, rows := tableRows(t, r.stdout)
	if i := slices.Index(header, "ID"); i < 0 || len(rows) == 0 {
		t.Errorf("timeline header %v: no ID column", header)
	} else if x := newsgraph(t, "", "explain", "--db", db, rows[0][i]); x.code != exitOK {
		t.Errorf("timeline: explain %s: exit %d %s", rows[0][i], x.code, x.stderr)
	}
}

// TestTables_width: text is cut to the terminal's width ($COLUMNS), at 80
// characters when the output is no terminal, and never with --wide.
func TestTables_width(t *testing.T) {
	db := fixtureDB(t)
	var qs []queries.QuoteRow
	jsonOf(t, &qs, "quotes", "--db", db, "--format", "json")
	long := ""
	for _, q := range qs {
		if len(q.Text) > len(long) {
			long = q.Text
		}
	}
	if utf8.RuneCountInString(long) <= 80 {
		t.Fatalf("the fixture's longest quote has %d characters: nothing to cut", len(long))
	}

	t.Setenv("COLUMNS", "")
	r := newsgraph(t, "", "quotes", "--db", db)
	if strings.Contains(r.stdout, long) || !strings.Contains(r.stdout, clip(long, 80)) {
		t.Errorf("not on a terminal: the longest quote is not cut at 80 characters:\n%s", r.stdout)
	}
	r = newsgraph(t, "", "quotes", "--db", db, "--wide")
	if !strings.Contains(r.stdout, long) {
		t.Errorf("--wide cut the longest quote:\n%s", r.stdout)
	}

	// On a terminal each line fits, or the table is as narrow as it gets
	// (ids and numbers are never cut).
	narrowest := map[string]string{}
	t.Setenv("COLUMNS", "1")
	cmds := []string{"quotes", "entities", "breaches", "timeline", "conflicts"}
	for _, cmd := range cmds {
		narrowest[cmd] = newsgraph(t, "", cmd, "--db", db).stdout
	}
	for _, width := range []int{100, 130, 200} {
		t.Setenv("COLUMNS", strconv.Itoa(width))
		for _, cmd := range cmds {
			r := newsgraph(t, "", cmd, "--db", db)
			if r.code != exitOK {
				t.Fatalf("%s: exit %d %s", cmd, r.code, r.stderr)
			}
			if r.stdout == narrowest[cmd] {
				continue
			}
			for _, l := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
				if n := utf8.RuneCountInString(l); n > width {
					t.Errorf("COLUMNS=%d %s: a line of %d characters:\n%s", width, cmd, n, l)
				}
			}
		}
	}
	t.Setenv("COLUMNS", "130")
	r = newsgraph(t, "", "quotes", "--db", db)
	if r.stdout == narrowest["quotes"] {
		t.Errorf("COLUMNS=130: the quotes table is cut as narrow as it gets:\n%s", r.stdout)
	}
	// a wider terminal shows more of the text than 80 characters
	t.Setenv("COLUMNS", "200")
	r = newsgraph(t, "", "quotes", "--db", db)
	_, rows := tableRows(t, r.stdout)
	shown := ""
	for _, row := range rows {
		if cell := row[len(row)-1]; strings.HasPrefix(long, strings.TrimSuffix(cell, "…")) && len(cell) > len(shown) {
			shown = cell
		}
	}
	if utf8.RuneCountInString(shown) <= 81 {
		t.Errorf("COLUMNS=200: the longest quote shows as %q", shown)
	}
	r = newsgraph(t, "", "quotes", "--db", db, "--wide")
	if !strings.Contains(r.stdout, long) {
		t.Errorf("COLUMNS=200 --wide cut the text:\n%s", r.stdout)
	}
}

func TestTables_limit(t *testing.T) {
	db := fixtureDB(t)
	var all []queries.QuoteRow
	jsonOf(t, &all, "quotes", "--db", db, "--format", "json")
	if len(all) < 3 {
		t.Fatalf("%d quotes in the fixture", len(all))
	}
	r := newsgraph(t, "", "quotes", "--db", db, "--limit", "2")
	if _, rows := tableRows(t, r.stdout); r.code != exitOK || len(rows) != 2 {
		t.Errorf("--limit 2: exit %d, %d rows\n%s", r.code, len(rows), r.stdout)
	}
	if want := "2 of 6 quotes shown"; len(all) == 6 && !strings.Contains(r.stderr, want) {
		t.Errorf("--limit 2: stderr %q lacks %q", r.stderr, want)
	}
	var two []queries.QuoteRow
	jsonOf(t, &two, "quotes", "--db", db, "--format", "json", "--limit", "2")
	if len(two) != 2 || two[0].ID != all[0].ID || two[1].ID != all[1].ID {
		t.Errorf("--format json --limit 2 gave %d rows, not the first two", len(two))
	}
	for _, cmd := range []string{"entities", "breaches", "timeline", "conflicts"} {
		if r := newsgraph(t, "", cmd, "--db", db, "--limit", "1"); r.code != exitOK || len(strings.Split(strings.TrimSpace(r.stdout), "\n")) != 2 {
			t.Errorf("%s --limit 1: exit %d\n%s%s", cmd, r.code, r.stdout, r.stderr)
		}
	}
	if r := newsgraph(t, "", "quotes", "--db", db, "--limit", "-1"); r.code != exitUsage || !strings.Contains(r.stderr, "--limit") {
		t.Errorf("--limit -1: exit %d %s", r.code, r.stderr)
	}
	if r := newsgraph(t, "", "quotes", "--db", db, "--limit", "0"); r.code != exitOK || strings.Count(r.stdout, "\n") != len(all)+1 {
		t.Errorf("--limit 0: exit %d, want every quote\n%s", r.code, r.stdout)
	}
}

func TestFitWidths(t *testing.T) {
	cols := []column{{name: "ID"}, {name: "A", clip: 30}, {name: "B", clip: 10}}
	rows := [][]string{{"id-1", strings.Repeat("a", 50), strings.Repeat("b", 20)}}
	tests := []struct {
		width int
		want  []int
	}{
		{0, []int{4, 30, 10}},   // no terminal: the clips
		{200, []int{4, 50, 20}}, // room for all
		{60, []int{4, 32, 20}},  // the widest gives first
		{40, []int{4, 16, 16}},  // then both alike
		{10, []int{4, 12, 12}},  // never under minClip
	}
	for _, tt := range tests {
		if got := fitWidths(cols, rows, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("width %d: %v, want %v", tt.width, got, tt.want)
		}
	}
	// names are cut after the text, never under minNamesClip or the header
	cols = []column{{name: "ID"}, {name: "WHO", names: true}, {name: "TEXT", clip: 80}, {name: "LONG HEADER", names: true}}
	rows = [][]string{{"id-1", strings.Repeat("n", 20), strings.Repeat("t", 40), strings.Repeat("h", 20)}}
	for _, tt := range []struct {
		width int
		want  []int
	}{
		{90, []int{4, 20, 40, 20}},
		{80, []int{4, 20, 30, 20}},
		{60, []int{4, 19, 12, 19}},
		{20, []int{4, 8, 12, 11}},
	} {
		if got := fitWidths(cols, rows, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("names, width %d: %v, want %v", tt.width, got, tt.want)
		}
	}
}
