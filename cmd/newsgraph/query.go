package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/internal/membudget"
	"github.com/newsgraph/newsgraph/queries"
	"github.com/newsgraph/newsgraph/server"
)

func queryCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query and print its results as JSON",
		ArgsUsage: "[QUERY]",
		Description: "The query comes from the argument, from the file given with -f, or from\n" +
			"standard input (no argument, or -). Example:\n" +
			`  newsgraph query 'g.V().Has("<rdf:type>", "<schema:Quotation>").Count()'`,
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE`"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "stop after `N` results (0: no limit)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after this long"},
			queryMemoryFlag(),
		},
		Action: func(c *cli.Context) (err error) {
			src, name, err := e.querySource(c)
			if err != nil {
				return err
			}
			budget, err := queryBudget(c)
			if err != nil {
				return err
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			ctx, done := budget.Watch(c.Context)
			defer done()
			res, err := queries.Gizmo(ctx, s, src, c.Int("limit"), c.Duration("timeout"))
			if cause := context.Cause(ctx); errors.Is(cause, membudget.ErrExceeded) {
				return fmt.Errorf("query %s stopped: %w (raise --query-memory)", name, cause)
			}
			if err != nil {
				return fmt.Errorf("query %s: %w", name, err)
			}
			return writeJSON(e.stdout, res)
		},
	}
}

// querySource returns the query text and a name for it in errors.
func (e *env) querySource(c *cli.Context) (src, name string, err error) {
	switch file, arg := c.String("file"), strings.Join(c.Args().Slice(), " "); {
	case file != "" && arg != "":
		return "", "", usageError{errors.New("query: give the query as an argument or with -f, not both")}
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", "", fmt.Errorf("query: %w", err)
		}
		return string(b), file, nil
	case arg != "" && arg != "-":
		return arg, quoteQuery(arg), nil
	}
	in := e.stdin
	if in == nil {
		in = os.Stdin
	}
	b, err := io.ReadAll(in)
	if err != nil {
		return "", "", fmt.Errorf("query: read standard input: %w", err)
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", "", usageError{errors.New("query: empty query (give it as an argument, with -f FILE or on standard input)")}
	}
	return string(b), quoteQuery(string(b)), nil
}

// quoteQuery names a query in an error: its first 60 characters, quoted.
func quoteQuery(q string) string {
	q = oneLine(q)
	if r := []rune(q); len(r) > 60 {
		q = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", q)
}

// writeJSON prints v as indented JSON, leaving <, > and & unescaped so
// IRIs read as they are written in queries.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// queryMemoryFlag is the --query-memory flag of query and serve.
func queryMemoryFlag() cli.Flag {
	return &cli.Int64Flag{Name: "query-memory", Value: server.DefaultQueryMemory,
		Usage: "stop Gizmo queries once the heap has grown by this many `BYTES` while they run (all at once together)"}
}

// queryBudget is the budget of --query-memory.
func queryBudget(c *cli.Context) (*membudget.Budget, error) {
	n := c.Int64("query-memory")
	if n <= 0 {
		return nil, usageError{fmt.Errorf("%s: --query-memory %d: want more than 0 bytes", c.Command.Name, n)}
	}
	return membudget.New(uint64(n)), nil
}
