package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph as N-Quads, JSON-LD, GraphML, DOT or CSV",
		Description: "nquads and jsonld hold every quad with its label (the article stating it);\n" +
			"newsgraph import reads them back into a new store. graphml (Gephi, yEd) and dot\n" +
			"(Graphviz) draw the graph of articles, entities, quotes, roles and breaches,\n" +
			"each node with its type and label, each edge with its predicate and the number\n" +
			"of articles stating it; csv writes the same as nodes.csv and edges.csv into\n" +
			"the folder --out names. Without --out the export goes to standard output.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "nquads, jsonld, graphml, dot or csv"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the file to write (a folder for csv)"},
		},
		Action: func(c *cli.Context) (err error) {
			format, out := c.String("format"), c.String("out")
			if !slices.Contains(queries.ExportFormats(), format) {
				return usageError{fmt.Errorf("export: --format %q: want %s", format, strings.Join(queries.ExportFormats(), ", "))}
			}
			if c.NArg() > 0 {
				return usageError{fmt.Errorf("export: unexpected argument %q", c.Args().First())}
			}
			if format == "csv" && out == "" {
				return usageError{errors.New("export: --format csv writes nodes.csv and edges.csv: give the folder with --out")}
			}
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			if format == "csv" {
				return exportCSV(c, s, out)
			}
			if out == "" {
				return queries.Export(c.Context, s, format, e.stdout)
			}
			return writeFile(out, func(w io.Writer) error { return queries.Export(c.Context, s, format, w) })
		},
	}
}

// exportCSV writes dir/nodes.csv and dir/edges.csv.
func exportCSV(c *cli.Context, s *graph.Store, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return writeFile(filepath.Join(dir, "nodes.csv"), func(nodes io.Writer) error {
		return writeFile(filepath.Join(dir, "edges.csv"), func(edges io.Writer) error {
			return queries.ExportCSV(c.Context, s, nodes, edges)
		})
	})
}

// writeFile creates path and writes it with write, removing it when
// writing fails.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "restore an N-Quads or JSON-LD export into a new store",
		ArgsUsage: "FILE",
		Description: "FILE is what newsgraph export --format nquads or jsonld wrote (- for standard\n" +
			"input). The store must be new or empty: import restores a graph as it was\n" +
			"exported, labels included, so that every query answers as on the original.\n" +
			"To add articles to a store, load them instead.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "format", Usage: "nquads or jsonld (default: from the file name, else nquads)"},
		},
		Action: func(c *cli.Context) (err error) {
			if c.NArg() != 1 {
				return usageError{errors.New("import: want one FILE (or - for standard input)")}
			}
			path := c.Args().First()
			format := c.String("format")
			if format == "" {
				format = "nquads"
				if ext := strings.ToLower(filepath.Ext(path)); ext == ".jsonld" || ext == ".json" {
					format = "jsonld"
				}
			}
			if format != "nquads" && format != "jsonld" {
				return usageError{fmt.Errorf("import: --format %q: want nquads or jsonld", format)}
			}
			var r io.Reader = e.stdin
			if path != "-" {
				f, err := os.Open(path)
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				defer f.Close()
				r = f
			} else if r == nil {
				r = os.Stdin
			}
			db := c.String("db")
			created := newStore(db)
			s, err := graph.Open(c.Context, db, graph.Options{Create: true, Logger: e.logger})
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			n, err := queries.Import(c.Context, s, format, r)
			if err != nil {
				err = fmt.Errorf("import %s: %w", path, err)
				if created {
					// a failed import leaves no store behind that it made
					if cerr := s.Close(); cerr != nil {
						return errors.Join(err, cerr)
					}
					if rerr := os.RemoveAll(strings.TrimPrefix(db, "bolt://")); rerr != nil {
						return errors.Join(err, fmt.Errorf("remove the store the import created: %w", rerr))
					}
				}
				return err
			}
			if err := queries.Warm(c.Context, s); err != nil {
				fmt.Fprintf(e.stderr, "warning: %s (the queries compute them when asked)\n", oneLine(err.Error()))
			}
			fmt.Fprintf(e.stdout, "quads imported: %d\n", n)
			return nil
		},
	}
}
