package server

import (
	"errors"
	"net/http"
)

// ErrNotUpdated is returned by Update for a handler not made by
// NewHandler with Config.Updated.
var ErrNotUpdated = errors.New("server: the handler was not made to serve a store updated while served (Config.Updated)")

// Update runs write, which writes to the store h serves, with h's readers
// of the store kept out. When write reports that it changed the store, h
// reads the store again: the JSON endpoints answer from what they read
// before until that read is done. h must be a handler NewHandler made with
// Config.Updated.
func Update(h http.Handler, write func() (changed bool, err error)) error {
	hh, ok := h.(*handler)
	if !ok || !hh.updated {
		return ErrNotUpdated
	}
	hh.mu.Lock()
	defer hh.mu.Unlock()
	changed, err := write()
	if changed || err != nil { // a failed write may have written part
		hh.snaps.invalidate()
	}
	return err
}
