package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/queries"
)

func loadCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "read articles, extract who said what, and add them to the store",
		ArgsUsage: "PATH...",
		Description: "PATH is a file, a folder (read recursively), an http(s) address (an article\n" +
			"page or a feed, fetched) or - for standard input; each\n" +
			"file's format (text, Markdown, HTML, RSS/Atom/JSON feed, JSON, JSON Lines) is\n" +
			"told from its content. Copies of one article (same URL, same text, or a\n" +
			"syndicated near copy) are loaded once, with the copies as further sources.\n" +
			"Articles already in the store are skipped; a changed article replaces its\n" +
			"stored version. A load that is interrupted is finished by running it again.\n" +
			"The load that creates a store forces it to disk only at its end: should the\n" +
			"machine itself crash (not just newsgraph) during it, delete the store and\n" +
			"load again.\n" +
			"An input that cannot be read is reported on its own line and skipped; the\n" +
			"exit code is then 3.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0),
				Usage: "number of articles analysed in parallel (the store is the same whatever the number)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"},
				Usage: "print neither progress nor the summary, only the inputs skipped"},
			&cli.IntFlag{Name: "batch-size", Value: defaultLoadBatch,
				Usage: "quads written per transaction"},
			&cli.DurationFlag{Name: "article-timeout", Value: extract.DefaultTimeout,
				Usage: "skip an article whose analysis takes longer than this"},
			&cli.IntFlag{Name: "max-article-bytes", Value: extract.DefaultMaxBodyBytes,
				Usage: "skip an article whose text is larger than this many bytes"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError{errors.New("load: no PATH given")}
			}
			if d := c.Duration("article-timeout"); d <= 0 {
				return usageError{fmt.Errorf("load: --article-timeout %s: want more than 0", d)}
			}
			for _, name := range []string{"jobs", "batch-size", "max-article-bytes"} {
				if n := c.Int(name); n < 1 {
					return usageError{fmt.Errorf("load: --%s %d: want 1 or more", name, n)}
				}
			}
			return e.load(c.Context, loadOptions{
				db:    c.String("db"),
				paths: c.Args().Slice(),
				jobs:  c.Int("jobs"),
				quiet: c.Bool("quiet"),
				batch: c.Int("batch-size"),
				limits: extract.Config{Timeout: c.Duration("article-timeout"),
					MaxBodyBytes: c.Int("max-article-bytes")},
			})
		},
	}
}

// defaultLoadBatch is the number of quads load writes per transaction.
// Cayley's bolt backend rewrites every B-tree page a transaction touches,
// so on a large store fewer, larger transactions write faster; with
// pipelined writes (graph.Options.Pipelined) two batches are held at
// once, so larger ones cost memory. This size is the fastest measured
// that keeps a 10,000-article load within its memory target (README,
// "Design figures"; newsgraph bench --phases writes --batch-size N).
const defaultLoadBatch = 25000

// loadOptions are load's flags and arguments.
type loadOptions struct {
	db    string
	paths []string
	jobs  int
	quiet bool
	batch int
	// limits holds the bounds of one article's analysis (Timeout,
	// MaxBodyBytes; zero: extract's defaults).
	limits extract.Config
}

func (e *env) load(ctx context.Context, opts loadOptions) error {
	start := time.Now()
	st, err := e.loadPaths(ctx, opts)
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("load interrupted: the store holds what was loaded so far; run the same load again to finish it (%w)", err)
	} else if err != nil {
		return err
	}
	if !opts.quiet {
		r := st.Report
		fmt.Fprintf(e.stdout, "articles read:  %d\n", st.Read)
		fmt.Fprintf(e.stdout, "duplicates:     %d\n", st.Duplicates)
		fmt.Fprintf(e.stdout, "new:            %d\n", r.New)
		fmt.Fprintf(e.stdout, "replaced:       %d\n", len(r.Changed)+r.Repaired)
		fmt.Fprintf(e.stdout, "unchanged:      %d\n", r.Unchanged)
		fmt.Fprintf(e.stdout, "skipped:        %d\n", st.Skipped)
		fmt.Fprintf(e.stdout, "entities:       %d\n", r.Entities)
		fmt.Fprintf(e.stdout, "quotes:         %d\n", r.Quotes)
		fmt.Fprintf(e.stdout, "events:         %d\n", r.Events)
		fmt.Fprintf(e.stdout, "quads written:  %d\n", r.Added)
		fmt.Fprintf(e.stdout, "quads removed:  %d\n", r.Removed)
		fmt.Fprintf(e.stdout, "time:           %s\n", time.Since(start).Round(time.Millisecond))
	}
	for _, id := range st.Report.Incomplete {
		fmt.Fprintf(e.stderr, "incomplete %s: an interrupted load left this article half written; load it again\n", id)
	}
	if st.Skipped > 0 {
		return errSkipped
	}
	return nil
}

// loadPaths opens (or creates) the store of opts.db and loads opts.paths
// into it: everything load does but print.
func (e *env) loadPaths(ctx context.Context, opts loadOptions) (st ingest.Stats, err error) {
	defer loadGC()()
	fresh := newStore(opts.db)
	s, err := graph.Open(ctx, opts.db, graph.Options{Create: true, BatchSize: opts.batch, Logger: e.logger,
		NoBloom: !fresh, NoSync: fresh, Pipelined: true})
	if err != nil {
		return st, err
	}
	defer closeStore(s, &err)
	// The model is built while the articles are read.
	xc := opts.limits
	xc.Model, xc.Logger = extract.StartModel(), e.logger
	x := extract.New(xc)
	src := corpus.Walk(opts.paths, corpus.Config{Logger: e.logger, Stdin: e.stdin})
	defer src.Close()
	cfg := e.ingestConfig(opts.jobs)
	if !opts.quiet {
		cfg.Progress = newProgress(e.stderr, e.logger)
		cfg.Renamed = func(path, id string) { fmt.Fprintf(e.stderr, "id %s for %s\n", id, path) }
	}
	return ingest.Load(ctx, s, x, src, cfg)
}

// ingestConfig is how every command that loads articles loads them: jobs
// extractions at once, one "skipped PATH: problem" line on stderr for each
// input or article skipped, and the canned queries' answers stored at the
// end, so that the first quotes, entities or breaches after a load is as
// fast as the next (they are a cache: a failure to store them is only a
// warning, and the queries compute their answers).
func (e *env) ingestConfig(jobs int) ingest.Config {
	return ingest.Config{
		Jobs:   jobs,
		Logger: e.logger,
		Skipped: func(path string, problem error) {
			msg := oneLine(problem.Error())
			if !strings.HasPrefix(msg, path+":") {
				msg = path + ": " + msg
			}
			fmt.Fprintf(e.stderr, "skipped %s\n", msg)
		},
		FinishPhase: "storing answers",
		Finish: func(ctx context.Context, s *graph.Store) error {
			if err := queries.Warm(ctx, s); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fmt.Fprintf(e.stderr, "warning: %s (the queries compute them when asked)\n", oneLine(err.Error()))
			}
			return nil
		},
	}
}

// loadGCPercent is the garbage collector's GOGC while a load runs. A
// load's live heap is mostly the store's bloom filters, bolt's page
// buffers, the batch being written and the models, which the default 100
// lets grow to twice that before each collection: too near the memory a
// large load may use. 75 trades a little speed for memory (README,
// "Design figures"); the GOGC environment variable overrides it.
const loadGCPercent = 75

// loadGC sets the garbage collector's target for a load, unless the user
// chose one with GOGC, and returns the function that restores it.
func loadGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(loadGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// newStore reports whether db names a bolt store that does not exist yet.
//
// Cayley's bolt backend keeps bloom filters of the stored quads and index
// keys, fixed at 100 million entries each (v0.7.7 has no option to size
// them, only to turn them off). Into a new store they make writes more
// than twice as fast for a few hundred MB of memory. Into a store that
// holds quads they only speed up the duplicate checks, and opening the
// store fills them by reading every quad, which costs more than they
// save. So load turns them on for new stores only (README, "Design
// figures").
//
// Into a new store, load does not wait for the disk at every commit
// either (graph.Options.NoSync: the store is synced once, when the load
// closes it): a crash of the machine during that first load can damage
// the store, which held nothing before; delete it and load again. Loads
// into a store that exists commit to disk as they go.
func newStore(db string) bool {
	if db == graph.DSNMemory || strings.Contains(db, "://") && !strings.HasPrefix(db, "bolt://") {
		return false // not a bolt store: the option does nothing
	}
	_, err := os.Stat(strings.TrimPrefix(db, "bolt://"))
	return errors.Is(err, fs.ErrNotExist)
}

// newProgress returns a progress bar on w when it is a terminal, and
// otherwise a logger writing a progress line every few seconds.
func newProgress(w io.Writer, logger *slog.Logger) ingest.Progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &barProgress{w: w}
	}
	var h slog.Handler
	if _, ok := logger.Handler().(*slog.JSONHandler); ok {
		h = slog.NewJSONHandler(w, nil)
	} else {
		h = slog.NewTextHandler(w, nil)
	}
	return &logProgress{logger: slog.New(h), every: 5 * time.Second}
}

// barProgress draws a progress bar on a terminal.
type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Start(phase string, total int) {
	p.Finish()
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(phase),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)
}

func (p *barProgress) Add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n) // drawing errors are not worth stopping a load for
	}
}

func (p *barProgress) Clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *barProgress) Finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}

// logProgress logs a progress line at most every so often.
type logProgress struct {
	logger      *slog.Logger
	every       time.Duration
	phase       string
	done, total int
	began, last time.Time
}

func (p *logProgress) Start(phase string, total int) {
	p.phase, p.total, p.done = phase, total, 0
	p.began, p.last = time.Now(), time.Now()
}

func (p *logProgress) Add(n int) {
	p.done += n
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		attrs := []any{"phase", p.phase, "done", p.done}
		if p.total >= 0 {
			attrs = append(attrs, "total", p.total)
		}
		attrs = append(attrs, "elapsed", now.Sub(p.began).Round(time.Second).String())
		p.logger.Info("progress", attrs...)
	}
}

func (p *logProgress) Clear()  {}
func (p *logProgress) Finish() {}
