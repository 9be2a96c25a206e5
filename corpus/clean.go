package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// Clean removes page boilerplate from article text and returns the text as
// paragraphs separated by a single "\n", with no blank lines and no
// leading or trailing white space on any line.
//
// It works line by line on general news conventions: "READ MORE:", "See
// Also:" and "Related:" link lines; "Don't miss" and "Most read" headers
// with the list of headline links that follows them; newsletter sign-up,
// cookie and consent notices; "Source: Read Full Article"; notes on
// automated translation; "Follow us on ..." and "Share this article";
// image captions that end with a photo credit ("... PA Wire",
// "Photo: Getty Images"); copyright lines; and "Updated: <date>" or
// "Published: <date>" lines (readers move those dates to
// Article.Published before cleaning). Lines of hard-wrapped text are joined
// into paragraphs. Clean is pure and safe on any input, and idempotent:
// cleaning its output again changes nothing.
func Clean(text string) string {
	// Joining wrapped lines can make a paragraph that is itself boilerplate
	// ("We use your sign-up" + "to send you newsletters"), and dropping a
	// line can put a list header next to its items: clean again until
	// nothing changes. Only the first pass joins lines (its output has no
	// blank lines), so every later pass only drops lines and the loop ends.
	out := cleanOnce(text)
	for {
		again := cleanOnce(out)
		if again == out {
			return out
		}
		out = again
	}
}

// cleanOnce is one pass of Clean.
func cleanOnce(text string) string {
	lines := splitLines(normalizeSpace(text))
	kept := make([]string, 0, len(lines)) // "" marks a paragraph break
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case line == "":
			kept = append(kept, "")
		case isListHeader(line):
			for i+1 < len(lines) && lines[i+1] != "" && isListItem(lines[i+1]) {
				i++
			}
		case IsBoilerplate(line):
		default:
			kept = append(kept, line)
		}
	}
	return strings.Join(joinWrapped(kept), "\n")
}

// IsBoilerplate reports whether one line of text (without its line break)
// is page furniture rather than article text, by the rules of Clean.
func IsBoilerplate(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	n := utf8.RuneCountInString(line)
	key := lineKey(line)
	switch {
	case key == "" && n > 0: // only punctuation and symbols: "***", "• • •"
		return true
	case standaloneBoilerplate[key]:
		return true
	case linkLabel.MatchString(line), upperLinkLabel.MatchString(line):
		return true
	case n <= 400 && isNotice(line):
		return true
	case n <= 400 && isCaption(line):
		return true
	case n <= 120 && isDateLine(line):
		return true
	}
	return false
}

// standaloneBoilerplate holds whole lines (as lineKey gives them) that are
// buttons, labels or notices.
var standaloneBoilerplate = setOf(
	"advertisement", "advert", "sponsored", "sponsored content", "story continues below advertisement",
	"skip advertisement", "article continues below", "continue reading", "continue reading below",
	"read more", "read full article", "read the full article", "read full story", "read the full story",
	"share", "share this", "share this article", "share this story", "share article", "share on facebook",
	"share on twitter", "share on whatsapp", "share via email", "tweet", "email", "print", "copy link",
	"link copied", "comments", "view comments", "show comments", "facebook", "twitter", "whatsapp",
	"linkedin", "reddit", "pinterest", "more info", "listen to this article", "sign up", "subscribe",
	"log in", "login", "register", "close", "menu", "loading", "back to top", "show more", "hide caption",
	"toggle caption", "enlarge this image", "image", "photo", "video", "gallery", "expand",
	"powered by automated translation", "automated translation", "all rights reserved",
	"source read full article", "follow us",
)

var (
	// linkLabel matches "READ MORE: headline" and similar link lines.
	linkLabel = relit.MustCompile(`(?i)^(?:read more|read next|read also|also read|see also|related|related articles?|related stories|related content|related reading|related coverage|more on this(?: story)?|recommended(?: reading| for you)?|you may also like|most read|top stories|editor'?s picks?|click here)\s*[:|>»–—-]\s*\S`)
	// upperLinkLabel matches shouted labels that in mixed case could start
	// a sentence ("WATCH: ...", "PICTURED: ...").
	upperLinkLabel = relit.MustCompile(`^(?:WATCH|VIDEO|LISTEN|PICTURED|MORE|READ|REVEALED|PICS|PHOTOS)\s*[:|>»–—-]\s*\S`)
	// noticeStart matches notices by how they begin: sign-up,
	// newsletter, consent, translation, follow, share and copyright lines.
	noticeStart = relit.MustCompile(`(?i)^(?:` + strings.Join([]string{
		`sign up (?:to|for|now|today|here)\b`,
		`subscribe (?:to|for|now|today|here)\b`,
		`by (?:signing up|subscribing|clicking|entering your)`,
		`(?:invalid|enter your) e-?mail`,
		`thank you for (?:subscribing|signing up)`,
		`something went wrong,? please try again`,
		`we (?:and our partners )?(?:use|value) (?:cookies|your privacy)`,
		`manage (?:your )?(?:consent|privacy|preferences)`,
		`(?:this|the) (?:article|story|text) (?:was|has been|is) (?:automatically |machine[- ])?translated`,
		`source\s*:\s*read (?:the )?full (?:article|story)`,
		`follow (?:us|@?[\w.]+(?: [\w.]+){0,4}) on (?:twitter|x|facebook|instagram|tiktok|linkedin|threads|bluesky|youtube|telegram|whatsapp|google news)\b`,
		`(?:like|find|join) us on (?:facebook|instagram|twitter|x|telegram|whatsapp)\b`,
		`share (?:this|on|via|the) [\w ]{0,40}$`,
		`click here\b.{0,80}$`,
		`(?:©|\(c\)|copyright\b)`,
		`(?:filed under|posted in|tagged(?: with)?|tags|topics|categories)\s*:`,
	}, "|") + `)`)
	// signUpTo matches "sign up to our ..." anywhere in a line.
	signUpTo = relit.MustCompile(`(?i)\bsign up to (?:our|the|receive|get)\b`)
	// listHeader matches a header above a list of headline links.
	listHeader = relit.MustCompile(`^(?:don'?t miss|must read|most read|most popular|popular|trending|trending now|more stories|more news|top stories|latest|latest news|latest stories|you may also like|you might also like|recommended|recommended for you|related|related articles|related stories|related content|more on this story|read more|read next|also read|what'?s hot|editor'?s picks?|in other news|more from [\w ]{1,30})$`)
	// credit names photo agencies and sources of image credits.
	credit = `(?:PA Wire|PA Media|PA Images|PA|Getty Images(?:/iStockphoto)?|Getty|AFP(?: via Getty Images)?|AFP/Getty Images|Reuters|AP Photo|AP|Associated Press|EPA(?:-EFE)?|Shutterstock|Alamy(?: Stock Photo)?|Bloomberg(?: via Getty Images)?|iStock(?:photo)?|Rex Features|REX|SWNS|Handout|Supplied)`
	// creditOnly matches a line that is only a photo credit.
	creditOnly = relit.MustCompile(`^(?:` + credit + `)(?:\s*/\s*` + credit + `)*\W*$`)
	// creditTail matches a caption whose last fragment is a credit.
	creditTail = relit.MustCompile(`(?:[.!?"'”’)]\s+|[/|©]\s*|\s(?:via|for)\s)` + credit + `\.?\s*$`)
	// creditLabelStart matches lines opening with "Photo:", "Credit:"...
	creditLabelStart = relit.MustCompile(`(?i)^(?:photo|photograph|picture|image|pic|credit|caption)s?(?: credit)?\s*:`)
	// creditLabelEnd matches captions closing with "(Image: X)" or
	// ". Photo: X".
	creditLabelEnd = relit.MustCompile(`(?i)(?:\(\s*(?:photo|photograph|picture|image|pic|credit)s?\s*:[^)]*\)\s*$|[.!?]\s+(?:photo|photograph|picture|image|pic)(?: credit)?\s*:\s*[^.]{1,80}$)`)
	// relativeDate matches "3 hours ago".
	relativeDate = relit.MustCompile(`(?i)^\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$`)
	// dateLine matches a labelled date line; the rest must parse as a date.
	dateLine = relit.MustCompile(`(?i)^(?:(?:last|first)\s+)?(?:updated|published|posted|modified)(?:\s+(?:on|at))?\s*[:\-–—|]?\s*(.+)$`)
)

// isNotice reports sign-up, newsletter, cookie, consent, translation,
// follow, share and copyright notices.
func isNotice(line string) bool {
	if noticeStart.MatchString(line) {
		return true
	}
	l := strings.ToLower(line)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(l, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("we use your sign-up", "we use your signup", "we use your sign up", "you can unsubscribe at any time",
		"powered by automated translation", "all rights reserved"):
		return true
	case has("newsletter") && has("sign up", "sign-up", "signup", "subscribe", "inbox", "email address", "e-mail address"):
		return true
	case has("cookie") && has("accept", "consent", "policy", "settings", "preferences", "manage", "we use", "this site uses", "this website uses"):
		return true
	case has("sign up to") && signUpTo.MatchString(line):
		return true
	}
	return false
}

// isCaption reports an image caption or credit line. The patterns that
// look at the end of a line run on its last bytes only.
func isCaption(line string) bool {
	if creditOnly.MatchString(line) || creditTail.MatchString(tail(line, 48)) {
		return true
	}
	if !strings.Contains(line, ":") {
		return false
	}
	return creditLabelStart.MatchString(line) || creditLabelEnd.MatchString(tail(line, 160))
}

// tail returns about the last n bytes of s, starting on a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// isDateLine reports whether line is a labelled date such as
// "Updated: August 27, 2023, 9:16 AM".
func isDateLine(line string) bool {
	m := dateLine.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	if relativeDate.MatchString(strings.TrimSpace(m[1])) {
		return true
	}
	_, ok := ParseDate(line)
	return ok
}

// isListHeader reports whether line heads a list of headline links.
func isListHeader(line string) bool {
	if utf8.RuneCountInString(line) > 40 {
		return false
	}
	return listHeader.MatchString(lineKey(line))
}

// isListItem reports whether line looks like a headline link under a list
// header: short, and not ending a sentence.
func isListItem(line string) bool {
	if utf8.RuneCountInString(line) > 200 {
		return false
	}
	line = strings.TrimSpace(line)
	if strings.HasSuffix(line, "]") { // "Headline[UK]" section tags
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".:;,", last)
}

// lineKey folds a line for matching: lower case, straight apostrophes, and
// punctuation other than apostrophes reduced to single spaces.
func lineKey(line string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(line) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			b.WriteByte('\'')
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// normalizeSpace unifies line breaks, turns tabs and no-break spaces into
// spaces, drops zero-width and control characters and invalid UTF-8.
func normalizeSpace(s string) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\n':
			b.WriteByte('\n')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitLines splits s into lines with inner runs of spaces collapsed and
// ends trimmed; blank lines become "".
func splitLines(s string) []string {
	raw := strings.Split(s, "\n")
	out := make([]string, len(raw))
	for i, l := range raw {
		out[i] = strings.Join(strings.Fields(l), " ")
	}
	return out
}

// joinWrapped turns lines with "" paragraph breaks into paragraphs. When the
// text looks hard-wrapped (blank lines between blocks, most lines inside
// multi-line blocks, and no long lines), the lines of each block are joined
// with spaces; otherwise every line is a paragraph.
func joinWrapped(lines []string) []string {
	var (
		nonBlank, inBlocks, maxLen, run int
		blank                           bool
	)
	flush := func() {
		if run > 1 {
			inBlocks += run
		}
		run = 0
	}
	for _, l := range lines {
		if l == "" {
			blank = nonBlank > 0
			flush()
			continue
		}
		nonBlank++
		run++
		maxLen = max(maxLen, utf8.RuneCountInString(l))
	}
	flush()
	wrapped := blank && maxLen <= 100 && inBlocks*2 >= nonBlank && nonBlank > 2
	out := make([]string, 0, nonBlank)
	var para []string // lines of the paragraph being joined
	end := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for _, l := range lines {
		switch {
		case l == "":
			end()
		case wrapped && len(para) > 0 && !startsBullet(l):
			para = append(para, l)
		default:
			end()
			para = append(para, l)
		}
	}
	end()
	return out
}

// startsBullet reports whether a line starts with a list marker.
func startsBullet(l string) bool {
	return bulletLine.MatchString(l)
}

var bulletLine = relit.MustCompile(`^(?:[-*•·▪‣◦]|\d{1,2}[.)])\s`)

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
