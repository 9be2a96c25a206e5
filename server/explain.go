package server

import (
	"errors"
	"net/http"

	"github.com/newsgraph/newsgraph/queries"
)

// explain answers /api/explain/{id}: the evidence behind a quote, entity or
// breach (queries.Explain), read from the store.
func (h *handler) explain(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if id == "" {
		return errorf(http.StatusBadRequest, "explain what? give a quote, entity or breach id: /api/explain/ID")
	}
	ctx, cancel := contextWithTimeout(r, h.queryTimeout)
	defer cancel()
	unlock := h.readLock()
	defer unlock()
	x, err := queries.Explain(ctx, h.store, id)
	if errors.Is(err, queries.ErrNotFound) {
		return errorf(http.StatusNotFound, "%s", err.Error())
	} else if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, x)
}

// conflicts answers /api/conflicts: the facts on which sources disagree,
// breach by breach (see queries.Conflicts).
func (h *handler) conflicts(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	out := []queries.Conflict{}
	for _, b := range s.breaches {
		out = append(out, b.Conflicts...)
	}
	return writeList(w, p, out)
}
