package corpus

import (
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// ParseDate parses a date in one of the forms news pages and feeds use and
// reports whether it succeeded. It accepts RFC 3339 and ISO 8601 dates and
// times, RFC 1123 and RFC 822 (as in RSS), and written forms such as
// "August 27, 2023", "Sunday 27th August 2023 09:16 BST" or
// "Updated: August 27, 2023, 9:16 AM". A leading label ("Updated:",
// "Published on", "Last modified:") is ignored. Times without a zone are
// taken as UTC; common zone abbreviations (GMT, BST, EST, CET...) are
// understood. Ambiguous numeric forms such as 03/04/2023 are rejected.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(dateLabel.ReplaceAllString(strings.TrimSpace(s), ""))
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return fixZone(t, s), plausible(t)
		}
	}
	return parseWrittenDate(s)
}

// dateLabel matches the label news pages put before a date.
var dateLabel = relit.MustCompile(`(?i)^(?:(?:last|first)\s+)?(?:updated|published|posted|modified|date|dated)(?:\s+(?:on|at))?\s*[:\-–—|]?\s*`)

// dateLayouts are tried in order before the written-form parser.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// zoneOffsets gives the UTC offset in hours of zone abbreviations that news
// sites print. time.Parse knows an abbreviation's offset only in the
// machine's own zone, so dates are corrected with this table.
var zoneOffsets = map[string]float64{
	"UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0,
	"BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"AKST": -9, "AKDT": -8, "HST": -10, "AEST": 10, "AEDT": 11, "ACST": 9.5, "AWST": 8,
	"JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "NZST": 12, "NZDT": 13,
	"ET": -5, "PT": -8,
}

// fixZone replaces a zone abbreviation time.Parse could not resolve with its
// known offset.
func fixZone(t time.Time, s string) time.Time {
	name, off := t.Zone()
	if off != 0 || name == "" || name == "UTC" {
		return t
	}
	h, ok := zoneOffsets[name]
	if !ok || !strings.Contains(s, name) {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
		time.FixedZone(name, int(h*3600)))
}

// plausible reports whether t is a date a news article could carry.
func plausible(t time.Time) bool {
	return t.Year() >= 1800 && t.Year() <= 2200
}

var (
	monthNames = map[string]time.Month{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	}
	weekdayNames = map[string]bool{
		"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
		"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
		"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	}
	dateFillers = map[string]bool{"at": true, "on": true, "of": true, "the": true, "-": true, "–": true, "—": true, "|": true, "/": true, "•": true, "·": true, "hrs": true, "h": true}

	dayToken   = relit.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?$`)
	timeToken  = relit.MustCompile(`^(\d{1,2})(?:[:.](\d{2}))(?:[:.](\d{2}))?(am|pm)?$`)
	hourToken  = relit.MustCompile(`^(\d{1,2})(am|pm)$`)
	offToken   = relit.MustCompile(`^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$`)
	slashToken = relit.MustCompile(`^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$`)
)

// parseWrittenDate parses written forms token by token. Every token must be
// understood, so free text that merely contains a date is rejected.
func parseWrittenDate(s string) (time.Time, bool) {
	s = strings.ToLower(s)
	s = strings.NewReplacer("a.m.", "am", "p.m.", "pm", ",", " ", "(", " ", ")", " ").Replace(s)
	var (
		year, day, hour, min, sec = -1, -1, 0, 0, 0
		month                     time.Month
		meridian                  string
		loc                       = time.UTC
		haveTime                  bool
	)
	for _, tok := range strings.Fields(s) {
		tok = strings.TrimSuffix(tok, ".")
		switch {
		case tok == "":
		case weekdayNames[tok] || dateFillers[tok]:
		case monthNames[tok] != 0 && month == 0:
			month = monthNames[tok]
		case len(tok) == 4 && isDigits(tok) && year < 0:
			year, _ = strconv.Atoi(tok)
		case dayToken.MatchString(tok) && day < 0:
			day, _ = strconv.Atoi(dayToken.FindStringSubmatch(tok)[1])
		case timeToken.MatchString(tok) && !haveTime:
			m := timeToken.FindStringSubmatch(tok)
			hour, _ = strconv.Atoi(m[1])
			min, _ = strconv.Atoi(m[2])
			if m[3] != "" {
				sec, _ = strconv.Atoi(m[3])
			}
			meridian, haveTime = m[4], true
		case hourToken.MatchString(tok) && !haveTime:
			m := hourToken.FindStringSubmatch(tok)
			hour, _ = strconv.Atoi(m[1])
			meridian, haveTime = m[2], true
		case (tok == "am" || tok == "pm") && haveTime && meridian == "":
			meridian = tok
		case slashToken.MatchString(tok) && year < 0 && day < 0 && month == 0:
			y, m, d, ok := numericDate(slashToken.FindStringSubmatch(tok))
			if !ok {
				return time.Time{}, false
			}
			year, month, day = y, m, d
		case offToken.MatchString(tok):
			m := offToken.FindStringSubmatch(tok)
			h, _ := strconv.Atoi(m[2])
			mm, _ := strconv.Atoi(m[3])
			off := h*3600 + mm*60
			if m[1] == "-" {
				off = -off
			}
			loc = time.FixedZone("", off)
		case isZone(tok):
			name := strings.ToUpper(tok)
			loc = time.FixedZone(name, int(zoneOffsets[name]*3600))
		default:
			return time.Time{}, false
		}
	}
	if year < 0 || month == 0 || day < 1 {
		return time.Time{}, false
	}
	if meridian != "" && (hour < 1 || hour > 12) {
		return time.Time{}, false
	}
	switch meridian {
	case "am":
		if hour == 12 {
			hour = 0
		}
	case "pm":
		if hour < 12 {
			hour += 12
		}
	}
	if hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, hour, min, sec, 0, loc)
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false // 31 June and the like
	}
	return t, plausible(t)
}

// numericDate reads 2023-08-27, 2023/08/27 and, when unambiguous,
// 27/08/2023 or 08/27/2023.
func numericDate(m []string) (int, time.Month, int, bool) {
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	switch {
	case len(m[1]) == 4:
		return a, time.Month(b), c, b >= 1 && b <= 12
	case len(m[3]) != 4:
		return 0, 0, 0, false
	case a > 12 && b <= 12:
		return c, time.Month(b), a, b >= 1
	case b > 12 && a <= 12:
		return c, time.Month(a), b, a >= 1
	}
	return 0, 0, 0, false
}

func isZone(tok string) bool {
	_, ok := zoneOffsets[strings.ToUpper(tok)]
	return ok
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
