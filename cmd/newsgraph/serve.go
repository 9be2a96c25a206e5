package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/redact"
	"github.com/newsgraph/newsgraph/server"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the store over HTTP: web page, JSON API and Gizmo",
		Description: "Serves the store read-only unless --allow-write is given; writes (POST\n" +
			"/api/articles, which extracts and adds an article, and /api/v2/write) then\n" +
			"need the bearer token held in --token-file. Stops on SIGINT or SIGTERM once\n" +
			"the requests in flight have finished. With --watch it also polls news feeds\n" +
			"as watch does, loading their new articles into the store it serves, so the\n" +
			"page and the API stay current.",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on this `HOST:PORT` (port 0 picks a free one)"},
			&cli.DurationFlag{Name: "query-timeout", Value: server.DefaultQueryTimeout, Usage: "stop each query (and each article extraction) after this long"},
			&cli.IntFlag{Name: "result-limit", Value: server.DefaultResultLimit, Usage: "most results of a Gizmo query, and most rows in one JSON list"},
			&cli.Int64Flag{Name: "max-body-bytes", Value: server.DefaultMaxBodyBytes, Usage: "largest request body accepted"},
			&cli.IntFlag{Name: "max-queries", Usage: "Gizmo queries run at once (0: 4 per CPU)"},
			&cli.BoolFlag{Name: "allow-write", Usage: "enable POST /api/articles and /api/v2/write (needs --token-file)"},
			&cli.StringFlag{Name: "token-file", Usage: "read the bearer token writes need from this `FILE`"},
			queryMemoryFlag(),
			&cli.StringSliceFlag{Name: "allowed-host", Usage: "also answer requests for this host `NAME` (repeatable; IP addresses, localhost and the --addr host always are)"},
			&cli.StringSliceFlag{Name: "watch", Usage: "poll this news feed (`FEED_URL`, or a page that links its feed; repeatable) while serving, loading its new articles as watch does"},
			&cli.DurationFlag{Name: "every", Value: 15 * time.Minute, Usage: "with --watch: poll the feeds this often"},
		},
		Action: func(c *cli.Context) error {
			opts := serveOptions{
				db:           c.String("db"),
				addr:         c.String("addr"),
				queryTimeout: c.Duration("query-timeout"),
				resultLimit:  c.Int("result-limit"),
				maxBody:      c.Int64("max-body-bytes"),
				maxQueries:   c.Int("max-queries"),
				allowWrite:   c.Bool("allow-write"),
				tokenFile:    c.String("token-file"),
				allowedHosts: c.StringSlice("allowed-host"),
				queryMemory:  c.Int64("query-memory"),
				watch:        c.StringSlice("watch"),
				every:        c.Duration("every"),
			}
			if err := opts.check(); err != nil {
				return usageError{err}
			}
			return e.serve(c.Context, opts)
		},
	}
}

// serveOptions are serve's flags.
type serveOptions struct {
	db, addr     string
	queryTimeout time.Duration
	resultLimit  int
	maxBody      int64
	maxQueries   int
	allowWrite   bool
	tokenFile    string
	allowedHosts []string
	queryMemory  int64
	watch        []string // feeds to poll while serving
	every        time.Duration
}

// check reports flags that make no sense.
func (o serveOptions) check() error {
	switch {
	case o.queryTimeout <= 0:
		return fmt.Errorf("serve: --query-timeout %s: want more than 0", o.queryTimeout)
	case o.resultLimit < 1:
		return fmt.Errorf("serve: --result-limit %d: want 1 or more", o.resultLimit)
	case o.maxBody < 1:
		return fmt.Errorf("serve: --max-body-bytes %d: want 1 or more", o.maxBody)
	case o.maxQueries < 0:
		return fmt.Errorf("serve: --max-queries %d: want 0 (4 per CPU) or more", o.maxQueries)
	case o.queryMemory <= 0:
		return fmt.Errorf("serve: --query-memory %d: want more than 0 bytes", o.queryMemory)
	case o.allowWrite && o.tokenFile == "":
		return errors.New("serve: --allow-write needs --token-file: writes are only accepted with a bearer token")
	case len(o.watch) > 0 && o.every < time.Second:
		return fmt.Errorf("serve: --every %s: want a second or more", o.every)
	}
	for _, u := range o.watch {
		if !corpus.IsURL(u) {
			return fmt.Errorf("serve: --watch %q is not an http or https address", u)
		}
	}
	return nil
}

// serve opens the store, builds the handler and serves it until ctx ends.
func (e *env) serve(ctx context.Context, o serveOptions) (err error) {
	cfg := server.Config{
		QueryTimeout: o.queryTimeout,
		ResultLimit:  o.resultLimit,
		MaxBodyBytes: o.maxBody,
		MaxQueries:   o.maxQueries,
		AllowWrite:   o.allowWrite,
		AllowedHosts: append(o.allowedHosts, o.addr),
		QueryMemory:  o.queryMemory,
		Updated:      len(o.watch) > 0,
		Logger:       e.logger,
	}
	if o.allowWrite {
		if cfg.Token, err = readToken(o.tokenFile); err != nil {
			return err
		}
	}
	// Articles are posted one at a time: the bloom filters that speed up
	// bulk loads would cost memory, and a read of every quad at start, for
	// nothing.
	// With --watch the store is written, and made when it does not exist.
	watching := len(o.watch) > 0
	s, err := graph.Open(ctx, o.db, graph.Options{ReadOnly: !o.allowWrite && !watching, Create: watching, NoBloom: true, Logger: e.logger})
	if errors.Is(err, graph.ErrNotExist) {
		err = fmt.Errorf("%w (load articles first: newsgraph load --db %s PATH)", err, redact.DSN(o.db))
	}
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	cfg.Store = s
	var x *extract.Extractor
	if o.allowWrite || watching {
		// The model is built once, before listening, so that the first
		// article posted does not wait for it.
		m := extract.NewModel()
		if err := m.Err(); err != nil {
			return fmt.Errorf("load the extraction model: %w", err)
		}
		x = extract.New(extract.Config{Model: m, Logger: e.logger, Timeout: o.queryTimeout})
	}
	if o.allowWrite {
		cfg.Ingest = ingester(s, x)
	}
	// Listen before building the handler, which starts reading the store
	// in the background at once: ServeListener ends that read before it
	// returns and the store is closed.
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	h, err := server.NewHandler(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	mode := "read-only"
	if o.allowWrite {
		mode = "writes allowed with the token"
	}
	if watching {
		mode += ", watching " + strings.Join(o.watch, ", ")
	}
	fmt.Fprintf(e.stderr, "serving %s (%s) on http://%s\n", s.DSN(), mode, ln.Addr())
	if !watching {
		return server.ServeListener(ctx, ln, h)
	}
	return e.serveWatching(ctx, ln, h, e.newWatcher(s, x, o.watch), o.every)
}

// serveWatching serves h on ln while w polls its feeds into the store h
// serves, until ctx ends; a failure of the store while loading stops
// serving and is returned.
func (e *env) serveWatching(ctx context.Context, ln net.Listener, h http.Handler, w *watcher, every time.Duration) error {
	w.update = func(write func() (bool, error)) error { return server.Update(h, write) }
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	watchErr := make(chan error, 1)
	go func() {
		err := w.run(ctx, every, false)
		stop() // a watch that failed ends serving
		watchErr <- err
	}()
	err := server.ServeListener(ctx, ln, h)
	stop()
	if werr := <-watchErr; werr != nil {
		return fmt.Errorf("watch: %w", werr)
	}
	return err
}

// readToken reads the bearer token from a file: one line, surrounding
// white space ignored.
func readToken(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	// Anyone who can read the token can write to the store.
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return "", fmt.Errorf("token file %s can be read by others (mode %04o): make it yours alone with chmod 600 %s", path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, 1<<16))
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	switch {
	case tok == "":
		return "", fmt.Errorf("token file %s is empty", path)
	case strings.ContainsAny(tok, " \t\r\n"):
		return "", fmt.Errorf("token file %s: the token must be one word on one line", path)
	}
	return tok, nil
}

// ingester returns the function behind POST /api/articles: it adds the
// article to s as load does (ingest.One). An article over a bound of
// analysis is the poster's problem (server.ErrArticleLimit).
func ingester(s *graph.Store, x *extract.Extractor) server.IngestFunc {
	return func(ctx context.Context, a corpus.Article) error {
		// Every corpus reader cleans the body; extraction expects its
		// paragraphs one per line.
		a.Body = corpus.Clean(a.Body)
		a.Title = strings.TrimSpace(a.Title)
		err := ingest.One(ctx, s, x, a)
		if le := (*extract.LimitError)(nil); errors.As(err, &le) {
			return fmt.Errorf("%w: %w", server.ErrArticleLimit, err)
		}
		return err
	}
}
