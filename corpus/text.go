package corpus

import (
	"cmp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// parseText reads a plain-text article. The first line is the title when
// it looks like a headline; a leading block of "- " bullet lines is taken
// as headline and sub-headings; a "By Name" line near the top gives the
// author; a "Published: <date>" or "Updated: <date>" line at the start or
// end gives Published. The rest, cleaned, is the body.
func parseText(in input) (Article, error) {
	a := Article{ID: in.id, Path: in.path}
	lines := splitLines(normalizeSpace(string(in.data)))
	lines, a.Published = takeDateLine(lines)
	lines, a.Title = takeHeadline(lines)
	lines = a.useByline(lines)
	a.Body = Clean(strings.Join(lines, "\n"))
	if a.Body == "" {
		return Article{}, ErrNoArticle
	}
	return a, nil
}

// dateScan is how many non-blank lines at each end of a text are searched
// for a date line.
const dateScan = 4

// takeDateLine finds "Published: <date>" or "Updated: <date>" lines among
// the first and last few lines, removes them and returns the date. A
// published date is preferred to an updated one; among equals, the first.
func takeDateLine(lines []string) ([]string, time.Time) {
	var (
		best     time.Time
		bestRank = -1
		drop     = map[int]bool{}
	)
	consider := func(i int) {
		m := dateLine.FindStringSubmatch(lines[i])
		if m == nil {
			return
		}
		t, ok := ParseDate(lines[i])
		if !ok {
			if relativeDate.MatchString(strings.TrimSpace(m[1])) {
				drop[i] = true
			}
			return
		}
		drop[i] = true
		rank := 0
		if l := strings.ToLower(lines[i]); strings.HasPrefix(l, "published") || strings.HasPrefix(l, "posted") || strings.HasPrefix(l, "first published") {
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = t, rank
		}
	}
	seen := 0
	for i := 0; i < len(lines) && seen < dateScan; i++ {
		if lines[i] != "" {
			seen++
			consider(i)
		}
	}
	seen = 0
	for i := len(lines) - 1; i >= 0 && seen < dateScan; i-- {
		if lines[i] != "" {
			seen++
			if !drop[i] {
				consider(i)
			}
		}
	}
	if len(drop) == 0 {
		return lines, best
	}
	out := lines[:0:0]
	for i, l := range lines {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return out, best
}

// takeHeadline removes and returns the headline: the first line when it
// looks like one, or the first of a leading block of bullet lines that all
// do (the rest of the block are sub-headings and are dropped). It returns
// "" and the lines unchanged when the text starts with a paragraph.
func takeHeadline(lines []string) ([]string, string) {
	first := 0
	for first < len(lines) && lines[first] == "" {
		first++
	}
	if first == len(lines) {
		return lines, ""
	}
	if bulletLine.MatchString(lines[first]) {
		end := first
		var title string
		for end < len(lines) && (lines[end] == "" || bulletLine.MatchString(lines[end])) {
			if lines[end] != "" {
				text := strings.TrimSpace(bulletLine.ReplaceAllString(lines[end], ""))
				if !looksHeadline(text) {
					return lines, ""
				}
				if title == "" {
					title = text
				}
			}
			end++
		}
		if !hasText(lines[end:]) {
			return lines, ""
		}
		return lines[end:], title
	}
	if !looksHeadline(lines[first]) || !hasText(lines[first+1:]) {
		return lines, ""
	}
	return lines[first+1:], lines[first]
}

func hasText(lines []string) bool {
	for _, l := range lines {
		if l != "" {
			return true
		}
	}
	return false
}

// looksHeadline reports whether a line reads as a headline: short, starting
// with a capital or digit, not ending a sentence with a period, comma,
// colon or semicolon, and not boilerplate.
func looksHeadline(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 3 || n > 200 || len(strings.Fields(line)) > 30 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".,;:…", last) {
		return false
	}
	return !IsBoilerplate(line)
}

// byline matches "By Jane Doe", "By Jane Doe, Home Affairs Editor" and
// the blog forms "Posted by Jane Doe on 3 May 2024" and "Written by Jane
// Doe".
var byline = relit.MustCompile(`^(?:(?i:posted|written|words|reporting)\s+)?(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|and|&)){0,5})(?:\s*[,|–—-]\s*[^.]{0,60}|\s+(?i:on|at)\s+(.{4,40}))?$`)

// useByline removes a byline among the first two non-blank lines, as
// takeByline does, and gives its author and date to a where a has none.
func (a *Article) useByline(lines []string) []string {
	lines, author, date := takeByline(lines)
	a.Author = cmp.Or(a.Author, author)
	if a.Published.IsZero() {
		a.Published = date
	}
	return lines
}

// takeByline removes a byline among the first two non-blank lines and
// returns the author's name, and the date a blog's byline gives ("Posted
// by Jane Doe on 3 May 2024").
func takeByline(lines []string) ([]string, string, time.Time) {
	seen := 0
	for i, l := range lines {
		if l == "" {
			continue
		}
		if m := byline.FindStringSubmatch(l); m != nil {
			var date time.Time
			if m[2] != "" {
				t, ok := ParseDate(m[2])
				if !ok {
					break // "By Jane Doe on behalf of ...": a sentence
				}
				date = t
			}
			out := append(lines[:i:i], lines[i+1:]...)
			return out, strings.TrimSpace(m[1]), date
		}
		if seen++; seen == 2 {
			break
		}
	}
	return lines, "", time.Time{}
}
