package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// policeGroup finds forces named with lower-case force words:
// "the constabularies of Norfolk and Suffolk", "Norfolk and Suffolk constabularies".
var (
	policeGroupOf   = relit.MustCompile(`\b(?:constabular(?:y|ies)|police forces?|police services?) of ((?:[A-Z][\p{L}'-]+ ?)+(?:and (?:[A-Z][\p{L}'-]+ ?)+)?)`)
	policeGroupTail = relit.MustCompile(`\b((?:[A-Z][\p{L}'-]+ )+(?:and (?:[A-Z][\p{L}'-]+ )+)?)(?:constabularies|constabulary|police forces|police force)\b`)
)

func (d *doc) findPoliceGroups() {
	for _, re := range []*relit.Regexp{policeGroupOf, policeGroupTail} {
		for _, m := range re.FindAllStringSubmatchIndex(d.body, -1) {
			sp := Span{m[0], m[1]}
			area := strings.TrimSpace(d.body[m[2]:m[3]])
			if strings.HasPrefix(area, "The ") {
				continue
			}
			full := d.body[sp.Start:sp.End]
			// only areas: the words must not already be an organisation
			if _, ok := d.orgs.byName[normName(area)]; ok {
				continue
			}
			e := d.addEntity(area+" Police", Organization, KindPoliceForce, sp)
			d.ents[e].aliases[full] = true
			d.ents[e].aliases[area] = true
			d.dropOverlapping(sp)
			d.mention(sp, e, byName, "")
		}
	}
}

// dropOverlapping removes place mentions overlapping sp (the areas of a
// police group were first read as places).
func (d *doc) dropOverlapping(sp Span) {
	keep := d.ments[:0]
	for _, m := range d.ments {
		if m.Start < sp.End && sp.Start < m.End && m.ent >= 0 && d.ents[m.ent].typ == Place {
			continue
		}
		keep = append(keep, m)
	}
	d.ments = keep
	d.taken.dropOverlapping(sp)
}

// findAcronyms links acronyms to organisations: defined in brackets after
// the name ("National Crime Agency (NCA)"), the initials of an organisation
// named in the article, or a gazetteer alias.
func (d *doc) findAcronyms() {
	toks := d.toks
	// definitions first
	for i := 2; i+1 < len(toks); i++ {
		if toks[i-1].low != "(" || toks[i+1].low != ")" || !isAcronym(toks[i].text) {
			continue
		}
		prevEnd := toks[i-2].End
		for _, m := range d.ments {
			if m.End == prevEnd && m.ent >= 0 && d.ents[m.ent].typ == Organization {
				d.ents[m.ent].aliases[toks[i].text] = true
				break
			}
		}
	}
	for i, t := range toks {
		if !isAcronym(t.text) || notAcronyms[t.text] || d.overlapsTaken(t.Span) {
			continue
		}
		e := -1
		for k, en := range d.ents {
			if en.typ == Organization && (en.aliases[t.text] || initials(en.name) == t.text) {
				e = k
				break
			}
		}
		if e < 0 {
			if k, ok := d.orgs.byName[normName(t.text)]; ok && (knownOrgs[k].name == t.text || contains(knownOrgs[k].aliases, t.text)) {
				e = d.addEntity(knownOrgs[k].name, Organization, "", t.Span)
			}
		}
		if e < 0 {
			continue
		}
		d.ents[e].aliases[t.text] = true
		d.mention(t.Span, e, byName, "")
		_ = i
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// isAcronym reports whether s looks like an acronym: "NCA", "PSNI", "MoD".
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 7 {
		return false
	}
	upper := 0
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return upper >= 2
}

// initials gives the capital initials of a name's significant words.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		lw := lowerKeep(w)
		if nameConnectors[lw] || lw == "the" {
			continue
		}
		r := []rune(w)
		if r[0] >= 'A' && r[0] <= 'Z' {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// findSurnames finds people named again by surname, with or without an
// honorific ("Mr. Babu", "Billings").
func (d *doc) findSurnames() {
	toks := d.toks
	for i, t := range toks {
		if !t.word || !t.cap || d.overlapsTaken(t.Span) {
			continue
		}
		hon := false
		start := t.Start
		if honorifics[t.low] {
			k := i + 1
			if k < len(toks) && toks[k].low == "." {
				k++
			}
			if k >= len(toks) || !isPersonWord(toks[k]) || d.overlapsTaken(toks[k].Span) {
				continue
			}
			hon = true
			t = toks[k]
		}
		if !isPersonWord(t) {
			continue
		}
		e := -1
		for k, en := range d.ents {
			if en.typ == Person && strings.HasSuffix(en.name, " "+t.text) {
				e = k
				break
			}
		}
		if e < 0 && hon && !d.inQuote(t.Start) {
			e = d.addEntity(t.text, Person, "", t.Span)
		}
		if e < 0 {
			continue
		}
		sp := Span{start, t.End}
		d.ents[e].aliases[d.body[sp.Start:sp.End]] = true
		d.mention(sp, e, byName, "")
	}
}

// supplierWords name an unnamed company working for an organisation.
var supplierPhrase = relit.MustCompile(`(?i)\b(?:(?:one of (?:its|their|the force's|the force’s) )?(?:suppliers|supplier|contractors|contractor|vendors|vendor|service provider|third[- ]party (?:company|firm|supplier|provider)))\b`)

// findSuppliers creates one supplier entity per client organisation for
// unnamed suppliers ("a Met supplier", "one of its suppliers", "the
// contractor", "a third party company"). The client is the organisation
// named just before ("a Met supplier") or the victim the article is about.
func (d *doc) findSuppliers() {
	d.findSupplierAppositives()
	for _, m := range supplierPhrase.FindAllStringIndex(d.body, -1) {
		sp := Span{m[0], m[1]}
		if d.overlapsTaken(sp) || !d.definiteBefore(sp.Start) || d.genericPlural(sp) || d.inQuote(sp.Start) && strings.HasPrefix(lowerKeep(strings.TrimSpace(d.body[max(0, sp.Start-4):sp.Start])), "one") {
			continue
		}
		// "the contractor" is the supplier the article already named
		if strings.HasSuffix(lowerKeep(strings.TrimSpace(d.body[max(0, sp.Start-5):sp.Start])), "the") {
			if e := d.orgOfKindBefore([]string{KindSupplier}, sp.Start); e >= 0 {
				d.ents[e].aliases[lowerKeep(d.body[sp.Start:sp.End])] = true
				d.mention(sp, e, byDescription, "supplier")
				continue
			}
		}
		client := d.clientBefore(sp.Start)
		if client < 0 {
			continue
		}
		if d.namedSupplier(sp, client) {
			continue
		}
		// "Skyeward Systems, a firm that supplies software to universities"
		// … "the University of Eastmoor said its supplier had been hacked":
		// the one supplier the article names without a client is the one meant
		if e := d.clientlessSupplier(); e >= 0 && e != client {
			d.ents[e].client = client
			d.mention(sp, e, byDescription, "supplier")
			continue
		}
		c := d.ents[client]
		key := c.key + "/supplier"
		i, ok := d.byKey[key]
		if !ok {
			i = len(d.ents)
			short := d.shortName(client)
			d.ents = append(d.ents, &ent{key: key, name: short + " supplier", typ: Organization, kind: KindSupplier,
				aliases: map[string]bool{}, client: client, first: sp.Start})
			d.byKey[key] = i
		}
		alias := lowerKeep(d.body[sp.Start:sp.End])
		alias = strings.TrimPrefix(alias, "one of its ")
		alias = strings.TrimPrefix(alias, "one of their ")
		alias = strings.TrimSuffix(alias, "s")
		d.ents[i].aliases[alias] = true
		d.mention(sp, i, byDescription, "supplier")
	}
}

// supplierName reads the name a supplier phrase gives its supplier: "a
// supplier, Digital ID, which" or "its contractor Acme Print".
var supplierName = relit.MustCompile(`^,? ((?:[A-Z][\p{L}\p{N}&'’.-]*)(?: (?:[A-Z][\p{L}\p{N}&'’.-]*|of|and|&))*)`)

// namedSupplier records a named supplier of client when the text right
// after the supplier phrase sp names it, with every other mention of that
// name in the article.
func (d *doc) namedSupplier(sp Span, client int) bool {
	m := supplierName.FindStringSubmatchIndex(d.body[sp.End:])
	if m == nil {
		return false
	}
	name := strings.TrimRight(d.body[sp.End+m[2]:sp.End+m[3]], ".")
	if stopCaps[lowerKeep(strings.Fields(name)[0])] || d.isPlace(name) {
		return false
	}
	e := -1
	if k, ok := d.orgAlias[normName(name)]; ok {
		e = k
	} else {
		e = d.addEntity(name, Organization, KindSupplier, sp)
	}
	d.ents[e].kind = KindSupplier
	d.ents[e].client = client
	d.ents[e].aliases[lowerKeep(strings.TrimPrefix(strings.TrimPrefix(d.body[sp.Start:sp.End], "a "), "the "))] = true
	d.mention(sp, e, byDescription, "supplier")
	for from := 0; ; {
		i := strings.Index(d.body[from:], name)
		if i < 0 {
			break
		}
		s := Span{from + i, from + i + len(name)}
		from = s.End
		if atWordBoundary(d.body, s.Start, s.End) && !d.overlapsTaken(s) {
			d.mention(s, e, byName, "")
		}
	}
	return true
}

// shortName is the shortest name an organisation goes by that is not an
// acronym: the gazetteer's for a known organisation, so that it is the same
// in every article ("Met"), else its canonical name.
func (d *doc) shortName(e int) string {
	c := d.ents[e]
	k, ok := d.orgs.byName[normName(c.name)]
	if !ok {
		return c.name
	}
	short := knownOrgs[k].name
	for _, a := range knownOrgs[k].aliases {
		if len(a) < len(short) && !isAcronym(a) && lowerKeep(a) != a {
			short = a
		}
	}
	return short
}

// definiteBefore reports whether a determiner, possessive or organisation
// name stands right before off ("a Met supplier", "the contractor", "its
// suppliers"), as opposed to a generic plural ("data held by contractors").
func (d *doc) definiteBefore(off int) bool {
	before := strings.TrimRight(d.body[max(0, off-40):off], " ")
	ws := strings.Fields(lowerKeep(before))
	if len(ws) == 0 {
		return false
	}
	// up to two modifiers may stand between: "its payroll supplier", "a
	// third-party IT contractor"
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-3; k-- {
		switch strings.Trim(ws[k], ",") {
		case "a", "an", "the", "its", "their", "his", "her", "this", "that", "one", "of":
			return true
		}
		if strings.ContainsAny(ws[k], ",.;:") {
			break
		}
	}
	last := strings.Trim(ws[len(ws)-1], ",")
	if strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s") || strings.HasSuffix(last, "s'") || strings.HasSuffix(last, "s’") {
		return true
	}
	for _, m := range d.ments {
		if m.End <= off && off-m.End <= 1 && m.ent >= 0 && d.ents[m.ent].typ == Organization {
			return true
		}
	}
	return false
}

// clientBefore finds the organisation a supplier works for: one named right
// before ("a Met supplier", "the force's supplier") or else the most
// recently named police force or company.
func (d *doc) clientBefore(off int) int {
	best, at := -1, -1
	for _, m := range d.ments {
		if m.End > off || m.ent < 0 {
			continue
		}
		e := d.ents[m.ent]
		if e.typ != Organization || e.kind == KindSupplier || e.kind == KindMedia {
			continue
		}
		if off-m.End <= 3 {
			return m.ent
		}
		if (e.kind == KindPoliceForce || e.kind == KindCompany || e.kind == KindGovernment || e.kind == KindHealth || e.kind == KindEducation) && m.Start > at {
			best, at = m.ent, m.Start
		}
	}
	return best
}

// pronouns that can name a speaker.
var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true}

// findReferring records pronouns and definite descriptions ("the force",
// "a Met spokesperson", "a spokesperson for the NCA") to resolve later.
func (d *doc) findReferring() {
	toks := d.toks
	for i, t := range toks {
		if !t.word || d.overlapsTaken(t.Span) {
			continue
		}
		if pronouns[t.low] {
			d.mention(t.Span, -1, byPronoun, t.low)
			continue
		}
		// "the 67-year-old said", "the father-of-two added": a person
		// named before, referred to as a pronoun would
		if t.low == "the" && i+1 < len(toks) && epithetStart(toks[i+1].low) {
			if m := personEpithet.FindStringSubmatch(d.body[t.Start:min(len(d.body), t.Start+40)]); m != nil {
				word := "person"
				switch m[1] {
				case "father", "grandfather", "dad":
					word = "he"
				case "mother", "grandmother", "mum":
					word = "she"
				}
				d.mention(Span{t.Start, t.Start + len(m[0])}, -1, byPronoun, word)
				continue
			}
		}
		// "police said", "according to police": the force the article is about
		if t.low == "police" && (i+1 < len(toks) && speechVerbs[toks[i+1].low] || i >= 2 && toks[i-1].low == "to" && toks[i-2].low == "according") && (i == 0 || !toks[i-1].cap || toks[i-1].sent != t.sent) {
			d.mention(t.Span, -1, byDescription, "police")
			continue
		}
		if spokesWords[t.low] {
			d.mention(t.Span, -1, byDescription, "spokesperson")
			continue
		}
		if _, ok := descriptionKinds[t.low]; ok && i > 0 {
			p := i - 1
			for k := 0; k < 2 && p > 0 && toks[p].word && !toks[p].cap && !determiners[toks[p].low]; k++ {
				p--
			}
			if !determiners[toks[p].low] {
				continue
			}
			if i+1 < len(toks) && toks[i+1].low == "'s" {
				continue // "the force's staff association": the possessor is not the referent
			}
			from := toks[p].Start
			if toks[p].low == "'s" && p >= 2 {
				// "the force's staff association": the phrase starts at the possessor
				from = toks[p-1].Start
				if determiners[toks[p-2].low] {
					from = toks[p-2].Start
				}
			}
			d.mention(Span{from, t.End}, -1, byDescription, t.low)
		}
	}
}

// personEpithet matches the epithets news writing gives a person already
// named: an age ("the 67-year-old") or a parent's count of children ("the
// mother-of-three").
var personEpithet = relit.MustCompile(`^(?i:the)\s+(?:\d{1,3}[-‑]year[-‑]old|(father|mother|grandfather|grandmother|dad|mum)[-‑\s]of[-‑\s](?:one|two|three|four|five|six|seven|eight|\d))\b`)

// epithetStart reports whether a word may open a personEpithet after
// "the": a number or a parent word.
func epithetStart(w string) bool {
	if w == "" {
		return false
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	for _, p := range []string{"father", "mother", "grand", "dad", "mum"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// determiners introduce a definite description.
var determiners = map[string]bool{"the": true, "its": true, "their": true, "'s": true, "this": true, "that": true}

// supplierAppositive describes a company as a supplier: ", a Manchester-based
// firm that supplies timetabling software to universities".
var supplierAppositive = relit.MustCompile(`^,\s+(?:a|an|the)\s+[^,.;]{0,60}?\b(?:firm|company|supplier|provider|contractor|vendor|business|specialist)\s+(?:that|which)\s+(?:supplies|provides|makes|runs|develops|sells|supply|provide)\b`)

// findSupplierAppositives marks the organisations described as suppliers.
func (d *doc) findSupplierAppositives() {
	for _, m := range d.ments {
		if m.how != byName || m.ent < 0 || d.ents[m.ent].typ != Organization {
			continue
		}
		if k := d.ents[m.ent].kind; k != KindCompany && k != KindOrganization && k != "" {
			continue
		}
		if supplierAppositive.MatchString(d.body[m.End:min(len(d.body), m.End+140)]) {
			d.ents[m.ent].kind = KindSupplier
		}
	}
}

// clientlessSupplier returns the one named supplier with no client yet, or -1.
func (d *doc) clientlessSupplier() int {
	found := -1
	for i, e := range d.ents {
		if e.typ == Organization && e.kind == KindSupplier && e.client < 0 {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// genericPlural reports whether the supplier phrase at sp is a plural
// about suppliers in general ("education suppliers across Europe", "a
// long tail of specialist software vendors"), not one organisation's
// ("one of its suppliers", "the force's contractors").
func (d *doc) genericPlural(sp Span) bool {
	low := lowerKeep(d.body[sp.Start:sp.End])
	if strings.HasPrefix(low, "one of ") || !strings.HasSuffix(low, "s") {
		return false
	}
	ws := strings.Fields(lowerKeep(d.body[max(0, sp.Start-40):sp.Start]))
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-3; k-- {
		w := strings.Trim(ws[k], ",")
		switch {
		case w == "its" || w == "their" || w == "the" || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'"):
			return false
		case strings.ContainsAny(ws[k], ",.;:") || w == "of" || w == "that" || w == "a" || w == "many" || w == "other":
			return true
		}
	}
	return true
}
