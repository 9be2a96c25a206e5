package queries

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Errors returned by Gizmo and Run.
var (
	// ErrTimeout means a query ran past its timeout and was stopped.
	ErrTimeout = errors.New("query timed out")
	// ErrUnknownQuery means Run was given a name no query has.
	ErrUnknownQuery = errors.New("unknown query")
	// ErrNotFound means a lookup by id found nothing.
	ErrNotFound = errors.New("not found")
)

//go:embed *.js
var sources embed.FS

// libFile is prepended to every named query.
const libFile = "lib.js"

// Names returns the names of the named queries, sorted.
func Names() []string {
	entries, err := sources.ReadDir(".")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".js"); ok && e.Name() != libFile {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Source returns the Gizmo text Run executes for the named query with the
// given parameters: a params object, the shared helpers, then the query.
func Source(name string, params map[string]any) (string, error) {
	body, err := sources.ReadFile(name + ".js")
	if err != nil || name == strings.TrimSuffix(libFile, ".js") {
		return "", fmt.Errorf("%w %q (have %s)", ErrUnknownQuery, name, strings.Join(Names(), ", "))
	}
	lib, err := sources.ReadFile(libFile)
	if err != nil {
		return "", err
	}
	if params == nil {
		params = map[string]any{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return "", fmt.Errorf("query %s: params: %w", name, err)
	}
	return "var params = " + string(p) + ";\n" + string(lib) + "\n" + string(body), nil
}

// Run runs the named query (see Names) with the given parameters and
// returns the values it emits.
func Run(ctx context.Context, s *graph.Store, name string, params map[string]any) ([]any, error) {
	src, err := Source(name, params)
	if err != nil {
		return nil, err
	}
	out, err := Gizmo(ctx, s, src, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	return out, nil
}

// Gizmo runs a Gizmo query and returns its results as JSON-ready values.
// A limit above zero caps the number of results; a timeout above zero stops
// the query when it runs longer and returns an error wrapping ErrTimeout.
// Cancelling ctx stops it too, even inside an endless loop.
func Gizmo(ctx context.Context, s *graph.Store, src string, limit int, timeout time.Duration) ([]any, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	// A session is not safe for concurrent use: one per query.
	qs := s.QuadStore()
	sess := gizmo.NewSession(qs)
	it, err := sess.Execute(ctx, src, query.Options{Collation: query.Raw, Limit: limit})
	if err != nil {
		return nil, oneLine(err)
	}
	defer it.Close()
	out := []any{}
	var final any // the script's own value, as a REPL would print it
	for it.Next(ctx) {
		r, ok := it.Result().(*gizmo.Result)
		switch {
		case !ok:
		case r.Meta:
			final = plainValue(r.Val)
		case r.Tags != nil:
			m := make(map[string]any, len(r.Tags))
			for k, ref := range r.Tags {
				if v := native(qs.NameOf(ref)); v != nil {
					m[k] = v
				}
			}
			out = append(out, m)
		default:
			out = append(out, r.Val)
		}
	}
	if err := it.Err(); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			// Next returned without waiting for the goroutine cayley runs
			// the script on, which has been interrupted: wait for it to
			// end, so that no read of the store outlives this call
			// (closing a bolt store under it crashes the process).
			dctx, dcancel := context.WithTimeout(context.Background(), 5*time.Second)
			for it.Next(dctx) {
			}
			dcancel()
			if errors.Is(cerr, context.DeadlineExceeded) && timeout > 0 {
				return nil, fmt.Errorf("%w after %s", ErrTimeout, timeout)
			}
			return nil, cerr
		}
		return nil, oneLine(err)
	}
	if len(out) == 0 && final != nil {
		// g.V().Count() on its own: the count is the script's value.
		out = append(out, final)
	}
	return out, nil
}

// native converts a quad value to a JSON-ready value the way cayley's
// JSON collation does: IRIs and other node values as their N-Quads text
// ("<ng:entity/x>"), literals as Go strings, numbers, booleans and times.
func native(v quad.Value) any {
	if v == nil {
		return nil
	}
	n := v.Native()
	if nv, ok := n.(quad.Value); ok && nv == v {
		return quad.StringOf(v)
	}
	return n
}

// plainValue returns v when it is plain data (a number, string, boolean, or
// a list or map of them), nil otherwise: a script ending in a path or graph
// object has no value worth printing.
func plainValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int64, float64, int:
		return x
	case []any:
		for _, e := range x {
			if e != nil && plainValue(e) == nil {
				return nil
			}
		}
		return x
	case map[string]any:
		for _, e := range x {
			if e != nil && plainValue(e) == nil {
				return nil
			}
		}
		return x
	}
	return nil
}

// oneLine joins a multi-line error (goja's syntax errors carry the source
// position on further lines) into one line.
func oneLine(err error) error {
	if !strings.Contains(err.Error(), "\n") {
		return err
	}
	return lineError{err}
}

// lineError prints its error on one line.
type lineError struct{ err error }

func (e lineError) Error() string { return strings.Join(strings.Fields(e.err.Error()), " ") }
func (e lineError) Unwrap() error { return e.err }
