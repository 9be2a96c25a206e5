package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ent is an entity found in one article.
type ent struct {
	key     string
	name    string
	typ     EntityType
	kind    string
	aliases map[string]bool
	roles   []Role
	client  int // for an unnamed supplier: the client's index, else -1
	first   int // offset of the first mention
	spans   []Span
}

// mentionKind says how an entity was mentioned.
type mentionKind int

const (
	byName mentionKind = iota
	byPronoun
	byDescription
)

// mention is one place an entity is referred to.
type mention struct {
	Span
	ent     int // entity index, -1 while unresolved
	how     mentionKind
	word    string // pronoun or description head ("he", "force")
	inQuote bool
	title   string // a title standing before a person's name
}

// stopCaps are capitalised words that start sentences or headlines but
// never start a name.
var stopCaps = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "after": true, "before": true,
	"while": true, "when": true, "as": true, "but": true, "and": true, "also": true, "however": true,
	"since": true, "earlier": true, "last": true, "this": true, "that": true, "these": true, "those": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "your": true, "my": true,
	"yesterday": true, "today": true, "if": true, "it": true, "he": true, "she": true, "they": true,
	"we": true, "i": true, "you": true, "there": true, "here": true, "what": true, "who": true, "why": true,
	"how": true, "where": true, "some": true, "many": true, "all": true, "one": true, "two": true,
	"according": true, "further": true, "additional": true, "meanwhile": true, "days": true, "weeks": true,
	"months": true, "for": true, "from": true, "with": true, "by": true, "of": true, "to": true, "not": true,
	"no": true, "just": true, "so": true, "then": true, "than": true, "more": true, "most": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "former": true, "ex": true, "officers": true, "police": false, "colleagues": true,
	"extremists": true, "read": true, "see": true, "share": true, "sign": true, "follow": true,
	"don't": true, "don’t": true, "updated": true, "published": true, "source": true, "photo": true,
	"image": true, "video": true, "watch": true, "listen": true, "related": true, "advertisement": true,
	"powered": true, "scotland": false, "under": true, "over": true, "within": true, "without": true,
	"despite": true, "amid": true, "following": true, "until": true, "because": true, "although": true,
	"each": true, "every": true, "both": true, "either": true, "neither": true, "such": true, "other": true,
	"another": true, "any": true, "several": true, "few": true, "much": true, "only": true, "even": true,
	"still": true, "yet": true, "now": true, "later": true, "again": true, "once": true, "mr": false,
}

// nameParticles stand inside people's names ("Ursula von der Leyen").
var nameParticles = setOf(`von van der den de da di du del della bin al ibn ter ten le la`)

// nameConnectors may stand inside organisation names.
var nameConnectors = map[string]bool{"of": true, "and": true, "&": true, "for": true, "'s": true, "on": true, "de": true}

// orgIndex finds organisations by their names and aliases.
type orgIndex struct {
	byName map[string]int // normalised name or alias -> knownOrgs index
}

func newOrgIndex() *orgIndex {
	ix := &orgIndex{byName: map[string]int{}}
	for i, o := range knownOrgs {
		ix.byName[normName(o.name)] = i
		for _, a := range o.aliases {
			ix.byName[normName(a)] = i
		}
	}
	return ix
}

// needsArticle lists gazetteer aliases that are ordinary English words when
// they stand alone; they name a newspaper only after "the".
var needsArticle = map[string]bool{
	"sun": true, "times": true, "guardian": true, "telegraph": true, "mail": true, "express": true,
	"mirror": true, "independent": true, "record": true, "sky": true, "wired": true, "post": true,
}

// normReplacer straightens curly apostrophes and drops full stops.
var normReplacer = strings.NewReplacer("’", "'", "‘", "'", ".", "")

// normName folds a name for comparison: lower case, curly apostrophes
// straightened, possessive "'s" kept as "s", full stops dropped ("U.K." is
// "uk"), and the words (runs of letters, digits and "&") joined by single
// spaces.
func normName(s string) string {
	s = normReplacer.Replace(strings.ToLower(s) + " ")
	s = strings.ReplaceAll(s, "'s ", "s ")
	var b strings.Builder
	b.Grow(len(s))
	inWord := false
	for _, r := range s {
		if r == '&' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			inWord = true
		} else {
			inWord = false
		}
	}
	return b.String()
}

// slug makes a key fragment from a name.
func slug(s string) string {
	return strings.ReplaceAll(normName(s), " ", "-")
}

// policeCore strips police-force words from a name so that "Norfolk and
// Suffolk Police", "Norfolk and Suffolk constabularies" and "the
// constabularies of Norfolk and Suffolk" compare equal.
func policeCore(name string) (string, bool) {
	n := normName(name)
	words := strings.Fields(n)
	if len(words) == 0 {
		return "", false
	}
	for _, prefix := range []string{"constabularies of ", "constabulary of ", "police force of ", "police service of "} {
		if strings.HasPrefix(n, prefix) {
			return strings.TrimPrefix(n, prefix), true
		}
	}
	for _, suffix := range []string{" police service", " police force", " police department", " police", " constabulary", " constabularies"} {
		if strings.HasSuffix(n, suffix) {
			return strings.TrimSuffix(n, suffix), true
		}
	}
	return "", false
}

// isWordChar reports whether r continues a word.
func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// atWordBoundary reports whether body[s:e] stands as whole words.
func atWordBoundary(body string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(body[:s])
		if isWordChar(r) {
			return false
		}
	}
	if e < len(body) {
		r, _ := utf8.DecodeRuneInString(body[e:])
		if isWordChar(r) {
			return false
		}
	}
	return true
}
