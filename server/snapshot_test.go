package server

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSnapshots_Get(t *testing.T) {
	t.Parallel()
	var builds atomic.Int32
	release := make(chan struct{})
	s := &snapshots{timeout: time.Minute, build: func(ctx context.Context) (*snapshot, error) {
		builds.Add(1)
		<-release
		return &snapshot{}, nil
	}}
	if got := s.state(); got != "not built" {
		t.Errorf("state before any build = %q", got)
	}
	// Concurrent requests share one build.
	var wg sync.WaitGroup
	got := make([]*snapshot, 5)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, err := s.get(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = snap
		}()
	}
	time.Sleep(50 * time.Millisecond)
	if st := s.state(); st != "building" {
		t.Errorf("state during the build = %q", st)
	}
	close(release)
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds for concurrent requests, want 1", n)
	}
	for _, snap := range got[1:] {
		if snap != got[0] || snap == nil {
			t.Fatal("requests got different snapshots")
		}
	}
	if st := s.state(); st != "ready" {
		t.Errorf("state after the build = %q", st)
	}
	// The snapshot is kept until invalidated.
	again, err := s.get(context.Background())
	if err != nil || again != got[0] || builds.Load() != 1 {
		t.Errorf("second get: %p, %v, %d builds", again, err, builds.Load())
	}
	s.invalidate()
	fresh, err := s.fresh(context.Background())
	if err != nil || fresh == got[0] || builds.Load() != 2 {
		t.Errorf("fresh after invalidate: same snapshot %v, %v, %d builds", fresh == got[0], err, builds.Load())
	}
	if again, err := s.get(context.Background()); again != fresh || err != nil {
		t.Errorf("get after the rebuild: %p, %v; want the rebuilt %p", again, err, fresh)
	}
}

// TestSnapshots_Stale checks that while a write's rebuild runs, get serves
// the previous snapshot and fresh waits for the new one.
func TestSnapshots_Stale(t *testing.T) {
	t.Parallel()
	var builds atomic.Int32
	gate := make(chan struct{})
	s := &snapshots{timeout: time.Minute, build: func(ctx context.Context) (*snapshot, error) {
		n := builds.Add(1)
		if n == 2 {
			<-gate
		}
		return &snapshot{stats: Stats{Articles: int(n)}}, nil
	}}
	first, err := s.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.invalidate()
	if st := s.state(); st != "rebuilding" {
		t.Errorf("state during the rebuild = %q", st)
	}
	if got, err := s.get(context.Background()); got != first || err != nil {
		t.Errorf("get during the rebuild = %v, %v; want the previous snapshot", got, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.fresh(ctx); !errors.Is(err, ErrIndexing) {
		t.Errorf("fresh during the rebuild = %v, want ErrIndexing", err)
	}
	close(gate)
	got, err := s.fresh(context.Background())
	if err != nil || got.stats.Articles != 2 {
		t.Errorf("fresh after the rebuild = %+v, %v; want build 2", got, err)
	}
	if st := s.state(); st != "ready" {
		t.Errorf("state after the rebuild = %q", st)
	}
}

// TestSnapshots_InvalidateDuringBuild checks that a build that started
// before a write is not served after it.
func TestSnapshots_InvalidateDuringBuild(t *testing.T) {
	t.Parallel()
	var builds atomic.Int32
	gate := make(chan struct{})
	s := &snapshots{timeout: time.Minute, build: func(ctx context.Context) (*snapshot, error) {
		n := builds.Add(1)
		if n == 1 {
			<-gate
		}
		return &snapshot{stats: Stats{Articles: int(n)}}, nil
	}}
	done := make(chan *snapshot)
	go func() {
		snap, err := s.get(context.Background())
		if err != nil {
			t.Error(err)
		}
		done <- snap
	}()
	time.Sleep(50 * time.Millisecond)
	s.invalidate() // a write lands while the first build runs
	close(gate)
	snap := <-done
	if snap == nil || snap.stats.Articles != 2 {
		t.Errorf("got the snapshot of build %v, want the one built after the write (2)", snap)
	}
}

func TestSnapshots_Errors(t *testing.T) {
	t.Parallel()
	fail := errors.New("store unreadable")
	var calls atomic.Int32
	s := &snapshots{timeout: time.Minute, build: func(ctx context.Context) (*snapshot, error) {
		if calls.Add(1) == 1 {
			return nil, fail
		}
		return &snapshot{}, nil
	}}
	if _, err := s.get(context.Background()); !errors.Is(err, fail) {
		t.Errorf("first get = %v, want %v", err, fail)
	}
	if st := s.state(); st != "failed: store unreadable" {
		t.Errorf("state after a failed build = %q", st)
	}
	// The next request tries again.
	if _, err := s.get(context.Background()); err != nil {
		t.Errorf("get after a failed build = %v", err)
	}

	slow := &snapshots{timeout: time.Minute, build: func(ctx context.Context) (*snapshot, error) {
		time.Sleep(time.Second)
		return &snapshot{}, nil
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := slow.get(ctx); !errors.Is(err, ErrIndexing) {
		t.Errorf("get past the deadline = %v, want ErrIndexing", err)
	}
}
