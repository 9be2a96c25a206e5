package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// dataHeads are the nouns news uses for what a breach exposed, beyond the
// named categories: the head of a phrase kept in the article's own words
// ("customer data", "login credentials", "source code", "call logs").
var dataHeads = setOf(`data information info details records credentials passwords password emails messages
files documents code logs photos images videos recordings transcripts contacts usernames tokens keys
certificates hashes accounts forms returns statements spreadsheets database databases property secrets
correspondence chats texts biometrics fingerprints dna genomes results prescriptions histories
communications credentials cookies profiles identities ids pins lists backups scans pii phi tables keystrokes
video footage sessions headers episodes digits scores birthdates genders resumes passports cards`)

// dataModifierStops end the words before a data head: determiners,
// prepositions, verbs, conjunctions.
var dataModifierStops = setOf(`the a an of and or their its his her our your my some all any more than were was
been had have has be being is are stolen accessed exposed leaked compromised obtained taken included including
contained containing to from in on with that which as such other both also only by for at
this these those what who whose when where it they we you he she them us many much several various certain no not
copied downloaded posted published sold dumped harvested scraped viewed breached hacked lost released revealed
affected exfiltrated held stored kept includes include contains contain million billion thousand hundred
alleged allegedly reportedly potentially possibly says say said encrypt encrypts steal steals access leak sell
share shared delete deleted send sent collect collected download upload uploaded protect protected store encrypted
unencrypted-free`)

// contextCategories are data categories whose words mean data only beside
// other data or where data was taken: "ranks, bases and units" of
// officers, not "military units" or "a customer base".
var contextCategories = setOf(`ranks grades units locations roles`)

// dataModifiersIng are the words in -ing that modify data nouns.
var dataModifiersIng = setOf(`banking billing shipping mailing login logging accounting`)

// dataNotHeadAfter follow a data word that modifies another noun: "data
// breach", "information security".
var dataNotHeadAfter = setOf(`breach breaches leak leaks center centers centre centres protection security privacy theft loss
dump dumps broker brokers analytics set sets scientist scientists management officer commissioner commissioner's
technology technologies systems system services service sharing retention storage handling warehouse
game games gaming conferencing call calls streaming`)

// exposureRe finds a verb or phrase telling that data went where it
// should not.
var exposureRe = relit.MustCompile(`(?i)\b(?:stole|stolen|steal|stealing|accessed|access to|exposed|exposing|leaked|leak|leaking|compromised|obtained|taken|took|exfiltrated|downloaded|dumped|posted|published|sold|selling|copied|harvested|harvesting|scraped|viewed|breached|lost|affected|included|includes|include|including|contained|containing|consisted|involved|hacked|released|revealed|exposure|theft|stole)\b`)

// dataPhrases returns the phrases of lower-cased sentence low (tokens of
// sentence s) that name exposed data by a data head, in the article's
// words, outside the spans already read as categories.
func (d *doc) dataPhrases(s Span, taken []categoryMatch) []categoryMatch {
	var out []categoryMatch
	first := d.tokenAt(s.Start)
	for i := first; i < len(d.toks) && d.toks[i].Start < s.End; i++ {
		t := d.toks[i]
		if !t.word || t.cap && i > first || !dataHeads[t.low] {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].Start < s.End && d.toks[i+1].word && dataNotHeadAfter[d.toks[i+1].low] {
			continue
		}
		j := i
		for j > first && i-j < 2 {
			p := d.toks[j-1]
			if !p.word || p.cap || dataModifierStops[p.low] || isDigits(p.low) || strings.HasSuffix(p.low, "ing") && !dataModifiersIng[p.low] {
				break
			}
			j--
		}
		at, end := d.toks[j].Start-s.Start, t.End-s.Start
		overlap := false
		for _, c := range taken {
			if at < c.end && c.at < end {
				overlap = true
			}
		}
		if overlap {
			continue
		}
		out = append(out, categoryMatch{label: lowerKeep(d.body[d.toks[j].Start:t.End]), at: at, end: end})
	}
	return out
}

// surfaceLabel gives the exposed item for a category match: the label when
// it names the same thing by the same head word or describes a mix
// ("personal data of victims, witnesses and suspects"), else the
// article's own words ("login credentials", not "passwords").
func surfaceLabel(low string, m categoryMatch) string {
	surface := low[m.at:m.end]
	if strings.Contains(m.label, " of ") || strings.Contains(m.label, ",") || headWord(surface) == headWord(lowerKeep(m.label)) {
		return m.label
	}
	return surface
}

// headWord is the last word of a phrase, its plural folded.
func headWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "shes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

// categoryLabel reports whether label is one of dataCategories' labels.
func categoryLabel(label string) bool {
	for _, c := range dataCategories {
		if c.label == label {
			return true
		}
	}
	return false
}

// dataBelief is the least belief of the breach classifier in a sentence
// for the data it names to count as exposed.
const dataBelief = 0.01

// classifierJudged reports whether cause is one the breach classifier judges (a
// hack or a breach of no known cause), not one the rules alone stand on.
func classifierJudged(cause string) bool { return cause == causeHack || cause == causeUnknown }

// passageFactBelief is the least belief of the breach classifier in a
// sentence beside a breach's evidence for the data it names to count.
const passageFactBelief = 0.5
