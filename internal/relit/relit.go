// Package relit is regular expressions with a literal prefilter: from
// the parsed pattern it works out a set of strings of which every match
// contains at least one, and answers text holding none of them without
// running the regexp. Most sentences and lines hold none of a rule's
// words ("referred", "notified", "ransomware", "sign up"), so most rule
// checks cost a few substring searches instead of a backtracking match.
//
// Literals and text are compared case-folded (see foldRune), so the
// prefilter is exact for (?i) patterns too. It never changes a result:
// the tests compare every compiled pattern with its plain regexp on the
// project's articles and fuzzed text.
package relit

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Regexp is a compiled regexp with its literal prefilter. Its methods
// answer as regexp.Regexp's do; those not listed here are regexp's own,
// without the prefilter.
type Regexp struct {
	*regexp.Regexp
	lits []string // folded; nil: no prefilter
	// lines: no match holds a newline or depends on where the text starts
	// or ends, so the matches in a text are those in its lines.
	lines bool
}

var (
	mu       sync.Mutex
	compiled []*Regexp
)

// MustCompile compiles pattern with its literal prefilter, panicking, as
// regexp.MustCompile does, on a bad pattern.
func MustCompile(pattern string) *Regexp {
	g := &Regexp{Regexp: regexp.MustCompile(pattern)}
	if re, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		if re = re.Simplify(); !anchored(re) {
			if lits, ok := required(re); ok {
				g.lits = minimal(lits)
				g.lines = withinLines(re)
			}
		}
	}
	mu.Lock()
	compiled = append(compiled, g)
	mu.Unlock()
	return g
}

// anchored reports whether re can match only at the start of the text: the
// regexp then tries one position and fails fast, faster than a search for
// the literals would.
func anchored(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText:
		return true
	case syntax.OpConcat:
		return len(re.Sub) > 0 && anchored(re.Sub[0])
	case syntax.OpCapture:
		return anchored(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !anchored(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// Compiled returns every Regexp MustCompile has made in this process, for
// tests that check them against their plain regexps.
func Compiled() []*Regexp {
	mu.Lock()
	defer mu.Unlock()
	return append([]*Regexp(nil), compiled...)
}

// Literals returns the folded strings of which every match holds one (nil
// when the pattern has none: every text is matched by the regexp).
func (g *Regexp) Literals() []string { return g.lits }

// May reports whether text can match: it holds one of the literals.
func (g *Regexp) May(text string) bool {
	if g.lits == nil {
		return true
	}
	f := foldString(text)
	for _, l := range g.lits {
		if strings.Contains(f, l) {
			return true
		}
	}
	return false
}

func (g *Regexp) MatchString(s string) bool {
	return g.May(s) && g.Regexp.MatchString(s)
}

func (g *Regexp) Match(b []byte) bool {
	return g.May(string(b)) && g.Regexp.Match(b)
}

func (g *Regexp) FindString(s string) string {
	if !g.May(s) {
		return ""
	}
	return g.Regexp.FindString(s)
}

func (g *Regexp) FindStringIndex(s string) []int {
	if !g.May(s) {
		return nil
	}
	return g.Regexp.FindStringIndex(s)
}

func (g *Regexp) FindStringSubmatch(s string) []string {
	if !g.May(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatch(s)
}

func (g *Regexp) FindStringSubmatchIndex(s string) []int {
	if !g.May(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatchIndex(s)
}

func (g *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return g.findAll(s, n, g.Regexp.FindAllStringIndex)
}

func (g *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return g.findAll(s, n, g.Regexp.FindAllStringSubmatchIndex)
}

// findAll runs find (a FindAll...Index method) on s or, when s has
// several lines and no match can span two, on just the lines that hold
// a literal, with the offsets moved to s's: a whole article is searched
// at the speed of its few lines that name the words.
func (g *Regexp) findAll(s string, n int, find func(string, int) [][]int) [][]int {
	if !g.lines || n >= 0 || !strings.Contains(s, "\n") {
		if !g.May(s) {
			return nil
		}
		return find(s, n)
	}
	var out [][]int
	for at := 0; at < len(s); {
		end := strings.IndexByte(s[at:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += at
		}
		if line := s[at:end]; g.May(line) {
			for _, m := range find(line, -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += at
					}
				}
				out = append(out, m)
			}
		}
		at = end + 1
	}
	return out
}

// withinLines reports whether no match of re can hold a newline or test
// the start or end of the text (^ and $ without (?m), \A, \z): then a
// text's matches are its lines' matches. A word boundary at a line's end
// sees the newline as the text's end: neither is a word character.
func withinLines(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return !slices.Contains(re.Rune, '\n')
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return false
			}
		}
		return true
	case syntax.OpAnyChar, syntax.OpBeginText, syntax.OpEndText:
		return false
	}
	for _, sub := range re.Sub {
		if !withinLines(sub) {
			return false
		}
	}
	return true
}

func (g *Regexp) ReplaceAllString(src, repl string) string {
	if !g.May(src) {
		return src
	}
	return g.Regexp.ReplaceAllString(src, repl)
}

// foldRune maps r to one representative of its case-folding orbit (the
// runes (?i) treats as equal): the lower case of the orbit's smallest rune.
// "K", "k" and the Kelvin sign all map to "k"; "S", "s" and "ſ" to "s".
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return unicode.ToLower(min)
}

// foldString folds every rune of s (bytes of invalid UTF-8 are kept).
// Folding is rune by rune, so if s contains t, foldString(s) contains
// foldString(t).
func foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(foldRune(r))
		}
		i += n
	}
	return b.String()
}

// maxLits bounds the literal sets worked out; a larger one is given up.
const maxLits = 64

// exact returns the whole set of strings re can match, folded, when that
// set is small: literals, small character classes, optional parts,
// alternations and concatenations of those. Zero-width assertions match
// the empty string.
func exact(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{foldString(string(re.Rune))}, true
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > maxLits {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, string(foldRune(r)))
			}
			if len(set) > maxLits {
				return nil, false
			}
		}
		return dedupe(set), len(set) > 0
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		set, ok := exact(re.Sub[0])
		if !ok {
			return nil, false
		}
		return dedupe(append(set, "")), true
	case syntax.OpAlternate:
		var set []string
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			set = append(set, s...)
			if len(set) > maxLits {
				return nil, false
			}
		}
		return dedupe(set), true
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			s, ok := exact(sub)
			if !ok {
				return nil, false
			}
			if set = cross(set, s); set == nil {
				return nil, false
			}
		}
		return set, true
	}
	return nil, false
}

// cross returns every a+b, or nil when there would be more than maxLits.
func cross(as, bs []string) []string {
	if len(as)*len(bs) > maxLits {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return dedupe(out)
}

// required returns a set of folded strings of which every match of re
// contains one, or false when it finds none (a match may be anything).
func required(re *syntax.Regexp) ([]string, bool) {
	if set, ok := exact(re); ok && usable(set) {
		return set, true
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpAlternate:
		var set []string
		for _, sub := range re.Sub {
			s, ok := required(sub)
			if !ok {
				return nil, false
			}
			set = append(set, s...)
		}
		return dedupe(set), true
	case syntax.OpConcat:
		// every match holds a match of each part; a run of parts with
		// small exact sets holds one of their concatenations
		var best []string
		consider := func(set []string) {
			if usable(set) && (best == nil || better(set, best)) {
				best = set
			}
		}
		run := []string{""}
		for _, sub := range re.Sub {
			if s, ok := exact(sub); ok {
				if run = cross(run, s); run == nil {
					run = s
				}
				consider(run)
				continue
			}
			run = []string{""}
			if s, ok := required(sub); ok {
				consider(s)
			}
		}
		return best, best != nil
	}
	return nil, false
}

// usable reports whether set can serve as a prefilter: no empty string.
func usable(set []string) bool {
	if len(set) == 0 {
		return false
	}
	for _, s := range set {
		if s == "" {
			return false
		}
	}
	return true
}

// better prefers the set whose shortest string is longer, then the
// smaller set.
func better(a, b []string) bool {
	la, lb := shortest(a), shortest(b)
	if la != lb {
		return la > lb
	}
	return len(a) < len(b)
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// minimal drops the strings that contain another of the set: text holding
// "data breach" holds "breach".
func minimal(set []string) []string {
	var out []string
	for i, s := range set {
		covered := false
		for j, t := range set {
			if j != i && strings.Contains(s, t) && (s != t || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, s)
		}
	}
	return out
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(set []string) []string {
	seen := make(map[string]bool, len(set))
	out := set[:0:0]
	for _, s := range set {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
