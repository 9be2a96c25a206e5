package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
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
			"the requests in flight have finished.",
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
	s, err := graph.Open(ctx, o.db, graph.Options{ReadOnly: !o.allowWrite, NoBloom: true, Logger: e.logger})
	if errors.Is(err, graph.ErrNotExist) {
		err = fmt.Errorf("%w (load articles first: newsgraph load --db %s PATH)", err, redact.DSN(o.db))
	}
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	cfg.Store = s
	if o.allowWrite {
		// The model is built once, before listening, so that the first
		// article posted does not wait for it.
		m := extract.NewModel()
		if err := m.Err(); err != nil {
			return fmt.Errorf("load the extraction model: %w", err)
		}
		cfg.Ingest = ingester(s, extract.New(extract.Config{Model: m, Logger: e.logger, Timeout: o.queryTimeout}))
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
	fmt.Fprintf(e.stderr, "serving %s (%s) on http://%s\n", s.DSN(), mode, ln.Addr())
	return server.ServeListener(ctx, ln, h)
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

// ingester returns the function behind POST /api/articles: it extracts
// the article and adds it to s as load does (see loadArticles): an
// article stored with the same content is left as it is, without
// extracting it again; one stored with other content is replaced; its
// entities merge with stored ones.
func ingester(s *graph.Store, x *extract.Extractor) server.IngestFunc {
	return func(ctx context.Context, a corpus.Article) error {
		// Every corpus reader cleans the body; extraction expects its
		// paragraphs one per line.
		a.Body = corpus.Clean(a.Body)
		a.Title = strings.TrimSpace(a.Title)
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
				if le := (*extract.LimitError)(nil); errors.As(err, &le) {
					return fmt.Errorf("%w: %w", server.ErrArticleLimit, err)
				}
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
}
