package learn

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Feature is a hashed feature: 32-bit FNV-1a of its parts.
type Feature uint32

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// F starts a feature named name (conventionally ending in "=", as in
// F("w=").Str(word)).
func F(name string) Feature {
	h := uint32(fnvOffset)
	for i := 0; i < len(name); i++ {
		h ^= uint32(name[i])
		h *= fnvPrime
	}
	return Feature(h)
}

// Str continues the feature's hash with a separator and s.
func (f Feature) Str(s string) Feature {
	h := uint32(f)
	h ^= 0x1f
	h *= fnvPrime
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	return Feature(h)
}

// Int continues the feature's hash with a separator and n.
func (f Feature) Int(n int) Feature {
	h := uint32(f)
	h ^= 0x1e
	h *= fnvPrime
	u := uint64(n)
	for i := 0; i < 8; i++ {
		h ^= uint32(u & 0xff)
		h *= fnvPrime
		u >>= 8
	}
	return Feature(h)
}

// Model is a trained multiclass linear model: a weight for each feature
// bucket and label. It is read-only and safe for concurrent use.
type Model struct {
	labels []string
	bits   uint
	w      []float32 // bucket*len(labels) + label
	scale  float64
}

// Labels returns the model's labels, in the order of its scores.
func (m *Model) Labels() []string { return m.labels }

// Index returns the index of label, or -1.
func (m *Model) Index(label string) int {
	for i, l := range m.labels {
		if l == label {
			return i
		}
	}
	return -1
}

// Scores returns each label's score for feats in out, resized to the
// number of labels.
func (m *Model) Scores(feats []Feature, out []float32) []float32 {
	return scores(m.w, m.bits, len(m.labels), feats, out)
}

// Best returns the label with the highest score (the first on a tie) and
// that score.
func (m *Model) Best(feats []Feature) (label int, score float32) {
	var buf [16]float32
	s := m.Scores(feats, buf[:0])
	b := best(s)
	return b, s[b]
}

// Probs returns the softmax of the scores times the model's scale (see
// SetScale) in out, resized to the number of labels.
func (m *Model) Probs(feats []Feature, out []float64) []float64 {
	var buf [16]float32
	return softmax(m.Scores(feats, buf[:0]), m.scale, out)
}

// Scale returns the factor Probs applies to scores before the softmax.
func (m *Model) Scale() float64 { return m.scale }

// SetScale sets the factor Probs applies to scores before the softmax
// (FitScale finds the one that makes Probs calibrated). It is saved with
// the model.
func (m *Model) SetScale(s float64) { m.scale = s }

func scores[W float32 | float64](w []W, bits uint, n int, feats []Feature, out []float32) []float32 {
	if cap(out) < n {
		out = make([]float32, n)
	}
	out = out[:n]
	clear(out)
	mask := uint32(1)<<bits - 1
	for _, f := range feats {
		row := w[int(uint32(f)&mask)*n:][:n]
		for l, v := range row {
			out[l] += float32(v)
		}
	}
	return out
}

func best(s []float32) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

// softmax returns exp(scale*s_i) normalised, in out.
func softmax(s []float32, scale float64, out []float64) []float64 {
	out = out[:0]
	max := math.Inf(-1)
	for _, v := range s {
		max = math.Max(max, scale*float64(v))
	}
	sum := 0.0
	for _, v := range s {
		e := math.Exp(scale*float64(v) - max)
		out = append(out, e)
		sum += e
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// RankProbs is the softmax of a ranker's candidate scores times scale:
// exp(scale*(s_i-max)) normalised. The rankers of extract and their
// trainers in cmd/train read their probabilities through it.
func RankProbs(s []float64, scale float64) []float64 {
	b := math.Inf(-1)
	for _, v := range s {
		b = max(b, v)
	}
	p := make([]float64, len(s))
	sum := 0.0
	for i, v := range s {
		p[i] = math.Exp(scale * (v - b))
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// Trainer trains a Model as an averaged perceptron. It is not safe for
// concurrent use.
type Trainer struct {
	labels []string
	bits   uint
	w      []float64
	acc    []float64 // sum of each weight over the clock ticks up to stamp
	stamp  []int32
	clock  int32
}

// NewTrainer returns a trainer for the labels with 2^bits feature buckets
// per label (bits from 1 to 26).
func NewTrainer(labels []string, bits int) *Trainer {
	if bits < 1 || bits > 26 {
		bits = 20
	}
	n := (1 << bits) * len(labels)
	return &Trainer{labels: append([]string(nil), labels...), bits: uint(bits),
		w: make([]float64, n), acc: make([]float64, n), stamp: make([]int32, n)}
}

// Scores returns each label's score for feats under the current (not
// averaged) weights, in out.
func (t *Trainer) Scores(feats []Feature, out []float32) []float32 {
	return scores(t.w, t.bits, len(t.labels), feats, out)
}

// Best returns the best label for feats under the current weights.
func (t *Trainer) Best(feats []Feature) int {
	var buf [16]float32
	return best(t.Scores(feats, buf[:0]))
}

// Update learns from one example whose right label is gold and whose
// predicted label was guess: it advances the averaging clock and, when
// they differ, moves weight from guess to gold. Call it once per example,
// right or wrong.
func (t *Trainer) Update(feats []Feature, gold, guess int) {
	t.Tick()
	if gold != guess {
		t.Add(feats, gold, 1)
		t.Add(feats, guess, -1)
	}
}

// Tick advances the averaging clock by one example. Update calls it; a
// ranker that scores candidates with Add calls it once per decision.
func (t *Trainer) Tick() { t.clock++ }

// Add adds delta to the weights of feats for label.
func (t *Trainer) Add(feats []Feature, label int, delta float64) {
	n := len(t.labels)
	mask := uint32(1)<<t.bits - 1
	for _, f := range feats {
		i := int(uint32(f)&mask)*n + label
		t.acc[i] += float64(t.clock-t.stamp[i]) * t.w[i]
		t.stamp[i] = t.clock
		t.w[i] += delta
	}
}

// Model returns the averaged weights as a Model with scale 1.
func (t *Trainer) Model() *Model {
	m := &Model{labels: append([]string(nil), t.labels...), bits: t.bits, w: make([]float32, len(t.w)), scale: 1}
	if t.clock == 0 {
		return m
	}
	for i, w := range t.w {
		a := t.acc[i] + float64(t.clock-t.stamp[i])*w
		m.w[i] = float32(a / float64(t.clock))
	}
	return m
}

// FitScale returns the softmax scale under which m's probabilities of the
// gold labels of the examples have the least log-loss: the scale that
// calibrates Probs on those examples. It does not change m.
func FitScale(m *Model, examples [][]Feature, gold []int) float64 {
	ss := make([][]float32, len(examples))
	for i, ex := range examples {
		ss[i] = m.Scores(ex, nil)
	}
	loss := func(scale float64) float64 {
		var l float64
		var p []float64
		for i, s := range ss {
			p = softmax(s, scale, p)
			l -= math.Log(math.Max(p[gold[i]], 1e-12))
		}
		return l
	}
	// a coarse scan in log space, then a golden-section search around the best
	bestS, bestL := 1.0, math.Inf(1)
	for e := -16.0; e <= 4; e += 0.5 {
		if l := loss(math.Exp2(e)); l < bestL {
			bestS, bestL = math.Exp2(e), l
		}
	}
	lo, hi := math.Log2(bestS)-0.5, math.Log2(bestS)+0.5
	const phi = 0.6180339887498949
	for it := 0; it < 40; it++ {
		a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
		if loss(math.Exp2(a)) < loss(math.Exp2(b)) {
			hi = b
		} else {
			lo = a
		}
	}
	return math.Exp2((lo + hi) / 2)
}

const magic = "NGLM1"

// ErrFormat is returned by Load for data that is not a model.
var ErrFormat = errors.New("learn: not a model file")

// MarshalBinary writes the model compactly: its weights quantised to 16
// bits and compressed.
func (m *Model) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	put := func(v any) { _ = binary.Write(&raw, binary.LittleEndian, v) } // a bytes.Buffer never fails
	put(uint32(len(m.labels)))
	for _, l := range m.labels {
		put(uint32(len(l)))
		raw.WriteString(l)
	}
	put(uint32(m.bits))
	put(m.scale)
	var max float64
	for _, w := range m.w {
		max = math.Max(max, math.Abs(float64(w)))
	}
	q := max / 32767
	if q == 0 {
		q = 1
	}
	put(q)
	buf := make([]byte, 2*len(m.w))
	for i, w := range m.w {
		binary.LittleEndian.PutUint16(buf[2*i:], uint16(int16(math.Round(float64(w)/q))))
	}
	raw.Write(buf)
	var out bytes.Buffer
	out.WriteString(magic)
	zw, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Load reads a model written by MarshalBinary.
func Load(data []byte) (*Model, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, ErrFormat
	}
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(data[len(magic):])))
	if err != nil {
		return nil, fmt.Errorf("learn: read model: %w", err)
	}
	r := bytes.NewReader(raw)
	var n, bits uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n == 0 || n > 1<<12 {
		return nil, fmt.Errorf("%w: bad label count", ErrFormat)
	}
	m := &Model{}
	for i := uint32(0); i < n; i++ {
		var l uint32
		if err := binary.Read(r, binary.LittleEndian, &l); err != nil || l > 1<<10 {
			return nil, fmt.Errorf("%w: bad label", ErrFormat)
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("%w: bad label", ErrFormat)
		}
		m.labels = append(m.labels, string(b))
	}
	var q float64
	if binary.Read(r, binary.LittleEndian, &bits) != nil || bits < 1 || bits > 26 ||
		binary.Read(r, binary.LittleEndian, &m.scale) != nil || binary.Read(r, binary.LittleEndian, &q) != nil {
		return nil, fmt.Errorf("%w: bad header", ErrFormat)
	}
	m.bits = uint(bits)
	size := (1 << bits) * int(n)
	if r.Len() != 2*size {
		return nil, fmt.Errorf("%w: %d weight bytes, want %d", ErrFormat, r.Len(), 2*size)
	}
	rest := raw[len(raw)-r.Len():]
	m.w = make([]float32, size)
	for i := range m.w {
		m.w[i] = float32(float64(int16(binary.LittleEndian.Uint16(rest[2*i:]))) * q)
	}
	return m, nil
}
