package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Timeouts of the http.Server that Serve runs. WriteTimeout must outlast the
// longest query timeout a caller configures plus the time to send a large
// /api/v2/read dump.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = time.Minute
	WriteTimeout      = 5 * time.Minute
	IdleTimeout       = 2 * time.Minute
	// ShutdownTimeout bounds how long Serve waits for in-flight requests
	// after ctx ends.
	ShutdownTimeout = 30 * time.Second
)

// Serve listens on addr and serves h until ctx ends, then shuts down
// gracefully: it stops accepting connections and waits up to
// ShutdownTimeout for in-flight requests to finish. A handler made by
// NewHandler then stops indexing the store in the background, so that the
// caller may close the store once Serve has returned. Serve returns nil
// after a clean shutdown.
func Serve(ctx context.Context, addr string, h http.Handler) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ServeListener(ctx, ln, h)
}

// ServeListener is Serve on a listener the caller opened, e.g. to learn the
// port of "127.0.0.1:0" before serving. It closes ln.
func ServeListener(ctx context.Context, ln net.Listener, h http.Handler) error {
	if s, ok := h.(stopper); ok {
		defer s.stop()
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    1 << 20,
		// Request contexts do not inherit ctx's cancellation, so requests
		// in flight when ctx ends finish instead of being cancelled.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Requests still running after the grace period are cut off.
		cerr := srv.Close()
		return errors.Join(fmt.Errorf("shut down %s: %w", ln.Addr(), err), cerr)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	return nil
}

// stopper is a handler with background work to end when serving ends.
type stopper interface{ stop() }

var _ stopper = (*handler)(nil)

// stop ends the handler's background indexing and waits for it.
func (h *handler) stop() { h.snaps.stop() }
