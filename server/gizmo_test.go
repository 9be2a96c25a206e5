package server

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/query"
)

// scriptGoroutines counts the goroutines that are running a Gizmo script:
// those inside cayley's Session.run. (The goroutine cayley starts for a
// script lives a moment longer, to close its error channel once the script
// has ended; that moment reads nothing, so it is not counted.)
func scriptGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			running := 0
			for _, g := range strings.Split(string(buf[:n]), "\n\n") {
				if strings.Contains(g, "query/gizmo.(*results).Next.func") && strings.Contains(g, "query/gizmo.(*Session).run(") {
					running++
				}
			}
			return running
		}
		buf = make([]byte, 2*len(buf))
	}
}

// TestRunGizmo_WaitsForScript stops queries, by timeout and by the result
// cap, inside a script whose statements each take a while, and checks that
// runGizmo returns only once the script's goroutine has ended: the script
// must not read the store after its request (and, at shutdown, after the
// store is closed). Not parallel: it counts goroutines.
func TestRunGizmo_WaitsForScript(t *testing.T) {
	qs := fixtureStore(t).QuadStore()
	// Each join builds a large string in one VM instruction, so an
	// interrupt takes effect only after it.
	const slow = `while (true) { var s = new Array(3000000).join("x"); }`
	const overCap = `g.V().ForEach(function(v) { g.Emit(v); var s = new Array(1000000).join("x"); })`
	tests := []struct {
		name, query string
		limit       int
		timeout     time.Duration
		want        error
	}{
		{"timeout", slow, 10, 300 * time.Millisecond, ErrQueryTimeout},
		{"result cap", overCap, 1, 20 * time.Second, ErrResultLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := scriptGoroutines()
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			_, err := runGizmo(ctx, qs, tt.query, query.JSON, tt.limit, tt.timeout)
			if !errors.Is(err, tt.want) {
				t.Fatalf("runGizmo = %v, want %v", err, tt.want)
			}
			if n := scriptGoroutines(); n > before {
				t.Errorf("%d script goroutines still run after runGizmo returned (%d before)", n, before)
			}
		})
	}
}
