package extract

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// Breach causes, from the most specific.
const (
	causeLoss       = "loss"       // a device or papers lost or stolen
	causeDataLoss   = "data-loss"  // stored data deleted or vanished
	causeDisclosure = "disclosure" // published or sent by mistake
	causeHack       = "hack"       // unauthorised access, cyber attack
	causeUnknown    = "breach"
)

var (
	breachTrigger     = relit.MustCompile(`(?i)\b(?:data breach(?:es)?|security breach(?:es)?|breach(?:es|ed)?|hack(?:ed|ers?|ing)?|cyber[- ]?(?:attack|incident|security incident)s?|leak(?:ed|s)?|unauthori[sz]ed access|data loss|loss of data|(?:mistakenly|inadvertently|accidentally|erroneously|wrongly) (?:\w+ )?(?:published|released|disclosed|exposed|shared|sent|included|uploaded)|ransomware|data compromise|intrusion|(?:reduction|loss) in (?:\w+ )?data|fell from|was stolen|were stolen|compromised)\b`)
	strongTrigger     = relit.MustCompile(`(?i)\b(?:data breach(?:es)?|security breach(?:es)?|hack(?:ed|ers?|ing)?|cyber[- ]?(?:attack|incident|security incident)s?|unauthori[sz]ed access|ransomware|data loss|loss of data|data leak)\b`)
	notDataBreach     = relit.MustCompile(`(?i)\bbreach(?:es|ed)? (?:of )?(?:the |his |her |their |its )?(?:peace|contract|rules|law|duty|trust|bail|regulations|conditions|covenant|privilege|ceasefire|code|guidelines|licence|license|order|injunction|promise|protocol|standards|terms)\b`)
	lossVerbRe        = relit.MustCompile(`(?i)\b(?:lost|stolen|missing|fell|left|misplaced|mislaid|taken)\b`)
	causeDataLossRe   = relit.MustCompile(`(?i)\b(?:reduction in (?:\w+ )?data|data loss|loss of data|(?:accidentally|mistakenly|wrongly|inadvertently|erroneously) (?:been )?(?:deleted|erased|wiped)|(?:deleted|erased|wiped) (?:by mistake|in error|accidentally)|unexplained reduction)\b`)
	causeDisclosureRe = relit.MustCompile(`(?i)\b(?:freedom of information|foi|human error|(?:mistakenly|inadvertently|accidentally|erroneously|wrongly) (?:\w+ )?(?:published|released|disclosed|exposed|shared|sent|included|uploaded))\b`)
	// hackMoreRe is read apart from causeHackRe, which it would push past
	// the fast matcher's size limit
	hackMoreRe     = relit.MustCompile(`(?i)\b(?:stolen (?:login )?(?:credentials|passwords)|(?:malicious|skimming) code)\b`)
	triggerMoreRe  = relit.MustCompile(`(?i)\b(?:stolen (?:login )?(?:credentials|passwords)|misdirected)\b`)
	lossOfDeviceRe = relit.MustCompile(`(?i)\b(?:loss|theft) of (?:an? |the |two |three |several |its |their )?(?:[\p{L}-]+ )?(?:laptops?|notebooks?|memory sticks?|usb sticks?|hard drives?|(?:mobile )?phones?|tablets?|devices?|briefcases?|bags?|computers?)\b`)
	misdirectedRe  = relit.MustCompile(`(?i)\b(?:misdirected (?:emails?|letters?|post)|to the wrong (?:people|person|address|addresses|recipients?|email address|households?|homes|families|parents|customers|patients))\b`)
	causeHackRe    = relit.MustCompile(`(?i)\b(?:hack(?:ed|ers?|ing)?|cyber ?criminals?|cyber[- ]?(?:attack|incident)|unauthori[sz]ed access|ransomware|intrusion|malware|phishing)\b`)
	exposedRe      = relit.MustCompile(`(?i)\b(?:had been|have been|has been|was|were|been) (?:(?:also|then|later|accidentally|mistakenly|inadvertently|wrongly|erroneously|publicly) )?(?:exposed|published|released|disclosed|shared|sent|posted|uploaded|emailed)(?: online| in error| by mistake| by accident)?\b`)
	inErrorRe      = relit.MustCompile(`(?i)\b(?:in error|by mistake|by accident|accidentally|mistakenly|inadvertently|wrongly|erroneously)\b`)
	deviceRe       = relit.MustCompile(`(?i)\b(?:laptops?|notebooks?|memory sticks?|usb sticks?|hard drives?|(?:mobile )?phones?|tablets?|devices?|paperwork|documents|files|briefcases?|bags?|papers|folders?|discs?|disks?)\b`)
	negationRe     = relit.MustCompile(`(?i)\b(?:did not|does not|do not|didn't|doesn't|not held|not hold|not store|were not|was not|weren't|wasn't|not been|not compromised|not affected|not at risk|not included|no (?:personal|financial|sensitive))\b`)
	// countNumRe finds a number that may count people or records: groups 1
	// the qualifier, 2 the number; countsIn looks for the noun after it
	countNumRe        = relit.MustCompile(`(?i)\b(?:(all|around|about|nearly|almost|more than|over|up to|some|approximately|roughly|at least|an estimated|fewer than|less than|as many as)\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*(?:million|billion|bn|m)\b)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|half a|a) (?:million|billion))\s`)
	representsRe      = relit.MustCompile(`(?i)\b(?:(?:represents|representing|employs|employing|serves|serving a population|has|have|with|manages|managing|owns|owning|operates|operating|runs|running)|(?:supplies|supplying|serves|serving|provides|providing)\s+(?:[\p{L}-]+\s+){0,3}?to)\s+(?:the\s+|some\s+|more than\s+|over\s+|around\s+|about\s+|almost\s+|nearly\s+)*$`)
	reportVerbRe      = relit.MustCompile(`(?i)\b(?:referred|reported|notified|informed|alerted|told|contacted|self-reported|self-referred|filing|filed)\b`)
	passiveNotifiedRe = relit.MustCompile(`(?i)\b(?:has|have|had)\s+(?:also\s+)?been\s+(?:notified|informed|alerted|told|made aware)\b|\bis\s+(?:also\s+)?aware\b|\bare\s+(?:also\s+)?aware\b`)
	// dayOfMonthRe: a month right before a number makes it a day ("Feb. 21", "March 14")
	dayOfMonthRe = relit.MustCompile(`(?i)\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|june|july|august|september|october|november|december)\.?\s+$`)
	yearRe       = relit.MustCompile(`\b(?:19|20)\d\d\b`)
	monthWordRe  = relit.MustCompile(`\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b`)
)

// breachFrame is one breach as told in this article.
type breachFrame struct {
	victim     int
	via        int
	cause      string
	causeText  string
	exposed    map[string]bool
	named      map[string]bool // the exposed items read as named categories where data was taken
	notExposed map[string]bool
	affected   map[int]bool
	reportedTo map[int]bool
	when       string
	whenBelief float64 // the breach classifier's belief in the sentence when came from
	discovered string
	disclosed  string
	attacker   int
	cues       breachCues
	evidence   []Span
}

// victimKinds are the kinds of organisation that suffer breaches.
func victimKind(k string) bool {
	switch k {
	case KindPoliceForce, KindCompany, KindGovernment, KindHealth, KindEducation, KindCharity, KindOrganization, KindCourt, KindPolitical, "":
		return true
	}
	return false
}

// findEvents reads data breaches sentence by sentence. A sentence with a
// breach word and a victim opens or continues that victim's breach; the
// sentences after it add facts to it until another breach takes over.
// topic[i] is the frame sentence i is about (-1 for none).
func (d *doc) findEvents(published time.Time) ([]*breachFrame, []int) {
	var frames []*breachFrame
	topic := make([]int, len(d.sents))
	causes := make([][2]string, len(d.sents)) // each sentence's cause class and wording
	cur := -1
	var pending []int // sentences of a lede told before any victim is named
	pendingTrig, pendingCause, pendingText := false, causeUnknown, ""
	pendingHead := "" // "airline" in a lede that tells of "an airline"
	for si, s := range d.sents {
		text := d.body[s.Start:s.End]
		victim, via := d.victimIn(s)
		cause, causeText, trig := causeUnknown, "", false
		if r := d.rulesOf(si); r.may { // the regular expressions only where a breach word stands
			cause, causeText = r.cause, r.causeText
			causes[si] = [2]string{cause, causeText}
			if cause == causeDisclosure && !inErrorRe.MatchString(text) && !causeDisclosureRe.MatchString(text) {
				// "data was exposed" alone says what happened, not how:
				// it joins a breach the passage already tells of
				if cur >= 0 && (victim < 0 || victim == frames[cur].victim) {
					cause = causeUnknown
				}
			}
			trig = r.trigger || cause == causeHack || cause == causeLoss || cause == causeDataLoss || cause == causeDisclosure ||
				d.exposesIn(si)
		}
		opened := len(frames)
		switch {
		case trig && victim >= 0:
			cur = d.frameFor(&frames, victim, cause, si)
		case !trig && victim >= 0 && len(frames) == 0 && pendingTrig && (d.isSubject(victim, s) || pendingHead != "" && d.namedBy(victim, pendingHead)):
			// or "An airline has apologised …" and then "Skyway Airlines'
			// chief operating officer said …"
			// "A SCHOOL has emailed pupils' details to the wrong people.
			// Hartwell Academy sent the file …"
			cur = d.frameFor(&frames, victim, pendingCause, si)
		case trig && cur < 0 && strongTrigger.MatchString(text):
			if v := d.mainVictim(); v >= 0 {
				cur = d.frameFor(&frames, v, cause, si)
			}
		case victim >= 0 && !trig:
			// a sentence about another victim of this article moves the topic there
			if k := lastFrameOf(frames, victim); k >= 0 {
				cur = k
			} else if cur >= 0 && d.isSubject(victim, s) && d.ents[victim].kind != KindOrganization && !d.sameFamily(victim, frames[cur].victim) {
				cur = -1 // the passage has moved on to an organisation with no breach
			}
		}
		if opened == 0 && len(frames) == 1 && pendingTrig {
			// a lede that names no one ("A town hall has emailed …") tells
			// of the first breach the article then names
			if f := frames[cur]; f.cause == pendingCause && f.causeText == "" {
				f.causeText = pendingText
			}
			for _, pi := range pending {
				topic[pi] = cur
				frames[cur].evidence = append(frames[cur].evidence, d.sents[pi])
				d.readFacts(frames[cur], d.sents[pi])
			}
		}
		topic[si] = cur
		if cur < 0 {
			if len(frames) == 0 && si < 6 && (trig || d.factSentence(text)) {
				pending = append(pending, si)
				if trig && pendingHead == "" {
					pendingHead = d.indefiniteHead(s) // a headline names no one either
				}
				if trig && !pendingTrig {
					pendingTrig, pendingCause, pendingText = true, cause, causeText
				}
			}
			continue
		}
		f := frames[cur]
		if f.cause == causeUnknown && cause != causeUnknown {
			f.cause, f.causeText = cause, causeText
		} else if f.causeText == "" || cause == f.cause && (len(causeText) > len(f.causeText) || misdirectedRe.MatchString(f.causeText)) && !misdirectedRe.MatchString(causeText) {
			if cause == f.cause {
				f.causeText = causeText
			}
		}
		if via >= 0 && f.via < 0 {
			f.via = via
		}
		if !trig && !d.factSentence(text) {
			continue
		}
		f.evidence = append(f.evidence, s)
		d.readFacts(f, s)
		d.readDates(f, si, 1, published)
	}
	frames, topic = d.believedFrames(frames, topic)
	frames, topic = d.articleFrame(frames, topic, published)
	d.readPassages(frames, topic, published)
	d.inferCauses(frames, causes)
	for _, f := range frames {
		if f.when == "" {
			f.when = f.discovered // found before it was told
		}
		if f.when == "" {
			f.when = f.disclosed // told before it was published
		}
		if f.when == "" && !published.IsZero() {
			f.when = published.Format("2006-01")
		}
	}
	return frames, topic
}

// readPassages reads what a breach's passage tells of it outside the
// sentences that name its facts: the dates, the attacker and the cues of
// its kind and status that the sentences beside its evidence give ("The
// intrusion began in March." after "Acme said hackers took card data.").
// The passage is each sentence next to an evidence sentence or in its
// paragraph that is about this breach or about none, and holds a breach
// word (mayTellOfBreach). What the evidence
// sentences gave stands: only facts still unknown are filled.
func (d *doc) readPassages(frames []*breachFrame, topic []int, published time.Time) {
	for k, f := range frames {
		ev := map[int]bool{}
		paras := map[int]bool{}
		for _, s := range f.evidence {
			si := d.sentenceOf(s.Start)
			ev[si] = true
			paras[d.sentPara[si]] = true
		}
		for si, s := range d.sents {
			if ev[si] || topic[si] != k && topic[si] >= 0 {
				continue
			}
			if !paras[d.sentPara[si]] && !ev[si-1] && !ev[si+1] {
				// the one breach of an article takes the facts and dates
				// of a sentence about no other breach that the classifier
				// believes tells of one, wherever it stands (a lede told
				// before the victim is named, a quote further down)
				if len(frames) == 1 && topic[si] < 0 && d.rulesOf(si).may && d.breachProb(si) >= passageFactBelief {
					d.readFacts(f, s)
					d.readDates(f, si, passageWeight, published)
				}
				continue
			}
			if !d.rulesOf(si).may {
				if d.hasWordStem(si, intrusionStems) {
					// "between April 2016 and March 2017, crooks infiltrated the website"
					d.readDates(f, si, passageWeight, published)
				}
				continue // "The firm was founded in 1998" dates no breach
			}
			text := d.body[s.Start:s.End]
			d.readDates(f, si, passageWeight, published)
			if d.breachProb(si) >= passageFactBelief {
				d.readFacts(f, s) // a sentence the classifier believes tells of the breach tells its facts
			} else if hasCountCue(text) {
				d.readCounts(f, text) // "The stolen records number 1.2 million."
			}
			f.cues.read(text)
			if f.attacker < 0 {
				f.attacker = d.attackerIn(s)
			}
		}
	}
}

// inferCauses gives a breach told without its cause the one cause the
// article tells of anywhere, when there is exactly one not already taken
// by another breach of the same victim, so that outlets telling the same
// breach in different words give it the same key.
func (d *doc) inferCauses(frames []*breachFrame, bySentence [][2]string) {
	var causes []string
	seen := map[string]string{}
	for _, ct := range bySentence {
		if c, text := ct[0], ct[1]; c != "" && c != causeUnknown {
			if _, ok := seen[c]; !ok {
				causes = append(causes, c)
				seen[c] = text
			}
		}
	}
	for _, f := range frames {
		if f.cause != causeUnknown {
			continue
		}
		var free []string
		for _, c := range causes {
			taken := false
			for _, g := range frames {
				taken = taken || g != f && g.victim == f.victim && g.cause == c
			}
			if !taken {
				free = append(free, c)
			}
		}
		if len(free) == 1 {
			f.cause, f.causeText = free[0], seen[free[0]]
		}
	}
}

// indefiniteHead returns the head of the indefinite description an
// unnamed lede opens with ("An airline has apologised", "A hospital trust
// has"), when it names a kind of organisation, or "".
func (d *doc) indefiniteHead(s Span) string {
	ws := d.wordsIn(s.Start, s.End)
	if len(ws) < 2 || ws[0].low != "a" && ws[0].low != "an" {
		return ""
	}
	for k := 1; k < len(ws) && k <= 3; k++ {
		if _, ok := descriptionKinds[ws[k].low]; ok {
			if k+1 < len(ws) {
				if _, more := descriptionKinds[ws[k+1].low]; more {
					continue // "a hospital trust": the head is the last
				}
			}
			return ws[k].low
		}
	}
	return ""
}

// namedBy reports whether organisation e's name holds head (nameHolds).
func (d *doc) namedBy(e int, head string) bool {
	return d.ents[e].typ == Organization && nameHolds(d.ents[e].name, head)
}

// nameHolds reports whether name holds the word head, or its plural: "the
// airline" may be "Skyway Airlines".
func nameHolds(name, head string) bool {
	name = lowerKeep(name)
	return containsWord(name, head) || containsWord(name, head+"s")
}

// sameFamily reports whether organisations a and b bear the same
// distinctive first name word, as a school and the trust that runs it do
// ("Hillcrest Academy", "Hillcrest Learning Trust"), or a company and its
// subsidiary.
func (d *doc) sameFamily(a, b int) bool {
	fa, fb := strings.Fields(d.ents[a].name), strings.Fields(d.ents[b].name)
	if len(fa) < 2 && len(fb) < 2 || len(fa) == 0 || len(fb) == 0 || !strings.EqualFold(fa[0], fb[0]) {
		return false
	}
	w := lowerKeep(fa[0])
	return !genericFirstWords[w] && !stopCaps[w] && !d.isPlace(fa[0])
}

// genericFirstWords open the names of unrelated organisations alike.
var genericFirstWords = setOf(`national royal city county british united international global first new north south
east west northern southern eastern western greater metropolitan central general federal state public
department office ministry university college`)

func lastFrameOf(frames []*breachFrame, victim int) int {
	for k := len(frames) - 1; k >= 0; k-- {
		if frames[k].victim == victim {
			return k
		}
	}
	return -1
}

// frameFor returns the frame of victim and cause, opening one if needed.
// A breach of unknown cause joins the victim's latest breach.
func (d *doc) frameFor(frames *[]*breachFrame, victim int, cause string, si int) int {
	for k := len(*frames) - 1; k >= 0; k-- {
		f := (*frames)[k]
		if f.victim != victim {
			continue
		}
		if f.cause == cause || cause == causeUnknown || f.cause == causeUnknown {
			return k
		}
	}
	*frames = append(*frames, &breachFrame{victim: victim, via: -1, attacker: -1, cause: cause, exposed: map[string]bool{}, named: map[string]bool{},
		notExposed: map[string]bool{}, affected: map[int]bool{}, reportedTo: map[int]bool{}})
	return len(*frames) - 1
}

// classifyCause names what caused the breach a sentence tells of.
func classifyCause(text string) (string, string) {
	low := lowerKeep(text)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(low, w) {
				return true
			}
		}
		return false
	}
	switch {
	case isLoss(text):
		return causeLoss, "lost or stolen " + deviceRe.FindString(low)
	case has("reduction", "data loss", "loss of data", "delet", "erase", "wipe") && causeDataLossRe.MatchString(text):
		return causeDataLoss, lowerKeep(causeDataLossRe.FindString(text))
	case causeDisclosureRe.MatchString(text):
		m := lowerKeep(causeDisclosureRe.FindString(text))
		if m == "foi" || m == "freedom of information" {
			m = "Freedom of Information request"
		}
		return causeDisclosure, m
	case has("misdirected", "to the wrong") && misdirectedRe.MatchString(text):
		return causeDisclosure, lowerKeep(misdirectedRe.FindString(text))
	case causeHackRe.MatchString(text):
		return causeHack, lowerKeep(causeHackRe.FindString(text))
	case has("stolen", " code") && hackMoreRe.MatchString(text):
		return causeHack, lowerKeep(hackMoreRe.FindString(text))
	case exposedRe.MatchString(text) && tellsOfData(low):
		// "details were published online", not "the men had been released"
		return causeDisclosure, lowerKeep(exposedRe.FindString(text))
	}
	return causeUnknown, ""
}

// exposesData reports whether a sentence tells of data exposed in the
// active voice, the data following the verb: "a supplier exposed the
// email addresses of 5,000 customers". It says what happened, not how: a
// breach, of no cause of its own.
func exposesData(text string) bool {
	low := lowerKeep(text)
	for _, m := range activeExposedRe.FindAllStringIndex(low, -1) {
		if len(findCategories(low[m[1]:min(len(low), m[1]+60)])) > 0 || dataWordRe.MatchString(low[m[1]:min(len(low), m[1]+30)]) {
			return true
		}
	}
	return false
}

// worryBeforeRe ends the words before a data category that only fears
// for it: "worried about their", "concerned for the safety of".
var worryBeforeRe = relit.MustCompile(`\b(?:worried|worry|worries|concerned|concerns|fear|fears|feared|afraid|anxious|nervous)\s+(?:about|for|over|that)\s+(?:\w+\s+){0,4}$`)

// activeExposedRe finds a verb that exposes data in the active voice.
var activeExposedRe = relit.MustCompile(`\b(?:exposed|leaked|published|disclosed|shared)\b`)

// dataWordRe names data in general, besides the categories.
var dataWordRe = relit.MustCompile(`\b(?:data|details|information|records|files|documents|spreadsheets?|database|list|emails?|letters?)\b`)

// tellsOfData reports whether a lower-cased sentence names data: a data
// category or a general word for it.
func tellsOfData(low string) bool {
	return dataWordRe.MatchString(low) || len(findCategories(low)) > 0
}

// isLoss reports whether text tells of a device or papers lost or stolen:
// a device word with a loss verb up to 80 bytes after it, or 40 before it.
func isLoss(text string) bool {
	if lossOfDeviceRe.MatchString(text) { // "reported the loss of a laptop"
		return true
	}
	verbs := lossVerbRe.FindAllStringIndex(text, -1)
	if verbs == nil {
		return false
	}
	var devs [][]int
	for _, dv := range deviceRe.FindAllStringIndex(text, -1) {
		// "phone numbers", "file names" are data, not devices
		if rest := lowerKeep(text[dv[1]:]); strings.HasPrefix(rest, " number") || strings.HasPrefix(rest, " name") {
			continue
		}
		devs = append(devs, dv)
	}
	for _, v := range verbs {
		for _, dv := range devs {
			if v[0] >= dv[1] && v[0]-dv[1] <= 80 || dv[0] >= v[1] && dv[0]-v[1] <= 40 {
				return true
			}
		}
	}
	return false
}

// victimIn finds the organisation a sentence says was breached: the first
// organisation of a victim kind named outside quotes (a supplier stands
// for its client and becomes the via).
func (d *doc) victimIn(s Span) (victim, via int) {
	victim, via = -1, -1
	best := 0
	for _, mi := range d.mentionsIn(s.Start, s.End) {
		m := d.ments[mi]
		e := m.ent
		if e < 0 && m.how == byPronoun && (m.word == "it" || m.word == "they") {
			continue
		}
		if e < 0 || d.ents[e].typ != Organization {
			continue
		}
		if m.how == byDescription && d.namedAfter(e, m.Start) {
			continue // "the company" before any company is named refers to none named later
		}
		en := d.ents[e]
		if en.kind == KindSupplier && en.client >= 0 {
			if via < 0 {
				via = e
			}
			if victim < 0 {
				victim = en.client
			}
			continue
		}
		if victimKind(en.kind) && !m.inQuote && !d.nameAsModifier(m.Span) && !d.affiliation(m.Span) && !d.receivesNotice(m.Span, s) && d.breachRoleOf(mi, s) == roleVictim {
			// the organisation the sentence most says was breached
			if sc := d.victimScore(mi, s); victim < 0 || sc > best && e != victim {
				victim, best = e, sc
			}
		}
	}
	return victim, via
}

// namedAfter reports whether entity e is first named by name after
// offset off (or never): a description before that cannot refer to it.
func (d *doc) namedAfter(e, off int) bool {
	for _, m := range d.ments {
		if m.ent == e && m.how == byName && m.Start < off {
			return false
		}
	}
	return true
}

// attackerIn finds the attacker a sentence names: an organisation or
// person in the role of attacker (breachRoleOf), or -1.
func (d *doc) attackerIn(s Span) int {
	for _, mi := range d.mentionsIn(s.Start, s.End) {
		m := d.ments[mi]
		if m.ent < 0 || m.inQuote || m.how == byPronoun {
			continue
		}
		if t := d.ents[m.ent].typ; (t == Organization || t == Person) && d.breachRoleOf(mi, s) == roleAttacker {
			return m.ent
		}
	}
	return -1
}

// isSubject reports whether entity e is the subject of sentence s.
func (d *doc) isSubject(e int, s Span) bool {
	mi := d.subjectBefore(s.Start, s.End)
	return mi >= 0 && d.ments[mi].ent == e
}

// mainVictim is the victim-kind organisation the article names most often
// (a name in the headline counting three times), where it could be a victim (not an attacker, a researcher or a
// publisher), the first named of equals; failing that, the first
// victim-kind organisation that is not an attacker, a security firm or
// no organisation at all.
func (d *doc) mainVictim() int {
	best, bestN, first := -1, 0, -1
	seen := map[int]bool{}
	for mi, m := range d.ments {
		if m.ent < 0 || seen[m.ent] || d.ents[m.ent].typ != Organization || !victimKind(d.ents[m.ent].kind) || d.ents[m.ent].kind == "" || d.nameAsModifier(m.Span) {
			continue
		}
		seen[m.ent] = true
		role := d.breachRoleOf(mi, d.sents[d.sentenceOf(m.Start)])
		if first < 0 && (role == roleVictim || role == roleResearcher && !d.researcherByName(m.ent)) {
			first = m.ent
		}
		if role != roleVictim {
			continue
		}
		n := len(d.ents[m.ent].spans)
		if d.inHeadline(m.ent) {
			n += 3 // as victimScore counts it
		}
		if n > bestN {
			best, bestN = m.ent, n
		}
	}
	if best < 0 {
		return first
	}
	return best
}

// factSentence reports whether a sentence without a breach word still
// carries breach facts: data categories, counts of people, reporting.
func (d *doc) factSentence(text string) bool {
	if hasCountCue(text) && len(countsIn(text)) > 0 || passiveNotifiedRe.MatchString(text) || regulatorActsRe.MatchString(text) {
		return true
	}
	low := lowerKeep(text)
	for _, cp := range categoryPatterns {
		if len(cp.pat) > 5 && containsWord(low, cp.pat) {
			return true
		}
	}
	return reportVerbRe.MatchString(text)
}

// breachStems start the words that can tell of a breach; a sentence with
// none of them needs no regular expression.
var breachStems = []string{"breach", "hack", "cyber", "leak", "unauthori", "ransomware", "intrusion", "compromise",
	"data", "laptop", "notebook", "stolen", "lost", "missing", "fell", "foi", "freedom", "error", "mistaken",
	"inadvertent", "accidental", "erroneous", "wrong", "publish", "release", "disclos", "expos", "post",
	"upload", "reduction", "delet", "shared", "sent", "included", "device", "phone", "memory", "usb", "drive",
	"document", "paper", "file", "folder", "disc", "disk", "tablet", "bag", "briefcase", "malware", "phishing",
	"misplaced", "mislaid", "left", "taken", "attack", "criminal"}

// intrusionStems start the words, beyond breachStems, that tell of an
// intrusion in a sentence beside a breach's evidence, whose dates then
// date the breach: "crooks infiltrated the website", "thieves accessed".
var intrusionStems = []string{"infiltrat", "stole", "steal", "access", "thie", "crook", "intrud", "attacker", "exfiltrat", "infect"}

// hasWordStem reports whether sentence si has a word starting with one of stems.
func (d *doc) hasWordStem(si int, stems []string) bool {
	s := d.sents[si]
	for _, w := range d.wordsIn(s.Start, s.End) {
		for _, st := range stems {
			if strings.HasPrefix(w.low, st) {
				return true
			}
		}
	}
	return false
}

// mayTellOfBreach reports whether sentence si has a word starting with one
// of breachStems.
func (d *doc) mayTellOfBreach(si int) bool {
	s := d.sents[si]
	for _, w := range d.wordsIn(s.Start, s.End) {
		for _, st := range breachStems {
			if strings.HasPrefix(w.low, st) {
				return true
			}
		}
	}
	return false
}

// readFacts adds the data, counts and authorities sentence s tells of to f.
func (d *doc) readFacts(f *breachFrame, s Span) {
	text := d.body[s.Start:s.End]
	if si := d.sentenceOf(s.Start); si >= 0 && si < len(d.sents) && d.rulesOf(si).may {
		// how and how sure: only where a breach word stands
		f.cues.read(text)
		if f.attacker < 0 {
			f.attacker = d.attackerIn(s)
		}
	}
	low := lowerKeep(text)
	prevNeg, prevEnd := false, -1
	var matches []categoryMatch
	if si := d.sentenceOf(s.Start); si >= 0 && si < len(d.sents) && d.sents[si] == s {
		matches = append(matches, d.categoriesIn(si)...)
	} else {
		matches = findCategories(low)
	}
	exposure := exposureRe.MatchString(text)
	if len(low) == len(text) && exposure {
		matches = append(matches, d.dataPhrases(s, matches)...)
		sort.SliceStable(matches, func(i, j int) bool { return matches[i].at < matches[j].at })
	}
	// data is exposed where a sentence tells of the breach: one the
	// classifier doubts lists data in general ("attackers favour
	// passwords"); a lost device, a disclosure or deleted data, which it
	// was given few examples of, stand on the rules (as in believedFrames)
	belief := -1.0
	believed := func() bool {
		if belief < 0 {
			belief = 1
			if si := d.sentenceOf(s.Start); si >= 0 && si < len(d.sents) && classifierJudged(f.cause) && classifierJudged(d.rulesOf(si).cause) {
				belief = d.breachProb(si)
			}
		}
		return belief >= dataBelief
	}
	named := 0
	for _, m := range matches {
		if !contextCategories[m.label] && categoryLabel(m.label) {
			named++
		}
	}
	for _, m := range matches {
		if contextCategories[m.label] && named == 0 && !exposure {
			continue // "units" alone is no data
		}
		// "people are worried about their bank details": a fear, no fact
		if worryBeforeRe.MatchString(low[max(0, m.at-40):m.at]) {
			continue
		}
		// "no bank details or national insurance numbers had been included"
		neg := negationRe.MatchString(clauseAround(low, m.at)) || noBeforeRe.MatchString(low[max(0, m.at-24):m.at])
		if prevNeg && prevEnd >= 0 && prevEnd <= m.at && listGapRe.MatchString(low[prevEnd:m.at]) {
			neg = true
		}
		label := surfaceLabel(low, m)
		if neg {
			f.notExposed[label] = true
		} else {
			if believed() {
				f.exposed[label] = true
			}
			if exposure && (m.label != label || categoryLabel(m.label)) {
				f.named[label] = true
			}
		}
		prevNeg, prevEnd = neg, m.end
	}
	if !hasCountCue(text) {
		d.readSmallCounts(f, text)
		d.readReportedTo(f, s)
		return
	}
	d.readCounts(f, text)
	d.readReportedTo(f, s)
}

// smallCountRe finds a small count written in words: "two laptops", "a
// dozen hotels".
var smallCountRe = relit.MustCompile(`(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)\s`)

// smallCountNouns are what a small count in words counts in a breach
// report: devices lost or stolen and the sites breached, not the people
// who took part ("two Iranian citizens were charged").
var smallCountNouns = setOf(`laptops computers devices phones tablets drives disks servers hotels stores restaurants
hospitals clinics schools universities colleges offices branches databases websites`)

var smallNumbers = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12}

// readSmallCounts adds to f the small counts text writes in words right
// before what they count, with at most two words between ("a dozen
// Eastern Carolina hotels"); a comma or a full stop ends the phrase.
func (d *doc) readSmallCounts(f *breachFrame, text string) {
	for _, m := range smallCountRe.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 && text[m[0]-1] == '-' { // "twenty-two"
			continue
		}
		if before := text[max(0, m[0]-80):m[0]]; representsRe.MatchString(before) && !tookWithRe.MatchString(before) {
			continue
		}
		for i, w := range strings.Fields(text[m[1]:]) {
			if i > 2 {
				break
			}
			word := strings.TrimRight(lowerKeep(w), ".,;:!?)")
			if i == 0 && (word == "million" || word == "billion" || word == "thousand" || word == "hundred") {
				break // "five million members" is countsIn's
			}
			if smallCountNouns[word] {
				f.affected[smallNumbers[lowerKeep(text[m[2]:m[3]])]] = true
				break
			}
			if word != lowerKeep(w) {
				break // the phrase ended
			}
		}
	}
}

// readCounts adds the counts of people or records text gives to f.
func (d *doc) readCounts(f *breachFrame, text string) {
	d.readSmallCounts(f, text)
	for _, m := range countsIn(text) {
		if before := text[max(0, m[0]-80):m[0]]; representsRe.MatchString(before) && !tookWithRe.MatchString(before) { // the words right before the number
			continue
		}
		if m[2] < 0 && yearLike(text[m[4]:m[5]]) && strings.TrimSpace(text[m[5]:m[6]]) != "" {
			continue // "from mid 2010 onwards appear to have passwords": a year
		}
		if m[0] > 0 && (text[m[0]-1] == '-' || text[m[0]-1] == '/') {
			continue // "W-2 forms", "24/7": part of a name, no count
		}
		if m[2] < 0 && dayOfMonthRe.MatchString(text[max(0, m[0]-12):m[0]]) { // "on Feb. 21 when staff found"
			continue
		}
		if clauseGap(text[m[5]:m[6]]) { // "in 2021 when staff", "21 after officers"
			continue
		}
		num := lowerKeep(strings.ReplaceAll(text[m[4]:m[5]], ",", ""))
		mult := 1.0
		for _, sc := range countScales {
			if strings.HasSuffix(num, sc.suffix) {
				num, mult = strings.TrimSpace(strings.TrimSuffix(num, sc.suffix)), sc.mult // "1.5m customers", "a billion accounts"
				break
			}
		}
		if w, ok := numberWords[num]; ok {
			num = w // "two million"
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || v <= 0 {
			continue
		}
		f.affected[int(v*mult)] = true
	}
}

type categoryMatch struct {
	label   string
	at, end int
}

var (
	// noBeforeRe: a category negated by the word before it ("no bank details", "neither names")
	noBeforeRe = relit.MustCompile(`\b(?:no|not|neither|nor|without)\s+(?:[\p{L}-]+\s+)?$`)
	// listGapRe: what stands between the items of one list ("names, addresses or")
	listGapRe = relit.MustCompile(`^(?:\s*,\s*|\s+or\s+|\s+nor\s+|\s+and\s+|\s*,\s*(?:or|and|nor)\s+)(?:[\p{L}-]+\s+)?$`)
)

// categoryPatterns are all data category patterns, longest first, so that
// "email addresses" is read before "addresses".
var categoryPatterns = func() []struct{ pat, label string } {
	var out []struct{ pat, label string }
	for _, c := range dataCategories {
		for _, p := range c.patterns {
			out = append(out, struct{ pat, label string }{p, c.label})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].pat) > len(out[j].pat) })
	return out
}()

// findCategories finds the data categories low names, each stretch of text
// read once by the longest pattern covering it.
func findCategories(low string) []categoryMatch {
	var used []Span
	var out []categoryMatch
	for _, cp := range categoryPatterns {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], cp.pat)
			if i < 0 {
				break
			}
			i += from
			e := i + len(cp.pat)
			from = e
			if !atWordBoundary(low, i, e) {
				continue
			}
			overlap := false
			for _, u := range used {
				if i < u.End && u.Start < e {
					overlap = true
				}
			}
			if overlap {
				continue
			}
			used = append(used, Span{i, e})
			out = append(out, categoryMatch{cp.label, i, e})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

// clauseAround returns the clause of low (a lower-cased sentence, the
// string at is an offset into) holding offset at: the stretch between
// contrast markers ("but", "however", "while", ";"). Lower-casing can
// change a text's length, so the offset and the text must be the same
// string.
func clauseAround(low string, at int) string {
	start, end := 0, len(low)
	for _, mk := range []string{", but ", "; ", " however", " while ", " whereas ", " although ", " but "} {
		for from := 0; ; {
			i := strings.Index(low[from:], mk)
			if i < 0 {
				break
			}
			i += from
			from = i + len(mk)
			if i < at && i+len(mk) > start {
				start = i + len(mk)
			}
			if i >= at && i < end {
				end = i
			}
		}
	}
	if end < start { // a marker straddling at
		end = start
	}
	return low[start:end]
}

// readReportedTo finds who a breach was reported to: "referred itself to
// the ICO", "has reported the matter to the National Crime Agency and the
// ICO", "The NCA has been notified", "The ICO is also aware".
func (d *doc) readReportedTo(f *breachFrame, s Span) {
	text := d.body[s.Start:s.End]
	add := func(from, to int) {
		for _, mi := range d.mentionsIn(from, to) {
			e := d.ments[mi].ent
			if e < 0 || d.ents[e].typ != Organization || e == f.victim {
				continue
			}
			switch d.ents[e].kind {
			case KindRegulator, KindAgency, KindGovernment, KindPoliceForce, KindOrganization:
				f.reportedTo[e] = true
			}
		}
	}
	for _, m := range reportVerbRe.FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		// "said in a filing with the Securities and Exchange Commission"
		if v := lowerKeep(text[m[0]:m[1]]); v == "filing" || v == "filed" {
			if strings.HasPrefix(rest, " with ") {
				add(s.Start+m[1]+6, s.Start+m[1]+6+clauseEnd(rest[6:]))
			}
			continue
		}
		// the recipients follow "to" in the same clause
		to := indexWord(lowerKeep(rest), "to")
		if to < 0 || to > 40 {
			if v := lowerKeep(text[m[0]:m[1]]); v == "notified" || v == "informed" || v == "alerted" || v == "contacted" || v == "told" {
				end := clauseEnd(rest)
				add(s.Start+m[1], s.Start+m[1]+end)
			}
			continue
		}
		start := m[1] + to + 2
		end := start + clauseEnd(text[start:])
		add(s.Start+start, s.Start+end)
	}
	if m := passiveNotifiedRe.FindStringIndex(text); m != nil {
		// the body told is the subject of the clause: "the CMA is not
		// involved, but the ICO has been informed" told only the ICO
		from := 0
		low := lowerKeep(text[:m[0]])
		for _, mk := range []string{", but ", "; ", " but ", ", while ", ", and "} {
			if i := strings.LastIndex(low, mk); i >= 0 && i+len(mk) > from {
				from = i + len(mk)
			}
		}
		add(s.Start+from, s.Start+m[0])
	}
	// "The Information Commissioner's Office said it was investigating":
	// a regulator looking into the breach was told of it
	if m := regulatorActsRe.FindStringIndex(text); m != nil {
		if mi := d.subjectBefore(s.Start, s.Start+m[0]); mi >= 0 {
			if e := d.ments[mi].ent; e >= 0 && e != f.victim && d.ents[e].typ == Organization && d.ents[e].kind == KindRegulator {
				f.reportedTo[e] = true
			}
		}
	}
	// "The Attorney General's Office confirmed it had received a notice of the breach"
	if m := receivedNoticeRe.FindStringIndex(text); m != nil {
		if mi := d.subjectBefore(s.Start, s.Start+m[0]); mi >= 0 && d.ments[mi].ent >= 0 && d.ents[d.ments[mi].ent].typ == Organization && d.ments[mi].ent != f.victim {
			f.reportedTo[d.ments[mi].ent] = true
		}
	}
}

// clauseEnd returns where the clause starting text ends: at a relative
// clause, a subordinate clause or the sentence end.
func clauseEnd(text string) int {
	best := len(text)
	for _, stop := range []string{", which", ", who", " after ", " because ", " following ", ". ", "; ", " but ", ", as ", " when ", " last ", " on "} {
		if i := strings.Index(text, stop); i >= 0 && i < best {
			best = i
		}
	}
	return best
}

// indexWord finds w in s at word boundaries, -1 when absent.
func indexWord(s, w string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		if atWordBoundary(s, i, i+len(w)) {
			return i
		}
		from = i + 1
	}
}

func containsWord(s, w string) bool { return indexWord(s, w) >= 0 }

// eventOf turns a frame into an Event.
func (d *doc) eventOf(f *breachFrame) Event {
	v := d.ents[f.victim]
	ev := Event{Type: "DataBreach", Victim: v.key, Cause: f.causeText, When: f.when, Discovered: f.discovered,
		Disclosed: f.disclosed, Evidence: f.evidence}
	ev.Key = BreachKeyPrefix(v.key) + f.cause
	ev.Kind, ev.Status = kindOf(f), statusOf(f)
	if f.attacker >= 0 && f.attacker != f.victim {
		ev.Attacker = d.ents[f.attacker].key
		if d.ents[f.attacker].typ == Organization && d.ents[f.attacker].kind != KindCriminal {
			d.ents[f.attacker].kind = KindThreatActor // a criminal group stays one
		}
	}
	label := map[string]string{causeHack: "hack", causeDisclosure: "data disclosure", causeLoss: "lost data", causeDataLoss: "data loss", causeUnknown: "data breach"}[f.cause]
	ev.Name = v.name + " " + label
	if f.via >= 0 {
		ev.Via = d.ents[f.via].key
		ev.Name = v.name + " supplier " + label
	}
	ev.Exposed = sortedKeys(f.exposed)
	for k := range f.notExposed {
		if !f.exposed[k] {
			ev.NotExposed = append(ev.NotExposed, k)
		}
	}
	sort.Strings(ev.NotExposed)
	for n := range f.affected {
		ev.Affected = append(ev.Affected, n)
	}
	sort.Ints(ev.Affected)
	for e := range f.reportedTo {
		ev.ReportedTo = append(ev.ReportedTo, d.ents[e].key)
	}
	sort.Strings(ev.ReportedTo)
	return ev
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// modifiedNouns are the nouns an organisation's name modifies when it
// names something else: "an NHS trust" is a trust, not the NHS; "NHS
// numbers" are data.
var modifiedNouns = setOf(`trust trusts hospital hospitals university school schools council councils board
numbers number records`)

// nameAsModifier reports whether the name at sp modifies a lower-case noun
// after it ("an NHS trust in the Midlands", "NHS numbers") and so does not
// stand for the organisation itself.
func (d *doc) nameAsModifier(sp Span) bool {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= sp.End })
	if i >= len(d.toks) || i == 0 || d.toks[i].sent != d.toks[i-1].sent {
		return false
	}
	t := d.toks[i]
	return t.word && !t.cap && modifiedNouns[t.low]
}

// affiliation reports whether the organisation named at sp is where a
// person works, written after their title: "professor of cyber security
// at the University of Dunmore", "a senior analyst at Tallis Labs". The
// organisation of an expert's title is not the breach's victim.
func (d *doc) affiliation(sp Span) bool {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= sp.Start })
	k := i - 1
	if k >= 0 && d.toks[k].low == "the" {
		k--
	}
	if k < 1 || d.toks[k].low != "at" && d.toks[k].low != "from" {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-6 && d.toks[j].sent == d.toks[i].sent; j-- {
		// "… at Tallis Labs", "who studies fraud at Haverleigh University"
		if titleHeads[d.toks[j].low] || d.toks[j].low == "who" {
			return true
		}
		if !d.toks[j].word {
			break
		}
	}
	return false
}

// receivedNoticeRe: the organisation a breach was reported to, in its own words.
// regulatorActsRe finds a body looking into what it was told of: "was
// investigating", "is making enquiries", "has opened an investigation".
var regulatorActsRe = relit.MustCompile(`(?i)\b(?:(?:was|is|were|are|had been|has been|have been)\s+(?:now\s+)?(?:investigating|making (?:enquiries|inquiries)|looking into)|(?:has|had|have)\s+(?:opened|launched|begun|started)\s+(?:an?\s+)?(?:investigation|inquiry|enquiry|enquiries|inquiries))\b`)

var receivedNoticeRe = relit.MustCompile(`(?i)\b(?:received|receiving|has had)\s+(?:a\s+|an\s+)?(?:notice|notification|report|referral|breach report)\b`)

// receivesNotice reports whether the organisation named at sp in sentence s
// is the one that received the breach's report ("X confirmed it had
// received a notice of the breach"), not its victim.
func (d *doc) receivesNotice(sp, s Span) bool {
	text := d.body[s.Start:s.End]
	m := receivedNoticeRe.FindStringIndex(text)
	if m == nil || sp.Start > s.Start+m[0] {
		return false
	}
	mi := d.subjectBefore(s.Start, s.Start+m[0])
	return mi >= 0 && d.ments[mi].Start == sp.Start
}

// countScales are the magnitudes a count may end with.
var countScales = []struct {
	suffix string
	mult   float64
}{{"million", 1e6}, {"billion", 1e9}, {"bn", 1e9}, {"m", 1e6}}

// numberWords are the numbers news writes in words before "million".
var numberWords = map[string]string{"a": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "ten": "10", "half a": "0.5"}

// hasCountCue reports whether text may hold a count: a digit or "million".
// clauseGap reports whether the words between a number and the noun it
// seems to count start a new clause ("21 when staff", "2019 after
// customers"): then the number counts nothing.
func clauseGap(gap string) bool {
	for _, w := range strings.Fields(lowerKeep(gap)) {
		switch w {
		case "when", "where", "while", "after", "before", "since", "because", "if", "until", "as", "that", "which", "who":
			return true
		}
	}
	return false
}

func hasCountCue(text string) bool {
	return strings.ContainsAny(text, "0123456789") || strings.Contains(text, " million")
}

// readDates reads the dates of breach sentence si into f: the first date
// of its discovery and of its disclosure the passage gives, and the date
// of the incident from the sentence the breach classifier most believes
// tells of it (weight scales that belief: a sentence of the passage
// beside the evidence counts less). A later date takes the place of an
// earlier one only when its sentence is clearly likelier to tell of the
// breach.
func (d *doc) readDates(f *breachFrame, si int, weight float64, published time.Time) {
	text := d.body[d.sents[si].Start:d.sents[si].End]
	if !yearRe.MatchString(text) && !monthWordRe.MatchString(text) {
		return
	}
	p := -1.0
	for _, bd := range datesIn(text, published) {
		switch bd.what {
		case "discovered":
			if f.discovered == "" {
				f.discovered = bd.when
			}
		case "disclosed":
			if f.disclosed == "" {
				f.disclosed = bd.when
			}
		default:
			if p < 0 {
				p = d.breachProb(si) * weight
			}
			if f.when == "" || p > f.whenBelief+dateBeliefMargin {
				f.when, f.whenBelief = bd.when, p
			}
		}
	}
}

// countNouns are what a count in a breach report counts.
var countNouns = setOf(`people persons individuals officers staff employees personnel members customers users patients
victims residents cases records accounts students pupils workers children families clients veterans voters tenants
applicants citizens taxpayers subscribers drivers passengers guests donors parents claimants candidates pensioners
soldiers troops nurses doctors teachers households homes businesses shoppers travellers travelers investors
policyholders cardholders holders borrowers savers carers firefighters paramedics prisoners inmates volunteers
contractors recipients players fans addresses passwords credentials emails files documents messages cards numbers
usernames logins profiles entries rows identities contacts devices computers servers websites sites databases
organisations organizations companies hotels stores restaurants banks hospitals schools consumers americans britons
agents adults details laptops computers photos pictures images videos pins forms resumes universities colleges
transactions institutions firms merchants dealers mailboxes phones tablets`)

// demonymPlural reports whether a word names the people of a place
// ("Argentinians", "Canadians"), which a count then counts.
func demonymPlural(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return len(w) >= 7 && unicode.IsUpper(r) && strings.HasSuffix(w, "ans") && strings.ToLower(w[1:]) == w[1:]
}

// countsIn finds the counts of text: a number (countNumRe) and, up to
// five words after it, a noun of countNouns ("47,000 officers and staff",
// "1.5m customers", "a billion Yahoo accounts"). Each match holds the
// offsets of the whole, the qualifier, the number and the noun, as
// FindAllStringSubmatchIndex gives them.
func countsIn(text string) [][]int {
	var out [][]int
	var coord [][]int // numbers joined to the next one, counting what it counts
	for _, m := range countNumRe.FindAllStringSubmatchIndex(text, -1) {
		at := m[1] // after the number and one space
		// "36 million and 58 million accounts", "550,000 to 1.1 million records"
		if coordNumRe.MatchString(text[at:]) {
			coord = append(coord, m)
			continue
		}
		n := len(out)
		if rest := text[at:]; strings.HasPrefix(rest, "of its ") || strings.HasPrefix(rest, "of their ") || strings.HasPrefix(rest, "of the ") {
			at += strings.IndexByte(rest[3:], ' ') + 4
		}
		for w := 0; w < 5 && at < len(text); w++ {
			for at < len(text) && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n') {
				at++
			}
			end := at
			for end < len(text) {
				r, n := utf8.DecodeRuneInString(text[end:])
				if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && (r != '.' || end+1 >= len(text) || text[end+1] == ' ') {
					break
				}
				end += n
			}
			if end == at {
				break
			}
			word := lowerKeep(text[at:end])
			word = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s"), "'’")
			if countNouns[word] || demonymPlural(text[at:end]) {
				out = append(out, []int{m[0], end, m[2], m[3], m[4], m[5], at, end})
				break
			}
			if end < len(text) && text[end] != ' ' && text[end] != '\n' && text[end] != '\t' {
				break // a comma or a full stop ends the counted phrase
			}
			at = end
		}
		if len(out) > n {
			for _, c := range coord {
				out = append(out, []int{c[0], c[5], c[2], c[3], c[4], c[5], out[n][6], out[n][7]})
			}
		}
		coord = coord[:0]
	}
	return out
}
