package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is a stretch of body text that stood in quote marks.
type quoteSpan struct {
	Span         // the words inside the marks, trimmed
	outer   Span // including the marks
	para    int  // paragraph index
	opened  bool // an opening mark was seen
	closed  bool // a closing mark was seen
	single  bool // single quote marks
	speaker int  // resolved entity index, -1 when unknown

	// the rules' view, the ranker's evidence (see attribute)
	rule        int // the rules' speaker mention, -1 when none
	ruleSpeaker int // the entity the rules resolved it to, -1 when none
	contSpeaker int // the speaker of the quote this one continues, -1 when none
	prevSpeaker int // the speaker of the last quote before with one, -1 when none
	prevMention int // that quote's speaker mention, -1 when none
	prevPara    int // that quote's paragraph
	prev        int // that quote's index, -1 when none

	mention int     // the chosen speaker mention, -1 when none
	conf    float64 // the probability that mention is right
}

// overlaps reports whether the quote, marks included, overlaps s.
func (q quoteSpan) overlaps(s Span) bool { return q.outer.Start < s.End && s.Start < q.outer.End }

// findQuotes finds quoted stretches in each paragraph. It copes with every
// common mark style, unbalanced marks (a quote opened and never closed runs
// to the end of its paragraph; a closing mark with no opening one closes a
// quote that began with the paragraph) and apostrophes.
func findQuotes(body string, paras []paragraph) []quoteSpan {
	var out []quoteSpan
	for pi, p := range paras {
		out = append(out, quotesIn(body, p.Span, pi)...)
	}
	return out
}

func quotesIn(body string, p Span, pi int) []quoteSpan {
	var out []quoteSpan
	openAt := -1 // offset of the open double mark
	openStraight := false
	lastEnd := p.Start
	emit := func(o, c int, openLen, closeLen int, opened, closed, single bool) {
		in := Span{o + openLen, c}
		s, e := trimSpan(body, in.Start, in.End)
		if s >= e {
			return
		}
		out = append(out, quoteSpan{Span: Span{s, e}, outer: Span{o, c + closeLen}, para: pi,
			opened: opened, closed: closed, single: single, speaker: -1,
			rule: -1, ruleSpeaker: -1, contSpeaker: -1, prevSpeaker: -1, prevMention: -1, prev: -1, mention: -1})
	}
	for i := p.Start; i < p.End; {
		r, n := utf8.DecodeRuneInString(body[i:])
		prev, _ := utf8.DecodeLastRuneInString(body[:i])
		if i == p.Start {
			prev = ' '
		}
		next, _ := utf8.DecodeRuneInString(body[i+n:])
		if i+n >= p.End {
			next = ' '
		}
		if r == '“' && openAt >= 0 && body[openAt:openAt+markLen(body, openAt)] == "„" {
			r = '”' // German style: „…“
		}
		switch r {
		case '“', '«', '„', '‹':
			if openAt >= 0 { // a new quote opens before the last closed
				emit(openAt, i, markLen(body, openAt), 0, true, false, false)
			}
			openAt, openStraight = i, false
		case '”', '»', '›':
			if openAt >= 0 {
				emit(openAt, i, markLen(body, openAt), n, true, true, false)
				openAt = -1
			} else {
				emit(lastEnd, i, 0, n, false, true, false)
			}
			lastEnd = i + n
		case '"':
			opening := unicode.IsSpace(prev) || isOpenPunct(prev)
			switch {
			case openAt >= 0 && (!opening || openStraight):
				emit(openAt, i, markLen(body, openAt), n, true, true, false)
				openAt = -1
				lastEnd = i + n
			case opening:
				if openAt >= 0 {
					emit(openAt, i, markLen(body, openAt), 0, true, false, false)
				}
				openAt, openStraight = i, true
			default:
				emit(lastEnd, i, 0, n, false, true, false)
				lastEnd = i + n
			}
		case '‘', '\'':
			if openAt < 0 && (unicode.IsSpace(prev) || isOpenPunct(prev)) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				if c := closeSingle(body, i+n, p.End); c > 0 {
					emit(i, c, n, markLen(body, c), true, true, true)
					i = c + markLen(body, c)
					lastEnd = i
					continue
				}
				// an unclosed single quote opening the paragraph or after
				// a colon runs to the paragraph's end
				before := strings.TrimSpace(body[p.Start:i])
				if before == "" || strings.HasSuffix(before, ":") {
					emit(i, p.End, n, 0, true, false, true)
					return out
				}
			}
		}
		i += n
	}
	if openAt >= 0 {
		emit(openAt, p.End, markLen(body, openAt), 0, true, false, false)
	}
	return out
}

// closeSingle finds the single mark closing a quote opened before from, or
// -1. A mark after "s" and before a space may be a plural possessive
// ("the officers' union"); it closes the quote only when no later mark
// does.
func closeSingle(body string, from, end int) int {
	weak := -1
	for i := from; i < end; {
		r, n := utf8.DecodeRuneInString(body[i:])
		if r == '’' || r == '\'' {
			prev, _ := utf8.DecodeLastRuneInString(body[:i])
			next := ' '
			if i+n < end {
				next, _ = utf8.DecodeRuneInString(body[i+n:])
			}
			if !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next) {
				if (prev == 's' || prev == 'S') && next == ' ' {
					if weak < 0 {
						weak = i
					}
				} else {
					return i
				}
			}
		}
		if r == '“' || r == '”' || r == '"' {
			break
		}
		i += n
	}
	return weak
}

func markLen(body string, at int) int {
	_, n := utf8.DecodeRuneInString(body[at:])
	return n
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '—', '–', '-', ':', '/':
		return true
	}
	return false
}
