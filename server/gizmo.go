package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/newsgraph/newsgraph/internal/membudget"
)

// gizmoResult is the body of a successful /api/v2/query answer; it has the
// shape cayley's own API uses.
type gizmoResult struct {
	Result []any `json:"result"`
}

// serveQuery answers /api/v2/query?lang=gizmo like cayley's APIv2 does
// (query in the qu parameter for GET, in the body for POST; results as
// {"result": [...]}), but forces the server's limits on every query: it
// runs under QueryTimeout, stops after ResultLimit results whatever the
// query asks for (GetLimit and ToArray cannot lift the cap), and waits for
// one of MaxQueries slots (and, after running a while, for a long-query
// slot; see runGizmo). cayley's own ServeQuery only passes the limit to
// the session, which a query can override with GetLimit(-1) or ToArray().
func (h *handler) serveQuery(w http.ResponseWriter, r *http.Request) error {
	params := r.URL.Query()
	switch lang := params.Get("lang"); lang {
	case "", gizmo.Name:
	default:
		return errorf(http.StatusBadRequest, "query language %q is not supported; use lang=gizmo", lang)
	}
	qu := params.Get("qu")
	if r.Method == http.MethodPost {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return fmt.Errorf("read query: %w", err)
		}
		qu = string(data)
	}
	if strings.TrimSpace(qu) == "" {
		return errorf(http.StatusBadRequest, "query is empty")
	}
	col, ctype := query.JSON, "application/json; charset=utf-8"
	if strings.Contains(r.Header.Get("Accept"), "application/ld+json") {
		col, ctype = query.JSONLD, "application/ld+json"
	}
	if h.logger.Enabled(r.Context(), slog.LevelDebug) {
		h.logger.Debug("gizmo query", "query", qu)
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.queryTimeout)
	defer cancel()
	unlock := h.readLock()
	defer unlock()
	out, err := h.runGizmo(ctx, qu, col)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	return writeJSON(w, http.StatusOK, gizmoResult{Result: out})
}

// runGizmo runs one Gizmo query on the store under ctx, the result cap
// and the query slots. A query still running after longAfter needs one of
// the long-query slots as well, or it is stopped with ErrBusy: short
// queries share the CPUs freely, while runaway ones can hold at most the
// long slots, which leave a CPU free for the rest of the API.
func (h *handler) runGizmo(ctx context.Context, qu string, col query.Collation) ([]any, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, done := h.mem.Watch(ctx)
	defer done()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	lq := &longQuery{slots: h.longSlots, cancel: cancel}
	timer := time.AfterFunc(h.longAfter, lq.promote)
	defer func() {
		timer.Stop()
		lq.end()
	}()
	out, err := runGizmo(ctx, h.qs, qu, col, h.resultLimit, h.queryTimeout)
	if cause := context.Cause(ctx); errors.Is(cause, membudget.ErrExceeded) {
		return nil, fmt.Errorf("gizmo: query stopped: %w (%w)", ErrQueryMemory, cause)
	}
	if errors.Is(context.Cause(ctx), errTooManyLong) {
		return nil, fmt.Errorf("gizmo: query stopped after %v: %d other long-running queries hold the server; try again later: %w",
			h.longAfter, cap(h.longSlots), ErrBusy)
	}
	return out, err
}

// errTooManyLong is the cause with which a long query is cancelled when no
// long-query slot is free.
var errTooManyLong = errors.New("too many long-running queries")

// longQuery tracks whether a query holds a long-query slot.
type longQuery struct {
	slots  chan struct{}
	cancel context.CancelCauseFunc

	mu   sync.Mutex
	held bool
	done bool
}

// promote runs when the query has run long: it takes a long slot, or
// cancels the query when none is free.
func (q *longQuery) promote() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.done {
		return
	}
	select {
	case q.slots <- struct{}{}:
		q.held = true
	default:
		q.cancel(errTooManyLong)
	}
}

// end releases the long slot, if the query took one.
func (q *longQuery) end() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.done = true
	if q.held {
		<-q.slots
		q.held = false
	}
}

// runGizmo runs qu on qs and collects at most limit results; timeout is only
// used in the error message. Results that are arrays (ToArray, TagArray)
// count one per element. Query errors are answered with 400.
func runGizmo(ctx context.Context, qs cgraph.QuadStore, qu string, col query.Collation, limit int, timeout time.Duration) ([]any, error) {
	ses := gizmo.NewSession(qs)
	// Ask the session for one more than the cap, so that reaching the cap
	// and exceeding it can be told apart.
	it, err := ses.Execute(ctx, qu, query.Options{Collation: col, Limit: limit + 1})
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "gizmo: %s", oneLine(err))
	}
	defer stopQuery(it)
	out := []any{}
	n := 0
	for it.Next(ctx) {
		v := it.Result()
		if v == nil {
			// The value of the query's last expression; cayley's JSON
			// collation turns it into null.
			continue
		}
		if arr, ok := v.([]any); ok {
			n += len(arr)
		} else {
			n++
		}
		if n > limit {
			return nil, fmt.Errorf("gizmo: query returned more than %d results; narrow it or add .Limit(n): %w", limit, ErrResultLimit)
		}
		out = append(out, v)
	}
	if err := it.Err(); err != nil {
		switch {
		case errors.Is(context.Cause(ctx), context.DeadlineExceeded):
			return nil, fmt.Errorf("gizmo: query stopped after %v: %w", timeout, ErrQueryTimeout)
		case ctx.Err() != nil:
			return nil, context.Cause(ctx)
		}
		return nil, errorf(http.StatusBadRequest, "gizmo: %s", oneLine(err))
	}
	return out, nil
}

// acquire takes one of the query slots, waiting until ctx ends.
func (h *handler) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("waited %v for a free query slot: %w", h.queryTimeout, ErrBusy)
		}
		return nil, ctx.Err()
	}
}

// oneLine returns the error's text on one line (goja's syntax errors show
// the source position on further lines).
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// drainTimeout bounds how long stopQuery waits for an interrupted script.
const drainTimeout = 5 * time.Second

// stopQuery stops a Gizmo query, whatever state it is in, and waits for
// the goroutine cayley runs the script on to end. cayley's Next returns as
// soon as its context ends, and Close only interrupts the script, so
// without the wait the script would go on reading the store for a while:
// outside the query slots, and after the store is closed at shutdown.
func stopQuery(it query.Iterator) {
	// Close interrupts the JavaScript VM and cancels the session's
	// iterators; Next then returns once the script's goroutine has ended.
	_ = it.Close() // gizmo results always close without error
	ctx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	for it.Next(ctx) {
	}
}
