// Package membudget bounds the memory that work running at once may take:
// Gizmo queries, whose scripts can allocate without limit.
package membudget

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"sync"
	"time"
)

// ErrExceeded is the cause with which Watch cancels work that grew the
// heap past the budget; check it with errors.Is(context.Cause(ctx), …).
var ErrExceeded = errors.New("memory budget exceeded")

// heapMetric is the memory of live and not yet swept heap objects.
const heapMetric = "/memory/classes/heap/objects:bytes"

// tick is how often the heap is read while work runs: a script that
// allocates a gigabyte a second overshoots the budget by about 5 MB.
const tick = 5 * time.Millisecond

// Budget bounds how much the heap may grow while the work it watches
// runs: from the heap's size when the first of the pieces of work running
// at once began. When the heap grows past it, every piece of work running
// is cancelled (which of them allocated cannot be told). It is safe for
// concurrent use; a nil *Budget bounds nothing.
type Budget struct {
	limit uint64

	mu      sync.Mutex
	running map[int]context.CancelCauseFunc
	next    int
	base    uint64
	stop    chan struct{}
}

// New returns a budget of limit bytes of heap growth.
func New(limit uint64) *Budget {
	return &Budget{limit: limit, running: map[int]context.CancelCauseFunc{}}
}

// Limit returns the budget in bytes.
func (b *Budget) Limit() uint64 { return b.limit }

// Watch returns a context for one piece of work, cancelled with a cause
// wrapping ErrExceeded when the heap grows past the budget; call done when
// the work ends.
func (b *Budget) Watch(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	if b == nil {
		return ctx, func() { cancel(nil) }
	}
	b.mu.Lock()
	id := b.next
	b.next++
	b.running[id] = cancel
	if len(b.running) == 1 {
		b.base = heapBytes()
		b.stop = make(chan struct{})
		go b.watch(b.base, b.stop)
	}
	b.mu.Unlock()
	return ctx, func() {
		b.mu.Lock()
		delete(b.running, id)
		if len(b.running) == 0 {
			close(b.stop)
		}
		b.mu.Unlock()
		cancel(nil)
	}
}

// watch reads the heap every tick until stop closes, and cancels the work
// running when it has grown past the budget since base.
func (b *Budget) watch(base uint64, stop chan struct{}) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if h := heapBytes(); h > base+b.limit {
			err := fmt.Errorf("%w: the heap grew by %.1f MiB while it ran, over the budget of %.1f MiB", ErrExceeded, float64(h-base)/(1<<20), float64(b.limit)/(1<<20))
			b.mu.Lock()
			for _, cancel := range b.running {
				cancel(err)
			}
			b.mu.Unlock()
		}
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
