package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/learn"
)

// attribute finds the speaker of every quote: in the words after it ("…,"
// he said), before it (He added: "…"), in the reporter's sentence around a
// partial quote (X said the leak would cause "concern"), or, for a quote
// that opens a paragraph with no attribution, the speaker of the quote
// just before (multi-paragraph quotes and quotes split by attribution).
func (d *doc) attribute() {
	lastSpeaker := map[EntityType]int{Person: -1, Organization: -1}
	prevQuote := -1
	for qi := range d.quotes {
		q := &d.quotes[qi]
		if d.isHeading(q.para) {
			prevQuote = -1
			continue
		}
		mi := d.quoteSpeakerMention(qi)
		sp := -1
		if mi >= 0 {
			sp = d.resolveSpeaker(mi, lastSpeaker)
		}
		q.rule, q.ruleSpeaker, q.contSpeaker, q.prevSpeaker, q.prevMention, q.mention, q.prev = mi, sp, -1, -1, -1, mi, prevQuote
		if prevQuote >= 0 {
			q.prevSpeaker, q.prevMention, q.prevPara = d.quotes[prevQuote].speaker, d.quotes[prevQuote].mention, d.quotes[prevQuote].para
			if d.continuesQuote(prevQuote, qi) {
				q.contSpeaker = d.quotes[prevQuote].speaker
			}
		}
		if sp < 0 && q.contSpeaker >= 0 {
			sp = q.contSpeaker
			q.mention = d.quotes[prevQuote].mention
		}
		q.speaker = sp
		if sp >= 0 {
			lastSpeaker[d.ents[sp].typ] = sp
			prevQuote = qi
		} else {
			prevQuote = -1
		}
		d.noteSpeakerAt(q.Start, sp)
	}
	// a quote left open at the end of its paragraph whose speaker is named
	// only in the next paragraph's part ("“…\n“…,” she told MEPs")
	for qi := len(d.quotes) - 2; qi >= 0; qi-- {
		q, next := &d.quotes[qi], d.quotes[qi+1]
		if q.speaker >= 0 || !q.opened || q.closed || next.speaker < 0 || d.isHeading(q.para) {
			continue
		}
		if next.para == q.para+1 && next.outer.Start-d.paras[next.para].Start <= 1 && q.End >= d.paras[q.para].End-1 {
			q.speaker, q.mention = next.speaker, next.mention
		}
	}
}

// noteSpeakerAt remembers who spoke at an offset, for pronoun resolution
// in reported speech.
func (d *doc) noteSpeakerAt(off, ent int) {
	if ent >= 0 {
		d.speakers = append(d.speakers, spoke{off, ent})
	}
}

type spoke struct {
	at, ent int
}

// lastSpeakerBefore returns the last speaker of type t before off, -1 if none.
func (d *doc) lastSpeakerBefore(off int, t EntityType) int {
	best, at := -1, -1
	for _, s := range d.speakers {
		if s.at < off && s.at > at && d.ents[s.ent].typ == t {
			best, at = s.ent, s.at
		}
	}
	return best
}

// salient finds what a pronoun at off most likely refers to: going back
// sentence by sentence, the speaker quoted there or else the sentence's
// subject, of type t. It returns unnamed when the nearest such subject is
// a person the article does not name ("One patient, who asked not to be
// named, said …").
func (d *doc) salient(off int, t EntityType) int {
	si := d.sentenceOf(off)
	pronoun := ""
	if mi := d.mentionAt(off); mi >= 0 && d.ments[mi].word != "person" {
		pronoun = d.ments[mi].word
	}
	for s := si - 1; s >= 0 && s >= si-6; s-- {
		sent := d.sents[s]
		best, at := -1, -1
		for _, sp := range d.speakers {
			if sp.at >= sent.Start && sp.at < sent.End && sp.at > at && d.ents[sp.ent].typ == t && !d.genderClash(pronoun, sp.ent) {
				best, at = sp.ent, sp.at
			}
		}
		if best >= 0 {
			return best
		}
		if t == Person && d.unnamedSubject(sent.Start, sent.End, pronoun) {
			return unnamed
		}
		if mi := d.subjectBefore(sent.Start, sent.End); mi >= 0 {
			if e := d.ments[mi].ent; e >= 0 && d.ents[e].typ == t && d.ents[e].kind != KindMedia && !d.genderClash(pronoun, e) {
				return e
			}
		}
	}
	return -1
}

// continuesQuote reports whether quote qi carries on the quote prev: the
// next paragraph opens with a quote, or the same paragraph goes on quoting.
func (d *doc) continuesQuote(prev, qi int) bool {
	p, q := d.quotes[prev], d.quotes[qi]
	if q.para == p.para {
		return true
	}
	if q.para != p.para+1 && !d.onlyQuotesBetween(p.para, q.para) {
		return false
	}
	// the new quote must open its paragraph and be all of it, but for
	// punctuation
	para := d.paras[q.para]
	return q.outer.Start-para.Start <= 1 && d.wordsAfter(q.outer.End, para.End) == 0
}

func (d *doc) onlyQuotesBetween(a, b int) bool { return false }

// quoteSpeakerMention finds the mention naming the speaker of quote qi.
func (d *doc) quoteSpeakerMention(qi int) int {
	q := d.quotes[qi]
	para := d.paras[q.para].Span
	// the text after the quote up to the next quote or the sentence end
	afterEnd := d.sents[d.sentenceOf(max(q.outer.End-1, q.Start))].End
	if afterEnd < q.outer.End {
		afterEnd = para.End
	}
	if strings.TrimSpace(d.body[q.outer.End:afterEnd]) == "" && strings.ContainsAny(d.body[q.End-1:q.End], "?!") {
		// `"Will it happen again?" she asked.` splits after the question
		// mark: the attribution is the next sentence of the paragraph.
		if si := d.sentenceOf(q.outer.End - 1); si+1 < len(d.sents) && d.sentPara[si+1] == q.para {
			afterEnd = d.sents[si+1].End
		}
	}
	if qi+1 < len(d.quotes) && d.quotes[qi+1].para == q.para && d.quotes[qi+1].outer.Start < afterEnd {
		afterEnd = d.quotes[qi+1].outer.Start
	}
	if afterEnd > q.outer.End {
		if mi := d.attributionAfter(q.outer.End, afterEnd); mi >= 0 {
			return mi
		}
		if mi := d.speechNounAfter(q.outer.End, afterEnd); mi >= 0 {
			return mi
		}
	}
	// the text before the quote in its sentence
	sentStart := d.sents[d.sentenceOf(q.outer.Start)].Start
	if !q.opened {
		sentStart = para.Start
	}
	beforeStart := sentStart
	if qi > 0 && d.quotes[qi-1].para == q.para && d.quotes[qi-1].outer.End > beforeStart {
		beforeStart = d.quotes[qi-1].outer.End
	}
	before := strings.TrimSpace(d.body[beforeStart:q.outer.Start])
	if before != "" {
		// "He added:", "Mr Babu said,"
		trimmed := strings.TrimRight(before, " ,:—–-")
		if v, ok := d.verbIn(beforeStart, q.outer.Start, speechVerbs); ok && d.wordsAfter(v.End, q.outer.Start) <= 1 && trimmed != before {
			if mi := d.subjectBefore(sentStart, v.Start); mi >= 0 {
				return mi
			}
		}
		if mi := d.accordingTo(sentStart, q.outer.Start); mi >= 0 {
			return mi
		}
	}
	// a partial quote inside the reporter's sentence
	if v, ok := d.firstVerbIn(sentStart, q.outer.Start, speechVerbs); ok {
		if mi := d.subjectBefore(sentStart, v.Start); mi >= 0 {
			return mi
		}
	}
	// "…" of both a criminal and civil nature, said X
	sentEnd := d.sents[d.sentenceOf(max(q.outer.End-1, q.Start))].End
	if sentEnd > q.outer.End {
		if mi := d.accordingTo(q.outer.End, sentEnd); mi >= 0 {
			return mi
		}
		if v, ok := d.firstVerbIn(q.outer.End, sentEnd, speechVerbs); ok {
			if mi := d.mentionAfter(v.End, sentEnd); mi >= 0 && !objectVerbs[v.low] {
				return mi
			}
			if mi := d.subjectBefore(q.outer.End, v.Start); mi >= 0 {
				return mi
			}
		}
	}
	// no speech verb: the words of a longer quote worked into a sentence
	// belong to its subject ("X referred itself to the regulator after
	// noticing 'a significant reduction in data'"); short ones are scare
	// quotes and stay unattributed.
	if q.opened && d.wordsAfter(q.Start, q.End) >= 4 && sentStart < q.outer.Start && d.isSentence(d.sentenceOf(q.Start)) {
		if mi := d.subjectBefore(sentStart, q.outer.Start); mi >= 0 {
			return mi
		}
	}
	return -1
}

// isSentence reports whether sentence si ends like a sentence (not a
// heading or caption).
func (d *doc) isSentence(si int) bool {
	s := d.body[d.sents[si].Start:d.sents[si].End]
	s = strings.TrimRight(s, "\"”’')] ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// isHeading reports whether paragraph pi is a heading: one short line that
// does not end like a sentence.
func (d *doc) isHeading(pi int) bool {
	p := d.paras[pi]
	if len(p.sentences) != 1 {
		return false
	}
	s := strings.TrimRight(d.body[p.Start:p.End], "\"”’')] ")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") {
		return false
	}
	return len(strings.Fields(s)) <= 14
}

// speechNouns name what someone said ("that was the verdict of X").
var speechNouns = setOf(`verdict words view message warning response reaction assessment statement comment comments
verdict advice plea conclusion claim`)

// speechNounAfter finds "the verdict of X", "the words of X" after a quote.
func (d *doc) speechNounAfter(s, e int) int {
	ws := d.wordsIn(s, e)
	for i := 0; i+1 < len(ws) && i < 8; i++ {
		if speechNouns[ws[i].low] && (ws[i+1].low == "of" || ws[i+1].low == "from" || ws[i+1].low == "by") {
			return d.mentionAfter(ws[i+1].End, e)
		}
	}
	return -1
}

// wordsAfter counts the words in [s, e).
func (d *doc) wordsAfter(s, e int) int { return len(d.wordsIn(s, e)) }

// accordingTo finds "according to X" in [s, e) and returns X's mention.
func (d *doc) accordingTo(s, e int) int {
	ws := d.wordsIn(s, e)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i].low == "according" && ws[i+1].low == "to" {
			if mi := d.mentionAfter(ws[i+1].End, e); mi >= 0 {
				return mi
			}
			return d.accordingToDocument(ws[i+2:], s, ws[i].Start, e)
		}
	}
	return -1
}

// documentNouns are what an organisation publishes or files.
var documentNouns = setOf(`filing filings statement report letter email document documents notice figures
submission disclosure announcement`)

// accordingToDocument reads "according to a report Northbank Homes later
// published" (the organisation named next) and "…, according to the
// filing" (the organisation the sentence is about, whose filing it is).
func (d *doc) accordingToDocument(ws []word, s, at, e int) int {
	if len(ws) < 2 || !(ws[0].low == "the" || ws[0].low == "a" || ws[0].low == "its" || ws[0].low == "their") || !documentNouns[ws[1].low] {
		return -1
	}
	for _, mi := range d.mentionsIn(ws[1].End, min(e, ws[1].End+40)) {
		if m := d.ments[mi]; m.how == byName && m.ent >= 0 && d.ents[m.ent].typ == Organization && d.ents[m.ent].kind != KindMedia {
			return mi
		}
	}
	if ws[0].low == "a" {
		return -1
	}
	if mi := d.subjectBefore(s, at); mi >= 0 {
		if m := d.ments[mi]; m.how == byPronoun && m.word == "it" || m.ent >= 0 && d.ents[m.ent].typ == Organization {
			return mi
		}
	}
	return -1
}

// resolveSpeaker turns a speaker mention into an entity: names and resolved
// descriptions directly, pronouns to the last speaker (or, failing that,
// the last mention) of a fitting type.
func (d *doc) resolveSpeaker(mi int, last map[EntityType]int) int {
	m := d.ments[mi]
	if m.ent >= 0 {
		if t := d.ents[m.ent].typ; t == Person || t == Organization {
			return m.ent
		}
		return -1
	}
	if m.how != byPronoun {
		return -1
	}
	t := Organization
	if m.word == "he" || m.word == "she" || m.word == "person" {
		t = Person
	}
	if s := d.salient(m.Start, t); s >= 0 {
		return s
	} else if s == unnamed {
		return -1 // someone the article does not name: no speaker
	}
	if s := d.lastSpeakerBefore(m.Start, t); s >= 0 && !d.genderClash(m.word, s) {
		return s
	}
	for k := mi - 1; k >= 0; k-- {
		e := d.ments[k].ent
		if e >= 0 && !d.ments[k].inQuote && d.ents[e].typ == t && d.ents[e].kind != KindMedia && !d.genderClash(m.word, e) {
			return e
		}
	}
	return -1
}

// quoteKind classifies a quote as a whole statement or a fragment.
func (d *doc) quoteKind(q quoteSpan) QuoteKind {
	first, _ := utf8.DecodeRuneInString(d.body[q.Start:])
	sentStart := d.sents[d.sentenceOf(q.outer.Start)].Start
	before := strings.TrimSpace(d.body[min(sentStart, q.outer.Start):q.outer.Start])
	if !q.opened || before == "" || strings.HasSuffix(before, ":") || strings.HasSuffix(before, ",") && unicode.IsUpper(first) {
		return Direct
	}
	if unicode.IsUpper(first) && strings.ContainsAny(d.body[q.End-1:q.End], ".!?,") {
		return Direct
	}
	return Partial
}

// reportedSpeech finds statements reported without quote marks: a sentence
// whose subject is a person or organisation and whose verb reports speech
// ("The force said digital forensic experts are …", "According to X, …").
// The rules (ruleReported) find most; the reported-speech classifier m,
// when not nil, vetoes the rules' finds it is sure are no report and adds
// the sentences of reported speech the rules miss (reported.go).
func (d *doc) reportedSpeech(m *learn.Model) []Quote {
	var out []Quote
	var probs []float64
	covered := 0 // the end of the last statement found
	for si, s := range d.sents {
		if s.Start < covered {
			continue // part of the statement before
		}
		if d.isHeading(d.sentPara[si]) {
			continue // "Broadband firm says 2.4m customers hit": a headline, not a report
		}
		quoted := d.hasQuoteMarks(s)
		mi := d.ruleReported(s, quoted)
		// a closing attribution (", the company said.") is sure: the
		// model may veto only the rules' other finds
		sure := mi >= 0 && !quoted && d.trailingAttribution(s) == mi
		if m != nil && !quoted {
			if c, ok := d.reportedCandidate(si, mi); ok {
				probs = m.Probs(c.feats, probs)
				p := probs[reportedYes]
				switch {
				case mi >= 0 && !sure && p < ReportedVeto:
					mi = -1
				case mi < 0 && p >= ReportedAdd:
					mi = c.mention
				}
			}
		}
		if mi < 0 {
			continue
		}
		sp := d.resolveSpeaker(mi, nil)
		if sp < 0 || d.ents[sp].kind == KindMedia {
			continue
		}
		d.noteSpeakerAt(s.Start, sp)
		span := s
		// "X stated that the company held names. And pay information."
		if si+1 < len(d.sents) && d.sentPara[si+1] == d.sentPara[si] && !d.hasQuoteMarks(d.sents[si+1]) {
			next := d.body[d.sents[si+1].Start:d.sents[si+1].End]
			if strings.HasPrefix(next, "And ") || strings.HasPrefix(next, "But ") || strings.HasPrefix(next, "Or ") {
				span.End = d.sents[si+1].End
			}
		}
		// "''We will win,'' Mr. Smith said. ''And soon.''": words in
		// apostrophe quote marks (which the tokeniser leaves as words) go on
		// after the attribution to the paragraph's end
		if strings.Contains(d.body[s.Start:s.End], "''") {
			for k := si + 1; k < len(d.sents) && d.sentPara[k] == d.sentPara[si] && strings.HasPrefix(d.body[d.sents[k].Start:d.sents[k].End], "''"); k++ {
				span.End = d.sents[k].End
			}
		}
		covered = span.End
		m := d.ments[mi]
		out = append(out, Quote{Text: d.body[span.Start:span.End], Kind: Indirect, Speaker: d.ents[sp].key,
			Span: span, Sentence: s, Cue: d.cueOf(mi), SpeakerMention: &Mention{Text: d.body[m.Start:m.End], Span: m.Span},
			Confidence: indirectConfidence})
	}
	return out
}

// ruleReported is the rules' reading of sentence s (quoted: it holds
// quote marks): the speaker mention of the statement it reports, or -1.
func (d *doc) ruleReported(s Span, quoted bool) int {
	mi := -1
	if !quoted {
		mi = d.trailingAttribution(s)
	}
	if mi >= 0 {
		// "…, it said." / "…, said Marcus Bell, a company spokesman."
	} else if v, ok := d.quotedAsSaying(s); ok && !quoted && d.wordsAfter(v.End, s.End) >= 4 {
		// "Omar Haddad was quoted as saying the error had been fixed"
		if mi = d.subjectBefore(s.Start, v.Start); mi >= 0 && d.wordsAfter(d.ments[mi].End, v.Start) > 4 {
			mi = -1
		}
	} else if v, ok := d.firstVerbIn(s.Start, s.End, reportVerbs); ok && d.reportsClause(v, s) {
		// a sentence quoting words is reported speech too when what it
		// reports goes well beyond the quoted fragment, or is a "that"
		// clause the fragment is only part of ("It stated that new
		// “checking procedures” had been put in place"), and the verb
		// is not the attribution of a quote before it
		if quoted && (d.hasQuoteMarks(Span{s.Start, v.Start}) || !d.reportsAround(v, s)) {
			return -1
		}
		mi = d.subjectBefore(s.Start, v.Start)
		if mi >= 0 && d.wordsAfter(d.ments[mi].End, v.Start) > 12 {
			mi = -1 // the subject is too far from the verb to be its subject
		}
	}
	if mi < 0 && !quoted {
		mi = d.accordingTo(s.Start, s.End)
	}
	if mi < 0 && !quoted {
		// "Pinecrest disclosed that …", "She points out that …"
		if v, ok := d.thatVerbIn(s); ok {
			if m := d.subjectBefore(s.Start, v.Start); m >= 0 && d.wordsAfter(d.ments[m].End, v.Start) <= 12 {
				mi = m
			}
		}
	}
	return mi
}

// reportsClause reports whether the words after verb v in sentence s
// can be what v reports: four words or more, or a short clause of its
// own, a pronoun and its verb ("The regulator said it was investigating",
// "Police said they were aware").
func (d *doc) reportsClause(v word, s Span) bool {
	ws := d.wordsIn(v.End, s.End)
	return len(ws) >= 4 || len(ws) == 3 && subjectPronouns[ws[0].low] && clauseAux[ws[1].low]
}

// subjectPronouns and clauseAux open a short reported clause.
var (
	subjectPronouns = setOf(`it they he she we`)
	clauseAux       = setOf(`is was are were has had have would will could can did does`)
)

// reportsAround reports whether the words after verb v in sentence s,
// which quotes words, say more than the quoted fragment: ten words outside
// quote marks, or a "that" clause with four of its own that goes on after
// the last quote ("It stated that new “checking procedures” had been put
// in place"). A clause the quote ends ("said that the firm was “aware of
// the incident”") reports little besides the quote.
func (d *doc) reportsAround(v word, s Span) bool {
	n := d.unquotedWords(v.End, s.End)
	if n >= 10 {
		return true
	}
	ws := d.wordsIn(v.End, s.End)
	if len(ws) == 0 || ws[0].low != "that" || d.inQuote(ws[0].Start) || n-1 < 4 {
		return false
	}
	last := v.End
	for _, q := range d.quotes {
		if q.overlaps(s) {
			last = max(last, q.outer.End)
		}
	}
	return d.wordsAfter(last, s.End) >= 2
}

// quotedAsSaying finds "saying" after "was quoted as" in sentence s.
func (d *doc) quotedAsSaying(s Span) (word, bool) {
	ws := d.wordsIn(s.Start, s.End)
	for i := 3; i < len(ws); i++ {
		if ws[i].low == "saying" && (quotedAs(ws[i-3:i], "saying") || i >= 4 && quotedAs(ws[i-4:i], "saying")) {
			return ws[i], true
		}
	}
	return word{}, false
}

// unquotedWords counts the words in [s, e) outside quote marks.
func (d *doc) unquotedWords(s, e int) int {
	n := 0
	for _, w := range d.wordsIn(s, e) {
		if !d.inQuote(w.Start) {
			n++
		}
	}
	return n
}

// hasQuoteMarks reports whether a quote overlaps sentence s.
func (d *doc) hasQuoteMarks(s Span) bool {
	// quotes are in text order and their marks do not overlap
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].outer.End > s.Start })
	return i < len(d.quotes) && d.quotes[i].overlaps(s)
}

// trailingAttribution finds the attribution that closes a sentence of
// reported speech, after a comma: "…, it said.", "…, the company added.",
// "…, said Marcus Bell, a company spokesman.", or set off by commas inside
// it: "The file, it explained, had been sent in error." It returns the
// speaker's mention or -1.
func (d *doc) trailingAttribution(s Span) int {
	lo := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= s.Start })
	hi := lo
	for hi < len(d.toks) && d.toks[hi].Start < s.End {
		hi++
	}
	words := 0
	for k := lo; k < hi; k++ {
		t := d.toks[k]
		if t.word {
			words++
			continue
		}
		if t.low != "," || words < 4 {
			continue
		}
		// the attribution runs to the next comma or the sentence end
		end, rest := s.End, 0
		for j := k + 1; j < hi; j++ {
			if d.toks[j].low == "," && end == s.End {
				end = d.toks[j].Start
			}
			if d.toks[j].word {
				rest++
			}
		}
		if end < s.End && rest >= 2 && rest <= 14 {
			// "…, the clerk, Susan Doyle, said.": a closing attribution
			// whose subject has an appositive of its own
			if mi := d.closingAttribution(d.toks[k].End, s.End); mi >= 0 {
				return mi
			}
		}
		tail := d.wordsIn(d.toks[k].End, end)
		if len(tail) < 2 || len(tail) > 8 {
			continue
		}
		if end < s.End {
			// a parenthetical attribution ends in its verb ("it explained,");
			// a closing one may trail an appositive ("said X, a spokesman")
			last := tail[len(tail)-1].low
			verbFirst := indirectVerbs[tail[0].low] || tail[0].low == "added" || tail[0].low == "confirmed"
			if !verbFirst && !speechVerbs[last] {
				continue
			}
			if verbFirst && rest-len(tail) > 12 {
				continue
			}
		}
		v := -1
		for i, w := range tail {
			if speechVerbs[w.low] {
				v = i
				break
			}
		}
		if v < 0 || !indirectVerbs[tail[v].low] && !trailingVerbs[tail[v].low] {
			continue
		}
		// nothing reported after the verb: "said that …" is not a closing attribution
		if v+1 < len(tail) && tail[v+1].low == "that" {
			continue
		}
		mi := d.attributionAfter(d.toks[k].End, end)
		if mi < 0 {
			continue
		}
		if v == 0 && !d.invertedSubject(mi, end) {
			continue // "…, said she received a letter": the clause's subject
		}
		// little may follow: "in a statement", "on Tuesday"
		after := tail[v].End
		if v == 0 {
			after = d.ments[mi].End
		}
		if d.wordsAfter(after, end) > 4 {
			continue
		}
		return mi
	}
	return -1
}

// closingAttribution finds the speaker of the words [from, end) that
// close a sentence, when they end in its reporting verb ("the clerk, Susan
// Doyle, said", "Ms Doyle, the clerk, added", "the chair, Alan Rees, said
// on Tuesday"), or -1.
func (d *doc) closingAttribution(from, end int) int {
	ws := d.wordsIn(from, end)
	if len(ws) < 2 {
		return -1
	}
	// the verb ends the sentence, or a time or place phrase follows it
	// ("said on Tuesday")
	last := -1
	for k := len(ws) - 1; k > 0 && len(ws)-k <= 5; k-- {
		if v := ws[k].low; indirectVerbs[v] || trailingVerbs[v] {
			last = k
			break
		}
	}
	if last < 0 || last < len(ws)-1 && !attributionTail[ws[last+1].low] || speechBlocked(ws, last) {
		return -1
	}
	for _, mi := range d.mentionsIn(from, ws[last].Start) {
		m := d.ments[mi]
		if m.inQuote || m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place) {
			continue
		}
		// the subject and its appositive, set off by commas, and nothing else
		between := strings.Trim(d.body[m.End:ws[last].Start], " ,")
		if between == "" || strings.HasPrefix(d.body[m.End:ws[last].Start], ",") && strings.Count(d.body[m.End:ws[last].Start], ",") == 2 && !strings.ContainsAny(between, ".;:") {
			return d.personAfterTitle(mi)
		}
		return -1
	}
	return -1
}

// invertedSubject reports whether mention mi, after a verb that opens an
// attribution, is that verb's subject ("…, said Marcus Bell.", "…, said
// the company in a statement") rather than the subject of the clause the
// verb reports ("…, said she received a letter"): a name or description,
// followed by nothing before end or by a time or place phrase.
func (d *doc) invertedSubject(mi, end int) bool {
	m := d.ments[mi]
	if m.how == byPronoun {
		return false
	}
	rest := d.wordsIn(m.End, end)
	return len(rest) == 0 || attributionTail[rest[0].low]
}

// attributionTail may follow the speaker of an inverted attribution.
var attributionTail = setOf(`in on at during last yesterday today earlier later this when after before while
from via through of for speaking`)

// trailingVerbs close a sentence of reported speech besides indirectVerbs
// ("…, the charity confirmed.", "…, she warned.").
var trailingVerbs = setOf(`added adds warned warns noted notes wrote writes acknowledged admitted conceded
revealed announced disclosed`)

// thatVerbs report speech with a that-clause ("points out that", "wrote
// that"). "Disclosed", "warned", "reported that" more often report facts
// an organisation made known and are left out, as in indirectVerbs.
var thatVerbs = setOf(`pointed points wrote writes suggested suggests conceded concedes acknowledged acknowledges
noted notes`)

// timeWords may stand between a verb and its that-clause ("warned last year that").
var timeWords = setOf(`last year week month earlier previously yesterday today recently also then at the time
in on monday tuesday wednesday thursday friday saturday sunday out`)

// mediumWords name where something was written or said, between the verb
// and its that-clause ("wrote in a blog post that", "wrote on Facebook
// that", "noted in its annual report that").
var mediumWords = setOf(`a an the his her its their blog post posts statement letter report email article column
interview newsletter submission filing message tweet facebook x twitter linkedin instagram substack website
annual open`)

// thatVerbIn finds the first of thatVerbs in sentence s followed by
// "that" within three time words or a short phrase naming where it was
// written ("in a blog post").
func (d *doc) thatVerbIn(s Span) (word, bool) {
	ws := d.wordsIn(s.Start, s.End)
	for i, w := range ws {
		if !thatVerbs[w.low] || speechBlocked(ws, i) {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+6; j++ {
			if ws[j].low == "that" {
				if j+4 <= len(ws) {
					return w, true
				}
				break
			}
			if !timeWords[ws[j].low] && !(j > i+1 && mediumWords[ws[j].low]) || (w.low == "points" || w.low == "pointed") && j == i+1 && ws[j].low != "out" {
				break
			}
			if j > i+4 && !mediumWords[ws[j].low] {
				break
			}
		}
	}
	return word{}, false
}
