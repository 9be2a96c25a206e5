package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// table prints rows of cells aligned in columns under a header.
func table(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		for i := range r {
			r[i] = oneLine(r[i])
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	r := []rune(oneLine(s))
	if len(r) <= n {
		return string(r)
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
