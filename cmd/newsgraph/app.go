package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/redact"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // the command failed
	exitUsage   = 2 // bad flags or arguments
	exitSkipped = 3 // the command finished, but some input was skipped
)

// defaultDB is the store used when neither --db nor NEWSGRAPH_DB is set.
const defaultDB = "./newsgraph.db"

// usageError marks errors in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errSkipped is returned by a command that finished but skipped input; it
// has already reported what it skipped.
var errSkipped = errors.New("some input was skipped")

// env is what every command gets besides its flags.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	logger         *slog.Logger
}

// run runs newsgraph with the given arguments (args[0] is the program
// name) and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWithStdin(ctx, args, nil, stdout, stderr)
}

func runWithStdin(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin}
	app := &cli.App{
		Name:  "newsgraph",
		Usage: "turn news articles into a graph of who said what about which event",
		Description: "newsgraph loads articles into a Cayley graph (an embedded bolt store by default)\n" +
			"and answers questions about it with named queries or any Gizmo query.",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-level", Value: "warn", Usage: "log level: debug, info, warn or error"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format: text or json"},
		},
		Before: func(c *cli.Context) error {
			l, err := newLogger(stderr, c.String("log-level"), c.String("log-format"))
			if err != nil {
				return usageError{err}
			}
			e.logger = l
			return nil
		},
		Commands: []*cli.Command{
			loadCommand(e),
			queryCommand(e),
			quotesCommand(e),
			entitiesCommand(e),
			breachesCommand(e),
			evalCommand(e),
			serveCommand(e),
			explainCommand(e),
			conflictsCommand(e),
			timelineCommand(e),
			exportCommand(e),
			importCommand(e),
			benchCommand(e),
		},
		OnUsageError:   onUsageError,
		ExitErrHandler: func(*cli.Context, error) {},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	err := app.RunContext(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSkipped):
		return exitSkipped
	}
	fmt.Fprintf(stderr, "newsgraph: %s\n", oneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "flag provided but not defined") ||
		strings.HasPrefix(err.Error(), "No help topic") ||
		strings.Contains(err.Error(), "Required flag") {
		return exitUsage
	}
	return exitFailed
}

func onUsageError(_ *cli.Context, err error, _ bool) error { return usageError{err} }

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// dbFlag is the --db flag every command that uses a store takes.
func dbFlag() cli.Flag {
	return &cli.StringFlag{
		Name:    "db",
		Value:   defaultDB,
		EnvVars: []string{"NEWSGRAPH_DB"},
		Usage:   "the store: a bolt directory path, bolt:///path, or memory:",
	}
}

// formatFlag is the --format flag of the listing commands.
func formatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Value: "table", Usage: "output format: table or json"}
}

// openRead opens the store of --db for reading. A missing store is an
// error: read commands never create one.
func (e *env) openRead(c *cli.Context) (*graph.Store, error) {
	db := c.String("db")
	s, err := graph.Open(c.Context, db, graph.Options{ReadOnly: true, Logger: e.logger})
	if errors.Is(err, graph.ErrNotExist) {
		return nil, fmt.Errorf("%w (load articles first: newsgraph load --db %s PATH)", err, redact.DSN(db))
	}
	return s, err
}

// closeStore closes s, reporting an error only when the command itself
// succeeded.
func closeStore(s *graph.Store, err *error) {
	if cerr := s.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}

// oneLine collapses whitespace runs, newlines included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
