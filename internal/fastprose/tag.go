package fastprose

import (
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strings"

	"github.com/mingrammer/commonregex"
)

// Feature templates of prose's averaged-perceptron tagger. Its weights are
// keyed by the template name, a space and the value(s), space-separated.
const (
	tfBias        = iota // constant
	tfSuffix             // last three bytes of the word
	tfPref1              // first byte of the word (as a rune)
	tfPrevTag            // tag of i-1
	tfPrev2Tag           // tag of i-2
	tfTagPair            // tags of i-1 and i-2
	tfWord               // normalised word at i
	tfPrevTagWord        // tag of i-1 and normalised word at i
	tfPrevWord           // normalised word at i-1
	tfPrevSuffix         // last three bytes of the normalised word at i-1
	tfPrev2Word          // normalised word at i-2
	tfNextWord           // normalised word at i+1
	tfNextSuffix         // last three bytes of the normalised word at i+1
	tfNext2Word          // normalised word at i+2
	tfCount
)

// taggerTemplateNames returns the names of the tf* templates as prose's
// weights spell them.
func taggerTemplateNames() [tfCount]string {
	return [tfCount]string{
		"bias", "i suffix", "i pref1", "i-1 tag", "i-2 tag", "i tag+i-2 tag",
		"i word", "i-1 tag+i word", "i-1 word", "i-1 suffix", "i-2 word",
		"i+1 word", "i+1 suffix", "i+2 word",
	}
}

// Words the tagger pads each document with: two before, two after.
const (
	padStart  = "-START-"
	padStart2 = "-START2-"
	padEnd    = "-END-"
	padEnd2   = "-END2-"
)

// Tags the tagger assigns by rule rather than by score.
const (
	tagHyphen = "-"
	tagSymbol = "SYM"
	tagNoun   = "NN"
	tagNone   = "-NONE-"
	tagEmpty  = "" // what prose's tagger returns when no feature has weights
)

// maxClasses bounds the number of classes the tagger scores (a bit mask of
// the classes with a score is kept per token).
const maxClasses = 64

// tagger is prose's averaged perceptron, compiled. Tags are small integers:
// ids below nClass are the classes it can predict; the others are tags it
// only sees as features or assigns by rule. tagUnknown stands for a tag the
// model has never seen (prose's "-XXX-" rule copies such words as tags).
type tagger struct {
	tagNames []string
	tagIndex map[string]int16
	nClass   int
	nTags    int   // len(tagNames); tag id nTags is tagUnknown
	start    int16 // tag id of padStart
	start2   int16 // tag id of padStart2
	hyphen   int16
	symbol   int16
	noun     int16
	none     int16
	empty    int16

	// Weight rows: row r has classes rowCls[rowStart[r]:rowStart[r+1]] with
	// weights rowW[...] at the same indexes.
	rowStart []int32
	rowCls   []uint8
	rowW     []float64

	bias     int32
	pref1    [256]int32
	prevTag  []int32 // by tag id, nTags+1 long
	prev2Tag []int32
	tagPair  []int32 // by (i-1 tag)*(nTags+1) + (i-2 tag)
	tagWord  map[uint64]int32

	// base holds, for every pair of previous tags (i-1 tag * (nTags+1) +
	// i-2 tag), the summed weights of the features that depend only on
	// them (bias, i-1 tag, i-2 tag, both tags): nClass weights per pair,
	// and in baseMask the classes that have any.
	base     []float64
	baseMask []uint64

	padWord [4]int32 // vocab ids of the pad words
	padSuf  [4]int32 // vocab ids of their last three bytes
	special specialWords
}

// tagUnknown returns the id of tags the model does not know.
func (t *tagger) tagUnknown() int16 { return int16(t.nTags) }

// tagID returns the id of tag s, or tagUnknown.
func (t *tagger) tagID(s string) int16 {
	if id, ok := t.tagIndex[s]; ok {
		return id
	}
	return t.tagUnknown()
}

// addTag interns s as a tag.
func (t *tagger) addTag(s string) int16 {
	if id, ok := t.tagIndex[s]; ok {
		return id
	}
	id := int16(len(t.tagNames))
	t.tagIndex[s] = id
	t.tagNames = append(t.tagNames, s)
	return id
}

// parsedFeature is one key of the tagger's weights, split, and its row.
type parsedFeature struct {
	template int
	a, b     string // value; b is the second value of two-value templates
	row      int32
}

// parseTaggerKey splits a weights key into template and values. ok is
// false for keys no token can produce.
func parseTaggerKey(names *[tfCount]string, key string) (template int, a, b string, ok bool) {
	if key == names[tfBias] {
		return tfBias, "", "", true
	}
	for tf := tfSuffix; tf < tfCount; tf++ {
		name := names[tf]
		if len(key) <= len(name) || key[len(name)] != ' ' || !strings.HasPrefix(key, name) {
			continue
		}
		val := key[len(name)+1:]
		if tf == tfTagPair || tf == tfPrevTagWord {
			sp := strings.IndexByte(val, ' ')
			if sp < 0 {
				return 0, "", "", false
			}
			return tf, val[:sp], val[sp+1:], true
		}
		return tf, val, "", true
	}
	return 0, "", "", false
}

// compile builds the tagger's tables from prose's files, interning its
// strings in v.
func (t *tagger) compile(v *vocab, f taggerFiles) error {
	t.tagIndex = map[string]int16{}
	names := taggerTemplateNames()

	// The classes get the low ids the score mask needs.
	for _, c := range f.classes {
		t.addTag(c)
	}
	t.nClass = len(t.tagNames)
	if t.nClass > maxClasses {
		return fmt.Errorf("%w: %d tagger classes", ErrModelShape, t.nClass)
	}

	// One pass over the weights builds the rows and remembers where each
	// belongs; tags are interned once all are known.
	type entry struct {
		class int16
		w     float64
	}
	feats := make([]parsedFeature, 0, len(f.weights))
	t.rowStart = make([]int32, 1, len(f.weights)+1)
	var row []entry
	var tags []string
	for k, ws := range f.weights {
		tf, a, b, ok := parseTaggerKey(&names, k)
		if !ok {
			continue
		}
		row = row[:0]
		for c, w := range ws {
			id, ok := t.tagIndex[c]
			if !ok || int(id) >= t.nClass {
				return fmt.Errorf("%w: tagger weight for %q, not a class", ErrModelShape, c)
			}
			row = append(row, entry{id, w})
		}
		sort.Slice(row, func(i, j int) bool { return row[i].class < row[j].class })
		for _, e := range row {
			t.rowCls = append(t.rowCls, uint8(e.class))
			t.rowW = append(t.rowW, e.w)
		}
		t.rowStart = append(t.rowStart, int32(len(t.rowCls)))
		feats = append(feats, parsedFeature{template: tf, a: a, b: b, row: int32(len(t.rowStart) - 2)})
		switch tf {
		case tfPrevTag, tfPrev2Tag, tfPrevTagWord:
			tags = append(tags, a)
		case tfTagPair:
			tags = append(tags, a, b)
		}
	}
	for _, tag := range f.tagMap {
		tags = append(tags, tag)
	}
	tags = append(tags, padStart, padStart2, tagHyphen, tagSymbol, tagNoun, tagNone, tagEmpty)
	sort.Strings(tags)
	for _, tag := range tags {
		t.addTag(tag)
	}
	t.nTags = len(t.tagNames)
	if t.nTags >= math.MaxInt16 {
		return fmt.Errorf("%w: %d tags", ErrModelShape, t.nTags)
	}
	t.start, t.start2 = t.tagIndex[padStart], t.tagIndex[padStart2]
	t.hyphen, t.symbol = t.tagIndex[tagHyphen], t.tagIndex[tagSymbol]
	t.noun, t.none = t.tagIndex[tagNoun], t.tagIndex[tagNone]
	t.empty = t.tagIndex[tagEmpty]

	nt := t.nTags + 1
	t.prevTag = filled(nt)
	t.prev2Tag = filled(nt)
	t.tagPair = filled(nt * nt)
	t.tagWord = make(map[uint64]int32)
	t.bias = -1
	for i := range t.pref1 {
		t.pref1[i] = -1
	}
	pref1 := make(map[string]int, 256)
	for b := 0; b < 256; b++ {
		pref1[string(rune(b))] = b
	}
	for _, pf := range feats {
		row := pf.row
		switch pf.template {
		case tfBias:
			t.bias = row
		case tfSuffix:
			v.ents[v.add(pf.a)].ts[0] = row
		case tfPrevSuffix:
			v.ents[v.add(pf.a)].ts[1] = row
		case tfNextSuffix:
			v.ents[v.add(pf.a)].ts[2] = row
		case tfPref1:
			if b, ok := pref1[pf.a]; ok {
				t.pref1[b] = row
			}
		case tfPrevTag:
			t.prevTag[t.tagIndex[pf.a]] = row
		case tfPrev2Tag:
			t.prev2Tag[t.tagIndex[pf.a]] = row
		case tfTagPair:
			t.tagPair[int(t.tagIndex[pf.a])*nt+int(t.tagIndex[pf.b])] = row
		case tfPrevTagWord:
			t.tagWord[tagWordKey(t.tagIndex[pf.a], v.add(pf.b))] = row
		case tfWord:
			v.ents[v.add(pf.a)].tw[0] = row
		case tfPrevWord:
			v.ents[v.add(pf.a)].tw[1] = row
		case tfPrev2Word:
			v.ents[v.add(pf.a)].tw[2] = row
		case tfNextWord:
			v.ents[v.add(pf.a)].tw[3] = row
		case tfNext2Word:
			v.ents[v.add(pf.a)].tw[4] = row
		}
	}

	for w, tag := range f.tagMap {
		v.ents[v.add(w)].tagMap = t.tagIndex[tag]
	}
	for i, p := range [4]string{padStart, padStart2, padEnd, padEnd2} {
		t.padWord[i] = v.add(p)
		t.padSuf[i] = v.add(p[len(p)-3:])
	}
	t.compileBase()
	t.special = specialWords{hyphen: v.add("!HYPHEN"), year: v.add("!YEAR"), digits: v.add("!DIGITS")}
	t.special.hyphenSuf = v.add("HEN")
	t.special.yearSuf = v.add("EAR")
	t.special.digitsSuf = v.add("ITS")
	return nil
}

// compileBase fills t.base and t.baseMask.
func (t *tagger) compileBase() {
	nt := t.nTags + 1
	t.base = make([]float64, nt*nt*t.nClass)
	t.baseMask = make([]uint64, nt*nt)
	for p1 := 0; p1 < nt; p1++ {
		for p2 := 0; p2 < nt; p2++ {
			k := p1*nt + p2
			sc := t.base[k*t.nClass : (k+1)*t.nClass]
			for _, r := range [...]int32{t.bias, t.prevTag[p1], t.prev2Tag[p2], t.tagPair[k]} {
				if r < 0 {
					continue
				}
				for e := t.rowStart[r]; e < t.rowStart[r+1]; e++ {
					sc[t.rowCls[e]] += t.rowW[e]
					t.baseMask[k] |= 1 << t.rowCls[e]
				}
			}
		}
	}
}

// filled returns n row ids, all -1.
func filled(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

// tagWordKey is the key of tagger.tagWord.
func tagWordKey(tag int16, word int32) uint64 {
	return uint64(uint16(tag))<<32 | uint64(uint32(word))
}

// ruleTag returns the tag prose's tagger assigns to word by rule, before
// looking at its lexicon or scores, and whether a rule applied.
func (m *Model) ruleTag(word string) (int16, bool) {
	t := &m.tagger
	if word == "-" {
		return t.hyphen, true
	}
	if m.isEmoticon(word) {
		return t.symbol, true
	}
	if word[0] == '@' || maybeLink(word) && commonregex.LinkRegex.MatchString(word) ||
		strings.IndexByte(word, '@') >= 0 && commonregex.EmailRegex.MatchString(word) {
		return t.noun, true
	}
	if isEmptyElement(word) {
		return t.none, true
	}
	if isTagLike(word) {
		return t.tagID(word), true
	}
	return 0, false
}

// maybeLink reports whether word could match commonregex's link pattern,
// which needs a '.' right after a lower-case letter, a digit, '.' or '-'.
func maybeLink(word string) bool {
	for i := 1; i < len(word); i++ {
		if word[i] == '.' {
			c := word[i-1]
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' {
				return true
			}
		}
	}
	return false
}

// isEmptyElement reports whether word is written like a Penn Treebank
// empty element, which prose's tagger tags -NONE-: "0", "*", "*" a letter,
// digit, underscore or "?" and "*" ("*T*", "*?*"), "*-" and one to three
// digits ("*-1"), or "*", capitals, "*-" and one to three digits
// ("*EXP*-2").
func isEmptyElement(word string) bool {
	switch {
	case word == "0" || word == "*":
		return true
	case len(word) < 3 || word[0] != '*':
		return false
	case len(word) == 3 && word[2] == '*':
		c := word[1]
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '?'
	}
	rest := word[1:]
	if rest[0] != '-' {
		k := 0
		for k < len(rest) && 'A' <= rest[k] && rest[k] <= 'Z' {
			k++
		}
		if k == 0 || k+1 >= len(rest) || rest[k] != '*' || rest[k+1] != '-' {
			return false
		}
		rest = rest[k+1:]
	}
	digits := rest[1:] // after the "-"
	if len(digits) < 1 || len(digits) > 3 {
		return false
	}
	for k := 0; k < len(digits); k++ {
		if digits[k] < '0' || digits[k] > '9' {
			return false
		}
	}
	return true
}

// isTagLike reports whether word looks like a bracket tag such as "-LRB-",
// which prose's tagger copies as the word's tag.
func isTagLike(word string) bool {
	if len(word) != 5 || word[0] != '-' || word[4] != '-' {
		return false
	}
	for i := 1; i < 4; i++ {
		if word[i] < 'A' || word[i] > 'Z' {
			return false
		}
	}
	return true
}

// normalized returns the vocabulary id of the tagger's normalised form of
// a word: "!HYPHEN" for words with an inner hyphen, "!YEAR" for four-byte
// integers, "!DIGITS" for other words starting with a digit, otherwise the
// lower-cased word (whose id the caller passes as lower).
func normalized(word string, lower int32, sp *specialWords) int32 {
	if word[0] != '-' && strings.IndexByte(word, '-') >= 0 {
		return sp.hyphen
	}
	if isYear(word) {
		return sp.year
	}
	if '0' <= word[0] && word[0] <= '9' {
		return sp.digits
	}
	return lower
}

// isYear reports whether strconv.Atoi accepts word and it is four bytes
// long: four digits, or a sign and three digits.
func isYear(word string) bool {
	if len(word) != 4 {
		return false
	}
	i := 0
	if word[0] == '+' || word[0] == '-' {
		i = 1
	}
	for ; i < 4; i++ {
		if word[i] < '0' || word[i] > '9' {
			return false
		}
	}
	return true
}

// specialWords holds the vocabulary ids of the tagger's normalised forms
// that stand for classes of words, and of their last three bytes.
type specialWords struct {
	hyphen, year, digits          int32
	hyphenSuf, yearSuf, digitsSuf int32
}

// predictor scores tags. Its score array is reused across tokens.
type predictor struct {
	scores [maxClasses]float64
}

// tieEpsilon is the score gap below which two tags count as tied: prose adds
// a token's weights in random order, so such near ties go either way there.
const tieEpsilon = 1e-9

// predict returns the best-scoring class for the features of one token:
// those of its previous tags, given as their pair index into t.base, and
// the others as weight rows (-1 for absent features; the base templates
// are ignored). It also reports whether another class scored within
// tieEpsilon of the best. With no feature present it returns the empty
// tag, as prose does.
func (t *tagger) predict(p *predictor, pair int, rows *[tfCount]int32) (int16, bool) {
	copy(p.scores[:t.nClass], t.base[pair*t.nClass:])
	mask := t.baseMask[pair]
	for tf, r := range rows {
		if r < 0 || tf == tfBias || tf == tfPrevTag || tf == tfPrev2Tag || tf == tfTagPair {
			continue
		}
		lo, hi := t.rowStart[r], t.rowStart[r+1]
		cls := t.rowCls[lo:hi]
		ws := t.rowW[lo:hi]
		for k, c := range cls {
			p.scores[c&(maxClasses-1)] += ws[k]
			mask |= 1 << c
		}
	}
	best, second := math.Inf(-1), math.Inf(-1)
	bestC := -1
	for mm := mask; mm != 0; mm &= mm - 1 {
		c := bits.TrailingZeros64(mm)
		s := p.scores[c]
		if s > best {
			best, second = s, best
			bestC = c
		} else if s > second {
			second = s
		}
	}
	if bestC < 0 {
		return t.empty, false
	}
	return int16(bestC), best-second <= tieEpsilon*math.Max(1, math.Abs(best))
}
