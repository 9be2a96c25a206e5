package extract

import (
	"strings"
)

// breachRole is what an organisation named in a breach sentence is to the
// breach: its victim, its attacker, who found or studied it, or nothing.
type breachRole int

const (
	roleVictim breachRole = iota
	roleAttacker
	roleResearcher
	roleNone // not an organisation at all ("DDoS", "PowerShell") or a footer
)

// notVictimNames are capitalised words of security news that name a
// technique, a product feature, a malware family or a season, never an
// organisation that was breached.
var notVictimNames = setOf(`ddos dos iot powershell powerpoint raas saas trojan trojans wifi wi-fi bitcoin bitcoins
christmas easter foi sql vpn api apis heartbleed wannacry notpetya petya mirai emotet trickbot locky samsam gandcrab
ryuk cerber cryptolocker cryptowall zeus dridex ransomware malware phishing botnet tor captcha pdf javascript
http https ssl tls usb rat rats apt gdpr hipaa pci cve black friday cyber monday additionally meanwhile however moreover
furthermore monday tuesday wednesday thursday friday saturday sunday`)

// knownAttackers are groups named as attackers in breach reporting.
var knownAttackers = setOfSep(`shadow brokers|ourmine|lazarus|lazarus group|fancy bear|cozy bear|apt28|apt29|apt10|anonymous|lulzsec|
lizard squad|shinyhunters|rhysida|lockbit|cl0p|clop|alphv|blackcat|conti|revil|darkside|scattered spider|lapsus$|
thedarkoverlord|the dark overlord|guccifer|guccifer 2.0|syrian electronic army|equation group|carbanak|fin7|magecart|
legion of doom|ghostshell|team ghostshell|tessa88|gnosticplayers|black basta|akira|8base|bianlian|
vice society|killnet|noname057|sandworm|turla|kimsuky|charming kitten|apt33|apt34|oilrig|darkhotel|cobalt group`, '|')

// securityVendors are security firms and labs that find and describe
// breaches far more often than they suffer them.
var securityVendors = setOfSep(`kaspersky|kaspersky lab|fireeye|mandiant|mcafee|mcafee labs|symantec|norton|trend micro|eset|sophos|
check point|palo alto networks|unit 42|crowdstrike|proofpoint|malwarebytes|bitdefender|avast|avg|cisco talos|talos|
recorded future|wordfence|zscaler|barracuda|barracuda networks|imperva|akamai|kromtech|upguard|redlock|appthority|
guardicore|cylance|carbon black|tenable|rapid7|qualys|fortinet|f-secure|webroot|sucuri|securelist|flashpoint|
digital shadows|intsights|cybereason|sentinelone|darktrace|secureworks|group-ib|positive technologies|vectra|
surfwatch labs|threatconnect|risk based security|haveibeenpwned|have i been pwned|leakedsource|hold security|
malwarehunterteam|the register|krebs on security|krebsonsecurity|bleepingcomputer|zdnet|techcrunch|motherboard|
ars technica|wired|the verge|reuters|associated press|bloomberg|news corp|dow jones|gizmodo|vice|cnet|engadget`, '|')

// setOfSep is setOf with another separator than white space.
func setOfSep(s string, sep byte) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Split(s, string(sep)) {
		if w = strings.Join(strings.Fields(w), " "); w != "" {
			out[w] = true
		}
	}
	return out
}

var (
	attackerAfter   = setOf(`hackers hacker group gang crew collective hacking cybergang syndicate`)
	researcherAfter = setOf(`researchers researcher analysts analyst experts expert labs lab threat security spokesman`)
	malwareAfter    = setOf(`ransomware malware trojan botnet virus worm exploit exploits vulnerability vulnerabilities
flaw flaws bug bugs variant strain family campaign backdoor kit loader rat wiper stealer`)
	// attackVerbs, in the active voice right after a name, make it the attacker
	attackVerbs = setOf(`hacked breached stole stolen leaked dumped claimed compromised exfiltrated infiltrated
attacked targeted published posted accessed defaced hijacked encrypted`)
	// findVerbs right after a name make it who found the breach
	findVerbs = setOf(`discovered found spotted uncovered detected observed identified warned analysed analyzed
tracked investigated researched noticed`)
	// victimNouns after a possessive name are the victim's own
	victimNouns = setOf(`customers users servers server systems system network networks database databases data
employees staff patients website site accounts account records members clients subscribers breach hack
computers email emails files`)
	breachHeads  = setOf(`breach breaches hack hacks leak leaks attack attacks incident intrusion compromise`)
	passiveVerbs = setOf(`hacked breached compromised attacked hit targeted affected infiltrated impacted exposed
struck victimised victimized`)
	breachReportVerbs = setOf(`suffered disclosed confirmed announced revealed admitted reported notified said says warned
acknowledged`)
)

// breachRoleOf tells what the organisation of mention mi is to the breach
// sentence s is about.
func (d *doc) breachRoleOf(mi int, s Span) breachRole {
	m := d.ments[mi]
	e := m.ent
	name := lowerKeep(d.ents[e].name)
	surface := lowerKeep(d.body[m.Start:m.End])
	if notVictimNames[name] || notVictimNames[surface] || notVictimNames[firstWord(name)] || weekdayIn(name) {
		return roleNone
	}
	if d.malwareName(e) {
		return roleNone
	}
	if knownAttackers[name] || knownAttackers[surface] || d.ents[e].kind == KindThreatActor || d.ents[e].kind == KindCriminal {
		return roleAttacker
	}
	if securityVendors[name] || securityVendors[surface] {
		return roleResearcher
	}
	for _, suf := range researcherSuffixes {
		if strings.HasSuffix(name, suf) {
			return roleResearcher
		}
	}
	low := lowerKeep(d.body[s.Start:s.End])
	if strings.Contains(low, "©") || strings.Contains(low, "copyright") || strings.Contains(low, "all rights reserved") {
		return roleNone
	}
	after := d.lowWordsAfter(m.End, s.End, 4)
	before := d.lowWordsBefore(m.Start, s.Start, 4)
	if len(after) > 0 {
		switch {
		case malwareAfter[after[0]]:
			return roleNone
		case attackerAfter[after[0]]:
			return roleAttacker
		case researcherAfter[after[0]]:
			return roleResearcher
		}
	}
	if n := len(before); n > 0 {
		switch {
		case before[n-1] == "by" && n >= 2 && (passiveVerbs[before[n-2]] || attackVerbs[before[n-2]] || before[n-2] == "claimed" || before[n-2] == "out"):
			return roleAttacker // "hacked by X", "carried out by X"
		case before[n-1] == "to" && n >= 2 && (before[n-2] == "attributed" || before[n-2] == "linked"):
			return roleAttacker
		case before[n-1] == "at" && n >= 2 && researcherAfter[before[n-2]], before[n-1] == "from" && n >= 2 && researcherAfter[before[n-2]]:
			return roleResearcher // "researchers at X"
		case before[n-1] == "to" && n >= 2 && before[n-2] == "according":
			return roleResearcher
		case n >= 2 && (before[n-1] == "firm" || before[n-1] == "company" || before[n-1] == "vendor" || before[n-1] == "researcher") && (before[n-2] == "security" || before[n-2] == "cybersecurity" || before[n-2] == "antivirus"):
			return roleResearcher
		}
	}
	// the verb right after the name, past its auxiliaries and adverbs
	for i, w := range after {
		if w == "has" || w == "have" || w == "had" || w == "allegedly" || w == "reportedly" || w == "also" || w == "recently" || w == "apparently" {
			continue
		}
		if attackVerbs[w] && w != "stolen" && w != "accessed" && w != "targeted" && w != "encrypted" && w != "published" && w != "posted" {
			return roleAttacker
		}
		if findVerbs[w] {
			return roleResearcher
		}
		_ = i
		break
	}
	return roleVictim
}

// victimScore rates how much a breach sentence says the organisation of
// mention mi was breached: named with a breach word, as the subject of a
// passive breach verb, with its own customers or servers, and named
// often in the article.
func (d *doc) victimScore(mi int, s Span) int {
	m := d.ments[mi]
	after := d.lowWordsAfter(m.End, s.End, 4)
	before := d.lowWordsBefore(m.Start, s.Start, 3)
	score := 0
	if len(after) > 0 {
		a0 := after[0]
		if a0 == "'s" && len(after) > 1 && victimNouns[after[1]] || victimNouns[a0] || breachHeads[a0] || a0 == "data" && len(after) > 1 && breachHeads[after[1]] {
			score += 3
		}
		for _, w := range after {
			if passiveVerbs[w] || breachReportVerbs[w] && w != "said" && w != "says" && w != "warned" {
				score += 3
				break
			}
			if w == "said" || w == "says" {
				score++
				break
			}
		}
	}
	if n := len(before); n > 0 {
		if b := before[n-1]; (b == "at" || b == "of" || b == "on" || b == "against" || b == "into" || b == "from") && n >= 2 && (breachHeads[before[n-2]] || passiveVerbs[before[n-2]] || before[n-2] == "access" || before[n-2] == "stolen" || before[n-2] == "data") {
			score += 3
		}
		if passiveVerbs[before[n-1]] || before[n-1] == "breached" {
			score += 2 // "hackers breached X"
		}
	}
	if d.inHeadline(m.ent) {
		score += 3 // a headline names the organisation its breach story is about
	}
	if k := len(d.ents[m.ent].spans); k > 1 {
		score += min(3, k-1)
	} else {
		score--
	}
	return score
}

// firstWord returns the first word of s.
func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// lowWordsAfter returns up to n lower-case tokens starting at off, before end.
func (d *doc) lowWordsAfter(off, end, n int) []string {
	var out []string
	for i := d.tokenAt(off); i < len(d.toks) && d.toks[i].Start < end && len(out) < n; i++ {
		if d.toks[i].word || d.toks[i].low == "'s" {
			out = append(out, d.toks[i].low)
		} else {
			break // a comma or a quote ends the phrase
		}
	}
	return out
}

// lowWordsBefore returns up to n lower-case words ending before off, from start.
func (d *doc) lowWordsBefore(off, start, n int) []string {
	i := d.tokenAt(off) - 1
	var out []string
	for ; i >= 0 && d.toks[i].Start >= start && len(out) < n; i-- {
		if !d.toks[i].word {
			break
		}
		out = append(out, d.toks[i].low)
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// researcherByName reports whether organisation e is a security firm,
// lab or publisher by its name alone.
func (d *doc) researcherByName(e int) bool {
	name := lowerKeep(d.ents[e].name)
	if securityVendors[name] {
		return true
	}
	for _, suf := range researcherSuffixes {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// researcherSuffixes end the names of security firms and labs.
var researcherSuffixes = []string{" security", " labs", " lab", " research", " intelligence", " antivirus"}

// weekdayIn reports whether a lower-cased name holds a day of the week: a
// name run on into its date ("Kaspersky on Tuesday") is no organisation's.
func weekdayIn(name string) bool {
	for _, w := range strings.Fields(name) {
		switch w {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
			return true
		}
	}
	return false
}

// inHeadline reports whether the article's headline names organisation e
// by its name or one of its aliases, as whole words.
func (d *doc) inHeadline(e int) bool {
	if d.headline == "" || e < 0 {
		return false
	}
	if n := lowerKeep(d.ents[e].name); len(n) > 1 && containsWord(d.headline, n) {
		return true
	}
	for a := range d.ents[e].aliases {
		if a = lowerKeep(a); len(a) > 2 && containsWord(d.headline, a) {
			return true
		}
	}
	return false
}

// victimSiteNouns name what an organisation runs and a breach reaches
// ("the ABTA website was hacked", "travel-booking site Orbitz").
var victimSiteNouns = setOf(`website site service network servers server systems database databases accounts
customers users app platform store forum portal`)

// orgPossessions are what an organisation, not a person, has breached:
// "Acme's customers", "Acme's servers".
var orgPossessions = setOf(`customers users servers systems network networks database databases employees staff
patients website site members clients subscribers breach hack customer user database website`)

// strongBreachWords in a sentence make its report verbs tell of a breach:
// "Acme confirmed a data breach".
var strongBreachWords = setOf(`breach breached breaches hack hacked hackers hacking cyberattack cyber-attack
intrusion leak leaked stolen compromised`)

// breachVictimRun reports whether the capitalised run of tokens [a, b)
// stands where a breach's victim stands, and so names an organisation
// (when no given name opens it): before a breach word or the possessive
// of its customers, systems or data ("Yahoo breach", "Netflix's users",
// "Acme was hacked", "Acme confirmed a breach"), after one ("a breach at
// Acme", "hackers breached Acme"), or after a noun of what it runs
// ("social network Allrecipes" in a breach sentence).
func (d *doc) breachVictimRun(a, b int) bool {
	toks := d.toks
	t := toks[a]
	if b-a > 5 || stopCaps[t.low] || titleWords[t.low] || givenNames[t.low] || d.isPlace(d.textOf(a, b)) ||
		notVictimNames[t.low] || knownAttackers[lowerKeep(d.textOf(a, b))] || !d.mayTellOfBreach(t.sent) || !d.strongBreachSentence(t.sent) {
		return false
	}
	if b-a == 1 {
		for _, e := range d.ents {
			if isAllCaps(t.text) && len(t.text) > 1 && e.typ == Organization && initials(e.name) == t.text {
				return false // an acronym of an organisation named before
			}
			if e.typ == Person && strings.HasSuffix(e.name, " "+t.text) {
				return false // a person's surname
			}
		}
	}
	word := func(i int) string { // the lower-cased token i, "" outside the sentence
		if i < 0 || i >= len(toks) || toks[i].sent != t.sent {
			return ""
		}
		return toks[i].low
	}
	if honorifics[word(a-1)] || word(a-1) == "." && honorifics[word(a-2)] {
		return false // "Mrs. Clinton's systems"
	}
	n1, n2, n3 := word(b), word(b+1), word(b+2)
	if n1 == "’s" {
		n1 = "'s"
	}
	switch {
	case malwareAfter[n1] || attackerAfter[n1] || researcherAfter[n1]:
		return false
	case n1 == "'s":
		// "Acme's customers", not "Smith's email account"
		return orgPossessions[n2]
	case breachHeads[n1] && n1 != "attack" && n1 != "attacks", n1 == "data" && (breachHeads[n2] || n2 == "leak"):
		return true
	case n1 == "hacked" || n1 == "breached":
		return true
	case victimSiteNouns[n1] && (passiveVerbs[n2] || (n2 == "was" || n2 == "were" || n2 == "had" || n2 == "has") && (passiveVerbs[n3] || n3 == "been")):
		return true
	case (n1 == "was" || n1 == "were") && passiveVerbs[n2], (n1 == "has" || n1 == "had" || n1 == "have") && n2 == "been" && passiveVerbs[n3]:
		return true
	case breachReportVerbs[n1] && n1 != "said" && n1 != "says" && n1 != "warned" && n1 != "reported":
		for i := b + 1; i < len(toks) && toks[i].sent == t.sent && i < b+12; i++ {
			if strongBreachWords[toks[i].low] {
				return true
			}
		}
	}
	p1, p2 := word(a-1), word(a-2)
	switch {
	case (p1 == "at" || p1 == "on" || p1 == "against" || p1 == "into") && (breachHeads[p2] && p2 != "attack" && p2 != "attacks" && p2 != "incident" || p2 == "hacking" || p2 == "cyberattack"),
		p1 == "of" && (p2 == "breach" || p2 == "breaches" || p2 == "hack"):
		// "a breach at Acme", not "the hack of Acme accounts"
		return b >= len(toks) || toks[b].sent != t.sent || !toks[b].word || toks[b].cap || n1 == "'s" && orgPossessions[n2]
	case p1 == "of" && orgPossessions[p2] && p2 != "breach" && p2 != "hack" && (b >= len(toks) || toks[b].sent != t.sent || !toks[b].word || toks[b].cap):
		return true // "the website of Acme", "customers of Acme"
	case (p1 == "hacked" || p1 == "breached" || p1 == "infiltrated") && p2 != "was" && p2 != "were" && p2 != "been" && p2 != "by":
		return true
	case victimSiteNouns[p1] && p1 != "customers" && p1 != "users" && p1 != "servers" && p1 != "server" && p1 != "systems" && p1 != "accounts":
		return true
	}
	return false
}

// malwareBefore, before a name or before "of" and a name, make it
// malware's name.
var malwareBefore = setOf(`ransomware malware trojan botnet worm virus wiper stealer backdoor dubbed variant variants
strain version incarnation family`)

// malwareName reports whether the article names entity e as a malware
// family, a botnet or an exploit somewhere ("TorrentLocker ransomware",
// "the Necurs botnet", "a variant dubbed GhostAdmin"), wherever its name
// stands: a name so used is no organisation breached.
func (d *doc) malwareName(e int) bool {
	name := d.ents[e].name
	if len(name) < 3 {
		return false
	}
	for off := 0; ; {
		i := strings.Index(d.body[off:], name)
		if i < 0 {
			return false
		}
		start := off + i
		end := start + len(name)
		off = end
		if !atWordBoundary(d.body, start, end) {
			continue
		}
		si := d.sentenceOf(start)
		if si < 0 || si >= len(d.sents) {
			continue
		}
		s := d.sents[si]
		if after := d.lowWordsAfter(end, s.End, 1); len(after) == 1 && malwareAfter[after[0]] && !vulnWords[after[0]] {
			return true
		}
		before := d.lowWordsBefore(start, s.Start, 3)
		if n := len(before); n > 0 && (malwareBefore[before[n-1]] || n > 1 && before[n-1] == "of" && malwareBefore[before[n-2]]) {
			return true
		}
	}
}

// vulnWords after a name tell of a flaw in its product, not of malware.
var vulnWords = setOf(`vulnerability vulnerabilities flaw flaws bug bugs exploit exploits`)

// strongBreachSentence reports whether sentence si holds a word that
// tells of a data breach itself (strongBreachWords), not only of an attack.
func (d *doc) strongBreachSentence(si int) bool {
	s := d.sents[si]
	for i := d.tokenAt(s.Start); i < len(d.toks) && d.toks[i].Start < s.End; i++ {
		if strongBreachWords[d.toks[i].low] {
			return true
		}
	}
	return false
}
