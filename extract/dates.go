package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// dateRe finds a date a breach sentence gives: "September 2017", "March
// 3, 2018", "3 March 2018", "Dec. 17", "in 2016". Groups: 1 day before
// the month, 2 month, 3 day after it, 4 its year, 5 a year alone (after
// "in", "since", "during", ...).
var dateRe = relit.MustCompile(`\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b,?)?(?:,?\s+((?:19|20)\d\d)\b)?|\b(?:in|since|during|of|from|between|early|late|mid-|until|throughout)\s+((?:19|20)\d\d)\b`)

// monthAfterRe ends the words before a month that "May" alone may name:
// "in May", "since May", "between May and June".
var monthAfterRe = relit.MustCompile(`(?i)\b(?:in|since|until|till|early|late|mid|between|from|through|during|last|of|before|after|by)[\s-]+$`)

// lastYearRe and thisYearRe start the words after a month that give its
// year: "Dec. 29 last year", "in March of this year".
var (
	lastYearRe = relit.MustCompile(`(?i)^,?\s+(?:of\s+)?last\s+year\b`)
	thisYearRe = relit.MustCompile(`(?i)^,?\s+(?:of\s+)?this\s+year\b`)
)

// discoveredRe and disclosedRe are the verbs that make a date that of the
// breach's discovery or of its disclosure, when they stand shortly before it.
var (
	discoveredRe = relit.MustCompile(`(?i)\b(?:discovered|detected|noticed|identified|spotted|learned|learnt|found|became aware|uncovered)\b`)
	disclosedRe  = relit.MustCompile(`(?i)\b(?:disclosed|announced|revealed|notified|reported|confirmed|made public|went public|informed|alerted|told|published|began notifying|started notifying)\b`)
)

// breachDate is a date read from a breach sentence and what it dates.
type breachDate struct {
	when string // "2017", "2017-09" or "2017-09-03"
	what string // "" for the incident, "discovered", "disclosed"
}

// monthNumber maps a month name or its abbreviation to 1–12, 0 when none.
func monthNumber(m string) int {
	m = lowerKeep(strings.TrimSuffix(m, "."))
	for i, name := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(m, name) {
			return i + 1
		}
	}
	return 0
}

// datesIn reads the dates of sentence text. A month without a year takes
// the latest year that does not put it after published; dates after
// published are dropped.
func datesIn(text string, published time.Time) []breachDate {
	var out []breachDate
	for _, m := range dateRe.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		var when string
		var t time.Time
		switch {
		case g(5) != "":
			y, _ := strconv.Atoi(g(5))
			when, t = g(5), time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		default:
			mon := monthNumber(g(2))
			if mon == 0 || g(2) == "May" && g(1) == "" && g(3) == "" && g(4) == "" && !monthAfterRe.MatchString(text[:m[0]]) {
				continue // "may" as a verb is lower case, but "May" alone is too often a name
			}
			day := g(1)
			if day == "" {
				day = g(3)
			}
			y := 0
			if g(4) != "" {
				y, _ = strconv.Atoi(g(4))
			} else if !published.IsZero() {
				y = published.Year()
				switch rest := text[m[1]:]; {
				case lastYearRe.MatchString(rest): // "between Sept. 29 and Dec. 29 last year"
					y--
				case thisYearRe.MatchString(rest):
				case time.Date(y, time.Month(mon), 1, 0, 0, 0, 0, time.UTC).After(published):
					y--
				}
			}
			if y == 0 {
				continue
			}
			when = strconv.Itoa(y) + "-" + twoDigits(mon)
			t = time.Date(y, time.Month(mon), 1, 0, 0, 0, 0, time.UTC)
			if d, err := strconv.Atoi(day); err == nil && d >= 1 && d <= 31 {
				when += "-" + twoDigits(d)
			}
		}
		if !published.IsZero() && t.After(published) {
			continue
		}
		what := ""
		before := text[max(0, m[0]-70):m[0]]
		if i := lastIndexRe(discoveredRe, before); i >= 0 && i >= lastIndexRe(disclosedRe, before) {
			what = "discovered"
		} else if lastIndexRe(disclosedRe, before) >= 0 {
			what = "disclosed"
		}
		out = append(out, breachDate{when: when, what: what})
	}
	return out
}

// lastIndexRe returns where the last match of re in s starts, -1 when none.
func lastIndexRe(re *relit.Regexp, s string) int {
	last := -1
	for _, m := range re.FindAllStringIndex(s, -1) {
		last = m[0]
	}
	return last
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// passageWeight scales the belief in a date read from a sentence beside a
// breach's evidence; dateBeliefMargin is how much likelier to tell of the
// breach a later sentence must be for its date to replace an earlier one.
const (
	passageWeight    = 0.8
	dateBeliefMargin = 0.25
)
