package corpus

import (
	"context"
	"errors"
	"os"
	"testing"
)

// readFile reads one file through a Reader and returns what came out.
func readFile(t *testing.T, path string, cfg Config) ([]Article, ErrorList) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	}()
	arts, skipped, err := Collect(context.Background(), NewReader(f, path, cfg))
	if err != nil {
		t.Fatalf("Collect(%s): fatal error %v", path, err)
	}
	return arts, skipped
}

// readOne reads a file that holds exactly one article, with no problem,
// and returns it.
func readOne(t *testing.T, path string) Article {
	t.Helper()
	arts, skipped := readFile(t, path, Config{})
	if len(skipped) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, problems %v; want 1 article", len(arts), skipped)
	}
	return arts[0]
}

// byID indexes articles by ID.
func byID(arts []Article) map[string]Article {
	m := make(map[string]Article, len(arts))
	for _, a := range arts {
		m[a.ID] = a
	}
	return m
}

// hasErr reports whether any problem in l wraps target.
func hasErr(l ErrorList, target error) bool {
	for _, e := range l {
		if errors.Is(e, target) {
			return true
		}
	}
	return false
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
