package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

func loadCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "read articles, extract who said what, and add them to the store",
		ArgsUsage: "PATH...",
		Description: "PATH is a file, a folder (read recursively) or - for standard input.\n" +
			"Articles already in the store are skipped. A file that cannot be read is\n" +
			"reported on its own line and skipped; the exit code is then 3.",
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError{errors.New("load: no PATH given")}
			}
			return e.load(c.Context, c.String("db"), c.Args().Slice())
		},
	}
}

// loadStats is what load prints.
type loadStats struct {
	read, skipped int
	report        graph.LoadReport
}

func (e *env) load(ctx context.Context, db string, paths []string) (err error) {
	start := time.Now()
	s, err := graph.Open(ctx, db, graph.Options{Create: true, Logger: e.logger})
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	x := extract.New(extract.Config{Model: extract.NewModel(), Logger: e.logger})
	src := corpus.Walk(paths, corpus.Config{Logger: e.logger, Stdin: e.stdin})
	defer src.Close()
	st, err := loadSource(ctx, s, x, src, e.stderr)
	if err != nil {
		return err
	}
	r := st.report
	fmt.Fprintf(e.stdout, "articles read:  %d\n", st.read)
	fmt.Fprintf(e.stdout, "new:            %d\n", r.New)
	fmt.Fprintf(e.stdout, "unchanged:      %d\n", r.Unchanged)
	fmt.Fprintf(e.stdout, "skipped:        %d\n", st.skipped)
	fmt.Fprintf(e.stdout, "entities:       %d\n", r.Entities)
	fmt.Fprintf(e.stdout, "quotes:         %d\n", r.Quotes)
	fmt.Fprintf(e.stdout, "events:         %d\n", r.Events)
	fmt.Fprintf(e.stdout, "quads written:  %d\n", r.Quads)
	fmt.Fprintf(e.stdout, "time:           %s\n", time.Since(start).Round(time.Millisecond))
	if st.skipped > 0 {
		return errSkipped
	}
	return nil
}

// loadSource extracts every article of src and loads it into s. Each input
// skipped is reported on its own line on w; only a failure of the store or
// of ctx stops the load.
func loadSource(ctx context.Context, s *graph.Store, x *extract.Extractor, src corpus.Source, w io.Writer) (loadStats, error) {
	var st loadStats
	l, err := s.NewLoader(ctx)
	if err != nil {
		return st, err
	}
	skip := func(path string, problem any) {
		st.skipped++
		fmt.Fprintf(w, "skipped %s: %v\n", path, problem)
	}
	for {
		a, err := src.Next(ctx)
		var perr *corpus.ParseError
		switch {
		case errors.Is(err, io.EOF):
			st.report, err = l.Close(ctx)
			return st, err
		case errors.As(err, &perr):
			st.skipped++
			fmt.Fprintf(w, "skipped %s\n", perr)
			continue
		case err != nil:
			return st, err
		}
		st.read++
		status, err := l.Status(ctx, a)
		if err != nil {
			skip(a.Path, err)
			continue
		}
		switch status {
		case graph.StatusUnchanged:
			if _, err := l.Add(ctx, graph.Doc{Article: a}); err != nil {
				return st, err
			}
			continue
		case graph.StatusChanged:
			skip(a.Path, fmt.Sprintf("article %s changed since it was loaded; replacing articles is not supported yet", a.ID))
			continue
		}
		r, err := x.Extract(ctx, a)
		if err != nil {
			if ctx.Err() != nil {
				return st, ctx.Err()
			}
			skip(a.Path, err)
			continue
		}
		if _, err := l.Add(ctx, graph.Doc{Article: a, Result: r}); err != nil {
			return st, err
		}
	}
}
