package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// The shared dev set sits beside the repository, not inside it.
const (
	metBreach     = "../../../shared/corpus/met-breach"
	metBreachGold = "../../../shared/eval/met-breach.gold.json"
)

func needShared(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("skipping: %s not found (the shared corpus is not beside the repository)", path)
	}
}

// TestEndToEnd loads the met-breach dev set twice into a bolt store and
// asks who said what.
func TestEndToEnd(t *testing.T) {
	needShared(t, metBreach)
	db := filepath.Join(t.TempDir(), "graph.db")
	r := newsgraph(t, "", "load", "--db", db, metBreach)
	if r.code != exitOK {
		t.Fatalf("load exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	first := summary(t, r.stdout)
	if first["new"] != 5 {
		t.Errorf("first load summary %v, want 5 new articles", first)
	}
	n := storeSize(t, db)

	r = newsgraph(t, "", "load", "--db", db, metBreach)
	if s := summary(t, r.stdout); r.code != exitOK || s["unchanged"] != 5 || s["quads written"] != 0 {
		t.Errorf("second load exit %d, summary %v", r.code, s)
	}
	if n2 := storeSize(t, db); n2 != n {
		t.Errorf("loading the corpus twice changed the quad count: %d -> %d", n, n2)
	}

	r = newsgraph(t, "", "entities", "--db", db, "--format", "json", "--type", "person", "--name", "Rick Prior")
	var ents []queries.EntityRow
	if err := json.Unmarshal([]byte(r.stdout), &ents); err != nil {
		t.Fatalf("entities: %v\n%s%s", err, r.stdout, r.stderr)
	}
	found := false
	for _, e := range ents {
		found = found || (e.Name == "Rick Prior" && e.Type == "person")
	}
	if !found {
		t.Errorf("Rick Prior is not a person entity: %+v", ents)
	}

	r = newsgraph(t, "", "quotes", "--db", db, "--format", "json", "--speaker", "Rick Prior")
	var qs []queries.QuoteRow
	if err := json.Unmarshal([]byte(r.stdout), &qs); err != nil {
		t.Fatalf("quotes: %v\n%s%s", err, r.stdout, r.stderr)
	}
	if len(qs) == 0 {
		t.Error("Rick Prior has no quotes")
	}
	for _, q := range qs {
		if q.Speaker != "Rick Prior" || q.SpeakerType != "person" {
			t.Errorf("quote %s: speaker %q (%s), want Rick Prior (person)", q.ID, q.Speaker, q.SpeakerType)
		}
	}
}

// TestEval scores the dev set against its gold file.
func TestEval(t *testing.T) {
	needShared(t, metBreach)
	needShared(t, metBreachGold)
	r := newsgraph(t, "", "eval", "--gold", metBreachGold, metBreach)
	if r.code != exitOK {
		t.Fatalf("eval exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "SCORE quote_f1=") || !strings.Contains(last, "breach_facts=") {
		t.Errorf("last line %q is not a SCORE line", last)
	}
	if r := newsgraph(t, "", "eval", metBreach); r.code != exitUsage {
		t.Errorf("eval without --gold: exit %d, want %d", r.code, exitUsage)
	}
}
