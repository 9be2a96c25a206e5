package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
)

// evidenceWriter adds the evidence nodes of one article (see Evidence):
// it finds the sentence of the body that states each fact.
type evidenceWriter struct {
	b    *quadBuilder
	id   string // the article's id
	body string
	// known are the sentences extract reported (of quotes and event
	// evidence), sorted; heuristic are the body's sentences as found by
	// splitSentences, used where no known sentence applies.
	known, heuristic []extract.Span
	// mentions maps an entity key to the spans naming it, and names to
	// its name and aliases.
	mentions map[string][]extract.Span
	names    map[string][]string
}

func newEvidenceWriter(b *quadBuilder, id string, body string, r extract.Result) *evidenceWriter {
	w := &evidenceWriter{b: b, id: id, body: body,
		mentions: map[string][]extract.Span{}, names: map[string][]string{}}
	for _, q := range r.Quotes {
		w.addKnown(q.Sentence)
	}
	for _, ev := range r.Events {
		for _, sp := range ev.Evidence {
			w.addKnown(sp)
		}
	}
	slices.SortFunc(w.known, compareSpans)
	w.known = slices.Compact(w.known)
	w.heuristic = splitSentences(body)
	for _, e := range r.Entities {
		w.mentions[e.Key] = append(w.mentions[e.Key], e.Mentions...)
		w.names[e.Key] = append(w.names[e.Key], e.Name)
		w.names[e.Key] = append(w.names[e.Key], e.Aliases...)
	}
	for k, sp := range w.mentions {
		sp = slices.Clone(sp)
		slices.SortFunc(sp, compareSpans)
		w.mentions[k] = slices.Compact(sp)
	}
	return w
}

func (w *evidenceWriter) addKnown(sp extract.Span) {
	if sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(w.body) {
		w.known = append(w.known, sp)
	}
}

func compareSpans(x, y extract.Span) int {
	return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
}

// add writes the evidence node for the fact (s, p, o) with its sentence
// (none when sent is empty) and, above zero, a mention count.
func (w *evidenceWriter) add(s quad.Value, p quad.IRI, o quad.Value, sent extract.Span, count int) {
	// No class and no link to the article: the IRI says both (see
	// Evidence).
	n := EvidenceIRI(w.id, s, p, o)
	w.b.add(n, RDFSubject, s)
	w.b.add(n, RDFPredicate, p)
	w.b.add(n, RDFObject, o)
	if count > 0 {
		w.b.add(n, MentionCount, quad.Int(count))
	}
	if sn, ok := w.sentence(sent); ok {
		w.b.add(n, InSentence, sn)
	}
}

// sentence writes the node of the body's sentence at sp (see SentenceIRI)
// and returns its IRI, or false when sp holds no sentence of the body.
// Its quads are written once per article: the builder drops repeats.
func (w *evidenceWriter) sentence(sp extract.Span) (quad.IRI, bool) {
	if sp.Start < 0 || sp.End <= sp.Start || sp.End > len(w.body) {
		return "", false
	}
	text := strings.TrimSpace(w.body[sp.Start:sp.End])
	if text == "" {
		return "", false
	}
	sn := SentenceIRI(w.id, sp.Start, sp.End)
	w.b.add(sn, Text, quad.String(text))
	w.b.add(sn, Start, quad.Int(sp.Start))
	w.b.add(sn, End, quad.Int(sp.End))
	return sn, true
}

// sentenceOf returns the sentence that holds the span: the shortest
// sentence extract reported around it, else the heuristic sentence in
// which it starts, stretched to its end.
func (w *evidenceWriter) sentenceOf(sp extract.Span) extract.Span {
	best := extract.Span{}
	for _, k := range w.known {
		if k.Start <= sp.Start && sp.End <= k.End && (best.End == 0 || k.End-k.Start < best.End-best.Start) {
			best = k
		}
	}
	if best.End > 0 {
		return best
	}
	for _, h := range w.heuristic {
		if h.Start <= sp.Start && sp.Start < h.End {
			h.End = max(h.End, min(sp.End, len(w.body)))
			return h
		}
	}
	return extract.Span{}
}

// entity returns the evidence sentence for an article mentioning the
// entity with the key, and how many times it does.
func (w *evidenceWriter) entity(key string) (extract.Span, int) {
	ms := w.mentions[key]
	if len(ms) == 0 {
		return w.find(w.heuristic, w.namesMatch(key)), 0
	}
	return w.sentenceOf(ms[0]), len(ms)
}

// role returns the sentence that gives the person with the key the title:
// the first sentence naming the person that holds the title's words, else
// the first naming the person.
func (w *evidenceWriter) role(personKey, title string) extract.Span {
	var first extract.Span
	for _, m := range w.mentions[personKey] {
		s := w.sentenceOf(m)
		if s.End == 0 {
			continue
		}
		if first.End == 0 {
			first = s
		}
		if containsFold(w.body[s.Start:s.End], title) {
			return s
		}
	}
	return first
}

// fact returns the sentence that states a fact of an event, told by the
// matchers, strictest first: for each matcher, the first of the event's
// evidence sentences that matches, else the first sentence of the body
// that does; when none matches, the first evidence sentence (the fact
// may be worded in ways the matchers do not know).
func (w *evidenceWriter) fact(evidence []extract.Span, matchers ...matcher) extract.Span {
	return w.factOr(evidence, true, matchers...)
}

// factOr is fact, falling back to the first evidence sentence only when
// fallback is true.
func (w *evidenceWriter) factOr(evidence []extract.Span, fallback bool, matchers ...matcher) extract.Span {
	var ev []extract.Span
	for _, sp := range evidence {
		if sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(w.body) {
			ev = append(ev, sp)
		}
	}
	for _, match := range matchers {
		if s := w.find(ev, match); s.End > 0 {
			return s
		}
		if s := w.find(w.heuristic, match); s.End > 0 {
			return s
		}
	}
	if len(ev) > 0 && fallback {
		return ev[0]
	}
	return extract.Span{}
}

// matcher tells whether a sentence of the body, given by its span and
// text, states a fact.
type matcher func(sp extract.Span, text string) bool

// textOnly makes a matcher of a function of the sentence's text.
func textOnly(f func(string) bool) matcher {
	return func(_ extract.Span, text string) bool { return f(text) }
}

// find returns the first span that matches, or an empty span.
func (w *evidenceWriter) find(spans []extract.Span, match matcher) extract.Span {
	if match == nil {
		return extract.Span{}
	}
	for _, sp := range spans {
		if match(sp, w.body[sp.Start:sp.End]) {
			return sp
		}
	}
	return extract.Span{}
}

// entityMatch matches a sentence that holds a mention of the entity with
// the key, or its name or an alias.
func (w *evidenceWriter) entityMatch(key string) matcher {
	names := w.namesMatch(key)
	return func(sp extract.Span, text string) bool {
		for _, m := range w.mentions[key] {
			if sp.Start <= m.Start && m.End <= sp.End {
				return true
			}
		}
		return names != nil && names(sp, text)
	}
}

// namesMatch matches a sentence holding the entity's name or an alias,
// ignoring case; nil when the article gives the entity no name.
func (w *evidenceWriter) namesMatch(key string) matcher {
	var names []string
	for _, n := range w.names[key] {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return func(_ extract.Span, s string) bool {
		for _, n := range names {
			if containsFold(s, n) {
				return true
			}
		}
		return false
	}
}

// textMatchers match a sentence that states a kind of data, strictest
// first: one holding the words of the text ("bank details"), then one
// holding any of its words of four letters or more ("financial details"
// is stated as "bank details"). With negated, a sentence must also hold a
// negation ("not", "no", "n't", "never", "without"), as those stating
// what a breach did not expose do; the matchers without it follow.
func textMatchers(text string, negated bool) []matcher {
	phrase := textOnly(func(s string) bool { return containsWord(s, text) })
	words := textOnly(func(s string) bool {
		for _, word := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if utf8.RuneCountInString(word) >= 4 && containsWord(s, word) {
				return true
			}
		}
		return false
	})
	if !negated {
		return []matcher{phrase, words}
	}
	neg := func(m matcher) matcher {
		return func(sp extract.Span, s string) bool { return m(sp, s) && hasNegation(s) }
	}
	return []matcher{neg(phrase), phrase, neg(words), words}
}

// hasNegation reports whether a sentence holds a negation.
func hasNegation(s string) bool {
	for _, w := range []string{"not", "no", "never", "without", "nor", "neither"} {
		if containsWord(s, w) {
			return true
		}
	}
	return strings.Contains(s, "n't") || strings.Contains(s, "n’t")
}

// textMatch matches a sentence holding the text as words, or any of its
// words of four letters or more (see textMatchers).
func textMatch(text string) func(string) bool {
	ms := textMatchers(text, false)
	return func(s string) bool {
		for _, m := range ms {
			if m(extract.Span{}, s) {
				return true
			}
		}
		return false
	}
}

// numberMatch matches a sentence that writes the number n in one of the
// ways news copy does: 9,276, 9276, 9 276, 47k, 47 thousand, 1.2 million,
// 1.2m.
func numberMatch(n int) func(string) bool {
	return func(s string) bool {
		_, _, ok := findNumber(s, n)
		return ok
	}
}

// findNumber returns where s first writes the number n (see numberMatch),
// not as part of a longer number.
func findNumber(s string, n int) (start, end int, ok bool) {
	for _, f := range numberForms(n) {
		for off := 0; ; {
			i := strings.Index(s[off:], f)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			if i > 0 && isDigit(s[i-1]) {
				continue
			}
			j := i + len(f)
			if j < len(s) && (isDigit(s[j]) || (s[j] == ',' || s[j] == '.') && j+1 < len(s) && isDigit(s[j+1])) {
				continue
			}
			return i, j, true
		}
	}
	return 0, 0, false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// numberForms returns the ways of writing n that numberMatch looks for.
func numberForms(n int) []string {
	plain := strconv.Itoa(n)
	forms := []string{group(plain, ","), plain}
	if n >= 1000 {
		forms = append(forms, group(plain, " "), group(plain, "\u00a0"))
	}
	scaled := func(div int, words ...string) {
		if n < div || n%(div/10) != 0 {
			return
		}
		v := strconv.FormatFloat(float64(n)/float64(div), 'f', -1, 64)
		for _, w := range words {
			forms = append(forms, v+w)
		}
	}
	scaled(1_000_000_000, " billion", "bn")
	scaled(1_000_000, " million", "m")
	scaled(1000, " thousand", "k", ",000")
	return forms
}

// group writes the digits of s in groups of three separated by sep.
func group(s, sep string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// whenMatch matches a sentence that names the month of a date ("2023-08"
// or "2023-08-27"), or the date itself.
func whenMatch(when string) func(string) bool {
	months := []string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	var forms []string
	if len(when) >= 7 {
		if m, err := strconv.Atoi(when[5:7]); err == nil && m >= 1 && m <= 12 {
			forms = append(forms, months[m-1])
		}
	}
	forms = append(forms, when)
	return func(s string) bool {
		for _, f := range forms {
			if containsWord(s, f) {
				return true
			}
		}
		return false
	}
}

// containsFold reports whether s contains sub, ignoring case.
func containsFold(s, sub string) bool {
	return sub != "" && strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// containsWord reports whether s contains word, ignoring case, not as part
// of a longer word.
func containsWord(s, word string) bool {
	ls, lw := strings.ToLower(s), strings.ToLower(word)
	for off := 0; lw != ""; {
		i := strings.Index(ls[off:], lw)
		if i < 0 {
			return false
		}
		i += off
		off = i + 1
		before, _ := utf8.DecodeLastRuneInString(ls[:i])
		after, _ := utf8.DecodeRuneInString(ls[i+len(lw):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// abbreviations are words whose full stop does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sgt": true,
	"insp": true, "supt": true, "gen": true, "gov": true, "sen": true, "rep": true, "rev": true,
	"no": true, "vs": true, "etc": true, "inc": true, "jr": true, "sr": true, "co": true,
	"e.g": true, "i.e": true, "u.s": true, "u.k": true,
}

// splitSentences splits a body into sentences: paragraphs (lines) split
// after a full stop, question or exclamation mark (and any closing quote
// or bracket) followed by a space and a capital letter, digit or opening
// quote, unless the stop ends an abbreviation or an initial. Spans exclude
// surrounding spaces.
func splitSentences(body string) []extract.Span {
	var out []extract.Span
	emit := func(s, e int) {
		for s < e && body[s] == ' ' {
			s++
		}
		for e > s && (body[e-1] == ' ' || body[e-1] == '\r') {
			e--
		}
		if s < e {
			out = append(out, extract.Span{Start: s, End: e})
		}
	}
	start := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\n' {
			emit(start, i)
			start = i + 1
			continue
		}
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(body) {
			r, n := utf8.DecodeRuneInString(body[j:])
			if !strings.ContainsRune(`"')]”’»`, r) {
				break
			}
			j += n
		}
		if j >= len(body) || body[j] != ' ' {
			continue
		}
		k := j
		for k < len(body) && body[k] == ' ' {
			k++
		}
		next, _ := utf8.DecodeRuneInString(body[k:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune(`"'“‘(`, next) {
			continue
		}
		if c == '.' {
			w := lastWord(body[start:i])
			if abbreviations[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
				continue
			}
		}
		emit(start, j)
		start = k
		i = k - 1
	}
	emit(start, len(body))
	return out
}

// lastWord returns the run of letters and dots at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= n
	}
	return s[i:]
}

// qualifiers are words that hedge a figure ("more than 1,000"), longest
// first.
var qualifiers = []string{
	"as many as", "more than", "fewer than", "less than", "at least", "up to", "just over", "just under",
	"an estimated", "approximately", "potentially", "roughly", "around", "almost", "nearly", "about",
	"over", "under", "some", "all",
}

// functionWords end the words NumberPhrase takes after a number.
var functionWords = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "to": true, "from": true, "for": true, "with": true, "by": true,
	"and": true, "or": true, "but": true, "the": true, "a": true, "an": true, "were": true, "was": true, "are": true,
	"is": true, "be": true, "been": true, "had": true, "have": true, "has": true, "who": true, "which": true,
	"that": true, "whose": true, "after": true, "before": true, "as": true, "it": true, "its": true, "their": true,
	"his": true, "her": true, "may": true, "might": true, "could": true, "would": true, "will": true, "said": true,
	"says": true, "across": true, "including": true, "than": true, "into": true, "over": true, "under": true,
}

// NumberPhrase returns how a sentence writes the number n: the number as
// written, with a hedging word before it ("more than 1,000") and the
// lower-case word after it unless that is a function word ("1,000
// people"), or two when the first is a participle ("9,276 serving
// officers"). It returns "" when the sentence does not write n.
func NumberPhrase(sentence string, n int) string {
	start, end, ok := findNumber(sentence, n)
	if !ok {
		return ""
	}
	before := strings.ToLower(sentence[:start])
	for _, q := range qualifiers {
		if rest, found := strings.CutSuffix(before, q+" "); found {
			if r, _ := utf8.DecodeLastRuneInString(rest); !isWordRune(r) {
				start -= len(q) + 1
				break
			}
		}
	}
	// The following lower-case word, two after a participle: "10,000
	// staff were", "9,276 serving officers".
	for range 2 {
		rest, found := strings.CutPrefix(sentence[end:], " ")
		if !found {
			break
		}
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		if i < 0 {
			i = len(rest)
		}
		if r, _ := utf8.DecodeRuneInString(rest); i == 0 || !unicode.IsLower(r) || functionWords[rest[:i]] {
			break
		}
		end += 1 + i
		w := rest[:i]
		if i < len(rest) && rest[i] != ' ' || !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") {
			break // punctuation ends the phrase; only a participle takes a noun after it
		}
	}
	return sentence[start:end]
}
