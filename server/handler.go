package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/membudget"
)

// handler is the http.Handler NewHandler returns.
type handler struct {
	logger       *slog.Logger
	store        *graph.Store
	qs           cgraph.QuadStore
	api          *cayleyhttp.APIv2
	snaps        *snapshots
	ingest       IngestFunc
	hosts        map[string]bool   // Config.AllowedHosts, normalised
	mem          *membudget.Budget // nil: no bound
	queryTimeout time.Duration
	resultLimit  int
	maxBody      int64
	allowWrite   bool
	updated      bool // Config.Updated
	token        string
	// slots holds one token per running Gizmo query.
	slots chan struct{}
	// longSlots holds one token per Gizmo query running longer than
	// longAfter.
	longSlots chan struct{}
	longAfter time.Duration
	// mu keeps writes away from readers when writes are allowed: cayley's
	// memstore is not safe for concurrent reads and writes.
	mu  sync.RWMutex
	mux *http.ServeMux
}

// handlerFunc is an endpoint; a returned error is answered as JSON by the
// route, so an endpoint returns errors only before it writes anything.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// methods maps HTTP methods to the endpoint serving them.
type methods map[string]handlerFunc

// route registers pattern (a ServeMux pattern without a method) with one
// endpoint per method; other methods get 405 with an Allow header and a
// JSON error. HEAD is served by the GET endpoint.
func (h *handler) route(pattern string, m methods) {
	var allowed []string
	for method := range m {
		allowed = append(allowed, method)
		if method == http.MethodGet {
			allowed = append(allowed, http.MethodHead)
		}
	}
	slices.Sort(allowed)
	allow := strings.Join(allowed, ", ")
	h.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		f, ok := m[r.Method]
		if !ok && r.Method == http.MethodHead {
			f, ok = m[http.MethodGet]
		}
		if !ok {
			w.Header().Set("Allow", allow)
			h.writeError(w, r, errorf(http.StatusMethodNotAllowed, "method %s is not allowed on %s%s", r.Method, r.URL.Path, allowHint(allow)))
			return
		}
		if err := f(w, r); err != nil {
			h.writeError(w, r, err)
		}
	})
}

func allowHint(allow string) string {
	if allow == "" {
		return ""
	}
	return " (allowed: " + allow + ")"
}

// write wraps a write endpoint: it wants the bearer token. The endpoint
// itself writes to the store within exclusive and marks the snapshot stale.
func (h *handler) write(f handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := h.authorize(r); err != nil {
			return err
		}
		return f(w, r)
	}
}

// exclusive runs f, which writes to the store, with every reader of the
// store kept out; afterwards the snapshot is stale, whatever f did.
func (h *handler) exclusive(f func() error) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	defer h.snaps.invalidate()
	return f()
}

// writable returns m with method served by the write endpoint f, when the
// server allows writes; a read-only server answers that method with 405.
func (h *handler) writable(m methods, method string, f handlerFunc) methods {
	if h.allowWrite {
		m[method] = h.write(f)
	}
	return m
}

// readLock keeps writers out while a read runs, when writes are allowed
// or the store is updated while served.
func (h *handler) readLock() (unlock func()) {
	if !h.allowWrite && !h.updated {
		return func() {}
	}
	h.mu.RLock()
	return h.mu.RUnlock
}

// wrapCayley adapts one of cayley's APIv2 handlers to an endpoint.
func (h *handler) wrapCayley(f http.HandlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		unlock := h.readLock()
		defer unlock()
		f(w, r)
		return nil
	}
}

// ServeHTTP applies the limits and headers every request gets, then routes.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.logger.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
			if !sw.wrote {
				h.writeError(sw, r, errorf(http.StatusInternalServerError, "internal error"))
			}
		}
		if h.logger.Enabled(r.Context(), slog.LevelDebug) {
			h.logger.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status(), "duration_ms", float64(time.Since(start).Microseconds())/1000)
		}
	}()
	hdr := sw.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	if !h.hostAllowed(r.Host) {
		h.writeError(sw, r, errorf(http.StatusMisdirectedRequest, "this server does not answer for the host %q (newsgraph serve --allowed-host NAME adds it)", r.Host))
		return
	}
	if r.ContentLength > h.maxBody {
		h.writeError(sw, r, errorf(http.StatusRequestEntityTooLarge, "request body of %d bytes is larger than the limit of %d bytes", r.ContentLength, h.maxBody))
		return
	}
	r.Body = http.MaxBytesReader(sw, r.Body, h.maxBody)
	h.mux.ServeHTTP(sw, r)
}

// statusWriter records the status written, for the request log and the
// panic handler.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if !w.wrote {
		return http.StatusOK
	}
	return w.code
}
