package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Errors the handler reports; check them with errors.Is.
var (
	// ErrNotFound means the requested entity, breach or article is not in
	// the store.
	ErrNotFound = errors.New("not found")
	// ErrResultLimit means a query produced more results than
	// Config.ResultLimit allows.
	ErrResultLimit = errors.New("result limit exceeded")
	// ErrQueryTimeout means a query ran longer than Config.QueryTimeout.
	ErrQueryTimeout = errors.New("query timed out")
	// ErrBusy means too many queries were running to start another one
	// before the request's deadline.
	ErrBusy = errors.New("too many queries running")
	// ErrQueryMemory means the Gizmo queries running grew the heap past
	// Config.QueryMemory and were stopped.
	ErrQueryMemory = errors.New("query memory budget exceeded")
	// ErrArticleLimit means a posted article is over a bound of what one
	// article's analysis may cost (its size or its time); an IngestFunc
	// wraps it around the reason.
	ErrArticleLimit = errors.New("article over a bound of analysis")
)

// httpError is an error with the HTTP status it maps to.
type httpError struct {
	status int
	err    error
}

func (e *httpError) Error() string { return e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

// errorf returns an error answered with the given status.
func errorf(status int, format string, args ...any) error {
	return &httpError{status: status, err: fmt.Errorf(format, args...)}
}

// statusOf maps an error to the HTTP status it is answered with.
func statusOf(err error) int {
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he.status
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrResultLimit), errors.Is(err, ErrArticleLimit), errors.Is(err, ErrQueryMemory):
		return http.StatusUnprocessableEntity
	case errors.Is(err, ErrQueryTimeout), errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	case errors.Is(err, ErrBusy), errors.Is(err, ErrIndexing):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this status.
		return 499
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error string `json:"error"`
}

// writeJSON writes v as JSON with the given status; the content type is
// application/json unless the caller set one.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}

// writeError writes err as {"error": "..."} with the status statusOf picks.
// Server-side failures are logged; their text still goes to the client
// because the API serves a trusted newsroom, not the open internet.
func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status >= 500 && status != http.StatusServiceUnavailable && status != http.StatusGatewayTimeout {
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		h.logger.Debug("request rejected", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	if status == 499 {
		return
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
	}
	if err := writeJSON(w, status, errorBody{Error: err.Error()}); err != nil {
		h.logger.Debug("write error response", "err", err)
	}
}
