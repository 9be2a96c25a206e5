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

// nameSeq is one sentence with its silver labels.
type nameSeq struct {
	feats [][]learn.Feature
	gold  []int
}

// silverLabels maps CoreNLP's labels onto the tagger's types.
var silverLabels = map[string]int{"PERSON": 1, "ORGANIZATION": 3, "LOCATION": 5}

// nameSeqs turns the articles into labelled sentences: a token inside a
// silver entity of a scored type is its B- label when it is the first
// token of it, else its I- label.
func nameSeqs(ctx context.Context, x *extract.Extractor, arts []polnear.Article, silver map[string][]polnear.LabeledSpan) ([]nameSeq, error) {
	var out []nameSeq
	for _, a := range arts {
		ents, ok := silver[a.Article.ID]
		if !ok {
			continue // no CoreNLP annotation
		}
		ss, err := x.NameSentences(ctx, a.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.Article.ID, err)
		}
		for _, s := range ss {
			q := nameSeq{feats: s.Features, gold: make([]int, len(s.Tokens))}
			last := -1
			for i, t := range s.Tokens {
				for k, e := range ents {
					b, ok := silverLabels[e.Label]
					if !ok || t.Start < e.Start || t.End > e.End {
						continue
					}
					if k == last {
						q.gold[i] = b + 1
					} else {
						q.gold[i] = b
					}
					last = k
					break
				}
				if q.gold[i] == 0 {
					last = -1
				}
			}
			out = append(out, q)
		}
	}
	return out, nil
}

// spansOf returns the labelled spans of a label sequence as [start, end, type].
func spansOf(ys []int) [][3]int {
	var out [][3]int
	for k := 0; k < len(ys); {
		if ys[k] == 0 {
			k++
			continue
		}
		typ := (ys[k] + 1) / 2
		e := k + 1
		for e < len(ys) && ys[e] != 0 && ys[e]%2 == 0 && ys[e]/2 == typ {
			e++
		}
		out = append(out, [3]int{k, e, typ})
		k = e
	}
	return out
}

// spanF1 scores the tagger on seqs: each type's span F1 (1 person, 2
// organisation, 3 place) and the micro F1 of all.
func spanF1(s extract.Scorer, seqs []nameSeq) (per [4]float64, all float64) {
	var right, got, want [4]int
	for _, q := range seqs {
		ys := extract.TagNames(s, q.feats)
		g := map[[3]int]bool{}
		for _, sp := range spansOf(q.gold) {
			g[sp] = true
			want[sp[2]]++
		}
		for _, sp := range spansOf(ys) {
			got[sp[2]]++
			if g[sp] {
				right[sp[2]]++
			}
		}
	}
	f := func(r, g, w int) float64 {
		if g+w == 0 {
			return 0
		}
		return 2 * float64(r) / float64(g+w)
	}
	for k := 1; k <= 3; k++ {
		per[k] = f(right[k], got[k], want[k])
		right[0] += right[k]
		got[0] += got[k]
		want[0] += want[k]
	}
	return per, f(right[0], got[0], want[0])
}

// trainTagger runs epochs of the structured perceptron over seqs: each
// sentence's Viterbi path under the current weights, and where it
// differs from the gold path, weight moved from the path's features to
// the gold's. after, when not nil, is called after each epoch.
func trainTagger(ctx context.Context, t *learn.Trainer, seqs []nameSeq, epochs int, rng *rand.Rand, after func(ep int)) error {
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	L := len(extract.NameLabels)
	var one [1]learn.Feature
	for ep := 1; ep <= epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			q := seqs[i]
			ys := extract.TagNames(t, q.feats)
			t.Tick()
			pg, py := L, L
			for k, g := range q.gold {
				y := ys[k]
				if g != y {
					t.Add(q.feats[k], g, 1)
					t.Add(q.feats[k], y, -1)
				}
				if g != y || pg != py {
					one[0] = learn.F("t=").Int(pg)
					t.Add(one[:], g, 1)
					one[0] = learn.F("t=").Int(py)
					t.Add(one[:], y, -1)
				}
				pg, py = g, y
			}
		}
		if after != nil {
			after(ep)
		}
	}
	return nil
}

// trainNames trains the name tagger (extract/names.bin).
func trainNames(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	run, err := startPolnear(ctx, "names", args, stderr, 10, "the most passes over the training sentences (the best number is picked on a tenth of train)", 18)
	if err != nil {
		return err
	}
	root, train := run.root, run.train
	silver, err := polnear.SilverEntities(root, "train", train)
	if err != nil {
		return err
	}
	x := extract.New(extract.Config{})
	// every tenth article of train picks the number of epochs
	var fit, held []polnear.Article
	for i, a := range train {
		if i%10 == 9 {
			held = append(held, a)
		} else {
			fit = append(fit, a)
		}
	}
	fitS, err := nameSeqs(ctx, x, fit, silver)
	if err != nil {
		return err
	}
	heldS, err := nameSeqs(ctx, x, held, silver)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sentences: fit %d, held out %d\n", len(fitS), len(heldS))
	t := learn.NewTrainer(extract.NameLabels, run.bits)
	best, bestF := 1, -1.0
	err = trainTagger(ctx, t, fitS, run.epochs, rand.New(rand.NewPCG(19, 2026)), func(ep int) {
		per, all := spanF1(t.Model(), heldS)
		fmt.Fprintf(stdout, "epoch %d: held-out span F1 %.4f (person %.3f, organisation %.3f, place %.3f)\n", ep, all, per[1], per[2], per[3])
		if all > bestF {
			best, bestF = ep, all
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "training on all of train for %d epochs\n", best)
	t = learn.NewTrainer(extract.NameLabels, run.bits)
	if err := trainTagger(ctx, t, append(fitS, heldS...), best, rand.New(rand.NewPCG(19, 2026)), nil); err != nil {
		return err
	}
	m := t.Model()
	if dev, err := polnear.Load(ctx, root, "dev"); err == nil {
		if ds, err := polnear.SilverEntities(root, "dev", dev); err == nil {
			if devS, err := nameSeqs(ctx, x, dev, ds); err == nil {
				per, all := spanF1(m, devS)
				fmt.Fprintf(stdout, "dev span F1 of the tagger alone %.4f (person %.3f, organisation %.3f, place %.3f)\n", all, per[1], per[2], per[3])
			}
		}
	}
	return writeWeights(m, run.out, stdout)
}
