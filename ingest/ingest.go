package ingest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// Progress is told how far a load is.
type Progress interface {
	// Start begins a phase of total steps (-1: unknown).
	Start(phase string, total int)
	// Add records n steps done.
	Add(n int)
	// Clear makes room for a line on the terminal.
	Clear()
	// Finish ends the display.
	Finish()
}

// Config configures Load. The zero value loads with one worker and tells
// no one anything.
type Config struct {
	// Jobs is the number of extractions run at once (below 1: one).
	Jobs int
	// Progress, if not nil, is told how far the load is.
	Progress Progress
	// Logger receives debug logs; nil discards them.
	Logger *slog.Logger
	// Skipped, if not nil, is told each input or article skipped and why
	// (after Progress is cleared).
	Skipped func(path string, problem error)
	// Renamed, if not nil, is told the id of each file whose id is not
	// its file name without extension (a name with other characters, a
	// long one, a second file of the same name).
	Renamed func(path, id string)
	// Finish, if not nil, runs once the load is closed, in a phase of its
	// own (cmd stores the canned queries' answers there); its error is
	// returned.
	Finish func(ctx context.Context, s *graph.Store) error
	// FinishPhase names Finish's phase for Progress.
	FinishPhase string
}

// Stats is what one load did.
type Stats struct {
	// Read counts the articles read, Duplicates those merged into another
	// as its copy, Skipped the inputs and articles skipped.
	Read, Duplicates, Skipped int
	// Report is the store's account of the load.
	Report graph.LoadReport
}

// Load reads every article of src, merges copies of one article, extracts
// the new and changed ones with cfg.Jobs workers, and writes them to s in
// the order src gave them, so that the store is the same whatever the
// number of workers. A problem with one input or article is told to
// cfg.Skipped and the article skipped; only a failure of the store, of
// cfg.Finish or of ctx stops the load.
func Load(ctx context.Context, s *graph.Store, x *extract.Extractor, src corpus.Source, cfg Config) (Stats, error) {
	var st Stats
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	prog := cfg.Progress
	if prog == nil {
		prog = noProgress{}
	}
	defer prog.Finish()
	skip := func(path string, problem error) {
		st.Skipped++
		prog.Clear()
		if cfg.Skipped != nil {
			cfg.Skipped(path, problem)
		}
	}

	// Read everything first: copies of an article can come from any file.
	prog.Start("reading", -1)
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
		st.Read++
		if cfg.Renamed != nil && isFile(a.Path) {
			if base := filepath.Base(a.Path); a.ID != strings.TrimSuffix(base, filepath.Ext(base)) {
				prog.Clear()
				cfg.Renamed(a.Path, a.ID)
			}
		}
		if _, dup := dedup.Add(a); dup {
			st.Duplicates++
		}
		prog.Add(1)
	}
	arts := dedup.Articles()

	l, err := s.NewLoader(ctx)
	if err != nil {
		return st, err
	}
	prog.Start("loading", len(arts))
	err = pipeline(ctx, arts, max(1, cfg.Jobs), x, l, func(i int, err error) error {
		prog.Add(1)
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
	prog.Start("cleaning up", -1)
	if st.Report, err = l.Close(ctx); err != nil {
		return st, err
	}
	if cfg.Finish != nil {
		prog.Start(cfg.FinishPhase, -1)
		if err := cfg.Finish(ctx, s); err != nil {
			prog.Clear()
			return st, err
		}
	}
	return st, nil
}

// One adds one article to s as Load does, without reading or merging: an
// article stored with the same content is left as it is, without
// extracting it again; one stored with other content is replaced; its
// entities merge with stored ones. serve's POST /api/articles uses it.
func One(ctx context.Context, s *graph.Store, x *extract.Extractor, a corpus.Article) error {
	l, err := s.NewLoader(ctx)
	if err != nil {
		return err
	}
	st, err := l.Status(ctx, a)
	if err != nil {
		return err
	}
	d := graph.Doc{Article: a}
	if st != graph.StatusUnchanged {
		if d.Result, err = x.Extract(ctx, a); err != nil {
			l.Abort()
			return err
		}
	}
	if _, err := l.Add(ctx, d); err != nil {
		l.Abort()
		return err
	}
	_, err = l.Close(ctx)
	return err
}

// isFile reports whether an article's path names a file (not standard
// input, a web address or an item of a feed or JSON file).
func isFile(path string) bool {
	return path != "" && path != "-" && !corpus.IsURL(path) && !strings.Contains(path, "#")
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

// noProgress shows nothing.
type noProgress struct{}

func (noProgress) Start(string, int) {}
func (noProgress) Add(int)           {}
func (noProgress) Clear()            {}
func (noProgress) Finish()           {}
