package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	// /api/v2/read and /api/v2/write find quad formats by name; they
	// register themselves when imported.
	_ "github.com/cayleygraph/quad/json"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/membudget"
)

// Config configures the handler NewHandler builds.
type Config struct {
	// Store is the graph to serve. Required.
	Store *graph.Store
	// QueryTimeout bounds every query: Gizmo queries, the JSON endpoints
	// and article ingestion. Zero means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// ResultLimit caps the results of a Gizmo query (a query producing
	// more fails) and the rows of one JSON list response (longer lists are
	// cut; X-Total-Count gives the full length). Zero means
	// DefaultResultLimit.
	ResultLimit int
	// MaxBodyBytes caps request bodies; larger ones get 413. Zero means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxQueries is how many Gizmo queries may run at once; others wait
	// for a slot within their timeout, then get 503. Zero means 4 per CPU.
	//
	// Of those, at most MaxLongQueries may run longer than a second (or
	// half the QueryTimeout, if that is shorter); a query that runs that
	// long while the long slots are taken is stopped with 503. Zero means
	// one less than GOMAXPROCS (at least one), which keeps a CPU free for
	// the rest of the API while runaway queries spin: Go schedules
	// CPU-bound goroutines round-robin, so every spinning query beyond the
	// CPU count adds tens of milliseconds to every other request.
	MaxQueries     int
	MaxLongQueries int
	// AllowWrite enables /api/v2/write and POST /api/articles. Writes
	// need Token as a bearer token.
	AllowWrite bool
	// Token is the bearer token writes need. Required with AllowWrite.
	Token string
	// Updated says Store is also written while it is served, through
	// Update (serve --watch): readers of the store are then kept out of
	// those writes as of writes through the API.
	Updated bool
	// Ingest extracts a posted article and adds it to Store; it serves
	// POST /api/articles. Nil makes that endpoint answer 501.
	Ingest IngestFunc
	// QueryMemory bounds how much the heap may grow while Gizmo queries
	// run (all that run at once together): past it they are stopped with
	// 422. Zero means DefaultQueryMemory; below zero, no bound.
	QueryMemory int64
	// AllowedHosts are the host names, besides IP addresses and localhost,
	// that requests may name in their Host header; a request naming any
	// other gets 421. This keeps a page on another site from reading the
	// API through DNS rebinding (pointing its own name at this server).
	AllowedHosts []string
	// Logger receives request logs at Debug and server errors at Error;
	// nil discards them.
	Logger *slog.Logger
}

// IngestFunc extracts one article and adds it to the store.
type IngestFunc func(ctx context.Context, a corpus.Article) error

// Defaults for the zero values of Config.
const (
	DefaultQueryTimeout       = 10 * time.Second
	DefaultResultLimit        = 5000
	DefaultQueryMemory        = 1 << 30
	DefaultMaxBodyBytes int64 = 4 << 20
)

// ErrNoStore is returned by NewHandler when Config.Store is nil.
var ErrNoStore = errors.New("server: no store")

// ErrNoToken is returned by NewHandler when writes are allowed without a
// token.
var ErrNoToken = errors.New("server: writes allowed without a token")

// NewHandler returns the newsgraph HTTP handler:
//
//	GET  /                          the web page
//	GET  /healthz                   liveness: {"status": "ok", "index": "ready"}
//	GET  /api/stats                 counts of quads, articles, entities, quotes, breaches
//	GET  /api/quotes                quotes; filters speaker, org, breach, article, q
//	GET  /api/entities              entities; filters q, type, kind, since, until, publisher
//	GET  /api/entities/{id}         an entity with its quotes, breaches and sources
//	GET  /api/breaches              breaches; filters q, since, until, publisher
//	GET  /api/breaches/{id}         a breach with the quotes about it and its sources
//	GET  /api/articles              articles' metadata; filter id (repeatable)
//	GET  /api/articles/{id}         an article with its quotes, entities and breaches
//	GET  /api/explain/{id}          the articles and sentences behind a quote, entity or breach
//	GET  /api/conflicts             the breach facts on which sources disagree
//	GET  /api/facets                the counts of the quotes /api/quotes selects, by facet
//	GET  /api/text/{id}             an article's stored sentences, cut at its quotes and names
//	GET  /api/neighbors/{id}        what an entity or breach shares articles with
//	GET  /api/activity/{id}         articles naming an entity or breach, per week and month
//	GET  /api/timeline              breaches and statements in date order; filter entity or breach
//	POST /api/articles              extract and add an article (AllowWrite, token)
//	GET, POST /api/v2/query         Gizmo queries (lang=gizmo), as cayley's API
//	GET, POST /api/v2/read          quads as N-Quads, JSON or JSON-LD (cayley)
//	GET  /api/v2/formats            quad formats (cayley)
//	POST /api/v2/write              add quads (AllowWrite, token; cayley)
//
// List endpoints take limit and offset and report the full length in
// X-Total-Count. Errors are JSON {"error": "..."}.
func NewHandler(cfg Config) (http.Handler, error) {
	if cfg.Store == nil {
		return nil, ErrNoStore
	}
	if cfg.AllowWrite && cfg.Token == "" {
		return nil, ErrNoToken
	}
	return newHandler(cfg, storeSource{s: cfg.Store})
}

// newHandler builds the handler on any source; tests use it with fakes.
func newHandler(cfg Config, src source) (*handler, error) {
	h := &handler{
		logger:       cfg.Logger,
		store:        cfg.Store,
		qs:           cfg.Store.QuadStore(),
		ingest:       cfg.Ingest,
		queryTimeout: cfg.QueryTimeout,
		resultLimit:  cfg.ResultLimit,
		maxBody:      cfg.MaxBodyBytes,
		allowWrite:   cfg.AllowWrite,
		updated:      cfg.Updated,
		token:        cfg.Token,
		mux:          http.NewServeMux(),
		hosts:        map[string]bool{},
	}
	switch {
	case cfg.QueryMemory == 0:
		h.mem = membudget.New(DefaultQueryMemory)
	case cfg.QueryMemory > 0:
		h.mem = membudget.New(uint64(cfg.QueryMemory))
	}
	for _, n := range cfg.AllowedHosts {
		h.hosts[normalHost(n)] = true
	}
	if h.logger == nil {
		h.logger = slog.New(slog.DiscardHandler)
	}
	if h.queryTimeout <= 0 {
		h.queryTimeout = DefaultQueryTimeout
	}
	if h.resultLimit <= 0 {
		h.resultLimit = DefaultResultLimit
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	n := cfg.MaxQueries
	if n <= 0 {
		n = 4 * runtime.GOMAXPROCS(0)
	}
	h.slots = make(chan struct{}, n)
	n = cfg.MaxLongQueries
	if n <= 0 {
		n = max(1, runtime.GOMAXPROCS(0)-1)
	}
	h.longSlots = make(chan struct{}, n)
	h.longAfter = min(time.Second, h.queryTimeout/2)
	h.snaps = &snapshots{
		// Reading every row of a large store takes longer than one query
		// may; requests wait for it within their own timeout.
		timeout: max(10*h.queryTimeout, 2*time.Minute),
		build: func(ctx context.Context) (*snapshot, error) {
			unlock := h.readLock()
			defer unlock()
			return buildSnapshot(ctx, src)
		},
	}

	handle := &cgraph.Handle{QuadStore: cfg.Store.QuadStore(), QuadWriter: cfg.Store.QuadWriter()}
	h.api = cayleyhttp.NewAPIv2(handle)
	h.api.SetReadOnly(!cfg.AllowWrite)

	h.snaps.start()

	web, err := webHandler()
	if err != nil {
		return nil, err
	}
	h.route("/{$}", methods{http.MethodGet: serveStatic(web)})
	h.route("/app.js", methods{http.MethodGet: serveStatic(web)})
	h.route("/app.css", methods{http.MethodGet: serveStatic(web)})
	h.route("/healthz", methods{http.MethodGet: h.healthz})
	h.route("/api/stats", methods{http.MethodGet: h.stats})
	h.route("/api/quotes", methods{http.MethodGet: h.quotes})
	h.route("/api/facets", methods{http.MethodGet: h.facets})
	h.route("/api/entities", methods{http.MethodGet: h.entities})
	h.route("/api/entities/{id...}", methods{http.MethodGet: h.entity})
	h.route("/api/breaches", methods{http.MethodGet: h.breaches})
	h.route("/api/breaches/{id...}", methods{http.MethodGet: h.breach})
	h.route("/api/articles", h.writable(methods{http.MethodGet: h.articles}, http.MethodPost, h.postArticle))
	h.route("/api/articles/{id...}", methods{http.MethodGet: h.article})
	h.route("/api/text/{id...}", methods{http.MethodGet: h.text})
	h.route("/api/neighbors/{id...}", methods{http.MethodGet: h.neighbors})
	h.route("/api/activity/{id...}", methods{http.MethodGet: h.activity})
	h.route("/api/timeline", methods{http.MethodGet: h.timeline})
	h.route("/api/explain/{id...}", methods{http.MethodGet: h.explain})
	h.route("/api/conflicts", methods{http.MethodGet: h.conflicts})
	h.route("/api/v2/query", methods{http.MethodGet: h.serveQuery, http.MethodPost: h.serveQuery})
	h.route("/api/v2/read", methods{http.MethodGet: h.wrapCayley(h.api.ServeRead), http.MethodPost: h.wrapCayley(h.api.ServeRead)})
	h.route("/api/v2/formats", methods{http.MethodGet: h.wrapCayley(h.api.ServeFormats)})
	h.route("/api/v2/write", h.writable(methods{}, http.MethodPost, h.serveWrite))
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.writeError(w, r, errorf(http.StatusNotFound, "no such page: %s", r.URL.Path))
	})
	return h, nil
}

// serveStatic serves a file of the embedded page.
func serveStatic(fs http.Handler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-cache")
		fs.ServeHTTP(w, r)
		return nil
	}
}

// contextWithTimeout bounds a request's work by the query timeout.
func contextWithTimeout(r *http.Request, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), d)
}

// pathEscape escapes an id for use as one URL path segment.
func pathEscape(id string) string { return url.PathEscape(id) }

// normalHost is a Host header's or an allowed name's host, without port,
// brackets or a final dot, in lower case.
func normalHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return strings.ToLower(host)
}

// hostAllowed reports whether a request naming host in its Host header
// is answered: an IP address, localhost, or a name of Config.AllowedHosts.
// A request without a Host (HTTP/1.0) comes from no browser and is.
func (h *handler) hostAllowed(host string) bool {
	n := normalHost(host)
	return n == "" || net.ParseIP(n) != nil || n == "localhost" || strings.HasSuffix(n, ".localhost") || h.hosts[n]
}
