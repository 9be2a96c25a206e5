package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/testutil"
	"github.com/newsgraph/newsgraph/queries"
)

// fixtureDB returns a bolt store holding testutil's fixture, whose quotes
// have cues and confidences and whose breach has an attacker, a kind and a
// status.
func fixtureDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "graph.db")
	s, err := graph.Open(ctx, db, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	arts, results := testutil.Fixture()
	var docs []graph.Doc
	for i := range arts {
		docs = append(docs, graph.Doc{Article: arts[i], Result: results[i]})
	}
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestQuotes_cueAndConfidence(t *testing.T) {
	db := fixtureDB(t)
	r := newsgraph(t, "", "quotes", "--db", db)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"CUE", "CONFIDENCE", "warned", "0.44?", "0.97", "(A spokesperson for the council)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("quotes table lacks %q:\n%s", want, r.stdout)
		}
	}
	r = newsgraph(t, "", "timeline", "--db", db)
	for _, want := range []string{"discovered", "disclosed", "(A spokesperson for the council)"} {
		if r.code != exitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("timeline lacks %q (exit %d):\n%s%s", want, r.code, r.stdout, r.stderr)
		}
	}
	for _, tc := range []struct {
		min  string
		want int
	}{{"0", 6}, {"0.5", 5}, {"0.9", 2}, {"1", 0}} {
		r := newsgraph(t, "", "quotes", "--db", db, "--format", "json", "--min-confidence", tc.min)
		var rows []queries.QuoteRow
		if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || r.code != exitOK {
			t.Fatalf("--min-confidence %s: exit %d, %v: %s", tc.min, r.code, err, r.stderr)
		}
		if len(rows) != tc.want {
			t.Errorf("--min-confidence %s: %d quotes, want %d", tc.min, len(rows), tc.want)
		}
		for _, q := range rows {
			if q.Cue == "" || q.SpeakerMention == nil || q.Confidence == nil {
				t.Errorf("--min-confidence %s: quote %s lacks cue, mention or confidence: %+v", tc.min, q.ID, q)
			}
		}
	}
}

func TestBreaches_kindStatusAttacker(t *testing.T) {
	db := fixtureDB(t)
	r := newsgraph(t, "", "breaches", "--db", db)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"ATTACKER", "KIND", "STATUS", "Grey Lantern", "supplier", "confirmed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("breaches table lacks %q:\n%s", want, r.stdout)
		}
	}
	r = newsgraph(t, "", "breaches", "--db", db, "--format", "json")
	for _, want := range []string{`"attacker": "Grey Lantern"`, `"kind": "supplier"`, `"status": "confirmed"`,
		`"discovered": "2024-02-26"`, `"disclosed": "2024-03-04"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("breaches JSON lacks %s:\n%s", want, r.stdout)
		}
	}
	r = newsgraph(t, "", "explain", "--db", db, "northbridge-b/2")
	if r.code != exitOK || !strings.Contains(r.stdout, `cue "warned"`) || !strings.Contains(r.stdout, "confidence 0.44?") {
		t.Errorf("explain of a quote: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
