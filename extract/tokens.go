package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or punctuation mark with its byte offsets in the body.
type token struct {
	Span
	text string
	low  string
	word bool // letters or digits
	cap  bool // starts with an upper-case letter
	sent int  // index of the sentence (document-wide)
}

// tokenize splits body[s.Start:s.End] into tokens. Possessive "'s" is a
// token of its own; "U.K." and "co-founder" stay whole.
func tokenize(body string, s Span, sent int, out []token) []token {
	i := s.Start
	for i < s.End {
		r, n := utf8.DecodeRuneInString(body[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < s.End {
				r2, n2 := utf8.DecodeRuneInString(body[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '.' || r2 == '-' || r2 == '\'' || r2 == '’' || r2 == ',' || r2 == '&') && j+n2 < s.End {
					r3, _ := utf8.DecodeRuneInString(body[j+n2:])
					switch {
					case r2 == ',' && unicode.IsDigit(r3) && unicode.IsDigit(r): // 47,000
					case r2 == '.' && (unicode.IsUpper(r3) && isInitialism(body[i:j]) || unicode.IsDigit(r3) && unicode.IsDigit(r)):
					case r2 == '-' && (unicode.IsLetter(r3) || unicode.IsDigit(r3)):
					case (r2 == '\'' || r2 == '’') && unicode.IsLetter(r3) && !isPossessiveS(body[j+n2:s.End]):
					case r2 == '&' && unicode.IsUpper(r3) && unicode.IsUpper(r):
					default:
						goto done
					}
					j += n2
					continue
				}
				break
			}
		done:
			// keep the closing period of an initialism ("U.K.")
			if j < s.End && body[j] == '.' && strings.Contains(body[i:j], ".") {
				j++
			}
			t := token{Span: Span{i, j}, text: body[i:j], word: true, sent: sent}
			t.low = strings.ToLower(t.text)
			t.cap = unicode.IsUpper(r)
			out = append(out, t)
			i = j
		default:
			j := i + n
			if (r == '\'' || r == '’') && isPossessiveS(body[j:s.End]) {
				j++
			}
			t := token{Span: Span{i, j}, text: body[i:j], sent: sent}
			t.low = strings.ToLower(t.text)
			if t.low == "’s" {
				t.low = "'s"
			}
			out = append(out, t)
			i = j
		}
	}
	return out
}

// isPossessiveS reports whether rest starts with "s" ending a word.
func isPossessiveS(rest string) bool {
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// isInitialism reports whether w so far looks like "U" or "U.K".
func isInitialism(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}
