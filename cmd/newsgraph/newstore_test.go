package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNewStore(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.db")
	if err := os.Mkdir(existing, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		db   string
		want bool
	}{
		{filepath.Join(dir, "new.db"), true},
		{"bolt://" + filepath.Join(dir, "new.db"), true},
		{existing, false},
		{"bolt://" + existing, false},
		{"memory:", false},
		{"postgres://localhost/newsgraph", false},
	} {
		if got := newStore(c.db); got != c.want {
			t.Errorf("newStore(%q) = %v, want %v", c.db, got, c.want)
		}
	}
}
