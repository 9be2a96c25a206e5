package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/learn"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// rankExample is one attribution decision with its right candidates.
type rankExample struct {
	feats [][]learn.Feature
	pos   []int
	rule  int
}

// speakerExamples turns the articles' quotes into ranking examples.
func speakerExamples(ctx context.Context, x *extract.Extractor, arts []polnear.Article) ([]rankExample, error) {
	var out []rankExample
	for _, a := range arts {
		chs, err := x.SpeakerChoices(ctx, a.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.Article.ID, err)
		}
		for _, ch := range chs {
			cands := make([]polnear.Span, len(ch.Candidates))
			for i, c := range ch.Candidates {
				cands[i] = polnear.Span{Start: c.Start, End: c.End}
			}
			pos, ok := polnear.SpeakerGold(a, ch.Quote.Start, ch.Quote.End, cands)
			if !ok {
				continue
			}
			out = append(out, rankExample{feats: ch.Features, pos: pos, rule: ch.Rule})
		}
	}
	return out, nil
}

// rankScores scores each candidate of ex with score.
func rankScores(ex rankExample, score func([]learn.Feature) float64, out []float64) []float64 {
	out = out[:0]
	for _, f := range ex.feats {
		out = append(out, score(f))
	}
	return out
}

func argmax(s []float64) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

func contains(xs []int, k int) bool {
	for _, x := range xs {
		if x == k {
			return true
		}
	}
	return false
}

// trainSpeakers trains the attribution ranker (extract/speakers.bin).
func trainSpeakers(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	run, err := startPolnear(ctx, "speakers", args, stderr, 5, "passes over the training examples", 18)
	if err != nil {
		return err
	}
	root, train := run.root, run.train
	dev, err := polnear.Load(ctx, root, "dev")
	if err != nil {
		return err
	}
	x := extract.New(extract.Config{})
	// a tenth of train (every tenth article) calibrates the probabilities
	var fit, calib []polnear.Article
	for i, a := range train {
		if i%10 == 9 {
			calib = append(calib, a)
		} else {
			fit = append(fit, a)
		}
	}
	trEx, err := speakerExamples(ctx, x, fit)
	if err != nil {
		return err
	}
	caEx, err := speakerExamples(ctx, x, calib)
	if err != nil {
		return err
	}
	devEx, err := speakerExamples(ctx, x, dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "examples: train %d, calibration %d, dev %d\n", len(trEx), len(caEx), len(devEx))
	t := learn.NewTrainer([]string{"speaker"}, run.bits)
	var buf []float32
	tscore := func(f []learn.Feature) float64 {
		buf = t.Scores(f, buf)
		return float64(buf[0])
	}
	if err := trainRanker(ctx, t, trEx, run.epochs, tscore, rand.New(rand.NewPCG(19, 2026)), stdout); err != nil {
		return err
	}
	m := t.Model()
	var mbuf []float32
	mscore := func(f []learn.Feature) float64 {
		mbuf = m.Scores(f, mbuf)
		return float64(mbuf[0])
	}
	scale := fitRankScale(caEx, mscore)
	m.SetScale(scale)
	fmt.Fprintf(stdout, "softmax scale %.4f (fitted on the calibration tenth)\n", scale)
	for _, set := range []struct {
		name string
		ex   []rankExample
	}{{"train", trEx}, {"calibration", caEx}, {"dev", devEx}} {
		acc, rule := rankAccuracy(set.ex, mscore)
		fmt.Fprintf(stdout, "%s accuracy %.3f (the rules' pick %.3f)\n", set.name, acc, rule)
	}
	fmt.Fprintln(stdout, "dev reliability (confidence bin: decisions, share right):")
	for _, r := range reliability(devEx, mscore, scale) {
		fmt.Fprintf(stdout, "  %s\n", r)
	}
	return writeWeights(m, run.out, stdout)
}

// fitRankScale finds the softmax scale with the least log-loss of the
// right candidates' probability over exs.
func fitRankScale(exs []rankExample, score func([]learn.Feature) float64) float64 {
	ss := make([][]float64, len(exs))
	for i, ex := range exs {
		ss[i] = rankScores(ex, score, nil)
	}
	loss := func(scale float64) float64 {
		l := 0.0
		for i, s := range ss {
			p := learn.RankProbs(s, scale)
			q := 0.0
			for _, k := range exs[i].pos {
				q += p[k]
			}
			l -= math.Log(math.Max(q, 1e-12))
		}
		return l
	}
	best, bestL := 1.0, math.Inf(1)
	for e := -12.0; e <= 4; e += 0.125 {
		if l := loss(math.Exp2(e)); l < bestL {
			best, bestL = math.Exp2(e), l
		}
	}
	return best
}

// rankAccuracy returns the share of exs whose best candidate is right,
// and the share where the rules' pick is.
func rankAccuracy(exs []rankExample, score func([]learn.Feature) float64) (acc, rule float64) {
	var s []float64
	n, r := 0, 0
	for _, ex := range exs {
		s = rankScores(ex, score, s)
		if contains(ex.pos, argmax(s)) {
			n++
		}
		if contains(ex.pos, ex.rule) {
			r++
		}
	}
	return float64(n) / float64(max(1, len(exs))), float64(r) / float64(max(1, len(exs)))
}

// reliability tabulates, for bins of the winner's probability, how many
// decisions fell in the bin and the share of them right.
func reliability(exs []rankExample, score func([]learn.Feature) float64, scale float64) []string {
	edges := []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001}
	n := make([]int, len(edges)-1)
	ok := make([]int, len(edges)-1)
	sum := make([]float64, len(edges)-1)
	var s []float64
	for _, ex := range exs {
		s = rankScores(ex, score, s)
		b := argmax(s)
		p := learn.RankProbs(s, scale)[b]
		for k := range n {
			if p >= edges[k] && p < edges[k+1] {
				n[k]++
				sum[k] += p
				if contains(ex.pos, b) {
					ok[k]++
				}
			}
		}
	}
	var out []string
	for k := range n {
		if n[k] == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("[%.2f, %.2f): %5d decisions, mean confidence %.3f, right %.3f", edges[k], min(1, edges[k+1]), n[k], sum[k]/float64(n[k]), float64(ok[k])/float64(n[k])))
	}
	return out
}

// trainRanker trains t as a ranking perceptron over exs: each pass, in an
// order shuffled by rng, moves weight from a wrong best candidate to the
// best scoring right one.
func trainRanker(ctx context.Context, t *learn.Trainer, exs []rankExample, epochs int, score func([]learn.Feature) float64, rng *rand.Rand, stdout io.Writer) error {
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	var s []float64
	for ep := 0; ep < epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, i := range order {
			ex := exs[i]
			s = rankScores(ex, score, s)
			guess := argmax(s)
			t.Tick()
			if contains(ex.pos, guess) {
				continue
			}
			wrong++
			g := ex.pos[0]
			for _, p := range ex.pos {
				if s[p] > s[g] {
					g = p
				}
			}
			t.Add(ex.feats[g], 0, 1)
			t.Add(ex.feats[guess], 0, -1)
		}
		fmt.Fprintf(stdout, "epoch %d: train accuracy %.3f\n", ep+1, 1-float64(wrong)/float64(max(1, len(exs))))
	}
	return nil
}
