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
	"time"

	"github.com/newsgraph/newsgraph/corpus"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// breachBits is the breach classifier's hash size: 2^18 buckets per label.
const breachBits = 18

// casieArticle is one CASIE article with the gold of its sentences.
type casieArticle struct {
	ID, Title string
	Body      string
	Published time.Time
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

// casieGold is one CASIE article as its split folder holds it: the text
// (articles/ID.json) and the events of gold.jsonl.
type casieGold struct {
	ID string `json:"id"`
	// Title, Body and Published come from articles/ID.json.
	Title     string    `json:"-"`
	Body      string    `json:"-"`
	Published time.Time `json:"-"`
	Events    []struct {
		Subtype string `json:"subtype"`
		Realis  string `json:"realis"`
		Nugget  struct {
			StartByte int `json:"start_byte"`
		} `json:"nugget"`
		Arguments []struct {
			Role      string `json:"role"`
			Type      string `json:"type"`
			Text      string `json:"text"`
			StartByte int    `json:"start_byte"`
		} `json:"arguments"`
	} `json:"events"`
}

// readCASIEGold reads a CASIE split folder (articles/*.json and
// gold.jsonl), sorted by id: what the breach and victim trainers read.
func readCASIEGold(dir string) ([]casieGold, error) {
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var arts []casieGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g casieGold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("read gold: %w", err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "articles", g.ID+".json"))
		if err != nil {
			return nil, err
		}
		var a struct {
			Title     string `json:"title"`
			Text      string `json:"text"`
			Published string `json:"published"`
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fmt.Errorf("read %s: %w", g.ID, err)
		}
		g.Title, g.Body = a.Title, a.Text
		g.Published, _ = time.Parse("2006-01-02", a.Published)
		arts = append(arts, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	return arts, nil
}

// readCASIE reads the articles of a CASIE split folder with the gold of
// their sentences, sorted by id.
func readCASIE(dir string) ([]casieArticle, error) {
	golds, err := readCASIEGold(dir)
	if err != nil {
		return nil, err
	}
	arts := make([]casieArticle, 0, len(golds))
	for _, g := range golds {
		ca := casieArticle{ID: g.ID, Title: g.Title, Body: g.Body, Published: g.Published}
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
	prob    float64 // P(actual) given by a model that did not see it, or -1
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
			out = append(out, breachExample{article: ai, feats: s.Features, gold: g, prob: -1})
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
	outArticles := fs.String("out-articles", filepath.Join("extract", "breachdoc.bin"), "article model weights file to write")
	epochs := fs.Int("epochs", 6, "passes over the training sentences")
	folds := fs.String("folds", "01234", "last digits of the CASIE ids to train on (a subset of 0-4)")
	sure := fs.String("sure", "0.5,0.7,0.9,1.01", "least beliefs in an article the article model believes tells of no breach, to cross-validate at the -beliefs one with the best F1")
	beliefs := fs.String("beliefs", "0.2,0.3,0.4,0.5,0.6", "least beliefs to cross-validate the article decision at (the extractor on folds 0-4, each by a model trained on the others); empty for none")
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
	oof, oofArts := breachCrossValidate(ctx, stdout, train, *epochs, m.Scale())
	am, amFolds := trainBreachArticles(ctx, stdout, oof, oofArts)
	rawA, err := am.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*outArticles, rawA, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *outArticles, len(rawA))
	if *beliefs != "" {
		if err := breachBeliefCV(ctx, stdout, train, *epochs, m.Scale(), amFolds, *beliefs, *sure); err != nil {
			return err
		}
	}
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
		p := e.prob
		if m != nil {
			probs = m.Probs(e.feats, probs)
			p = probs[1]
		}
		best[e.article] = max(best[e.article], p)
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

// breachCrossValidate scores the classifier on each training fold by a
// model trained on the other folds, and prints the pooled sentence and
// article figures: what the weights are worth on articles they have not
// seen, from the training folds alone.
func breachCrossValidate(ctx context.Context, w io.Writer, train []casieArticle, epochs int, scale float64) ([]breachExample, []casieArticle) {
	var all []breachExample
	var arts []casieArticle
	var tp, fp, fn int
	for k := 0; k <= 4 && ctx.Err() == nil; k++ {
		var in, out []casieArticle
		for _, a := range train {
			if casieFold(a.ID) == k {
				out = append(out, a)
			} else {
				in = append(in, a)
			}
		}
		if len(out) == 0 {
			continue
		}
		m := fitBreach(ctx, breachExamples(in), epochs)
		m.SetScale(scale)
		ex := breachExamples(out)
		for _, e := range ex {
			g, _ := m.Best(e.feats)
			switch {
			case g == 1 && e.gold == 1:
				tp++
			case g == 1:
				fp++
			case e.gold == 1:
				fn++
			}
			// the out-of-fold probability stands in the example's place
			e.article += len(arts)
			e.prob = m.Probs(e.feats, nil)[1]
			all = append(all, e)
		}
		arts = append(arts, out...)
	}
	p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
	fmt.Fprintf(w, "cross-validated 0-4: %d sentences: actual-breach precision %.3f recall %.3f F1 %.3f\n", len(all), p, r, 2*p*r/max(1e-9, p+r))
	breachArticleReport(w, "cross-validated 0-4", nil, all, arts)
	return all, arts
}

// breachBeliefCV runs the extractor on each training fold with a breach
// classifier trained on the other folds, at each least belief, and prints
// article-level breach detection (an article tells of a breach when the
// extractor gives it one) pooled over the folds: the belief the extractor
// uses (breachBelief) is the one with the best F1 here, never one read off
// the dev split.
func breachBeliefCV(ctx context.Context, w io.Writer, train []casieArticle, epochs int, scale float64, articles [5]*learn.Model, beliefList, sureList string) error {
	beliefs, err := parseFloats(beliefList)
	if err != nil {
		return fmt.Errorf("-beliefs: %w", err)
	}
	sure, err := parseFloats(sureList)
	if err != nil {
		return fmt.Errorf("-sure: %w", err)
	}
	b, err := breachPipelineCV(ctx, w, train, epochs, scale, articles, "belief", beliefs, func(float64) float64 { return 1.01 }, nil)
	if err != nil || len(sure) == 0 {
		return err
	}
	_, err = breachPipelineCV(ctx, w, train, epochs, scale, articles, "sure", sure, nil, func(float64) float64 { return b })
	return err
}

// parseFloats reads a comma-separated list of numbers.
func parseFloats(list string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(list, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		var b float64
		if _, err := fmt.Sscan(strings.TrimSpace(f), &b); err != nil {
			return nil, fmt.Errorf("%q: %w", f, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// breachPipelineCV runs the extractor on each training fold at each value
// of one parameter (the least belief, or the least in an article of no
// breach; the other given by sureOf or beliefOf) and returns the value
// with the best pooled F1.
func breachPipelineCV(ctx context.Context, w io.Writer, train []casieArticle, epochs int, scale float64, articles [5]*learn.Model, name string, beliefs []float64, sureOf, beliefOf func(float64) float64) (float64, error) {
	tm := extract.NewModel()
	type count struct{ tp, fp, fn int }
	counts := make([]count, len(beliefs))
	for k := 0; k <= 4 && ctx.Err() == nil; k++ {
		var in, out []casieArticle
		for _, a := range train {
			if casieFold(a.ID) == k {
				out = append(out, a)
			} else {
				in = append(in, a)
			}
		}
		if len(out) == 0 {
			continue
		}
		m := fitBreach(ctx, breachExamples(in), epochs)
		m.SetScale(scale)
		for bi, b := range beliefs {
			x := extract.New(extract.Config{Model: tm})
			belief, sure := b, b
			if sureOf != nil {
				sure = sureOf(b)
			} else {
				belief = beliefOf(b)
			}
			if err := x.SetBreachClassifier(m, articles[k], belief, sure); err != nil {
				return 0, err
			}
			for _, a := range out {
				r, err := x.Extract(ctx, corpus.Article{ID: a.ID, Title: a.Title, Body: a.Body, Published: a.Published})
				if err != nil && ctx.Err() != nil {
					return 0, err
				}
				g, s := len(a.Gold) > 0, err == nil && len(r.Events) > 0
				switch {
				case g && s:
					counts[bi].tp++
				case s:
					counts[bi].fp++
				case g:
					counts[bi].fn++
				}
			}
		}
	}
	best, bestF := 0, -1.0
	var line []string
	for bi, c := range counts {
		p, r := float64(c.tp)/float64(max(1, c.tp+c.fp)), float64(c.tp)/float64(max(1, c.tp+c.fn))
		f := 2 * p * r / max(1e-9, p+r)
		if f > bestF {
			best, bestF = bi, f
		}
		line = append(line, fmt.Sprintf("%s %.2f P=%.3f R=%.3f F1=%.3f", name, beliefs[bi], p, r, f))
	}
	fmt.Fprintf(w, "extractor cross-validated on 0-4: %s\n", strings.Join(line, "; "))
	if len(beliefs) == 0 {
		return 0, ctx.Err()
	}
	fmt.Fprintf(w, "best %s %.2f (F1 %.3f)\n", name, beliefs[best], bestF)
	return beliefs[best], ctx.Err()
}

// breachArticleExamples gives each article the article model's features
// from the probabilities its sentences were given.
func breachArticleExamples(ex []breachExample, arts []casieArticle) []breachExample {
	probs := make([][]float64, len(arts))
	for _, e := range ex {
		probs[e.article] = append(probs[e.article], e.prob)
	}
	out := make([]breachExample, len(arts))
	for ai, a := range arts {
		g := 0
		if len(a.Gold) > 0 {
			g = 1
		}
		out[ai] = breachExample{article: ai, feats: extract.BreachArticleFeatures(probs[ai]), gold: g, prob: -1}
	}
	return out
}

// fitBreachArticles trains the article model: an averaged perceptron over
// the article features.
func fitBreachArticles(ex []breachExample, epochs int) *learn.Model {
	t := learn.NewTrainer([]string{extract.BreachLabelNone, extract.BreachLabelActual}, breachArticleBits)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(21))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			t.Update(ex[i].feats, ex[i].gold, t.Best(ex[i].feats))
		}
	}
	return t.Model()
}

// breachArticleBits is the article model's hash size.
const breachArticleBits = 14

// breachArticleEpochs is the article model's passes over its articles.
const breachArticleEpochs = 10

// trainBreachArticles trains the article model on the training articles'
// out-of-fold sentence probabilities (what the sentence classifier says of
// articles it has not seen, as of the dev and held-out ones), prints its
// cross-validated article figures, and returns it trained on them all.
func trainBreachArticles(ctx context.Context, w io.Writer, oof []breachExample, arts []casieArticle) (*learn.Model, [5]*learn.Model) {
	ex := breachArticleExamples(oof, arts)
	var folds [5]*learn.Model
	var tp, fp, fn int
	for k := 0; k <= 4 && ctx.Err() == nil; k++ {
		var in []breachExample
		for _, e := range ex {
			if casieFold(arts[e.article].ID) != k {
				in = append(in, e)
			}
		}
		m := fitBreachArticles(in, breachArticleEpochs)
		folds[k] = m
		for _, e := range ex {
			if casieFold(arts[e.article].ID) != k {
				continue
			}
			g, _ := m.Best(e.feats)
			switch {
			case g == 1 && e.gold == 1:
				tp++
			case g == 1:
				fp++
			case e.gold == 1:
				fn++
			}
		}
	}
	p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
	fmt.Fprintf(w, "article model cross-validated on 0-4: %d articles: P=%.3f R=%.3f F1=%.3f\n", len(ex), p, r, 2*p*r/max(1e-9, p+r))
	return fitBreachArticles(ex, breachArticleEpochs), folds
}
