package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// breachBits is the breach classifier's hash size: 2^18 buckets per label.
const breachBits = 18

// casieArticle is one CASIE article with the gold of its sentences.
type casieArticle struct {
	ID   string
	Body string
	// Gold holds the byte offsets of the article's Actual Databreach nuggets.
	Gold []int
	// Args holds the byte offsets of their arguments.
	Args []int
	// Others holds the nugget offsets of the other events, each with its
	// label index (breachLabels).
	Others [][2]int
}

// breachLabels are the classifier's labels: an actual breach, and the
// events it is most often taken for, which teach it what is not one.
var breachLabels = []string{extract.BreachLabelNone, extract.BreachLabelActual, "generic-breach", "ransom", "phishing", "vulnerability"}

// otherLabel gives the label index of a CASIE event that is no actual breach.
func otherLabel(subtype string) int {
	switch subtype {
	case "Databreach":
		return 2
	case "Ransom":
		return 3
	case "Phishing":
		return 4
	case "DiscoverVulnerability", "PatchVulnerability":
		return 5
	}
	return 0
}

// readCASIE reads the articles of a CASIE split folder (articles/*.json
// and gold.jsonl), sorted by id.
func readCASIE(dir string) ([]casieArticle, error) {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type gold struct {
		ID     string `json:"id"`
		Events []struct {
			Subtype string `json:"subtype"`
			Realis  string `json:"realis"`
			Nugget  struct {
				StartByte int `json:"start_byte"`
			} `json:"nugget"`
			Arguments []struct {
				Role      string `json:"role"`
				StartByte int    `json:"start_byte"`
			} `json:"arguments"`
		} `json:"events"`
	}
	var arts []casieArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("read gold: %w", err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "articles", g.ID+".json"))
		if err != nil {
			return nil, err
		}
		var a struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("read %s: %w", g.ID, err)
		}
		ca := casieArticle{ID: g.ID, Body: a.Text}
		for _, e := range g.Events {
			if e.Subtype == "Databreach" && e.Realis == "Actual" {
				ca.Gold = append(ca.Gold, e.Nugget.StartByte)
				for _, a := range e.Arguments {
					switch a.Role {
					case "Compromised-Data", "Number-of-Data", "Number-of-Victim", "Attacker", "Victim":
						ca.Args = append(ca.Args, a.StartByte)
					}
				}
			} else if l := otherLabel(e.Subtype); l > 0 {
				ca.Others = append(ca.Others, [2]int{e.Nugget.StartByte, l})
			}
		}
		arts = append(arts, ca)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	return arts, nil
}

// casieFold is the last digit of a CASIE id: 0–4 train, 5–6 dev.
func casieFold(id string) int {
	if id == "" {
		return -1
	}
	c := id[len(id)-1]
	if c < '0' || c > '9' {
		return -1
	}
	return int(c - '0')
}

// breachExample is one sentence with its features and label.
type breachExample struct {
	article int
	feats   []learn.Feature
	gold    int
}

// breachExamples turns articles into labelled sentences: label 1 when the
// sentence holds an Actual Databreach nugget or one of its arguments (the
// data, the counts, the attacker, the victim): a sentence that tells of
// the breach's facts tells of the breach.
func breachExamples(arts []casieArticle) []breachExample {
	var out []breachExample
	for ai, a := range arts {
		for _, s := range extract.BreachSentences(a.Body) {
			g := 0
			for _, at := range a.Gold {
				if at >= s.Start && at < s.End {
					g = 1
				}
			}
			for _, at := range a.Args {
				if at >= s.Start && at < s.End {
					g = 1
				}
			}
			for _, o := range a.Others {
				if g == 0 && o[0] >= s.Start && o[0] < s.End {
					g = o[1]
				}
			}
			out = append(out, breachExample{article: ai, feats: s.Features, gold: g})
		}
	}
	return out
}

// trainBreach trains the breach sentence classifier on CASIE ids ending in
// 0–4 and writes its weights.
func trainBreach(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("breach", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", filepath.Join("..", "shared", "eval", "casie", "dev"), "CASIE split folder (articles/, gold.jsonl)")
	out := fs.String("out", filepath.Join("extract", "breach.bin"), "weights file to write")
	epochs := fs.Int("epochs", 6, "passes over the training sentences")
	folds := fs.String("folds", "01234", "last digits of the CASIE ids to train on (a subset of 0-4)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	arts, err := readCASIE(*data)
	if err != nil {
		return err
	}
	var train, dev []casieArticle
	for _, a := range arts {
		switch k := casieFold(a.ID); {
		case k >= 0 && k <= 4:
			if strings.IndexByte(*folds, byte('0'+k)) >= 0 {
				train = append(train, a)
			}
		case k == 5 || k == 6:
			dev = append(dev, a)
		}
	}
	trainEx, devEx := breachExamples(train), breachExamples(dev)
	m := fitBreach(ctx, trainEx, *epochs)
	if err := ctx.Err(); err != nil {
		return err
	}
	var feats [][]learn.Feature
	var golds []int
	for _, e := range trainEx {
		feats, golds = append(feats, e.feats), append(golds, e.gold)
	}
	// the scale is fitted on sentences the weights have not seen: a model
	// trained on the folds but 4, scored on fold 4
	var rest, held4 []casieArticle
	for _, a := range arts {
		switch k := casieFold(a.ID); {
		case k == 4:
			held4 = append(held4, a)
		case k >= 0 && k < 4 && strings.IndexByte(*folds, byte('0'+k)) >= 0:
			rest = append(rest, a)
		}
	}
	held := breachExamples(held4)
	hm := fitBreach(ctx, breachExamples(rest), *epochs)
	for _, e := range held {
		feats, golds = append(feats, e.feats), append(golds, e.gold)
	}
	m.SetScale(learn.FitScale(hm, feats, golds))
	hm.SetScale(m.Scale())
	acc, p, r, f := breachSentenceScore(hm, held)
	fmt.Fprintf(stdout, "held-out fold 4 (trained on the other folds): %d sentences: accuracy %.3f, actual-breach precision %.3f recall %.3f F1 %.3f\n",
		len(held), acc, p, r, f)
	breachArticleReport(stdout, "held-out fold 4", hm, held, held4)
	for _, set := range []struct {
		name string
		ex   []breachExample
		n    int
	}{{"train 0-4", trainEx, len(train)}, {"dev 5-6", devEx, len(dev)}} {
		acc, p, r, f := breachSentenceScore(m, set.ex)
		fmt.Fprintf(stdout, "%s: %d articles, %d sentences: accuracy %.3f, actual-breach precision %.3f recall %.3f F1 %.3f\n",
			set.name, set.n, len(set.ex), acc, p, r, f)
	}
	breachArticleReport(stdout, "dev 5-6", m, devEx, dev)
	raw, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, raw, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes, scale %.3f)\n", *out, len(raw), m.Scale())
	return nil
}

// fitBreach runs the averaged perceptron over the examples in a fixed
// shuffled order per epoch.
func fitBreach(ctx context.Context, ex []breachExample, epochs int) *learn.Model {
	t := learn.NewTrainer(breachLabels, breachBits)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(20))
	for ep := 0; ep < epochs && ctx.Err() == nil; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			t.Update(ex[i].feats, ex[i].gold, t.Best(ex[i].feats))
		}
	}
	return t.Model()
}

// breachSentenceScore returns accuracy and the actual-breach label's
// precision, recall and F1 over the examples.
func breachSentenceScore(m *learn.Model, ex []breachExample) (acc, p, r, f float64) {
	var ok, tp, fp, fn int
	for _, e := range ex {
		g, _ := m.Best(e.feats)
		if (g == 1) == (e.gold == 1) {
			ok++
		}
		switch {
		case g == 1 && e.gold == 1:
			tp++
		case g == 1:
			fp++
		case e.gold == 1:
			fn++
		}
	}
	acc = float64(ok) / float64(max(1, len(ex)))
	p = float64(tp) / float64(max(1, tp+fp))
	r = float64(tp) / float64(max(1, tp+fn))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return acc, p, r, f
}

// breachArticleReport prints article-level breach detection when an
// article counts as telling of a breach once one of its sentences has
// P(actual) of at least a threshold.
func breachArticleReport(w io.Writer, name string, m *learn.Model, ex []breachExample, arts []casieArticle) {
	best := map[int]float64{}
	var probs []float64
	for _, e := range ex {
		probs = m.Probs(e.feats, probs)
		best[e.article] = max(best[e.article], probs[1])
	}
	var line []string
	for _, t := range []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6} {
		var tp, fp, fn int
		for ai := range arts {
			if _, ok := best[ai]; !ok {
				continue
			}
			g, s := len(arts[ai].Gold) > 0, best[ai] >= t
			switch {
			case g && s:
				tp++
			case s:
				fp++
			case g:
				fn++
			}
		}
		p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
		line = append(line, fmt.Sprintf("t=%.2f P=%.2f R=%.2f", t, p, r))
	}
	fmt.Fprintf(w, "%s articles: %s\n", name, strings.Join(line, "; "))
}
