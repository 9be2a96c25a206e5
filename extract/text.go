package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paragraph is a run of body text between line breaks. Lines broken in the
// middle of a sentence (the next line starts with a lower-case letter or a
// dash) are joined into one paragraph.
type paragraph struct {
	Span
	sentences []Span
}

// splitParagraphs splits body into paragraphs with byte offsets.
func splitParagraphs(body string) []paragraph {
	var lines []Span
	start := 0
	for i := 0; i <= len(body); i++ {
		if i == len(body) || body[i] == '\n' {
			s, e := trimSpan(body, start, i)
			if s < e {
				lines = append(lines, Span{s, e})
			}
			start = i + 1
		}
	}
	var out []paragraph
	for _, l := range lines {
		if n := len(out); n > 0 && continuesLine(body[out[n-1].Start:out[n-1].End], body[l.Start:l.End]) {
			out[n-1].End = l.End
			continue
		}
		out = append(out, paragraph{Span: l})
	}
	for i := range out {
		out[i].sentences = boundSentences(body, splitSentences(body, out[i].Span))
	}
	return boundParagraphs(out)
}

// Bounds on the units of analysis. Much of the analysis looks around a
// word within its sentence or paragraph, so a text that is one enormous
// sentence (a 50 MB line) would cost time quadratic in its length. No real
// sentence is near these sizes: a longer one is cut into pieces at spaces,
// and a longer paragraph into paragraphs of at most maxParaSentences
// sentences, which keeps extraction linear in the text.
const (
	maxSentenceBytes = 2000
	maxParaSentences = 60
)

// boundSentences cuts every sentence of ss longer than maxSentenceBytes
// at the last space before the bound (or at the bound, where there is
// none).
func boundSentences(body string, ss []Span) []Span {
	long := false
	for _, sp := range ss {
		long = long || sp.End-sp.Start > maxSentenceBytes
	}
	if !long {
		return ss
	}
	var out []Span
	for _, sp := range ss {
		for sp.End-sp.Start > maxSentenceBytes {
			cut := sp.Start + maxSentenceBytes
			for cut > sp.Start && !utf8.RuneStart(body[cut]) {
				cut--
			}
			if k := strings.LastIndexByte(body[sp.Start:cut], ' '); k > 0 {
				cut = sp.Start + k
			}
			if s, e := trimSpan(body, sp.Start, cut); s < e {
				out = append(out, Span{s, e})
			}
			sp.Start, _ = trimSpan(body, cut, sp.End)
		}
		if sp.Start < sp.End {
			out = append(out, sp)
		}
	}
	return out
}

// boundParagraphs splits every paragraph of more than maxParaSentences
// sentences into paragraphs of at most that many.
func boundParagraphs(ps []paragraph) []paragraph {
	long := false
	for _, p := range ps {
		long = long || len(p.sentences) > maxParaSentences
	}
	if !long {
		return ps
	}
	var out []paragraph
	for _, p := range ps {
		for len(p.sentences) > maxParaSentences {
			head := p.sentences[:maxParaSentences]
			out = append(out, paragraph{Span: Span{head[0].Start, head[len(head)-1].End}, sentences: head})
			p.sentences = p.sentences[maxParaSentences:]
			p.Start = p.sentences[0].Start
		}
		out = append(out, p)
	}
	return out
}

// continuesLine reports whether next continues the sentence prev broke off.
func continuesLine(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?:\"”’'", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first) || first == '–' || first == '—'
}

func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// abbreviations that end with a period but rarely end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "insp": true, "supt": true, "det": true, "rev": true,
	"hon": true, "gov": true, "sen": true, "rep": true, "capt": true, "cmdr": true, "maj": true, "no": true,
	"vs": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "approx": true, "est": true, "fig": true, "dept": true, "univ": true,
	"e.g": true, "i.e": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true, "u.n": true, "e.u": true,
}

// splitSentences splits the paragraph p of body into sentence spans.
func splitSentences(body string, p Span) []Span {
	var out []Span
	start := p.Start
	text := body[:p.End]
	for i := p.Start; i < p.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += n
			continue
		}
		j := i + n
		// swallow further terminal punctuation and closing quotes/brackets
		for j < p.End {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if strings.ContainsRune(".!?…\"”’')]", r2) {
				j += n2
				continue
			}
			break
		}
		if j >= p.End {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r2) {
			i = j
			continue
		}
		k := j
		for k < p.End {
			r3, n3 := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(r3) {
				break
			}
			k += n3
		}
		next, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'«(", next)) {
			i = j
			continue
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = j
			continue
		}
		out = append(out, Span{start, j})
		start = k
		i = k
	}
	if s, e := trimSpan(body, start, p.End); s < e {
		out = append(out, Span{s, e})
	}
	return out
}

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or an initial.
func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:k])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		k -= n
	}
	w := before[k:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	return abbreviations[strings.ToLower(w)]
}

// sentenceAt returns the index of the sentence in ss containing offset.
func sentenceAt(ss []Span, off int) int {
	if i := sort.Search(len(ss), func(i int) bool { return off < ss[i].End }); i < len(ss) {
		return i
	}
	return len(ss) - 1
}

// sameLengthUTF8 returns s with every byte that is not part of valid UTF-8
// replaced by a space, so offsets into s stay offsets into the result.
func sameLengthUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}

// lowerKeep lower-cases s as strings.ToLower does, except for the runes
// whose lower case has another length in UTF-8 (the Kelvin sign, dotted
// capital I), which it keeps: an offset into the result is an offset into s.
func lowerKeep(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[i])
			i++
			continue
		}
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == n {
			b.WriteRune(l)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
