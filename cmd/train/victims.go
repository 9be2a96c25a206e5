package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/learn"
)

// victimBits is the victim ranker's hash size.
const victimBits = 14

// victimMargin is extract's victimMargin: how much more probable the
// ranker's first organisation must be than a breach's victim to replace it.
const victimMargin = 0.7

// casieVictimArticle is one CASIE article with the names of its breach
// victims.
type casieVictimArticle struct {
	Article corpus.Article
	// Breach tells that the article has an Actual Databreach event.
	Breach bool
	// Victims are the Victim arguments of its Databreach events (any
	// realis) that name an organisation: of type Organization, or a
	// System or Website with a capitalised word, as the CASIE scorer
	// counts them.
	Victims []string
}

// readCASIEVictims reads a CASIE split folder's articles and the
// organisation victims of their breaches, sorted by id.
func readCASIEVictims(dir string) ([]casieVictimArticle, error) {
	golds, err := readCASIEGold(dir)
	if err != nil {
		return nil, err
	}
	arts := make([]casieVictimArticle, 0, len(golds))
	for _, g := range golds {
		ca := casieVictimArticle{Article: corpus.Article{ID: g.ID, Title: g.Title, Body: g.Body, Published: g.Published}}
		for _, e := range g.Events {
			if e.Subtype != "Databreach" {
				continue
			}
			ca.Breach = ca.Breach || e.Realis == "Actual"
			for _, arg := range e.Arguments {
				if arg.Role == "Victim" && orgNaming(arg.Type, arg.Text) {
					ca.Victims = append(ca.Victims, arg.Text)
				}
			}
		}
		arts = append(arts, ca)
	}
	return arts, nil
}

// scorerStop are the words the CASIE scorer does not take for a name.
var scorerStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of for from in on at to with by and or as such like including include
includes included that which who whose what where when than then this these those some any all each every other
more most less many much several various certain its their his her our your my it they them we you he she also
only just even both either neither not no nor be been being is are was were has have had may might could would
should will can up out over about into onto via per own new old same etc e g i.e us him who one someone anyone
everyone itself themselves me i`) {
		m[w] = true
	}
	return m
}()

var argWordRe = regexp.MustCompile(`[\pL\pN_.'’-]+`)

// orgNaming reports whether a gold victim names an organisation.
func orgNaming(typ, text string) bool {
	switch typ {
	case "Organization":
		return true
	case "System", "Website":
		for _, w := range argWordRe.FindAllString(text, -1) {
			r := []rune(w)
			if unicode.IsUpper(r[0]) && !scorerStop[strings.ToLower(w)] {
				return true
			}
		}
	}
	return false
}

var (
	possRe    = regexp.MustCompile(`'s\b`)
	nonWordRe = regexp.MustCompile(`[^\pL\pN_ ]+`)
)

// nameTokens normalises a name as the CASIE scorer does: lower case,
// "'s" and punctuation dropped, a leading "the" and a trailing company
// suffix left out.
func nameTokens(s string) []string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(s)
	s = possRe.ReplaceAllString(s, "")
	s = nonWordRe.ReplaceAllString(s, " ")
	t := strings.Fields(s)
	for len(t) > 0 && t[0] == "the" {
		t = t[1:]
	}
	for len(t) > 0 {
		switch t[len(t)-1] {
		case "inc", "ltd", "corp", "plc", "llc", "co", "corporation", "limited", "incorporated":
			t = t[:len(t)-1]
			continue
		}
		break
	}
	return t
}

// holdsRun reports whether b occurs in a as a contiguous run.
func holdsRun(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for i := 0; i+len(b) <= len(a); i++ {
		ok := true
		for j := range b {
			if a[i+j] != b[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// namesMatch reports whether two names contain one another (the scorer's rule).
func namesMatch(x, y string) bool {
	a, b := nameTokens(x), nameTokens(y)
	return len(a) > 0 && len(b) > 0 && (holdsRun(a, b) || holdsRun(b, a))
}

// victimExample is one article's victim decision.
type victimExample struct {
	id   string
	rank rankExample
	rule []int // the candidates the rules made victims
}

// victimExamples turns the articles with a breach and an organisation
// victim into ranking examples; articles whose candidates hold no gold
// victim are counted in missed.
func victimExamples(ctx context.Context, x *extract.Extractor, arts []casieVictimArticle) (out []victimExample, missed int, err error) {
	for _, a := range arts {
		if !a.Breach || len(a.Victims) == 0 {
			continue
		}
		cands, err := x.VictimChoices(ctx, a.Article)
		if err != nil {
			return nil, 0, fmt.Errorf("article %s: %w", a.Article.ID, err)
		}
		ex := victimExample{id: a.Article.ID, rank: rankExample{rule: -1}}
		for i, c := range cands {
			ex.rank.feats = append(ex.rank.feats, c.Features)
			right := false
			for _, n := range append([]string{c.Name}, c.Aliases...) {
				for _, g := range a.Victims {
					right = right || namesMatch(n, g)
				}
			}
			if right {
				ex.rank.pos = append(ex.rank.pos, i)
			}
			if c.Rule {
				ex.rule = append(ex.rule, i)
				if ex.rank.rule < 0 {
					ex.rank.rule = i
				}
			}
		}
		if len(ex.rank.pos) == 0 {
			missed++
			continue
		}
		out = append(out, ex)
	}
	return out, missed, nil
}

// rerankRight tells whether an article's victims are right after the
// ranker's choice, as extract's rerankVictims makes it: the ranker's
// first candidate replaces the victim it rates least when it is not a
// victim already and is margin more probable. before is the rules' answer.
func rerankRight(ex victimExample, score func([]learn.Feature) float64, scale, margin float64) (before, after bool) {
	s := rankScores(ex.rank, score, nil)
	p := learn.RankProbs(s, scale)
	b := argmax(s)
	victims := append([]int(nil), ex.rule...)
	for _, v := range victims {
		before = before || contains(ex.rank.pos, v)
	}
	if len(victims) > 0 && !contains(victims, b) && len(s) >= 2 {
		w := 0
		for k, v := range victims {
			if p[v] < p[victims[w]] {
				w = k
			}
		}
		if p[b]-p[victims[w]] >= margin {
			victims[w] = b
		}
	}
	for _, v := range victims {
		after = after || contains(ex.rank.pos, v)
	}
	return before, after
}

// victimArticleScore counts the examples whose victims are right before
// and after reranking.
func victimArticleScore(exs []victimExample, score func([]learn.Feature) float64, scale, margin float64) (before, after int) {
	for _, ex := range exs {
		b, a := rerankRight(ex, score, scale, margin)
		if b {
			before++
		}
		if a {
			after++
		}
	}
	return before, after
}

// trainVictims trains the victim ranker (extract/victims.bin) on CASIE
// ids ending 0-4.
func trainVictims(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("victims", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", filepath.Join("..", "shared", "eval", "casie", "dev"), "CASIE split folder (articles/, gold.jsonl)")
	out := fs.String("out", filepath.Join("extract", "victims.bin"), "weights file to write")
	epochs := fs.Int("epochs", 5, "passes over the training articles")
	if err := fs.Parse(args); err != nil {
		return err
	}
	arts, err := readCASIEVictims(*data)
	if err != nil {
		return err
	}
	var train, rest, held4, dev []casieVictimArticle
	for _, a := range arts {
		switch k := casieFold(a.Article.ID); {
		case k >= 0 && k <= 4:
			train = append(train, a)
			if k == 4 {
				held4 = append(held4, a)
			} else {
				rest = append(rest, a)
			}
		case k == 5 || k == 6:
			dev = append(dev, a)
		}
	}
	x := extract.New(extract.Config{})
	exs := map[string][]victimExample{}
	for _, set := range []struct {
		name string
		arts []casieVictimArticle
	}{{"train", train}, {"rest", rest}, {"held4", held4}, {"dev", dev}} {
		ex, missed, err := victimExamples(ctx, x, set.arts)
		if err != nil {
			return err
		}
		exs[set.name] = ex
		if set.name != "rest" {
			fmt.Fprintf(stdout, "%s: %d articles with a candidate victim, %d without any\n", set.name, len(ex), missed)
		}
	}
	fit := func(ex []victimExample) *learn.Model {
		t := learn.NewTrainer([]string{"victim"}, victimBits)
		var buf []float32
		score := func(f []learn.Feature) float64 {
			buf = t.Scores(f, buf)
			return float64(buf[0])
		}
		rex := make([]rankExample, len(ex))
		for i, e := range ex {
			rex[i] = e.rank
		}
		_ = trainRanker(ctx, t, rex, *epochs, score, rand.New(rand.NewPCG(20, 2026)), io.Discard)
		return t.Model()
	}
	scorer := func(m *learn.Model) func([]learn.Feature) float64 {
		var buf []float32
		return func(f []learn.Feature) float64 {
			buf = m.Scores(f, buf)
			return float64(buf[0])
		}
	}
	ranks := func(ex []victimExample) []rankExample {
		out := make([]rankExample, len(ex))
		for i, e := range ex {
			out[i] = e.rank
		}
		return out
	}
	// five-fold cross-validation over folds 0-4: each fold ranked by a
	// model of the other four
	var cvN, cvRank, cvRule, cvBefore, cvAfter int
	for k := 0; k <= 4; k++ {
		var fitEx, testEx []victimExample
		for _, e := range exs["train"] {
			if casieFold(e.id) == k {
				testEx = append(testEx, e)
			} else {
				fitEx = append(fitEx, e)
			}
		}
		km := fit(fitEx)
		ks := scorer(km)
		ksc := fitRankScale(ranks(fitEx), ks)
		for _, e := range testEx {
			cvN++
			if contains(e.rank.pos, argmax(rankScores(e.rank, ks, nil))) {
				cvRank++
			}
			if contains(e.rank.pos, e.rank.rule) {
				cvRule++
			}
			b, a := rerankRight(e, ks, ksc, victimMargin)
			if b {
				cvBefore++
			}
			if a {
				cvAfter++
			}
		}
	}
	fmt.Fprintf(stdout, "cross-validated on folds 0-4: ranker first right %.3f (rules' first %.3f); articles with a right victim %d -> %d of %d\n",
		float64(cvRank)/float64(max(1, cvN)), float64(cvRule)/float64(max(1, cvN)), cvBefore, cvAfter, cvN)
	// the scale is fitted on fold 4 by a model trained on folds 0-3
	hm := fit(exs["rest"])
	scale := fitRankScale(ranks(exs["held4"]), scorer(hm))
	m := fit(exs["train"])
	if err := ctx.Err(); err != nil {
		return err
	}
	m.SetScale(scale)
	fmt.Fprintf(stdout, "softmax scale %.4f (fitted on fold 4 by a model of folds 0-3)\n", scale)
	for _, set := range []struct {
		name string
		m    *learn.Model
		ex   []victimExample
	}{{"held-out fold 4 (model of folds 0-3)", hm, exs["held4"]}, {"train 0-4", m, exs["train"]}, {"dev 5-6", m, exs["dev"]}} {
		acc, rule := rankAccuracy(ranks(set.ex), scorer(set.m))
		b, a := victimArticleScore(set.ex, scorer(set.m), scale, victimMargin)
		fmt.Fprintf(stdout, "%s: ranker first right %.3f (rules' first %.3f); articles with a right victim %d -> %d of %d\n",
			set.name, acc, rule, b, a, len(set.ex))
	}
	return writeWeights(m, *out, stdout)
}
