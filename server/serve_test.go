package server

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// TestServeListener_GracefulShutdown cancels the context while a request
// is in flight and checks that the request still completes and that
// ServeListener returns nil once it has.
func TestServeListener_GracefulShutdown(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-time.After(300 * time.Millisecond):
		case <-r.Context().Done():
			http.Error(w, "cancelled", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ServeListener(ctx, ln, h) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel()
	r := <-got
	if r.err != nil || r.body != "finished" {
		t.Errorf("in-flight request: %q, %v; want it finished", r.body, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("ServeListener = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ServeListener did not return after shutdown")
	}
	// New connections are refused after shutdown.
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("listener still accepts connections after shutdown")
	}
}

func TestServe_BadAddress(t *testing.T) {
	t.Parallel()
	err := Serve(context.Background(), "256.0.0.1:bad", http.NotFoundHandler())
	if err == nil {
		t.Fatal("Serve on a bad address returned nil")
	}
}

// blockingSource is a fakeSource whose Quotes blocks until its context
// ends, and says when it has returned.
type blockingSource struct {
	fakeSource
	returned chan struct{}
}

func (b *blockingSource) Quotes(ctx context.Context) ([]queries.QuoteRow, error) {
	defer close(b.returned)
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestServeListener_StopsIndexing shuts the server down while the handler
// is still reading the store: ServeListener must end that read before it
// returns, since its caller then closes the store (a bolt store closed
// under a reader crashes the process).
func TestServeListener_StopsIndexing(t *testing.T) {
	t.Parallel()
	src := &blockingSource{returned: make(chan struct{})}
	h, err := newHandler(Config{Store: openStore(t)}, src)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ServeListener(ctx, ln, h) }()
	if r := get(t, "http://"+ln.Addr().String()+"/healthz"); !bytes.Contains(r.body, []byte(`"building"`)) {
		t.Fatalf("healthz while indexing: %s", r.body)
	}
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("ServeListener = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeListener did not return after shutdown")
	}
	select {
	case <-src.returned:
	default:
		t.Fatal("ServeListener returned while the index build still reads the store")
	}
	// No build starts after the shutdown, even after a write.
	h.snaps.invalidate()
	if st := h.snaps.state(); st == "building" || st == "rebuilding" {
		t.Errorf("state after shutdown and a write = %q, want no build", st)
	}
}
