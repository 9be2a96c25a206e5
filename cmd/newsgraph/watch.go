package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
)

// summaryWords is the length under which a feed item's text is taken for
// a summary: its page is fetched for the whole article.
const summaryWords = 120

func watchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "poll news feeds and load their new articles as they appear",
		ArgsUsage: "FEED_URL...",
		Description: "Fetches each feed (RSS, Atom or JSON Feed; a page that links its feed may be\n" +
			"given instead) every --every, asking only for what changed (ETag,\n" +
			"Last-Modified), and loads its items as load does: articles already in the\n" +
			"store are left as they are, so a restarted watch loads only what is new. An\n" +
			"item that carries only a summary is read from its page. Each round prints one\n" +
			"line; a feed or page that fails is named on its own line. Ctrl-C stops it.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.DurationFlag{Name: "every", Value: 15 * time.Minute, Usage: "poll the feeds this often"},
			&cli.BoolFlag{Name: "once", Usage: "poll once and exit (exit code 3 when something was skipped)"},
			&cli.DurationFlag{Name: "article-timeout", Value: extract.DefaultTimeout,
				Usage: "skip an article whose analysis takes longer than this"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError{errors.New("watch: no FEED_URL given")}
			}
			for _, u := range c.Args().Slice() {
				if !corpus.IsURL(u) {
					return usageError{fmt.Errorf("watch: %q is not an http or https address", u)}
				}
			}
			if d := c.Duration("every"); d < time.Second {
				return usageError{fmt.Errorf("watch: --every %s: want a second or more", d)}
			}
			if d := c.Duration("article-timeout"); d <= 0 {
				return usageError{fmt.Errorf("watch: --article-timeout %s: want more than 0", d)}
			}
			return e.watch(c.Context, c.String("db"), c.Args().Slice(), c.Duration("every"), c.Bool("once"),
				extract.Config{Timeout: c.Duration("article-timeout")})
		},
	}
}

// watch polls feeds into the store at db until ctx ends (or once).
func (e *env) watch(ctx context.Context, db string, feeds []string, every time.Duration, once bool, xc extract.Config) (err error) {
	s, err := graph.Open(ctx, db, graph.Options{Create: true, NoBloom: true, Logger: e.logger})
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	xc.Model, xc.Logger = extract.StartModel(), e.logger
	return e.newWatcher(s, extract.New(xc), feeds).run(ctx, every, once)
}

// newWatcher returns a watcher of feeds loading into s with x.
func (e *env) newWatcher(s *graph.Store, x *extract.Extractor, feeds []string) *watcher {
	w := &watcher{x: x, s: s, cfg: e.ingestConfig(runtime.GOMAXPROCS(0)), stdout: e.stdout, stderr: e.stderr,
		list: feeds, feeds: map[string]*watchedFeed{}, pages: map[string]bool{}}
	for _, f := range feeds {
		w.feeds[f] = &watchedFeed{url: f}
	}
	return w
}

// run polls the feeds every every until ctx ends, or once. It returns nil
// when ctx ends (what was loaded is stored), errSkipped after one round
// (once) that skipped something, and the error of a store that failed.
func (w *watcher) run(ctx context.Context, every time.Duration, once bool) error {
	for {
		skipped, err := w.round(ctx)
		if ctx.Err() != nil {
			return nil // stopped: what was loaded is stored
		}
		if err != nil {
			return err
		}
		if once {
			if skipped > 0 {
				return errSkipped
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(every):
		}
	}
}

// watcher is the state of one watch: what each feed last said and which
// item pages were already read in this run.
type watcher struct {
	x              *extract.Extractor
	s              *graph.Store
	cfg            ingest.Config
	stdout, stderr io.Writer
	list           []string // the feeds as given, in order
	feeds          map[string]*watchedFeed
	pages          map[string]bool
	// update, when not nil, runs each round's write to the store (serve
	// --watch: server.Update); write reports whether it changed the
	// store.
	update func(write func() (changed bool, err error)) error
}

// watchedFeed is one feed given to watch.
type watchedFeed struct {
	url        string // the feed itself, once a page given for it was read
	validators corpus.Validators
}

// round polls every feed once and loads what it gives; it returns the
// number of inputs skipped.
func (w *watcher) round(ctx context.Context) (int, error) {
	feeds := w.list
	var arts []corpus.Article
	skipped, unchanged := 0, 0
	skip := func(err error) {
		skipped++
		fmt.Fprintf(w.stderr, "skipped %s\n", oneLine(err.Error()))
	}
	for _, name := range feeds {
		items, err := w.poll(ctx, w.feeds[name])
		switch {
		case errors.Is(err, corpus.ErrNotModified):
			unchanged++
			continue
		case ctx.Err() != nil:
			return skipped, nil
		case err != nil:
			skip(err)
			continue
		}
		for _, it := range items {
			if it.err != nil {
				skip(it.err)
				continue
			}
			arts = append(arts, w.whole(ctx, it.a))
		}
	}
	var st ingest.Stats
	write := func() (bool, error) {
		var err error
		st, err = ingest.Load(ctx, w.s, w.x, corpus.NewSliceSource(arts), w.cfg)
		return st.Report.Added+st.Report.Removed > 0, err
	}
	var err error
	switch {
	case len(arts) == 0: // nothing to load: no write
	case w.update != nil:
		err = w.update(write)
	default:
		_, err = write()
	}
	if err != nil {
		return skipped, err
	}
	skipped += st.Skipped
	r := st.Report
	fmt.Fprintf(w.stdout, "%s  feeds: %d polled, %d not modified  items: %d  new: %d  replaced: %d  unchanged: %d  skipped: %d\n",
		time.Now().Format(time.DateTime), len(feeds), unchanged, len(arts), r.New, len(r.Changed)+r.Repaired, r.Unchanged, skipped)
	return skipped, nil
}

// item is one article of a feed, or the problem with one.
type item struct {
	a   corpus.Article
	err error
}

// poll fetches one feed (following a page to the feed it links) and reads
// its items.
func (w *watcher) poll(ctx context.Context, f *watchedFeed) ([]item, error) {
	got, err := corpus.Fetch(ctx, f.url, f.validators, corpus.Config{})
	if err != nil {
		return nil, err
	}
	if len(got.Feeds) > 0 && !isFeed(got) {
		// a page that links its feed: watch the feed from now on
		f.url = got.Feeds[0]
		if got, err = corpus.Fetch(ctx, f.url, corpus.Validators{}, corpus.Config{}); err != nil {
			return nil, err
		}
	}
	f.validators = got.Validators
	var out []item
	rd := got.Reader()
	for {
		a, err := rd.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		out = append(out, item{a: a, err: err})
	}
}

// isFeed reports whether fetched content is a feed rather than a page.
func isFeed(f *corpus.Fetched) bool {
	return corpus.Sniff(f.URL, f.Head()) == corpus.FormatFeed
}

// whole returns the article of a feed item: the item itself when it
// carries the text, else the article read from its page (with the item's
// title, date and id where the page lacks them). A page that cannot be
// read leaves the item as it is.
func (w *watcher) whole(ctx context.Context, a corpus.Article) corpus.Article {
	if a.URL == "" || len(strings.Fields(a.Body)) >= summaryWords || w.pages[a.URL] {
		return a
	}
	w.pages[a.URL] = true
	got, err := corpus.Fetch(ctx, a.URL, corpus.Validators{}, corpus.Config{})
	if err != nil {
		fmt.Fprintf(w.stderr, "summary only %s: %s\n", a.ID, oneLine(err.Error()))
		return a
	}
	page, err := got.Reader().Next(ctx)
	if err != nil || len(page.Body) <= len(a.Body) {
		return a
	}
	page.ID, page.Path = a.ID, a.Path
	if a.Title != "" {
		page.Title = a.Title
	}
	if page.Published.IsZero() {
		page.Published = a.Published
	}
	if page.Publisher == "" {
		page.Publisher = a.Publisher
	}
	page.URL = a.URL
	return page
}
