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
	"github.com/newsgraph/newsgraph/queries"
)

func loadCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "read articles, extract who said what, and add them to the store",
		ArgsUsage: "PATH...",
		Description: "PATH is a file, a folder (read recursively) or - for standard input; each\n" +
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
// so on a large store fewer, larger transactions write faster: one after
// the other, the graph writes of 10,000 synthetic articles took 130 s in
// batches of 10,000 quads, 104 s in batches of 20,000 and 94 s in batches
// of 100,000. Load pipelines its writes (graph.Options.Pipelined: bolt
// writes one batch while cayley prepares the next), which changes the
// balance: the writes alone (newsgraph bench --phases writes) made 70,200
// quads/s in batches of 10,000, 74,600 in batches of 15,000, 77,000 and
// 77,200 in batches of 25,000 and 70,900 in batches of 50,000, where the
// two batches held at once also took the writes' peak memory from 1,161
// to 1,520 MiB (and the whole load's anonymous memory from 786 to 1,000).
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

// loadStats is what load prints.
type loadStats struct {
	read, duplicates, skipped int
	report                    graph.LoadReport
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
		r := st.report
		fmt.Fprintf(e.stdout, "articles read:  %d\n", st.read)
		fmt.Fprintf(e.stdout, "duplicates:     %d\n", st.duplicates)
		fmt.Fprintf(e.stdout, "new:            %d\n", r.New)
		fmt.Fprintf(e.stdout, "replaced:       %d\n", len(r.Changed)+r.Repaired)
		fmt.Fprintf(e.stdout, "unchanged:      %d\n", r.Unchanged)
		fmt.Fprintf(e.stdout, "skipped:        %d\n", st.skipped)
		fmt.Fprintf(e.stdout, "entities:       %d\n", r.Entities)
		fmt.Fprintf(e.stdout, "quotes:         %d\n", r.Quotes)
		fmt.Fprintf(e.stdout, "events:         %d\n", r.Events)
		fmt.Fprintf(e.stdout, "quads written:  %d\n", r.Added)
		fmt.Fprintf(e.stdout, "quads removed:  %d\n", r.Removed)
		fmt.Fprintf(e.stdout, "time:           %s\n", time.Since(start).Round(time.Millisecond))
	}
	for _, id := range st.report.Incomplete {
		fmt.Fprintf(e.stderr, "incomplete %s: an interrupted load left this article half written; load it again\n", id)
	}
	if st.skipped > 0 {
		return errSkipped
	}
	return nil
}

// loadPaths opens (or creates) the store of opts.db and loads opts.paths
// into it: everything load does but print.
func (e *env) loadPaths(ctx context.Context, opts loadOptions) (st loadStats, err error) {
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
	cfg := loadConfig{jobs: opts.jobs, stderr: e.stderr, logger: e.logger}
	if !opts.quiet {
		cfg.progress = newProgress(e.stderr, e.logger)
	}
	return loadArticles(ctx, s, x, src, cfg)
}

// loadGCPercent is the garbage collector's GOGC while a load runs. A
// load's live heap is mostly the store's bloom filters, bolt's page
// buffers, the batch being written and the models (about 420 MB for
// 10,000 articles into a new store), which the default 100 lets grow to
// twice that before each collection. newsgraph bench, 10,000 synthetic
// articles, two runs each: GOGC=50 took 59.6 and 61.2 s with a peak RSS
// of 1,281 and 1,266 MiB; 75 took 55.0 and 58.0 s, 1,376 and 1,368 MiB;
// 100 took 57.2 and 59.2 s, 1,501 and 1,517 MiB, too near the 1.5 GB a
// load of that size may use. GOGC=100 chooses speed.
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
// than twice as fast (10,000 synthetic articles: 130 s against 293 s),
// for about 320 MB of memory. Into a store that holds quads they only
// speed up the duplicate checks, and opening the store fills them by
// reading every quad: 2.9 s and 750 MB for a 10,000-article store, more
// than they save (1,000 more articles into it took 23.0 s either way).
// So load turns them off for existing stores.
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

// loadSource loads src into s with one extraction at a time, reporting
// each input skipped on its own line on w.
func loadSource(ctx context.Context, s *graph.Store, x *extract.Extractor, src corpus.Source, w io.Writer) (loadStats, error) {
	return loadArticles(ctx, s, x, src, loadConfig{jobs: 1, stderr: w})
}

// loadConfig configures loadArticles.
type loadConfig struct {
	// jobs is the number of extractions run at once.
	jobs int
	// stderr receives one line per input skipped.
	stderr io.Writer
	// progress, if not nil, is told how far the load is.
	progress progress
	// logger receives debug logs; nil discards them.
	logger *slog.Logger
}

// loadArticles reads every article of src, merges copies of one article,
// extracts the new and changed ones with cfg.jobs workers, and writes them
// to s in the order src gave them, so that the store is the same whatever
// the number of workers. A problem with one input or article is reported
// on its own line and skipped; only a failure of the store or of ctx
// stops the load.
func loadArticles(ctx context.Context, s *graph.Store, x *extract.Extractor, src corpus.Source, cfg loadConfig) (loadStats, error) {
	var st loadStats
	logger := cfg.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	prog := cfg.progress
	if prog == nil {
		prog = noProgress{}
	}
	defer prog.finish()
	skip := func(path string, problem error) {
		st.skipped++
		prog.clear()
		msg := oneLine(problem.Error())
		if !strings.HasPrefix(msg, path+":") {
			msg = path + ": " + msg
		}
		fmt.Fprintf(cfg.stderr, "skipped %s\n", msg)
	}

	// Read everything first: copies of an article can come from any file.
	prog.start("reading", -1)
	dedup := corpus.NewDeduper(corpus.Config{Logger: logger})
	for {
		a, err := src.Next(ctx)
		var perr *corpus.ParseError
		if errors.Is(err, io.EOF) {
			break
		} else if errors.As(err, &perr) {
			skip(perr.Path, perr)
			continue
		} else if err != nil {
			return st, err
		}
		st.read++
		if _, dup := dedup.Add(a); dup {
			st.duplicates++
		}
		prog.add(1)
	}
	arts := dedup.Articles()

	l, err := s.NewLoader(ctx)
	if err != nil {
		return st, err
	}
	prog.start("loading", len(arts))
	err = pipeline(ctx, arts, cfg.jobs, x, l, func(i int, err error) error {
		prog.add(1)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		skip(arts[i].Path, err)
		return nil
	})
	if err != nil {
		l.Abort()
		return st, err
	}
	prog.start("cleaning up", -1)
	if st.report, err = l.Close(ctx); err != nil {
		return st, err
	}
	// The canned queries' answers for the new state, so that the first
	// quotes, entities or breaches after a load is as fast as the next.
	// They are a cache: without them the queries compute their answers.
	prog.start("storing answers", -1)
	if err := queries.Warm(ctx, s); err != nil {
		if ctx.Err() != nil {
			return st, ctx.Err()
		}
		prog.clear()
		fmt.Fprintf(cfg.stderr, "warning: %s (the queries compute them when asked)\n", oneLine(err.Error()))
	}
	return st, nil
}

// extracted is one article's place in the load and what extraction gave.
type extracted struct {
	i   int
	doc graph.Doc
	err error
}

// pipeline extracts arts with jobs workers and adds them to l in order.
// done is called for each article, in order, with the problem that made
// it skipped or nil; an error from done, from l or from ctx stops the
// pipeline.
func pipeline(ctx context.Context, arts []corpus.Article, jobs int, x *extract.Extractor, l *graph.Loader, done func(i int, err error) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Both channels hold a whole window, so that neither side blocks the
	// other.
	window := 4 * jobs
	in := make(chan extracted, window)
	out := make(chan extracted, window)
	for range jobs {
		go func() {
			for job := range in {
				job.doc.Result, job.err = x.Extract(ctx, job.doc.Article)
				select {
				case out <- job:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	defer close(in)

	// Only this goroutine touches the store: it checks each article's
	// status before handing it to a worker (articles already stored are
	// not extracted again), and writes results in input order, holding
	// at most window articles in flight.
	ready := map[int]extracted{}
	next, sent, inFlight := 0, 0, 0
	for next < len(arts) {
		for sent < len(arts) && inFlight < window {
			a := arts[sent]
			status, err := l.Status(ctx, a)
			switch {
			case err != nil && !graph.IsArticleError(err):
				return err
			case err != nil || status == graph.StatusUnchanged:
				ready[sent] = extracted{i: sent, doc: graph.Doc{Article: a}, err: err}
			default:
				select {
				case in <- extracted{i: sent, doc: graph.Doc{Article: a}}:
				case <-ctx.Done():
					return ctx.Err()
				}
				inFlight++
			}
			sent++
		}
		r, ok := ready[next]
		if !ok {
			select {
			case r = <-out:
				inFlight--
				ready[r.i] = r
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		delete(ready, next)
		next++
		if r.err == nil {
			if _, err := l.Add(ctx, r.doc); err != nil {
				if !graph.IsArticleError(err) {
					return err
				}
				r.err = err
			}
		}
		if err := done(r.i, r.err); err != nil {
			return err
		}
	}
	return nil
}

// progress shows how far a load is.
type progress interface {
	// start begins a phase of total steps (-1: unknown).
	start(phase string, total int)
	// add records n steps done.
	add(n int)
	// clear makes room for a line on the terminal.
	clear()
	// finish ends the display.
	finish()
}

// newProgress returns a progress bar on w when it is a terminal, and
// otherwise a logger writing a progress line every few seconds.
func newProgress(w io.Writer, logger *slog.Logger) progress {
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

func (p *barProgress) start(phase string, total int) {
	p.finish()
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

func (p *barProgress) add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n) // drawing errors are not worth stopping a load for
	}
}

func (p *barProgress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *barProgress) finish() {
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

func (p *logProgress) start(phase string, total int) {
	p.phase, p.total, p.done = phase, total, 0
	p.began, p.last = time.Now(), time.Now()
}

func (p *logProgress) add(n int) {
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

func (p *logProgress) clear()  {}
func (p *logProgress) finish() {}

// noProgress shows nothing.
type noProgress struct{}

func (noProgress) start(string, int) {}
func (noProgress) add(int)           {}
func (noProgress) clear()            {}
func (noProgress) finish()           {}
