package graph

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/extract"
)

// NormalizeName folds a name for comparison: lower case, typographic
// apostrophes made plain, punctuation dropped, spaces collapsed and a
// leading "the" removed, so "The Met’s" and "met's" compare equal.
func NormalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '’' || r == '‘' || r == '`' || r == '\'':
			b.WriteRune('\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = strings.Trim(w, "'")
	}
	out := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	return strings.TrimPrefix(out, "the ")
}

// NameKeys returns the index keys under which an entity can be merged with
// others: its type followed by each normalised name and alias. A person's
// single-word names (a bare surname) are left out, because they would merge
// different people who share it.
func NameKeys(e extract.Entity) []string {
	return nameKeys(e, false)
}

// mergeKeys are the name keys that identify an entity across articles:
// NameKeys without aliases written all in lower case. Those are
// descriptions ("the supplier", "the contractor", "third party company")
// that name different bodies in different articles; the entity keeps them
// as aliases and NameKeys, but they never merge it with another.
func mergeKeys(e extract.Entity) []string {
	return nameKeys(e, true)
}

func nameKeys(e extract.Entity, namesOnly bool) []string {
	seen := map[string]bool{}
	var keys []string
	for i, n := range append([]string{e.Name}, e.Aliases...) {
		if namesOnly && i > 0 && !hasUpper(n) {
			continue
		}
		nn := NormalizeName(n)
		if nn == "" || (e.Type == extract.Person && !strings.Contains(nn, " ")) {
			continue
		}
		k := string(e.Type) + ":" + nn
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// hasUpper reports whether s holds an upper-case letter.
func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
