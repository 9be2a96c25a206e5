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

// antecedentExamples turns the articles' pronoun speakers into ranking
// examples: the right candidates are those named as PolNeAR's resolved
// source.
func antecedentExamples(ctx context.Context, x *extract.Extractor, arts []polnear.Article) ([]rankExample, error) {
	var out []rankExample
	for _, a := range arts {
		chs, err := x.AntecedentChoices(ctx, a.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.Article.ID, err)
		}
		for _, ch := range chs {
			gold, ok := polnear.SourceName(a, ch.Quote.Start, ch.Quote.End, ch.Pronoun.Start, ch.Pronoun.End)
			if !ok {
				continue
			}
			var pos []int
			for k, names := range ch.Names {
				for _, n := range names {
					if polnear.SameName(gold, n) {
						pos = append(pos, k)
						break
					}
				}
			}
			if len(pos) == 0 {
				continue
			}
			out = append(out, rankExample{feats: ch.Features, pos: pos, rule: ch.Rule})
		}
	}
	return out, nil
}

// trainAntecedents trains the pronoun resolver of speakers
// (extract/antecedents.bin).
func trainAntecedents(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	run, err := startPolnear(ctx, "antecedents", args, stderr, 5, "passes over the training examples", 16)
	if err != nil {
		return err
	}
	root, train := run.root, run.train
	dev, err := polnear.Load(ctx, root, "dev")
	if err != nil {
		return err
	}
	x := extract.New(extract.Config{})
	var fit, calib []polnear.Article
	for i, a := range train {
		if i%10 == 9 {
			calib = append(calib, a)
		} else {
			fit = append(fit, a)
		}
	}
	trEx, err := antecedentExamples(ctx, x, fit)
	if err != nil {
		return err
	}
	caEx, err := antecedentExamples(ctx, x, calib)
	if err != nil {
		return err
	}
	devEx, err := antecedentExamples(ctx, x, dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "examples: train %d, calibration %d, dev %d\n", len(trEx), len(caEx), len(devEx))
	t := learn.NewTrainer([]string{"referent"}, run.bits)
	var buf []float32
	tscore := func(f []learn.Feature) float64 {
		buf = t.Scores(f, buf)
		return float64(buf[0])
	}
	if err := trainRanker(ctx, t, trEx, run.epochs, tscore, rand.New(rand.NewPCG(19, 7)), stdout); err != nil {
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
	return writeWeights(m, run.out, stdout)
}
