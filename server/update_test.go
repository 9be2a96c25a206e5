package server

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

// TestUpdate checks that a write run by Update shows in the JSON API once
// the handler has read the store again, that a write reporting no change
// keeps the snapshot, and that a handler not made for updates refuses.
func TestUpdate(t *testing.T) {
	ctx := context.Background()
	docs := fixtureDocs(t)
	st := openStore(t)
	if _, err := st.Load(ctx, docs[:1]); err != nil {
		t.Fatal(err)
	}
	h, err := newHandler(Config{Store: st, Updated: true}, storeSource{s: st})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.stop)
	srv := newServerFor(t, h)
	articles := func() int {
		t.Helper()
		if _, err := h.snaps.fresh(ctx); err != nil {
			t.Fatal(err)
		}
		var stats Stats
		get(t, srv.URL+"/api/stats").decode(t, &stats)
		return stats.Articles
	}
	if n := articles(); n != 1 {
		t.Fatalf("%d articles before the update, want 1", n)
	}
	before, err := h.snaps.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := Update(h, func() (bool, error) { return false, nil }); err != nil {
		t.Fatal(err)
	}
	if now, err := h.snaps.get(ctx); err != nil || now != before {
		t.Errorf("a write that changed nothing made the handler read the store again (%v)", err)
	}
	err = Update(h, func() (bool, error) {
		r, err := st.Load(ctx, docs[1:])
		return r.Added > 0, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := articles(); n != len(docs) {
		t.Errorf("%d articles after the update, want %d", n, len(docs))
	}
	if r := get(t, srv.URL+"/api/articles/"+docs[len(docs)-1].Article.ID); r.status != http.StatusOK {
		t.Errorf("the article written by Update: %d %s", r.status, r.body)
	}
	boom := errors.New("boom")
	if err := Update(h, func() (bool, error) { return false, boom }); !errors.Is(err, boom) {
		t.Errorf("Update returned %v, want the write's error", err)
	}

	plain, err := NewHandler(Config{Store: openStore(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(plain.(*handler).stop)
	ran := false
	if err := Update(plain, func() (bool, error) { ran = true; return true, nil }); !errors.Is(err, ErrNotUpdated) || ran {
		t.Errorf("Update on a handler without Config.Updated: %v (write ran: %v), want ErrNotUpdated", err, ran)
	}
}
