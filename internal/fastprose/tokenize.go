package fastprose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a text.
type Token struct {
	// Text is the token as prose sees it. It equals text[Start:End] except
	// where prose's clean-up replaced a curly quote or "&rsquo;" by an ASCII
	// quote.
	Text string
	// Start and End are the byte offsets of the token in the original text.
	Start, End int
	// Tag is the Penn Treebank part-of-speech tag, set by Tag and Analyze.
	Tag string
	// Label is the IOB entity label ("B-PERSON", "I-GPE", "O", ...), set by
	// Label and Analyze.
	Label string
}

// span is a token's byte range in the sanitised text.
type span struct{ start, end int }

// run is a whitespace-delimited piece of the sanitised text and the range
// of tokens it was split into.
type run struct {
	start, end  int
	first, last int // tokens [first, last)
}

// Tokenize splits text into tokens as prose's tokenizer does. The tokens
// have no Tag or Label yet.
func (m *Model) Tokenize(text string) []Token {
	s := m.getScratch()
	defer m.putScratch(s)
	clean, offs := sanitize(text)
	s.spans, s.runs = m.split(clean, s.spans[:0], s.runs[:0])
	return makeTokens(text, clean, offs, s.spans)
}

// makeTokens turns token spans in clean into Tokens of text.
func makeTokens(text, clean string, offs []int, spans []span) []Token {
	toks := make([]Token, len(spans))
	for i, sp := range spans {
		t := &toks[i]
		t.Text = clean[sp.start:sp.end]
		if offs == nil {
			t.Start, t.End = sp.start, sp.end
		} else {
			t.Start, t.End = offs[sp.start], offs[sp.end]
		}
	}
	return toks
}

// replacement returns the length of the sequence prose's clean-up replaces
// at text[i:] and its ASCII replacement, or 0.
func replacement(text string, i int) (int, byte) {
	switch text[i] {
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x98, 0x99: // ‘ ’
				return 3, '\''
			case 0x9C, 0x9D: // “ ”
				return 3, '"'
			}
		}
	case '&':
		if strings.HasPrefix(text[i:], "&rsquo;") {
			return len("&rsquo;"), '\''
		}
	}
	return 0, 0
}

// sanitize applies prose's clean-up to text. When it changes anything it
// also returns, for each byte of the result and for its end, the offset in
// text it comes from; otherwise clean is text and offs is nil.
func sanitize(text string) (clean string, offs []int) {
	first := -1
	for i := 0; i < len(text); i++ {
		if c := text[i]; c == 0xE2 || c == '&' {
			if n, _ := replacement(text, i); n > 0 {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return text, nil
	}
	b := make([]byte, 0, len(text))
	offs = make([]int, 0, len(text)+1)
	b = append(b, text[:first]...)
	for i := 0; i < first; i++ {
		offs = append(offs, i)
	}
	for i := first; i < len(text); {
		n, r := 0, byte(0)
		if c := text[i]; c == 0xE2 || c == '&' {
			n, r = replacement(text, i)
		}
		if n > 0 {
			b = append(b, r)
			offs = append(offs, i)
			i += n
			continue
		}
		b = append(b, text[i])
		offs = append(offs, i)
		i++
	}
	offs = append(offs, len(text))
	return string(b), offs
}

// split tokenizes clean: it cuts it at white space into runs and splits
// every run into tokens, appending to spans and runs.
func (m *Model) split(clean string, spans []span, runs []run) ([]span, []run) {
	i := 0
	for i < len(clean) {
		if n := spaceAt(clean, i); n > 0 {
			i += n
			continue
		}
		j := i + 1
		for j < len(clean) && spaceAt(clean, j) == 0 {
			j++
		}
		first := len(spans)
		spans = m.splitRun(clean, i, j, spans)
		runs = append(runs, run{start: i, end: j, first: first, last: len(spans)})
		i = j
	}
	return spans, runs
}

// spaceAt returns the byte length of the white-space rune at s[i:], or 0
// if s[i:] does not start with white space.
func spaceAt(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if c == ' ' || '\t' <= c && c <= '\r' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// maxSuffixes is how many trailing punctuation marks splitRun keeps on the
// stack before it allocates.
const maxSuffixes = 8

// splitRun splits the run s[lo:hi] into tokens the way prose does:
// repeatedly, unless the rest is an emoticon or an abbreviation, it peels
// one opening mark off the front, splits before a clitic ("'s", "'ll",
// "'re", "'m", "n't") or peels one closing mark off the back; the marks
// peeled off the back follow the other tokens.
func (m *Model) splitRun(s string, lo, hi int, out []span) []span {
	var sufBuf [maxSuffixes]int
	sufs := sufBuf[:0]
	prev := 0 // rune count of the rest at the previous step
	for lo < hi {
		rest := s[lo:hi]
		n := utf8.RuneCountInString(rest)
		if n == prev {
			break // the last step changed nothing
		}
		if m.isEmoticon(rest) || isAbbreviation(rest) {
			out = append(out, span{lo, hi})
			break
		}
		prev = n
		if len(rest) > 1 && isOpening(rest[0]) {
			out = append(out, span{lo, lo + 1})
			lo++
			continue
		}
		if k := cliticIndex(rest); k >= 0 {
			if k > 0 {
				out = append(out, span{lo, lo + k})
			}
			lo += k
			continue
		}
		if len(rest) > 1 && isClosing(rest[len(rest)-1]) {
			hi--
			sufs = append(sufs, hi)
			continue
		}
		out = append(out, span{lo, hi})
		break
	}
	for k := len(sufs) - 1; k >= 0; k-- {
		out = append(out, span{sufs[k], sufs[k] + 1})
	}
	return out
}

// isOpening reports whether c is a mark prose splits off the front of a
// word.
func isOpening(c byte) bool {
	return c == '$' || c == '(' || c == '"' || c == '['
}

// isClosing reports whether c is a mark prose splits off the end of a
// word.
func isClosing(c byte) bool {
	switch c {
	case ',', ')', '"', ']', '!', ';', '.', '?', ':', '\'':
		return true
	}
	return false
}

// cliticIndex returns where prose splits word before a clitic, or -1. Like
// prose it searches the lower-cased word, first for "'ll", "'s", "'re" and
// "'m" (in that order, each anywhere in the word, each only if the word is
// longer than it), then for "n't", and applies the index it found in the
// lower-cased word to the word itself; unlike prose it clamps an index past
// the word's end (possible when lower-casing lengthens the word).
func cliticIndex(word string) int {
	if strings.IndexByte(word, '\'') < 0 {
		return -1
	}
	lower := strings.ToLower(word)
	k := -1
	for _, c := range [...]string{"'ll", "'s", "'re", "'m", "n't"} {
		if len(lower) > len(c) {
			if k = strings.Index(lower, c); k >= 0 {
				break
			}
		}
	}
	if k > len(word) {
		k = len(word)
	}
	return k
}

// isAbbreviation reports whether word is letters each followed by a period
// ("U.S.", "e.g.") or a capital, one or two small letters and a period
// ("Mr.", "Mrs.").
func isAbbreviation(word string) bool {
	n := len(word)
	if n >= 4 && n%2 == 0 {
		ok := true
		for i := 0; i < n; i += 2 {
			if !isASCIILetter(word[i]) || word[i+1] != '.' {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	if (n == 3 || n == 4) && 'A' <= word[0] && word[0] <= 'Z' && word[n-1] == '.' {
		for i := 1; i < n-1; i++ {
			if word[i] < 'a' || word[i] > 'z' {
				return false
			}
		}
		return true
	}
	return false
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isEmoticon reports whether word is one of the emoticons prose keeps
// whole and tags SYM.
func (m *Model) isEmoticon(word string) bool {
	return len(word) >= 2 && m.emFirst[word[0]] && m.emLast[word[len(word)-1]] && m.emotes[word]
}
