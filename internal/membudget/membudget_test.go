package membudget

import (
	"context"
	"errors"
	"testing"
	"time"
)

// grow allocates and keeps memory in steps until ctx ends or it has kept
// max bytes, and returns how much it kept.
func grow(ctx context.Context, max int) int {
	var kept [][]byte
	n := 0
	for n < max {
		if ctx.Err() != nil {
			return n
		}
		kept = append(kept, make([]byte, 1<<20))
		n += 1 << 20
		time.Sleep(100 * time.Microsecond)
	}
	_ = kept
	return n
}

func TestBudget_Watch(t *testing.T) {
	b := New(64 << 20)
	t.Run("over", func(t *testing.T) {
		ctx, done := b.Watch(context.Background())
		defer done()
		kept := grow(ctx, 1<<30)
		if !errors.Is(context.Cause(ctx), ErrExceeded) {
			t.Fatalf("kept %d MiB, cause %v: want the budget exceeded", kept>>20, context.Cause(ctx))
		}
		if kept > 256<<20 {
			t.Errorf("stopped only after %d MiB, budget 64 MiB", kept>>20)
		}
	})
	t.Run("all at once", func(t *testing.T) {
		// two pieces of work that each stay under the budget but together
		// exceed it are both stopped
		c1, done1 := b.Watch(context.Background())
		defer done1()
		c2, done2 := b.Watch(context.Background())
		defer done2()
		ch := make(chan int)
		go func() { ch <- grow(c1, 48<<20) }()
		go func() { ch <- grow(c2, 1<<30) }()
		<-ch
		<-ch
		if !errors.Is(context.Cause(c2), ErrExceeded) {
			t.Errorf("cause %v: want the budget exceeded", context.Cause(c2))
		}
	})
	t.Run("under", func(t *testing.T) {
		ctx, done := b.Watch(context.Background())
		grow(ctx, 8<<20)
		time.Sleep(20 * time.Millisecond)
		if err := context.Cause(ctx); err != nil {
			t.Errorf("work under the budget cancelled: %v", err)
		}
		done()
		if !errors.Is(ctx.Err(), context.Canceled) {
			t.Error("done does not end the context")
		}
	})
	var none *Budget
	ctx, done := none.Watch(context.Background())
	if ctx.Err() != nil {
		t.Error("a nil budget cancelled work")
	}
	done()
}
