package extract

import "github.com/newsgraph/newsgraph/internal/relit"

var (
	// tookWithRe ends the words before a count that was taken, not held:
	// "hackers made off with 6 million accounts", "got away with".
	tookWithRe = relit.MustCompile(`(?i)\b(?:off|away|escaped|fled|left)\s+with\s+(?:the\s+|some\s+|more than\s+|over\s+|around\s+|about\s+|almost\s+|nearly\s+)*$`)
	// coordNumRe starts the words after a number joined to another number
	// that counts the same thing: "and 58 million", "to 1.1 million", "or 2,000".
	coordNumRe = relit.MustCompile(`(?i)^(?:and|or|to|and up to|and as many as)\s+(?:more than\s+|over\s+|about\s+|nearly\s+|almost\s+|some\s+|around\s+)?\d`)
)

// yearLike reports whether a number written in digits reads as a year
// ("2010"), not a count ("2,010").
func yearLike(num string) bool {
	return len(num) == 4 && (num[:2] == "19" || num[:2] == "20") && isDigits(num)
}
