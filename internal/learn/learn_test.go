package learn

import (
	"bytes"
	"math"
	"math/rand"
	"testing"
)

func TestFeature(t *testing.T) {
	if F("w=").Str("the") != F("w=").Str("the") {
		t.Fatal("the same feature hashes differently")
	}
	distinct := []Feature{F("w=").Str("ab"), F("w=a").Str("b"), F("w=").Str("a").Str("b"), F("w=").Int(1), F("w=").Int(2), F("p=").Str("ab")}
	seen := map[Feature]int{}
	for i, f := range distinct {
		if j, ok := seen[f]; ok {
			t.Errorf("features %d and %d hash alike", j, i)
		}
		seen[f] = i
	}
}

// toy makes n examples of three classes, each told by one of its own
// words among noise words.
func toy(n int, seed int64) ([][]Feature, []int) {
	r := rand.New(rand.NewSource(seed))
	cue := []string{"red", "green", "blue"}
	var xs [][]Feature
	var ys []int
	for i := 0; i < n; i++ {
		y := r.Intn(3)
		fs := []Feature{F("bias=")}
		for k := 0; k < 4; k++ {
			fs = append(fs, F("w=").Int(r.Intn(50)))
		}
		if r.Float64() < 0.9 {
			fs = append(fs, F("w=").Str(cue[y]))
		} else {
			fs = append(fs, F("w=").Str(cue[r.Intn(3)]))
		}
		xs, ys = append(xs, fs), append(ys, y)
	}
	return xs, ys
}

func train(xs [][]Feature, ys []int) *Model {
	tr := NewTrainer([]string{"red", "green", "blue"}, 12)
	for epoch := 0; epoch < 5; epoch++ {
		for i, x := range xs {
			tr.Update(x, ys[i], tr.Best(x))
		}
	}
	return tr.Model()
}

func accuracy(m *Model, xs [][]Feature, ys []int) float64 {
	right := 0
	for i, x := range xs {
		if b, _ := m.Best(x); b == ys[i] {
			right++
		}
	}
	return float64(right) / float64(len(xs))
}

func TestTrainer_Model(t *testing.T) {
	xs, ys := toy(2000, 1)
	m := train(xs, ys)
	tx, ty := toy(1000, 2)
	// 90% of examples carry their class's word; the rest a random one (a third of them right)
	if acc := accuracy(m, tx, ty); acc < 0.9 {
		t.Errorf("held-out accuracy %.3f, want >= 0.90", acc)
	}
	again := train(xs, ys)
	a, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b, err := again.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("training twice on the same examples gave different weights")
	}
}

func TestModel_MarshalBinary(t *testing.T) {
	xs, ys := toy(500, 3)
	m := train(xs, ys)
	m.SetScale(0.25)
	data, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Scale() != 0.25 || len(back.Labels()) != 3 || back.Index("blue") != 2 {
		t.Fatalf("header not kept: scale %v labels %v", back.Scale(), back.Labels())
	}
	for i, x := range xs {
		s1, s2 := m.Scores(x, nil), back.Scores(x, nil)
		for l := range s1 {
			if math.Abs(float64(s1[l]-s2[l])) > 1e-3*(1+math.Abs(float64(s1[l]))) {
				t.Fatalf("example %d label %d: score %v, loaded %v", i, l, s1[l], s2[l])
			}
		}
	}
	if _, err := Load([]byte("NGLM1garbage")); err == nil {
		t.Error("Load accepted garbage")
	}
	if _, err := Load(nil); err == nil {
		t.Error("Load accepted nothing")
	}
}

func TestFitScale(t *testing.T) {
	xs, ys := toy(2000, 4)
	m := train(xs, ys)
	tx, ty := toy(4000, 5)
	m.SetScale(FitScale(m, tx[:2000], ty[:2000]))
	// calibrated: among confident answers, the share right is near the confidence
	var n, right int
	var conf float64
	for i, x := range tx[2000:] {
		p := m.Probs(x, nil)
		b, _ := m.Best(x)
		if p[b] >= 0.8 {
			n++
			conf += p[b]
			if b == ty[2000+i] {
				right++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d confident answers", n)
	}
	if got, want := float64(right)/float64(n), conf/float64(n); math.Abs(got-want) > 0.05 {
		t.Errorf("answers of confidence >= 0.8 (mean %.3f) were right %.3f of the time", want, got)
	}
}

func BenchmarkModel_Scores(b *testing.B) {
	xs, ys := toy(500, 6)
	m := train(xs, ys)
	out := make([]float32, 3)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out = m.Scores(xs[i%len(xs)], out)
	}
}

// TestRankProbs: the softmax of candidate scores sums to one, keeps their
// order, and is exp(scale*(s_i-max)) normalised.
func TestRankProbs(t *testing.T) {
	p := RankProbs([]float64{1, 3, 2}, 2)
	want := []float64{math.Exp(-4), 1, math.Exp(-2)}
	sum := want[0] + want[1] + want[2]
	for i := range want {
		if math.Abs(p[i]-want[i]/sum) > 1e-12 {
			t.Errorf("RankProbs[%d] = %v, want %v", i, p[i], want[i]/sum)
		}
	}
	if len(RankProbs(nil, 1)) != 0 {
		t.Error("RankProbs of no scores is not empty")
	}
}
