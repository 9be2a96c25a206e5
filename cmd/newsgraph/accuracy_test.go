package main

import (
	"strconv"
	"strings"
	"testing"
)

// devSetBaseline holds the least each figure of the dev-set score may be
// (issue 3's targets, raised as extraction improves); entity_splits is a
// most.
var devSetBaseline = map[string]float64{
	"quote_f1":           0.98,
	"quote_recall":       0.98,
	"quote_precision":    0.98,
	"whole_quote_recall": 0.98,
	"indirect_recall":    0.90,
	"about":              0.98,
	"entity_recall":      1.00,
	"roles":              1.00,
	"breach_facts":       1.00,
}

// TestEval_devSetBaseline loads the met-breach dev set through the whole
// pipeline (corpus, extract, graph, queries) and fails when any figure of
// the score drops below its baseline.
func TestEval_devSetBaseline(t *testing.T) {
	needShared(t, metBreach)
	needShared(t, metBreachGold)
	r := newsgraph(t, "", "eval", "--gold", metBreachGold, metBreach)
	if r.code != exitOK {
		t.Fatalf("eval exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	got := map[string]float64{}
	for _, f := range strings.Fields(strings.TrimPrefix(lines[len(lines)-1], "SCORE ")) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("figure %q: %v", f, err)
		}
		got[k] = x
	}
	for k, min := range devSetBaseline {
		x, ok := got[k]
		if !ok {
			t.Errorf("the score has no %s", k)
			continue
		}
		if x < min {
			t.Errorf("%s = %.3f, below the baseline %.2f", k, x, min)
		}
	}
	if got["entity_splits"] > 0 {
		t.Errorf("entity_splits = %v, want 0", got["entity_splits"])
	}
	if t.Failed() {
		t.Logf("report:\n%s", r.stdout)
	}
}

// namesBaseline holds the least each figure of the names measure on
// PolNeAR dev may be (README: eval --corenlp).
var namesBaseline = map[string]float64{"person_f1": 0.58, "org_f1": 0.40, "loc_f1": 0.47}

// TestEval_names scores the names extract finds in PolNeAR dev against
// CoreNLP's entities and fails when a figure drops below its baseline.
func TestEval_names(t *testing.T) {
	const dir = "../../../shared/eval/polnear/dev"
	needShared(t, dir+"/corenlp.jsonl.gz")
	r := newsgraph(t, "", "eval", "--corenlp", dir+"/corenlp.jsonl.gz", dir+"/articles")
	if r.code != exitOK {
		t.Fatalf("eval exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "SCORE person_f1=") {
		t.Fatalf("last line %q is not a SCORE line", last)
	}
	got := map[string]float64{}
	for _, f := range strings.Fields(strings.TrimPrefix(last, "SCORE ")) {
		k, v, _ := strings.Cut(f, "=")
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("figure %q: %v", f, err)
		}
		got[k] = x
	}
	for k, min := range namesBaseline {
		if got[k] < min {
			t.Errorf("%s = %.3f, below the baseline %.2f\n%s", k, got[k], min, r.stdout)
		}
	}
	if r := newsgraph(t, "", "eval", "--gold", "x.json", "--corenlp", "y.gz", dir+"/articles"); r.code != exitUsage {
		t.Errorf("eval with --gold and --corenlp: exit %d, want %d", r.code, exitUsage)
	}
}
