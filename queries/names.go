package queries

import (
	"cmp"
	"slices"
	"strings"
)

// NameMatches reports whether want, a name as a user gives it, names one
// of names: its words, folded as merge keys fold names (case, punctuation,
// a leading "the"), stand among a name's words in order and side by side.
// "Prior", "jenny prior" and "Jenny" all name "Jenny Prior"; "Jen" and
// "Prior Jenny" do not. This is how a speaker filter (quotes --speaker,
// /api/quotes?speaker=) matches names and aliases; lib.js's nameMatches
// is the same for the Gizmo query.
func NameMatches(want string, names ...string) bool {
	w := nameWords(want)
	if len(w) == 0 {
		return false
	}
	for _, n := range names {
		if wordsIn(w, nameWords(n)) {
			return true
		}
	}
	return false
}

// nameWords is a name's folded words.
func nameWords(s string) []string {
	k := nameKey(s)
	if k == "" {
		return nil
	}
	return strings.Split(k, " ")
}

// wordsIn reports whether the words w stand side by side, in order, in n.
func wordsIn(w, n []string) bool {
	for i := 0; i+len(w) <= len(n); i++ {
		if slices.Equal(w, n[i:i+len(w)]) {
			return true
		}
	}
	return false
}

// CloseNames returns up to limit of names that want nearly names, nearest
// first: a name with a word want's word is the start of ("Pri" for
// "Prior"), or whose words are within a few letters of want's ("Pryor",
// "Jenny Prier"). It is what "did you mean" suggests for a speaker that
// names no one.
func CloseNames(want string, names []string, limit int) []string {
	w := nameWords(want)
	if len(w) == 0 {
		return nil
	}
	type near struct {
		name string
		dist int
	}
	var out []near
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		if d, ok := nameDistance(w, nameWords(n)); ok {
			out = append(out, near{n, d})
		}
	}
	slices.SortFunc(out, func(a, b near) int { return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(a.name, b.name)) })
	var names2 []string
	for _, n := range out[:min(len(out), limit)] {
		names2 = append(names2, n.name)
	}
	return names2
}

// nameDistance is how far the words w are from the nearest run of as many
// words in n, in letters changed, and whether that is near enough to
// suggest: each word of three letters or more a letter apart, or one in
// four (a word may also be the start of n's word, at the distance of the
// letters it lacks, halved, as may a word of two beside others: "Jane
// Do"); a shorter word only the same.
func nameDistance(w, n []string) (int, bool) {
	best, found := 0, false
	for i := 0; i+len(w) <= len(n); i++ {
		total, ok := 0, true
		for j, a := range w {
			b := n[i+j]
			d := letterDistance(a, b)
			prefix := (len(a) >= 3 || len(a) == 2 && len(w) > 1) && strings.HasPrefix(b, a)
			if prefix {
				d = min(d, (len(b)-len(a)+1)/2)
			} else if len(a) < 3 || d > max(1, len(a)/4) {
				ok = false
				break
			}
			total += d
		}
		if ok && (!found || total < best) {
			best, found = total, true
		}
	}
	return best, found
}

// letterDistance is the Levenshtein distance between a and b, in runes.
func letterDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// NameIndex finds the ids of the things whose names a user's words name,
// as NameMatches does, without folding every name at each look-up. The
// zero value is empty and ready to use.
type NameIndex struct {
	names  [][]string     // each name's folded words
	ids    [][]string     // the ids having names[i]
	byKey  map[string]int // a name's folded words, joined -> its index
	byWord map[string][]int
}

// Add records that the thing id has the name (or alias) name.
func (x *NameIndex) Add(name, id string) {
	w := nameWords(name)
	if len(w) == 0 {
		return
	}
	if x.byKey == nil {
		x.byKey, x.byWord = map[string]int{}, map[string][]int{}
	}
	k := strings.Join(w, " ")
	i, ok := x.byKey[k]
	if !ok {
		i = len(x.names)
		x.byKey[k] = i
		x.names = append(x.names, w)
		x.ids = append(x.ids, nil)
		for j, word := range w {
			if !slices.Contains(w[:j], word) {
				x.byWord[word] = append(x.byWord[word], i)
			}
		}
	}
	if !slices.Contains(x.ids[i], id) {
		x.ids[i] = append(x.ids[i], id)
	}
}

// Lookup returns the ids of the things having a name want names, sorted.
func (x *NameIndex) Lookup(want string) []string {
	w := nameWords(want)
	if len(w) == 0 {
		return nil
	}
	var out []string
	for _, i := range x.byWord[w[0]] {
		if wordsIn(w, x.names[i]) {
			out = append(out, x.ids[i]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
