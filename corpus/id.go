package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// maxIDLen bounds the length of an ID made from a GUID or URL.
const maxIDLen = 64

// SafeID turns s into a token safe in file names and IRIs: letters,
// digits, '.', '_' and '-' are kept, every other run of characters becomes
// one '_', and leading or trailing '_' and '.' are dropped. A result
// longer than 64 bytes is shortened and given a hash of s, so distinct
// inputs keep distinct IDs. SafeID returns "" when nothing is left.
func SafeID(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under {
			b.WriteByte('_')
			under = true
		}
	}
	id := strings.Trim(b.String(), "_.")
	if len(id) <= maxIDLen {
		return id
	}
	cut := maxIDLen - 13
	for cut > 0 && !isRuneStart(id[cut]) {
		cut--
	}
	return strings.TrimRight(id[:cut], "_.-") + "-" + shortHash(s)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// itemID gives a feed or JSON item its ID: the item's own id or GUID when
// it has one, else a hash of its URL, else a hash of its text.
func itemID(id, url, text string) string {
	if s := SafeID(id); s != "" {
		return s
	}
	if url != "" {
		return "u" + shortHash(NormalizeURL(url))
	}
	return "t" + shortHash(normalizeText(text))
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// ContentHash returns a hex SHA-256 of text folded as Dedup compares it:
// lower case, with punctuation dropped and white space collapsed, so two
// copies of an article that differ only in those hash alike.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(normalizeText(text)))
	return hex.EncodeToString(sum[:])
}

// normalizeText folds text to lower-case words separated by single spaces.
func normalizeText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "officers’" and "officers'" fold alike; keep words whole
		default:
			space = true
		}
	}
	return b.String()
}
