package fastprose

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Features of prose's maximum-entropy entity classifier, in the order in
// which prose adds their weights. Its mapping is keyed by
// "<feature>-<value>-<label>".
const (
	nfBias         = iota // constant "True"
	nfBasic               // "True" if the word is in the basic word list
	nfNextPos             // lower-cased tag of the next word, or "None"
	nfNextWord            // lower-cased next word, or "None"
	nfPos                 // tag of the word
	nfPosPrevTag          // tag of the word "+" previous history
	nfPrefix3             // lower-cased first three bytes
	nfPrevPos             // tag of the previous word, or "None"
	nfPrevTag             // history of the previous word, or "None"
	nfPrevWord            // lower-cased previous word, or "None"
	nfShape               // shape of the word
	nfShapePrevTag        // shape of the previous word "+" its history
	nfSuffix3             // lower-cased last three bytes
	nfWord                // the word
	nfWordNextPos         // lower-cased word "+" next tag (lower-cased)
	nfLower               // lower-cased word
	nfWordLen             // byte length, in decimal
	nfCount
)

// classifierFeatureNames returns the names of the nf* features as prose's
// mapping spells them.
func classifierFeatureNames() [nfCount]string {
	return [nfCount]string{
		"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
		"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
		"suffix3", "word", "word+nextpos", "word.lower", "wordlen",
	}
}

// Word shapes, as the classifier names them. shapeNone stands for the
// shape of the word before the first two words.
const (
	shapeNumber = iota
	shapePunct
	shapeDowncase
	shapeUpcase
	shapeMixedcase
	shapeNone
	shapeCount
)

func shapeNames() [shapeCount]string {
	return [shapeCount]string{"number", "punct", "downcase", "upcase", "mixedcase", "None"}
}

// valueNone is the classifier's value for a feature of a word before the
// first or after the last.
const valueNone = "None"

// maxLabels bounds the number of entity labels; it is also the stride of
// the weight rows, which lets the scoring loop run without bounds checks.
const maxLabels = 16

// maxWordLen is the longest word whose length feature has a precomputed
// row.
const maxWordLen = 64

// classifier is prose's entity classifier, compiled. Every (feature,
// value) pair with weights has a row of maxLabels weights in w, one per
// label, 0 where the mapping has no entry for a label (and past nLabel).
type classifier struct {
	labels   []string
	nLabel   int
	w        []float64
	byValue  [nfCount]map[string]int32
	outside  int // label id of "O"
	endLabel []string

	hist      []string // history values: valueNone, then the labels' simplified forms
	labelHist []int    // history id of each label

	bias         int32
	basic        [2]int32 // word not in / in the basic list
	nextPosNone  int32
	nextWordNone int32
	prevPosNone  int32
	prevWordNone int32
	pos          []int32 // by tag id, nTags+1 long
	prevPos      []int32
	nextPos      []int32
	tagLower     []string // lower-cased tag names
	posPrevTag   []int32  // by tag id * len(hist) + history id
	prevTag      []int32  // by history id
	shape        [shapeCount]int32
	shapePrevTag []int32 // by shape * len(hist) + history id
	wordLen      [maxWordLen + 1]int32

	// Rows of "word+nextpos" by word: a vocabulary entry's wnp range holds
	// the next tags (tag ids, noneTag for the end of the text) with a row.
	wnp     []wordTagRow
	noneTag int16
}

// wordTagRow is one "word+nextpos" row of a word.
type wordTagRow struct {
	tag int16
	row int32
}

// row returns the row of (feature, value), or -1.
func (c *classifier) row(f int, value string) int32 {
	if r, ok := c.byValue[f][value]; ok {
		return r
	}
	return -1
}

// decompose reads prose's mapping and weights into rows of weights by
// feature and value (c.byValue, c.w). It uses no state shared with the
// tagger, so that it can run while the tagger compiles.
func (c *classifier) decompose(f maxentFiles) error {
	c.labels = f.labels
	c.nLabel = len(f.labels)
	if c.nLabel == 0 || c.nLabel > maxLabels {
		return fmt.Errorf("%w: %d entity labels", ErrModelShape, c.nLabel)
	}
	names := classifierFeatureNames()
	for i := range c.byValue {
		c.byValue[i] = map[string]int32{}
	}
	c.w = make([]float64, 0, len(f.mapping)*maxLabels)
	for k, idx := range f.mapping {
		if idx < 0 || idx >= len(f.weights) {
			return fmt.Errorf("%w: mapping %q points past the weights", ErrModelShape, k)
		}
		// A key can be read more than one way when a value contains "-";
		// every reading is a lookup prose can make, so keep them all.
		for fi, name := range names {
			if len(k) <= len(name) || k[len(name)] != '-' || !strings.HasPrefix(k, name) {
				continue
			}
			rest := k[len(name)+1:]
			for li, label := range c.labels {
				if len(rest) <= len(label) || rest[len(rest)-len(label)-1] != '-' || !strings.HasSuffix(rest, label) {
					continue
				}
				value := rest[:len(rest)-len(label)-1]
				r, ok := c.byValue[fi][value]
				if !ok {
					r = int32(len(c.w) / maxLabels)
					c.byValue[fi][value] = r
					c.w = append(c.w, make([]float64, maxLabels)...)
				}
				c.w[int(r)*maxLabels+li] = f.weights[idx]
			}
		}
	}
	return nil
}

// compile builds the classifier's lookup tables from the rows decompose
// made, interning its word-valued strings in v and using t's tag ids.
func (c *classifier) compile(v *vocab, t *tagger, f maxentFiles) error {

	c.outside = -1
	c.endLabel = make([]string, c.nLabel)
	c.labelHist = make([]int, c.nLabel)
	c.hist = []string{valueNone}
	for li, label := range c.labels {
		switch label {
		case "O":
			c.outside = li
		}
		c.endLabel[li] = strings.Replace(label, "B", "I", 1)
		h := simplified(label)
		hi := -1
		for i, s := range c.hist {
			if s == h {
				hi = i
			}
		}
		if hi < 0 {
			hi = len(c.hist)
			c.hist = append(c.hist, h)
		}
		c.labelHist[li] = hi
	}
	if c.outside < 0 {
		return fmt.Errorf("%w: no label O", ErrModelShape)
	}

	c.bias = c.row(nfBias, "True")
	c.basic = [2]int32{c.row(nfBasic, "False"), c.row(nfBasic, "True")}
	c.nextPosNone = c.row(nfNextPos, valueNone)
	c.nextWordNone = c.row(nfNextWord, valueNone)
	c.prevPosNone = c.row(nfPrevPos, valueNone)
	c.prevWordNone = c.row(nfPrevWord, valueNone)
	nh := len(c.hist)
	nt := t.nTags + 1
	c.pos, c.prevPos, c.nextPos = filled(nt), filled(nt), filled(nt)
	c.posPrevTag = filled(nt * nh)
	c.tagLower = make([]string, nt)
	for id, tag := range t.tagNames {
		c.pos[id] = c.row(nfPos, tag)
		c.prevPos[id] = c.row(nfPrevPos, tag)
		c.tagLower[id] = strings.ToLower(tag)
		c.nextPos[id] = c.row(nfNextPos, c.tagLower[id])
		for h, hs := range c.hist {
			c.posPrevTag[id*nh+h] = c.row(nfPosPrevTag, tag+"+"+hs)
		}
	}
	c.prevTag = make([]int32, nh)
	for h, hs := range c.hist {
		c.prevTag[h] = c.row(nfPrevTag, hs)
	}
	c.shapePrevTag = make([]int32, shapeCount*nh)
	for s, sn := range shapeNames() {
		c.shape[s] = -1
		if s != shapeNone {
			c.shape[s] = c.row(nfShape, sn)
		}
		for h, hs := range c.hist {
			c.shapePrevTag[s*nh+h] = c.row(nfShapePrevTag, sn+"+"+hs)
		}
	}
	for n := range c.wordLen {
		c.wordLen[n] = c.row(nfWordLen, strconv.Itoa(n))
	}

	for _, role := range [...]struct{ f, me int }{
		{nfWord, meWord}, {nfLower, meLower}, {nfPrevWord, mePrevWord},
		{nfNextWord, meNextWord}, {nfPrefix3, mePrefix3}, {nfSuffix3, meSuffix3},
	} {
		for value, r := range c.byValue[role.f] {
			v.ents[v.add(value)].me[role.me] = r
		}
	}
	for _, w := range f.words {
		v.ents[v.add(w)].basic = true
	}
	c.compileWordNextPos(v, t)
	return nil
}

// compileWordNextPos splits the "word+nextpos" values into word and next
// tag and files their rows under the word's vocabulary entry. A value is
// filed under every reading: every "+" after which a tag's lower-cased
// name (or "None") follows.
func (c *classifier) compileWordNextPos(v *vocab, t *tagger) {
	c.noneTag = int16(t.nTags + 1)
	byLower := map[string][]int16{valueNone: {c.noneTag}}
	for id := range t.tagNames {
		byLower[c.tagLower[id]] = append(byLower[c.tagLower[id]], int16(id))
	}
	type filed struct {
		word int32
		wordTagRow
	}
	var all []filed
	for value, r := range c.byValue[nfWordNextPos] {
		for k := 0; k < len(value); k++ {
			if value[k] != '+' {
				continue
			}
			for _, tag := range byLower[value[k+1:]] {
				all = append(all, filed{v.add(value[:k]), wordTagRow{tag, r}})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].word != all[j].word {
			return all[i].word < all[j].word
		}
		return all[i].tag < all[j].tag
	})
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].word == all[i].word {
			c.wnp = append(c.wnp, all[j].wordTagRow)
			j++
		}
		v.ents[all[i].word].wnp = [2]int32{int32(len(c.wnp) - (j - i)), int32(len(c.wnp))}
		i = j
	}
}

// wordNextPos returns the "word+nextpos" row of the word whose lower-cased
// form has entry low, before a word tagged nextTag (noneTag at the end of
// the text). For a tag the tagger does not know, nextPos is its lower-cased
// name and word the word, and the row is looked up by string.
func (c *classifier) wordNextPos(low *vocabEntry, nextTag int16, word, nextPos string) int32 {
	if nextPos != "" {
		return c.row(nfWordNextPos, strings.ToLower(word)+"+"+nextPos)
	}
	for _, wt := range c.wnp[low.wnp[0]:low.wnp[1]] {
		if wt.tag == nextTag {
			return wt.row
		}
	}
	return -1
}

// simplified is the history value prose keeps for a label: "v" for labels
// starting with V, otherwise the part before the first "-".
func simplified(label string) string {
	if strings.HasPrefix(label, "V") {
		return "v"
	}
	h, _, _ := strings.Cut(label, "-")
	return h
}

// score returns the best label for the features given as rows (-1 for
// features without weights), adding each label's weights in feature
// order as prose does, and whether another label scored exactly the same
// (prose picks one of tied labels at random).
func (c *classifier) score(rows *[nfCount]int32) (int, bool) {
	var sc [maxLabels]float64
	n := c.nLabel
	for _, r := range rows {
		if r < 0 {
			continue
		}
		w := (*[maxLabels]float64)(c.w[int(r)*maxLabels:])
		for l := range sc {
			sc[l] += w[l]
		}
	}
	best := math.Inf(-1)
	bestL, tie := -1, false
	for l := 0; l < n; l++ {
		switch s := sc[l]; {
		case s > best:
			best, bestL, tie = s, l, false
		case s == best:
			tie = true
		}
	}
	if bestL < 0 {
		// Every score is NaN or -Inf: prose returns the empty label.
		// Weights are finite, so this does not happen; keep "O".
		return c.outside, true
	}
	return bestL, tie
}

// shapeOf returns the classifier's shape of word: number if
// strconv.ParseFloat accepts it, punct if it ends in a character that is
// not an ASCII letter, digit or underscore, downcase if lower-casing does
// not change it, upcase if title-casing does not change it, else
// mixedcase.
func shapeOf(word string, ascii bool) int8 {
	if maybeFloat(word) {
		if _, err := strconv.ParseFloat(word, 64); err == nil {
			return shapeNumber
		}
	}
	if c := word[len(word)-1]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
		return shapePunct
	}
	if !ascii {
		switch {
		case strings.ToLower(word) == word:
			return shapeDowncase
		//lint:ignore SA1019 prose's shape feature is defined by strings.Title
		case strings.Title(word) == word:
			return shapeUpcase
		}
		return shapeMixedcase
	}
	lower, title := true, true
	sep := true // the previous byte separates words, as strings.Title sees it
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			lower = false
		} else if sep && 'a' <= c && c <= 'z' {
			title = false
		}
		sep = !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_')
	}
	switch {
	case lower:
		return shapeDowncase
	case title:
		return shapeUpcase
	}
	return shapeMixedcase
}

// maybeFloat reports whether strconv.ParseFloat could accept word: it must
// start with a digit, a sign or a point, or be "inf", "infinity" or "nan"
// in any case.
func maybeFloat(word string) bool {
	switch c := word[0]; {
	case '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		return true
	case c == 'i' || c == 'I' || c == 'n' || c == 'N':
		return len(word) == 3 || len(word) == 8
	}
	return false
}

// Entity is a named entity: a run of tokens and its type.
type Entity struct {
	// Text is the entity as prose reports it: its tokens' Text joined by
	// single spaces. text[Start:End] is the entity as written.
	Text string
	// Label is the entity type: PERSON, GPE, ORGANIZATION, LOCATION,
	// FACILITY or GSP.
	Label string
	// Start and End are the byte offsets of the entity in the original
	// text.
	Start, End int
	// First and Last delimit the entity's tokens: Tokens[First:Last].
	First, Last int
}

// Entities groups labelled tokens into entities from their Tag and Label,
// by the rules of prose's chunker (see chunk). Like prose it drops an
// entity still open at the end of the text.
func (m *Model) Entities(toks []Token) []Entity {
	return m.maxent.chunk(toks, nil)
}

// chunk is Entities, appending to out. prose's rules: a token opens an
// entity or joins the open one if its label is neither O nor the closing
// label, or if an entity is open and the token has the tag of the token
// before it, or the tag CD after a token not labelled O; the closing label
// becomes the token's label with its first "B" replaced by "I". Otherwise
// a token labelled O ends the open entity, and a token with the closing
// label ends it and belongs to it.
func (c *classifier) chunk(toks []Token, out []Entity) []Entity {
	end := ""
	first := -1 // first token of the open entity, -1 if none
	for i := range toks {
		t := &toks[i]
		open := first >= 0
		if t.Label != "O" && t.Label != end ||
			open && t.Tag == toks[i-1].Tag ||
			open && t.Tag == "CD" && toks[i-1].Label != "O" {
			end = c.endOf(t.Label)
			if !open {
				first = i
			}
			continue
		}
		if t.Label == "O" && end != "" || t.Label == end {
			last := i
			if t.Label != "O" {
				last = i + 1
			}
			if first < 0 {
				first = i // only for a label "" given by a caller
			}
			out = append(out, c.entity(toks, first, last))
			end, first = "", -1
		}
	}
	return out
}

// endOf returns the label that closes an entity opened by label: label
// with its first "B" replaced by "I".
func (c *classifier) endOf(label string) string {
	for li, l := range c.labels {
		if l == label {
			return c.endLabel[li]
		}
	}
	return strings.Replace(label, "B", "I", 1)
}

// entity builds the entity of toks[first:last].
func (c *classifier) entity(toks []Token, first, last int) Entity {
	e := Entity{First: first, Last: last, Start: toks[first].Start, End: toks[last-1].End}
	n := last - first - 1
	for _, t := range toks[first:last] {
		n += len(t.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks[first:last] {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	e.Text = b.String()
	if last-first == 2 && (toks[first].Label == "B-PERSON" || toks[first+1].Label == "B-PERSON") {
		e.Label = "PERSON"
		return e
	}
	e.Label = entityType(toks[first].Label)
	return e
}

// entityType returns the part of label after its first "-" and up to the
// next one, or "" if it has none (prose would panic there).
func entityType(label string) string {
	_, typ, ok := strings.Cut(label, "-")
	if !ok {
		return ""
	}
	if k := strings.IndexByte(typ, '-'); k >= 0 {
		typ = typ[:k]
	}
	return typ
}
