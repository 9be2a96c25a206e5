package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
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
// one of MaxQueries slots. cayley's own ServeQuery only passes the limit to
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
	h.logger.Debug("gizmo query", "query", qu)
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

// runGizmo runs one Gizmo query on the store under ctx, the result cap and
// the query slots.
func (h *handler) runGizmo(ctx context.Context, qu string, col query.Collation) ([]any, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return runGizmo(ctx, h.qs, qu, col, h.resultLimit, h.queryTimeout)
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
		return nil, errorf(http.StatusBadRequest, "gizmo: %v", err)
	}
	// Close stops the JavaScript VM and the session's iterators, whatever
	// state they are in.
	defer it.Close()
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
		case errors.Is(err, context.DeadlineExceeded):
			return nil, fmt.Errorf("gizmo: query stopped after %v: %w", timeout, ErrQueryTimeout)
		case errors.Is(err, context.Canceled):
			return nil, err
		}
		return nil, errorf(http.StatusBadRequest, "gizmo: %v", err)
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
