package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// listQuery is what a query command (quotes, entities, breaches,
// conflicts, timeline) does besides what runList does for all of them:
// open the store of --db, check --format and the list flags, filter by
// article (--since, --until, --publisher), cut at --limit, and print JSON
// or a table.
type listQuery[T any] struct {
	// what names the rows in the note --limit prints ("quotes").
	what string
	// check validates the command's own flags before the store is
	// opened; nil when it has none to check.
	check func(c *cli.Context) error
	// run reads the rows.
	run func(c *cli.Context, s *graph.Store) ([]T, error)
	// articles returns the ids of the articles reporting a row, which
	// --since, --until and --publisher look at; nil when the command
	// takes no such flags.
	articles func(T) []string
	// cols and cells make the table.
	cols  []column
	cells func(T) []string
}

// articleFlags are the flags of the commands that filter by the articles
// reporting a row.
func articleFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "only what articles from this date on report (YYYY-MM-DD or YYYY-MM)"},
		&cli.StringFlag{Name: "until", Usage: "only what articles up to this date report (YYYY-MM-DD, or YYYY-MM: to the month's end)"},
		&cli.StringFlag{Name: "publisher", Usage: "only what this outlet's articles report (its name, or its site's host name; case ignored)"},
	}
}

// runList runs a query command.
func runList[T any](e *env, c *cli.Context, q listQuery[T]) (err error) {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	l, err := e.listing(c)
	if err != nil {
		return err
	}
	if q.check != nil {
		if err := q.check(c); err != nil {
			return err
		}
	}
	var af queries.ArticleFilter
	if q.articles != nil {
		af = queries.ArticleFilter{Since: c.String("since"), Until: c.String("until"), Publisher: c.String("publisher")}
		if err := af.Check(); err != nil {
			return usageError{fmt.Errorf("%s: --%v", c.Command.Name, err)}
		}
	}
	s, err := e.openRead(c)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	rows, err := q.run(c, s)
	if err != nil {
		return err
	}
	if !af.Zero() {
		if rows, err = inArticles(c, s, af, rows, q.articles); err != nil {
			return err
		}
	}
	rows = limited(e.stderr, l, q.what, rows)
	if c.String("format") == "json" {
		return writeJSON(e.stdout, rows)
	}
	var cells [][]string
	for _, r := range rows {
		cells = append(cells, q.cells(r))
	}
	return table(e.stdout, l, q.cols, cells)
}

// inArticles returns the rows one of whose articles af keeps; rows is
// never nil (JSON prints [] for no rows).
func inArticles[T any](c *cli.Context, s *graph.Store, af queries.ArticleFilter, rows []T, articles func(T) []string) ([]T, error) {
	keep, err := af.ArticleIDs(c.Context, s)
	if err != nil {
		return nil, err
	}
	if pub := strings.TrimSpace(af.Publisher); pub != "" && len(keep) == 0 {
		if err := publisherExists(c, s, pub); err != nil {
			return nil, err
		}
	}
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		for _, id := range articles(r) {
			if keep[id] {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// articleFiltered reports whether c has --since, --until or --publisher.
func articleFiltered(c *cli.Context) bool {
	return c.String("since") != "" || c.String("until") != "" || c.String("publisher") != ""
}

// publisherExists is called when --publisher pub kept no article: it is a
// usage error naming the store's outlets when no article is from pub.
func publisherExists(c *cli.Context, s *graph.Store, pub string) error {
	arts, err := queries.Articles(c.Context, s)
	if err != nil {
		return err
	}
	var outlets []string
	for _, a := range arts {
		o := a.Outlet()
		if strings.EqualFold(o, pub) || strings.EqualFold(a.Publisher, pub) {
			return nil
		}
		if o != "" && !slices.Contains(outlets, o) {
			outlets = append(outlets, o)
		}
	}
	if len(outlets) == 0 {
		return usageError{fmt.Errorf("%s --publisher %q: no article names its publisher", c.Command.Name, pub)}
	}
	slices.Sort(outlets)
	if len(outlets) > 8 {
		outlets = append(outlets[:8], "…")
	}
	return usageError{fmt.Errorf("%s --publisher %q: no article is from it (the outlets: %s)", c.Command.Name, pub, strings.Join(outlets, ", "))}
}
