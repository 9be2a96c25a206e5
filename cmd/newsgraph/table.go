package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// column is one column of a table. A text column (clip not 0) is the one
// cut to fit: to the terminal's width when the output is one, else at clip
// characters (-1: not cut), never with --wide. A column of names is cut
// too, on a terminal only and after the text columns; other columns (ids,
// numbers, dates) are never cut.
type column struct {
	name  string
	clip  int
	names bool
}

// The fewest characters a text column and a column of names are cut to
// when fitting a terminal: narrower, they would say nothing.
const (
	minClip      = 12
	minNamesClip = 8
)

// listing is how a list command prints: --wide, --limit, and the width to
// fit (0: no terminal, clip text columns at their clip).
type listing struct {
	wide  bool
	limit int
	width int
}

// listFlags are the flags of the commands that print tables of rows.
func listFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "wide", Usage: "print every cell whole, instead of cutting text to fit the terminal (or 80 characters when not printing to one)"},
		&cli.IntFlag{Name: "limit", Usage: "print at most N rows (0: all)"},
	}
}

// listing reads the list flags of c.
func (e *env) listing(c *cli.Context) (listing, error) {
	l := listing{wide: c.Bool("wide"), limit: c.Int("limit"), width: e.termWidth()}
	if l.limit < 0 {
		return l, usageError{fmt.Errorf("--limit %d: want 0 (all) or more", l.limit)}
	}
	return l, nil
}

// termWidth is the width to fit tables to: $COLUMNS when set, else the
// terminal's when standard output is one, else 0.
func (e *env) termWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// limited returns the first l.limit of rows (all when it is 0), saying on
// w how many were left out.
func limited[T any](w io.Writer, l listing, what string, rows []T) []T {
	if l.limit == 0 || len(rows) <= l.limit {
		return rows
	}
	fmt.Fprintf(w, "%d of %d %s shown (--limit 0 shows all)\n", l.limit, len(rows), what)
	return rows[:l.limit]
}

// table prints rows of cells aligned in columns under a header, each cell
// on one line, text columns cut as l says.
func table(w io.Writer, l listing, cols []column, rows [][]string) error {
	for _, r := range rows {
		for i := range r {
			r[i] = oneLine(r[i])
		}
	}
	if !l.wide {
		widths := fitWidths(cols, rows, l.width)
		for _, r := range rows {
			for i, c := range cols {
				if (c.clip != 0 || c.names) && i < len(r) {
					r[i] = clip(r[i], widths[i])
				}
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// fitWidths returns, for each column, the characters it may show: a text
// column's clip when width is 0, else as many as let each line fit in
// width, taken from the widest text column first, then from the widest
// column of names, none cut under its floor (minClip, minNamesClip, or its
// header's width): a table of many columns may stay wider.
func fitWidths(cols []column, rows [][]string, width int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = utf8.RuneCountInString(c.name)
	}
	for _, r := range rows {
		for i := range cols {
			if i < len(r) {
				widths[i] = max(widths[i], utf8.RuneCountInString(r[i]))
			}
		}
	}
	if width == 0 {
		for i, c := range cols {
			if c.clip > 0 {
				widths[i] = min(widths[i], c.clip)
			}
		}
		return widths
	}
	total := 2 * (len(cols) - 1) // the gaps
	for _, n := range widths {
		total += n
	}
	// the text columns down to minClip, then the names down to minNamesClip
	for _, names := range []bool{false, true} {
		floor := func(i int) int {
			if names {
				return max(minNamesClip, utf8.RuneCountInString(cols[i].name))
			}
			return max(minClip, utf8.RuneCountInString(cols[i].name))
		}
		cut := func(c column) bool { return names && c.names || !names && c.clip != 0 }
		for total > width {
			widest := -1
			for i, c := range cols {
				if cut(c) && widths[i] > floor(i) && (widest < 0 || widths[i] > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break // nothing left to cut
			}
			widths[widest]--
			total--
		}
	}
	return widths
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	r := []rune(oneLine(s))
	if len(r) <= n {
		return string(r)
	}
	if n < 1 {
		return ""
	}
	return string(r[:n-1]) + "…"
}

// dash returns s, or "–" when it is empty: a cell with nothing known.
func dash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// checkFormat validates --format.
func checkFormat(f string) error {
	if f != "table" && f != "json" {
		return usageError{fmt.Errorf("--format %q: want table or json", f)}
	}
	return nil
}
