package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/learn"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// reportedExample is one sentence the reported-speech classifier decides on.
type reportedExample struct {
	feats []learn.Feature
	gold  int  // 1: reported speech by that speaker
	rule  bool // the rules find it
}

// reportedExamples turns the articles' candidate sentences into examples.
func reportedExamples(ctx context.Context, x *extract.Extractor, arts []polnear.Article) ([]reportedExample, error) {
	var out []reportedExample
	for _, a := range arts {
		chs, err := x.ReportedChoices(ctx, a.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.Article.ID, err)
		}
		for _, ch := range chs {
			g := polnear.ReportedGold(a, polnear.Span{Start: ch.Sentence.Start, End: ch.Sentence.End},
				polnear.Span{Start: ch.Mention.Start, End: ch.Mention.End})
			out = append(out, reportedExample{feats: ch.Features, gold: b2int(g), rule: ch.Rule})
		}
	}
	return out, nil
}

func b2int(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trainReported trains the reported-speech classifier (extract/reported.bin).
func trainReported(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	run, err := startPolnear(ctx, "reported", args, stderr, 6, "passes over the training sentences", 15)
	if err != nil {
		return err
	}
	dev, err := polnear.Load(ctx, run.root, "dev")
	if err != nil {
		return err
	}
	x := extract.New(extract.Config{})
	// a tenth of train (every tenth article) calibrates the probabilities
	var fit, calib []polnear.Article
	for i, a := range run.train {
		if i%10 == 9 {
			calib = append(calib, a)
		} else {
			fit = append(fit, a)
		}
	}
	trEx, err := reportedExamples(ctx, x, fit)
	if err != nil {
		return err
	}
	caEx, err := reportedExamples(ctx, x, calib)
	if err != nil {
		return err
	}
	devEx, err := reportedExamples(ctx, x, dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sentences: train %d, calibration %d, dev %d\n", len(trEx), len(caEx), len(devEx))
	t := learn.NewTrainer(extract.ReportedLabels, run.bits)
	rng := rand.New(rand.NewPCG(19, 2027))
	order := make([]int, len(trEx))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < run.epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, i := range order {
			ex := trEx[i]
			guess := t.Best(ex.feats)
			if guess != ex.gold {
				wrong++
			}
			t.Update(ex.feats, ex.gold, guess)
		}
		fmt.Fprintf(stdout, "epoch %d: train accuracy %.3f\n", ep+1, 1-float64(wrong)/float64(max(1, len(trEx))))
	}
	m := t.Model()
	xs := make([][]learn.Feature, len(caEx))
	ys := make([]int, len(caEx))
	for i, ex := range caEx {
		xs[i], ys[i] = ex.feats, ex.gold
	}
	m.SetScale(learn.FitScale(m, xs, ys))
	fmt.Fprintf(stdout, "softmax scale %.4f (fitted on the calibration tenth)\n", m.Scale())
	for _, set := range []struct {
		name string
		ex   []reportedExample
	}{{"train", trEx}, {"calibration", caEx}, {"dev", devEx}} {
		fmt.Fprintf(stdout, "%s: %s\n", set.name, reportedReport(m, set.ex))
		fmt.Fprintf(stdout, "  %s\n", reportedThresholds(m, set.ex))
	}
	return writeWeights(m, run.out, stdout)
}

// reportedReport gives the classifier's accuracy on exs, the rules'
// accuracy, and the precision and recall of what the model adds to and
// keeps of the rules at extract's thresholds.
func reportedReport(m *learn.Model, exs []reportedExample) string {
	var p []float64
	right, ruleRight, pos := 0, 0, 0
	kept, keptOK, vetoed, vetoedOK, added, addedOK := 0, 0, 0, 0, 0, 0
	for _, ex := range exs {
		p = m.Probs(ex.feats, p)
		yes := p[1] >= 0.5
		if b2int(yes) == ex.gold {
			right++
		}
		if b2int(ex.rule) == ex.gold {
			ruleRight++
		}
		pos += ex.gold
		switch {
		case ex.rule && p[1] < extract.ReportedVeto:
			vetoed++
			vetoedOK += ex.gold
		case ex.rule:
			kept++
			keptOK += ex.gold
		case p[1] >= extract.ReportedAdd:
			added++
			addedOK += ex.gold
		}
	}
	n := float64(max(1, len(exs)))
	return fmt.Sprintf("accuracy %.3f (rules %.3f), %d positive; kept %d (%.3f right), vetoed %d (%.3f right), added %d (%.3f right)",
		float64(right)/n, float64(ruleRight)/n, pos, kept, ratio(keptOK, kept), vetoed, ratio(vetoedOK, vetoed), added, ratio(addedOK, added))
}

func ratio(a, b int) float64 { return float64(a) / float64(max(1, b)) }

// reportedThresholds tabulates, for thresholds of the probability, how
// many sentences the rules miss would be added and the share right, and
// how many of the rules' finds would be vetoed and the share right.
func reportedThresholds(m *learn.Model, exs []reportedExample) string {
	var p []float64
	out := "add/veto at"
	for _, th := range []float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9} {
		add, addOK, veto, vetoOK := 0, 0, 0, 0
		for _, ex := range exs {
			p = m.Probs(ex.feats, p)
			switch {
			case !ex.rule && p[1] >= th:
				add++
				addOK += ex.gold
			case ex.rule && p[1] < th:
				veto++
				vetoOK += ex.gold
			}
		}
		out += fmt.Sprintf(" %.2f: %d %.2f / %d %.2f;", th, add, ratio(addOK, add), veto, ratio(vetoOK, veto))
	}
	return out
}
