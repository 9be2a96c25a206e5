package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// casieDev finds the CASIE dev split beside the repository, or skips.
func casieDev(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
	}
	split := filepath.Join(dir, "..", "shared", "eval", "casie", "dev")
	if _, err := os.Stat(filepath.Join(split, "gold.jsonl")); err != nil {
		t.Skipf("CASIE dev split not found at %s (it lives outside the repository): %v", split, err)
	}
	return split
}

// TestBreachClassifier_dev scores the embedded breach classifier on the
// sentences of CASIE articles whose id ends in 5 or 6 (never trained on):
// a sentence is an actual breach when it holds an Actual Databreach nugget
// or argument.
func TestBreachClassifier_dev(t *testing.T) {
	split := casieDev(t)
	m, err := loadBreachModel()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(split, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n, ok, tp, fp, fn int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g struct {
			ID     string `json:"id"`
			Events []struct {
				Subtype, Realis string
				Nugget          struct {
					StartByte int `json:"start_byte"`
				}
				Arguments []struct {
					Role      string
					StartByte int `json:"start_byte"`
				}
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(g.ID, "5") && !strings.HasSuffix(g.ID, "6") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(split, "articles", g.ID+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var a struct{ Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		var at []int
		for _, e := range g.Events {
			if e.Subtype != "Databreach" || e.Realis != "Actual" {
				continue
			}
			at = append(at, e.Nugget.StartByte)
			for _, r := range e.Arguments {
				switch r.Role {
				case "Compromised-Data", "Number-of-Data", "Number-of-Victim", "Attacker", "Victim":
					at = append(at, r.StartByte)
				}
			}
		}
		for _, s := range BreachSentences(a.Text) {
			gold := 0
			for _, x := range at {
				if x >= s.Start && x < s.End {
					gold = 1
				}
			}
			best, _ := m.Best(s.Features)
			got := 0
			if best == 1 {
				got = 1
			}
			n++
			if got == gold {
				ok++
			}
			switch {
			case got == 1 && gold == 1:
				tp++
			case got == 1:
				fp++
			case gold == 1:
				fn++
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	acc := float64(ok) / float64(max(1, n))
	p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
	f1 := 2 * p * r / max(1e-9, p+r)
	t.Logf("CASIE 5-6: %d sentences, accuracy %.3f, actual-breach precision %.3f recall %.3f F1 %.3f", n, acc, p, r, f1)
	if acc < 0.96 || f1 < 0.50 {
		t.Errorf("breach classifier on CASIE 5-6: accuracy %.3f (want >= 0.96), F1 %.3f (want >= 0.50)", acc, f1)
	}
}

// TestBreachArticleModel_dev scores the embedded article breach model on
// CASIE articles whose id ends in 5 or 6 (never trained on): an article
// tells of a breach when it has an Actual Databreach event; the model
// reads the probabilities the sentence classifier gives its sentences.
func TestBreachArticleModel_dev(t *testing.T) {
	split := casieDev(t)
	m, err := loadBreachModel()
	if err != nil {
		t.Fatal(err)
	}
	am, err := loadBreachArticleModel()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(split, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n, tp, fp, fn int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g struct {
			ID     string `json:"id"`
			Events []struct{ Subtype, Realis string }
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(g.ID, "5") && !strings.HasSuffix(g.ID, "6") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(split, "articles", g.ID+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var a struct{ Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		gold := false
		for _, e := range g.Events {
			gold = gold || e.Subtype == "Databreach" && e.Realis == "Actual"
		}
		var probs []float64
		for _, s := range BreachSentences(a.Text) {
			probs = append(probs, m.Probs(s.Features, nil)[1])
		}
		l, _ := am.Best(BreachArticleFeatures(probs))
		got := l == 1
		n++
		switch {
		case got && gold:
			tp++
		case got:
			fp++
		case gold:
			fn++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
	t.Logf("CASIE 5-6: %d articles, article breach model precision %.3f recall %.3f (tp %d fp %d fn %d)", n, p, r, tp, fp, fn)
	if p < 0.70 || r < 0.70 {
		t.Errorf("article breach model on CASIE 5-6: precision %.3f, recall %.3f (want >= 0.70 each)", p, r)
	}
}
