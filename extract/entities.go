package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// descriptionKinds maps the head of a definite description ("the force")
// to the organisation kinds it can refer to; nil means any organisation.
var descriptionKinds = map[string][]string{
	"force": {KindPoliceForce}, "constabulary": {KindPoliceForce}, "constabularies": {KindPoliceForce},
	"police":  {KindPoliceForce},
	"company": {KindSupplier, KindCompany}, "firm": {KindSupplier, KindCompany},
	"supplier": {KindSupplier}, "contractor": {KindSupplier}, "vendor": {KindSupplier}, "provider": {KindSupplier},
	"agency": {KindAgency, KindGovernment, KindRegulator}, "regulator": {KindRegulator}, "watchdog": {KindRegulator},
	"department": {KindPoliceForce, KindGovernment}, "ministry": {KindGovernment}, "government": {KindGovernment},
	"council": {KindGovernment}, "organisation": nil, "organization": nil, "group": nil,
	"federation": {KindStaffAssociation}, "union": {KindStaffAssociation},
	"association": {KindStaffAssociation, KindOrganization, KindCharity}, // "the housing association"
	"bank":        {KindCompany}, "trust": {KindHealth}, "hospital": {KindHealth}, "university": {KindEducation},
	"newspaper": {KindMedia}, "broadcaster": {KindMedia}, "paper": {KindMedia}, "service": {KindPoliceForce, KindAgency},
	"authority": {KindRegulator, KindGovernment}, "commission": {KindRegulator}, "charity": {KindCharity, KindHealth, KindOrganization},
	"retailer": {KindCompany}, "chain": {KindCompany}, "insurer": {KindCompany}, "lender": {KindCompany},
	"airline": {KindCompany}, "operator": {KindCompany}, "supermarket": {KindCompany}, "utility": {KindCompany},
	"college": {KindEducation}, "school": {KindEducation}, "society": {KindOrganization, KindCompany, KindCharity},
}

// spokesWords name someone who speaks for an organisation.
var spokesWords = map[string]bool{
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "spokespeople": true,
	"spokespersons": true, "representative": false, "statement": true,
}

// findEntities recognises the people, organisations and places of the
// article and records every mention of them, including pronouns and
// descriptions left for resolveMentions.
func (d *doc) findEntities() {
	d.findGazetteerLowercase()
	d.findRuns()
	d.findPoliceGroups()
	d.findAcronyms()
	d.findSurnames()
	d.addTaggedNames()
	d.findSuppliers()
	d.findReferring()
	sort.SliceStable(d.ments, func(i, j int) bool { return d.ments[i].Start < d.ments[j].Start })
	d.findCriminalGroups()
	d.resolveMentions()
}

// addEntity returns the index of the entity with the given identity,
// creating it when new, and records the mention.
func (d *doc) addEntity(name string, typ EntityType, kind string, sp Span) int {
	key, canon, ckind := d.identify(name, typ)
	if kind == "" || kind == KindOrganization {
		if ckind != "" {
			kind = ckind
		}
	}
	if ckind != "" && typ == Organization {
		kind = ckind
	}
	i, ok := d.byKey[key]
	if !ok {
		i = len(d.ents)
		d.ents = append(d.ents, &ent{key: key, name: canon, typ: typ, kind: kind, aliases: map[string]bool{}, client: -1, first: sp.Start})
		d.byKey[key] = i
	}
	e := d.ents[i]
	if e.kind == "" || e.kind == KindOrganization {
		e.kind = kind
	}
	if name != canon {
		e.aliases[name] = true
	}
	if typ == Organization {
		d.orgAlias[normName(canon)] = i
		d.orgAlias[normName(name)] = i
		// "Acme Health Ltd" is also "Acme Health"; "Skyeward Systems" is
		// "Skyeward" and "Northbank Homes" "Northbank" once named in full
		if words := strings.Fields(canon); len(words) > 1 {
			last := lowerKeep(strings.Trim(words[len(words)-1], "."))
			short := strings.Join(words[:len(words)-1], " ")
			// "Severn Vale Building Society" is "Severn Vale": a two-word head
			if n := len(words); n > 2 && genericHeads2[lowerKeep(words[n-2])+" "+last] {
				if s2 := strings.Join(words[:n-2], " "); d.shortNameOK(s2) {
					e.aliases[s2] = true
					d.orgAlias[normName(s2)] = i
				}
			}
			if companySuffix[last] && (len(words) > 2 || d.shortNameOK(short)) || genericHeads[last] && d.shortNameOK(short) {
				e.aliases[short] = true
				d.orgAlias[normName(short)] = i
				// "Halverson's" is written "Halverson" before a possessive
				if b, ok := strings.CutSuffix(strings.ReplaceAll(short, "’", "'"), "'s"); ok && !strings.Contains(b, " ") {
					d.orgAlias[normName(b)] = i
				}
			}
		}
	}
	return i
}

// genericHeads end company names whose first word alone names the
// company after its first mention ("Skyeward Systems" ... "Skyeward").
var genericHeads = setOf(`systems technology technologies homes group holdings payments labs solutions software
networks outfitters solicitors intel stores brands logistics water energy telecom insurance airways airlines ventures`)

// genericHeads2 are two-word heads whose remaining words alone name the
// organisation once it is named in full ("Severn Vale Building Society" ...
// "Severn Vale").
var genericHeads2 = map[string]bool{"building society": true, "housing association": true, "football club": true,
	"rugby club": true, "cricket club": true, "medical practice": true, "credit union": true}

// shortNameOK reports whether a name without its head can stand for it
// alone: up to three capitalised words, no place, given name or common word.
func (d *doc) shortNameOK(short string) bool {
	words := strings.Fields(short)
	if len(words) == 0 || len(words) > 3 || d.isPlace(short) {
		return false
	}
	for _, w := range words {
		low := lowerKeep(w)
		r := []rune(w)
		if !unicode.IsUpper(r[0]) || stopCaps[low] || titleWords[low] || isAllCaps(w) || nameConnectors[low] {
			return false
		}
	}
	return !givenNames[lowerKeep(words[0])]
}

// companySuffix are legal-form words that may be left off a company's name.
var companySuffix = map[string]bool{"ltd": true, "limited": true, "inc": true, "plc": true, "llc": true, "llp": true, "corp": true, "corporation": true, "co": true, "gmbh": true, "ag": true, "sa": true}

// identify gives the key, canonical name and known kind of a name.
func (d *doc) identify(name string, typ EntityType) (key, canon, kind string) {
	switch typ {
	case Person:
		return "person/" + slug(name), name, ""
	case Place:
		return "place/" + slug(name), name, ""
	}
	if k, ok := d.orgs.byName[normName(name)]; ok {
		o := knownOrgs[k]
		return "org/" + slug(o.name), o.name, o.kind
	}
	if core, ok := policeCore(name); ok && core != "" {
		if k, ok := d.orgs.byName[core+" police"]; ok {
			o := knownOrgs[k]
			return "org/" + slug(o.name), o.name, o.kind
		}
		if k, ok := d.orgs.byName[core]; ok && knownOrgs[k].kind == KindPoliceForce {
			o := knownOrgs[k]
			return "org/" + slug(o.name), o.name, o.kind
		}
		// one key per force however it is written; the name as written
		// when it is a proper name ("Lancashire Constabulary")
		canon := policeName(name, core)
		if w := strings.Fields(name); len(w) > 1 && unicode.IsUpper([]rune(w[len(w)-1])[0]) && !strings.Contains(lowerKeep(name), " of ") {
			canon = strings.TrimPrefix(name, "The ")
		}
		return "org/" + slug(core+" police"), canon, KindPoliceForce
	}
	canon = strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	return "org/" + slug(canon), canon, ""
}

// policeName writes a police force's canonical name "<Area> Police", keeping
// the area's capitalisation as it was written.
func policeName(name, core string) string {
	words := strings.Fields(name)
	var area []string
	for _, w := range words {
		if strings.Contains(core, normName(w)) && normName(w) != "" && !strings.EqualFold(w, "of") {
			area = append(area, w)
		} else if strings.EqualFold(w, "and") && len(area) > 0 {
			area = append(area, "and")
		}
	}
	for len(area) > 0 && area[len(area)-1] == "and" {
		area = area[:len(area)-1]
	}
	if len(area) == 0 {
		return name
	}
	return strings.Join(area, " ") + " Police"
}

func (d *doc) mention(sp Span, e int, how mentionKind, word string) {
	d.ments = append(d.ments, mention{Span: sp, ent: e, how: how, word: word, inQuote: d.inQuote(sp.Start)})
	if e >= 0 {
		d.ents[e].spans = append(d.ents[e].spans, sp)
	}
	d.taken.add(sp)
}

// overlapsTaken reports whether sp overlaps a recorded mention.
func (d *doc) overlapsTaken(sp Span) bool { return d.taken.overlaps(sp) }

// inQuote reports whether offset lies inside quote marks.
func (d *doc) inQuote(off int) bool {
	// quotes are in text order and do not overlap
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].End > off })
	return i < len(d.quotes) && d.quotes[i].Start <= off
}

// findGazetteerLowercase finds multi-word gazetteer names written in lower
// case ("the information commissioner").
func (d *doc) findGazetteerLowercase() {
	for k, o := range knownOrgs {
		for _, a := range append([]string{o.name}, o.aliases...) {
			if !strings.Contains(a, " ") || lowerKeep(a) != a {
				continue
			}
			for from := 0; ; {
				i := strings.Index(d.body[from:], a)
				if i < 0 {
					break
				}
				s, e := from+i, from+i+len(a)
				from = e
				if !atWordBoundary(d.body, s, e) || d.overlapsTaken(Span{s, e}) {
					continue
				}
				d.mention(Span{s, e}, d.addEntity(knownOrgs[k].name, Organization, "", Span{s, e}), byName, "")
				d.ents[d.byKey["org/"+slug(knownOrgs[k].name)]].aliases[d.body[s:e]] = true
			}
		}
	}
}

// isNameWord reports whether t can be part of a name.
func isNameWord(t token) bool {
	if !t.word || !t.cap {
		return false
	}
	return true
}

// findRuns walks runs of capitalised words and classifies each as a
// person (with any title standing before the name), an organisation or a
// place.
func (d *doc) findRuns() {
	toks := d.toks
	for i := 0; i < len(toks); {
		t := toks[i]
		if !isNameWord(t) || stopCaps[t.low] || d.overlapsTaken(t.Span) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].sent == t.sent {
			n := toks[j]
			if isNameWord(n) && !d.overlapsTaken(n.Span) {
				j++
				continue
			}
			if (nameConnectors[n.low] || nameParticles[n.low]) && j+1 < len(toks) && isNameWord(toks[j+1]) && toks[j+1].sent == t.sent && !d.overlapsTaken(toks[j+1].Span) {
				j += 2
				continue
			}
			if nameParticles[n.low] && j+2 < len(toks) && nameParticles[toks[j+1].low] && isNameWord(toks[j+2]) && toks[j+2].sent == t.sent {
				j += 3 // "von der Leyen"
				continue
			}
			// a plural possessive inside a name: "Millbrook Residents' Association"
			if (n.low == "'" || n.low == "’") && j+1 < len(toks) && toks[j+1].sent == t.sent && n.Start == toks[j-1].End &&
				strings.HasSuffix(toks[j-1].low, "s") && isNameWord(toks[j+1]) && !d.overlapsTaken(toks[j+1].Span) {
				if _, head := orgHeads[toks[j+1].low]; head && !notOrgHeads[toks[j+1].low] {
					j += 2
					continue
				}
			}
			// a middle initial: "Karen J. Whitlock"
			if n.low == "." && d.initialDot(j) && j+1 < len(toks) && isNameWord(toks[j+1]) && toks[j+1].sent == t.sent && !d.overlapsTaken(toks[j+1].Span) {
				j += 2
				continue
			}
			if (n.low == "police" || n.low == "constabulary") && !runHasHead(toks[i:j]) {
				j++
			}
			break
		}
		if d.isHeading(d.sentPara[t.sent]) {
			d.gazetteerOnly(i, j)
		} else {
			d.classifyRun(i, j)
		}
		i = j
	}
}

func runHasHead(ts []token) bool {
	for _, t := range ts {
		if _, ok := orgHeads[t.low]; ok && !notOrgHeads[t.low] {
			return true
		}
	}
	return false
}

// spanOf returns the body span of tokens [a, b).
func (d *doc) spanOf(a, b int) Span { return Span{d.toks[a].Start, d.toks[b-1].End} }

func (d *doc) textOf(a, b int) string { sp := d.spanOf(a, b); return d.body[sp.Start:sp.End] }

// classifyRun classifies the capitalised run of tokens [a, b).
func (d *doc) classifyRun(a, b int) {
	toks := d.toks
	// strip leading possessive places and country qualifiers: "London's
	// Metropolitan Police", "U.K. National Crime Agency".
	for a < b {
		if a+2 < b && toks[a+1].low == "'s" && d.isPlace(toks[a].text) {
			d.mention(toks[a].Span, d.addEntity(toks[a].text, Place, "", toks[a].Span), byName, "")
			a += 2
			continue
		}
		if countryQualifiers[toks[a].low] && a+1 < b && runHasHead(toks[a+1:b]) {
			a++
			continue
		}
		break
	}
	if a >= b {
		return
	}
	if c := d.orgListSplit(a, b); c > 0 {
		// "the National Cyber Security Centre and West Yorkshire Police"
		d.classifyRun(a, c)
		d.classifyRun(c+1, b)
		return
	}
	text := d.textOf(a, b)
	sp := d.spanOf(a, b)
	if k, ok := d.orgs.byName[normName(text)]; ok && d.gazetteerOK(text, a) {
		d.mention(sp, d.addEntity(knownOrgs[k].name, Organization, "", sp), byName, "")
		d.noteAlias(text, sp)
		return
	}
	if e, ok := d.orgAlias[normName(text)]; ok {
		d.mention(sp, e, byName, "")
		d.noteAlias(text, sp)
		return
	}
	// "Universities UK, which represents 140 institutions, said": "which"
	// follows a body, never a person
	if b-a >= 2 && b+1 < len(toks) && toks[b].low == "," && (toks[b+1].low == "which" || toks[b+1].low == "whose") &&
		!d.isPlace(text) && !givenNames[toks[a].low] && !runHasHead(toks[a:b]) && !d.inQuote(sp.Start) {
		d.mention(sp, d.addEntity(text, Organization, "", sp), byName, "")
		return
	}
	// "patients' group Healthwatch Hollins Valley", "campaign group Big Brother Watch"
	if b-a >= 2 && a > 0 && toks[a-1].sent == toks[a].sent && !toks[a-1].cap && orgNouns[toks[a-1].low] && !givenNames[toks[a].low] && !d.isPlace(text) {
		kind := KindCompany
		if toks[a-1].low == "group" || toks[a-1].low == "charity" {
			kind = KindOrganization
		}
		d.mention(sp, d.addEntity(text, Organization, kind, sp), byName, "")
		return
	}
	// "Corlan Data, a Leeds-based firm that …": an appositive organisation noun
	if b-a >= 2 && d.orgNounAppositive(b) && !d.isPlace(text) && !givenNames[toks[a].low] && !runHasHead(toks[a:b]) && !d.inQuote(sp.Start) {
		d.mention(sp, d.addEntity(text, Organization, KindCompany, sp), byName, "")
		return
	}
	// "the printing firm, Castleton Print, said": a name in apposition to
	// an organisation noun, unless it opens with a given name ("a
	// spokesman for the firm, Jane Moss, said" names the spokesman)
	if b-a >= 2 && b-a <= 4 && !givenNames[toks[a].low] && !titleWords[toks[a].low] && d.appositiveOrg(a, b) {
		return
	}
	// "Columbia Sportswear was hacked", "a breach at Allrecipes"
	if !runHasHead(toks[a:b]) && d.breachVictimRun(a, b) {
		d.mention(sp, d.addEntity(text, Organization, "", sp), byName, "")
		return
	}
	if d.tryPerson(a, b) {
		return
	}
	// organisation by head word
	h := -1
	for k := b - 1; k >= a; k-- {
		if kind, ok := orgHeads[toks[k].low]; ok && !notOrgHeads[toks[k].low] && (k > a || kind == KindPoliceForce || k+2 < b && (toks[k+1].low == "of" || toks[k+1].low == "for") ||
			kind == KindMedia && d.afterThe(a)) {
			h = k
			break
		}
	}
	if h >= 0 {
		end := h + 1
		if end+1 < b && (toks[end].low == "of" || toks[end].low == "for") {
			end = b // "University of Dunmore", "Office for Product Safety and Standards"
		}
		oa := a
		for oa < end && (stopCaps[toks[oa].low] || toks[oa].low == "former") {
			oa++
		}
		if oa < end && !(end-oa == 1 && toks[oa].low == "police") {
			name := d.textOf(oa, end)
			osp := d.spanOf(oa, end)
			d.mention(osp, d.addEntity(name, Organization, serviceKind(name, orgHeads[toks[h].low]), osp), byName, "")
		}
		if end < b {
			d.classifyRun(end, b)
		}
		return
	}
	if b-a == 1 && d.singleNameOrg(a) {
		return
	}
	if b-a <= 4 && d.appositiveOrg(a, b) {
		return
	}
	// places and gazetteer names inside the run, longest first
	for l := b - a; l >= 1; l-- {
		for s := a; s+l <= b; s++ {
			sub := d.spanOf(s, s+l)
			if d.overlapsTaken(sub) {
				continue
			}
			name := d.body[sub.Start:sub.End]
			if k, ok := d.orgs.byName[normName(name)]; ok && d.gazetteerOK(name, s) {
				d.mention(sub, d.addEntity(knownOrgs[k].name, Organization, "", sub), byName, "")
				d.noteAlias(name, sub)
			} else if d.isPlace(name) {
				d.mention(sub, d.addEntity(name, Place, "", sub), byName, "")
			}
		}
	}
}

// publicServiceRe names the services that run public services rather
// than investigate: "Westmarsh Fire and Rescue Service", "London Ambulance
// Service", "HM Prison Service".
var publicServiceRe = relit.MustCompile(`(?i)\b(?:fire and rescue|fire|rescue|ambulance|prison|probation|courts?|health|library|libraries|education|schools?|social care|children's|coastguard|border force)\s+(?:and\s+\w+\s+)?services?$`)

// serviceKind is the kind of an organisation named with head kind: a
// public service ("… Ambulance Service") is a public body that may itself
// suffer a breach, not an agency that investigates one.
func serviceKind(name, kind string) string {
	if kind != KindAgency || !publicServiceRe.MatchString(name) {
		return kind
	}
	if l := lowerKeep(name); strings.Contains(l, "ambulance") || strings.Contains(l, "health") {
		return KindHealth
	}
	return KindGovernment
}

// orgListSplit finds the "and" joining two organisations' names in the
// run [a, b): each side is a whole name, in the gazetteer or ending in an
// organisation head, and the right one does not go on with a title or
// head word ("Norfolk and Suffolk Police", "Police and Crime
// Commissioner" stay whole). It returns the "and" token, or -1.
func (d *doc) orgListSplit(a, b int) int {
	toks := d.toks
	whole := func(s, e int) bool {
		if e <= s {
			return false
		}
		if _, ok := d.orgs.byName[normName(d.textOf(s, e))]; ok {
			return true
		}
		kind, ok := orgHeads[toks[e-1].low]
		return ok && !notOrgHeads[toks[e-1].low] && (e-s > 1 || kind == KindPoliceForce)
	}
	for c := a + 1; c+1 < b; c++ {
		if toks[c].low != "and" && toks[c].low != "&" {
			continue
		}
		r := toks[c+1].low
		if _, head := orgHeads[r]; head || titleWords[r] {
			if _, ok := d.orgs.byName[normName(d.textOf(c+1, b))]; !ok {
				continue
			}
		}
		if whole(a, c) && whole(c+1, b) && !(c-a == 1 && toks[a].low == "police") {
			return c
		}
	}
	return -1
}

// orgNouns describe organisations: "outsourcing giant Capita", "Capita,
// the outsourcing firm, said".
var orgNouns = setOf(`giant firm company group retailer provider supplier contractor insurer bank operator
outsourcer startup start-up platform app chain charity agency watchdog regulator lender broker carrier airline
manufacturer maker developer publisher broadcaster network business corporation conglomerate subsidiary
owner landlord utility supermarket consultancy outsourcing fintech hospital`)

// supplierNouns make an organisation a supplier.
var supplierNouns = setOf(`supplier contractor outsourcer provider outsourcing vendor`)

// singleNameOrg recognises a one-word organisation name ("Capita",
// "Equifax") from the words around it: an organisation noun before it or
// in an appositive after it, a relative "whose"/"which", or a speech verb
// right after a name no person in the article bears.
func (d *doc) singleNameOrg(a int) bool {
	toks := d.toks
	t := toks[a]
	if stopCaps[t.low] || titleWords[t.low] || givenNames[t.low] || d.isPlace(t.text) || d.inQuote(t.Start) || isAllCaps(t.text) {
		return false
	}
	for _, e := range d.ents {
		if e.typ == Person && strings.HasSuffix(e.name, " "+t.text) {
			return false
		}
	}
	kind := ""
	for k := a - 1; k >= 0 && k >= a-2 && toks[k].sent == t.sent && toks[k].word; k-- {
		if orgNouns[toks[k].low] {
			kind = nounKind(toks[k].low)
			break
		}
	}
	next := func(i int) string {
		if a+i < len(toks) && toks[a+i].sent == t.sent {
			return toks[a+i].low
		}
		return ""
	}
	// "a group calling itself Nightjar", "a gang known as Nightjar"
	if kind == "" && a >= 2 && toks[a-2].sent == t.sent && (toks[a-1].low == "itself" && (toks[a-2].low == "calling" || toks[a-2].low == "calls") ||
		toks[a-1].low == "as" && toks[a-2].low == "known") {
		kind = KindCompany
	}
	// a brand written in camel case: "SecureLedger", "LockCrane"
	if kind == "" && isCamelCase(t.text) {
		kind = KindCompany
	}
	// "an email seen by SecureLedger", "told the Gazette": the outlet reporting
	if a >= 2 && toks[a-2].sent == t.sent && (toks[a-1].low == "by" && (toks[a-2].low == "seen" || toks[a-2].low == "obtained") ||
		toks[a-1].low == "told" && !d.proseNames[t.text]) {
		kind = KindMedia
	}
	if kind == "" && next(1) == "," {
		switch {
		case next(2) == "whose" || next(2) == "which":
			kind = KindCompany
		case next(2) == "the" || next(2) == "a" || next(2) == "an":
			for i := 3; i < 7; i++ {
				if orgNouns[next(i)] {
					kind = nounKind(next(i)) // "Shelterwell, a homelessness charity"
					break
				}
			}
		}
	}
	if kind == "" && (speechVerbs[next(1)] || (next(1) == "has" || next(1) == "have") && speechVerbs[next(2)]) && a > 0 && toks[a-1].sent == t.sent {
		kind = KindCompany // not first in its sentence: a capitalised word inside it is a name
	}
	if kind == "" && d.proseNames[t.text] && (speechVerbs[next(1)] || next(1) == "has" && speechVerbs[next(2)]) {
		kind = KindCompany
	}
	// "Sainsbury's has confirmed", "McDonald's said": a company named in
	// the possessive, standing where a subject stands
	if kind == "" && next(1) == "'s" && a+1 < len(toks) && toks[a+1].Start == t.End &&
		(next(2) == "has" || next(2) == "have" || next(2) == "is" || next(2) == "was" || indirectVerbs[next(2)] || trailingVerbs[next(2)]) {
		sp := Span{t.Start, toks[a+1].End}
		name := d.body[sp.Start:sp.End]
		d.mention(sp, d.addEntity(name, Organization, KindCompany, sp), byName, "")
		return true
	}
	if kind == "" {
		return false
	}
	d.mention(t.Span, d.addEntity(t.text, Organization, kind, t.Span), byName, "")
	return true
}

// appositiveOrg recognises a name in apposition to an organisation noun:
// "the claims firm, Northway Legal, said".
func (d *doc) appositiveOrg(a, b int) bool {
	toks := d.toks
	if a < 2 || toks[a-1].low != "," || !orgNouns[toks[a-2].low] || b >= len(toks) || toks[b].low != "," {
		return false
	}
	kind := KindCompany
	if supplierNouns[toks[a-2].low] {
		kind = KindSupplier
	}
	sp := d.spanOf(a, b)
	d.mention(sp, d.addEntity(d.textOf(a, b), Organization, kind, sp), byName, "")
	return true
}

// gazetteerOnly records gazetteer names inside the run [a, b) of a
// heading, where capitalisation says nothing about names.
func (d *doc) gazetteerOnly(a, b int) {
	for l := b - a; l >= 1; l-- {
		for s := a; s+l <= b; s++ {
			sub := d.spanOf(s, s+l)
			if d.overlapsTaken(sub) {
				continue
			}
			name := d.body[sub.Start:sub.End]
			if k, ok := d.orgs.byName[normName(name)]; ok && d.gazetteerOK(name, s) {
				d.mention(sub, d.addEntity(knownOrgs[k].name, Organization, "", sub), byName, "")
				d.noteAlias(name, sub)
			}
		}
	}
}

// gazetteerOK rejects gazetteer aliases that are ordinary words unless
// "the" stands before them, and all-caps aliases written otherwise.
func (d *doc) gazetteerOK(name string, at int) bool {
	n := normName(name)
	if needsArticle[n] {
		return at > 0 && d.toks[at-1].low == "the"
	}
	// "MPs" is not the MPS
	if k, ok := d.orgs.byName[n]; ok && !isAllCaps(name) {
		o := knownOrgs[k]
		if isAllCaps(o.name) && normName(o.name) == n {
			return false
		}
		for _, a := range o.aliases {
			if isAllCaps(a) && normName(a) == n {
				return false
			}
		}
	}
	return true
}

// noteAlias records the surface form as an alias of the entity mentioned at sp.
func (d *doc) noteAlias(text string, sp Span) {
	m := d.ments[len(d.ments)-1]
	if m.ent >= 0 && text != d.ents[m.ent].name {
		d.ents[m.ent].aliases[text] = true
	}
}

func (d *doc) isPlace(s string) bool { return places[s] || d.gpe[s] }

// tryPerson recognises "[Former] [Org] Title First Last", "Mr Last" and
// plain "First Last" names in the run [a, b).
func (d *doc) tryPerson(a, b int) bool {
	toks := d.toks
	// the name: trailing name-like words, with particles ("Ursula von der Leyen")
	n := b
	for n > a && b-n < 6 && (isPersonWord(toks[n-1]) || nameParticles[toks[n-1].low] && n-1 > a && n < b || n-2 > a && n < b && d.initialDot(n-1)) {
		n--
	}
	for n < b && nameParticles[toks[n].low] {
		n++
	}
	nameLen := b - n
	if nameLen == 0 {
		return false
	}
	prefix := toks[a:n]
	hasTitle := len(prefix) > 0 && titleHeads[prefix[len(prefix)-1].low]
	hon := len(prefix) > 0 && honorifics[prefix[len(prefix)-1].low]
	// "Council leader Cllr Martin Fairweather", "medical director Dr Jo Hay"
	titleEnd := n
	if hon && len(prefix) > 1 && titleHeads[prefix[len(prefix)-2].low] {
		hasTitle, titleEnd = true, n-1
	}
	name := d.textOf(n, b)
	switch {
	case nameLen >= 2 && (hasTitle || hon):
	case nameLen >= 2 && len(prefix) == 0 && d.personEvidence(name, a, b):
	// "Customer Janet Price said": a member of the public's descriptor
	// heads the sentence, capitalised, and is no part of the name
	case nameLen >= 2 && len(prefix) == 1 && personDescriptors[prefix[0].low] && d.personEvidence(name, n, b):
	default:
		return false
	}
	if d.isPlace(name) {
		return false
	}
	if _, ok := d.orgs.byName[normName(name)]; ok {
		return false
	}
	sp := d.spanOf(n, b)
	pi := d.addEntity(name, Person, "", sp)
	d.mention(sp, pi, byName, "")
	if hasTitle {
		d.addTitle(pi, a, titleEnd)
	} else if len(prefix) == 0 || hon && len(prefix) == 1 {
		// "opposition councillor James Pike", "security researcher Tom Baker"
		t := a
		for t > 0 && a-t < 4 && d.toks[t-1].word && titleWords[d.toks[t-1].low] && d.toks[t-1].sent == d.toks[a].sent {
			t--
		}
		for t < a && !titleHeads[d.toks[a-1].low] {
			t = a
		}
		if t < a {
			org := -1
			ts := t
			// "Council leader Sarah Okafor": a bare organisation word before
			// the title names the organisation and stays in the title
			if t > 0 && d.toks[t-1].cap && d.toks[t-1].sent == d.toks[a].sent {
				if _, ok := descriptionKinds[d.toks[t-1].low]; ok {
					org = d.orgOfTitleWord(t-1, a)
					ts = t - 1
				} else if n := len(d.ments); n > 1 && d.ments[n-2].End == d.toks[t-1].End && d.ments[n-2].ent >= 0 && d.ents[d.ments[n-2].ent].typ == Organization {
					org = d.ments[n-2].ent // "Labour councillor Sunita Rao" (the name's own mention is the last)
				}
			}
			d.addRole(pi, d.textOf(ts, a), org, ts > 0 && d.toks[ts-1].low == "former")
		}
	}
	return true
}

// isPersonWord reports whether t could be part of a person's name.
func isPersonWord(t token) bool {
	if !t.word || !t.cap || stopCaps[t.low] || titleWords[t.low] || honorifics[t.low] || personDescriptors[t.low] {
		return false
	}
	if _, ok := orgHeads[t.low]; ok {
		return false
	}
	for _, r := range t.text {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return !isAllCaps(t.text)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// personEvidence says whether a bare capitalised pair is a person's name:
// prose tagged it a person, or it stands where speakers stand.
func (d *doc) personEvidence(name string, a, b int) bool {
	if d.inQuote(d.toks[a].Start) {
		return false
	}
	if d.proseNames[name] {
		return true
	}
	if b < len(d.toks) && d.toks[b].low == "," && b+1 < len(d.toks) {
		nx := d.toks[b+1]
		if titleWords[nx.low] || nx.low == "the" || nx.low == "a" || nx.low == "an" || nx.low == "of" || nx.low == "who" {
			return true
		}
		// "Jane Roe, 54, said": an age in apposition
		if b+2 < len(d.toks) && d.toks[b+2].low == "," && isAge(nx.text) {
			return true
		}
	}
	// "…," said Ngozi Okonjo: a name after the verb of an attribution
	if a > 0 && speechVerbs[d.toks[a-1].low] && d.toks[a-1].sent == d.toks[a].sent && b-a <= 3 {
		return true
	}
	return b < len(d.toks) && speechVerbs[d.toks[b].low] && givenNames[d.toks[a].low]
}

// isAge reports whether s is a plausible age in years.
func isAge(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// addTitle parses the title standing before a person's name in tokens
// [a, n): "Former Met Chief Superintendent", "South Yorkshire Police and
// Crime Commissioner", "Vice Chair".
func (d *doc) addTitle(pi, a, n int) {
	toks := d.toks
	former := a > 0 && (toks[a-1].low == "former" || toks[a-1].low == "ex")
	// the title is the longest run of title words ending at n
	t := n
	for t > a && (titleWords[toks[t-1].low] || toks[t-1].low == "'s") {
		t--
	}
	// an organisation head opening the title belongs to the organisation
	// ("South Yorkshire | Police and Crime Commissioner").
	orgEnd := t
	if t > a && t < n {
		if _, ok := orgHeads[toks[t].low]; ok && toks[t].low != "executive" {
			orgEnd = t + 1
		}
	}
	title := d.textOf(t, n)
	org := -1
	if orgEnd > a {
		name := d.textOf(a, orgEnd)
		sp := d.spanOf(a, orgEnd)
		if kinds, ok := descriptionKinds[lowerKeep(name)]; ok && orgEnd-a == 1 {
			// "Council leader Sarah Okafor": the council the article is about
			d.mention(sp, -1, byDescription, lowerKeep(name))
			org = d.orgOfKindBefore(kinds, sp.Start)
			if e := d.orgOfTitleWord(a, n); e >= 0 {
				org = e
			}
			title = d.textOf(a, n)
		} else if !d.overlapsTaken(sp) {
			org = d.orgForName(name, sp)
		}
	}
	d.addRole(pi, title, org, former)
}

// orgForName finds or makes the organisation named name and records the mention.
func (d *doc) orgForName(name string, sp Span) int {
	if k, ok := d.orgs.byName[normName(name)]; ok {
		e := d.addEntity(knownOrgs[k].name, Organization, "", sp)
		d.mention(sp, e, byName, "")
		d.noteAlias(name, sp)
		return e
	}
	words := strings.Fields(name)
	last := lowerKeep(words[len(words)-1])
	if kind, ok := orgHeads[last]; ok {
		e := d.addEntity(name, Organization, kind, sp)
		d.mention(sp, e, byName, "")
		return e
	}
	for i, en := range d.ents {
		if en.typ == Organization && en.aliases[name] {
			d.mention(sp, i, byName, "")
			return i
		}
	}
	return -1
}

// addRole records a role, merging repeats.
func (d *doc) addRole(pi int, title string, org int, former bool) {
	title = strings.TrimSpace(title)
	if title == "" && org < 0 {
		return
	}
	r := Role{Title: title, Former: former}
	if org >= 0 {
		r.Org = d.ents[org].key
	}
	e := d.ents[pi]
	// a title and an organisation read in two places make one role
	for i, x := range e.roles {
		if x.Former != r.Former {
			continue
		}
		if r.Title == "" && x.Org == "" {
			e.roles[i].Org = r.Org
			return
		}
		if r.Org == "" && x.Title == "" {
			e.roles[i].Title = r.Title
			return
		}
	}
	for i, x := range e.roles {
		if TitleKey(x.Title) == TitleKey(r.Title) && (x.Org == r.Org || x.Org == "" || r.Org == "") {
			if x.Org == "" {
				e.roles[i].Org = r.Org
			}
			if x.Title == "" {
				e.roles[i].Title = r.Title
			}
			return
		}
		if x.Title == "" && x.Org == r.Org {
			e.roles[i].Title = r.Title
			return
		}
	}
	e.roles = append(e.roles, r)
}

// criminalWords and gangNouns describe the groups behind attacks.
var (
	criminalWords = setOf(`ransomware hacker hackers hacking criminal cybercriminal cyber-criminal extortion cybercrime hacktivist`)
	gangNouns     = setOf(`group gang crew collective cartel syndicate`)
)

// findCriminalGroups gives the kind "criminal group" to an organisation
// named next to a description of a gang: "the ransomware group Hollowmark",
// "the LockCrane ransomware group", "a criminal group calling itself
// BlackFen". A criminal group is never a breach's victim.
func (d *doc) findCriminalGroups() {
	toks := d.toks
	ti := 0
	for _, m := range d.ments {
		if m.how != byName || m.ent < 0 || d.ents[m.ent].typ != Organization || d.ents[m.ent].kind == KindMedia {
			continue
		}
		for ti < len(toks) && toks[ti].Start < m.Start {
			ti++
		}
		a := ti // first token of the name
		b := a
		for b < len(toks) && toks[b].Start < m.End {
			b++
		}
		if a >= len(toks) || b == a {
			continue
		}
		low := func(k int) string {
			if k < 0 || k >= len(toks) || toks[k].sent != toks[a].sent {
				return ""
			}
			return toks[k].low
		}
		crim := false
		switch {
		case gangNouns[low(a-1)] && criminalWords[low(a-2)]: // "the ransomware group Hollowmark"
			crim = true
		case gangNouns[low(b)] && (low(b) == "gang" || criminalWords[low(b-1+0)] || criminalWords[low(a-1)]): // "X gang"
			crim = true
		case criminalWords[low(b)] && gangNouns[low(b+1)]: // "the LockCrane ransomware group"
			crim = true
		case (low(a-1) == "itself" || low(a-1) == "themselves") && (low(a-2) == "calling" || low(a-2) == "calls" || low(a-2) == "call"),
			low(a-1) == "as" && low(a-2) == "themselves":
			for k := a - 3; k >= 0 && k >= a-8; k-- {
				if gangNouns[low(k)] || criminalWords[low(k)] {
					crim = true
				}
			}
		}
		if crim {
			d.ents[m.ent].kind = KindCriminal
		}
	}
}

// isCamelCase reports whether s is one word with a capital after a
// lower-case letter ("SecureLedger"), as brands are written; surnames
// with a prefix ("McDonald", "DeVries", "MacLeod") are not.
func isCamelCase(s string) bool {
	for _, p := range []string{"Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "Von", "O'", "O’", "Fitz", "St"} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	prevLower := false
	for _, r := range s {
		if unicode.IsUpper(r) && prevLower {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// afterThe reports whether token a follows "the" inside its sentence ("told
// the Gazette"), where a capitalised word is a name, not a sentence start.
func (d *doc) afterThe(a int) bool {
	return a > 0 && d.toks[a-1].low == "the" && d.toks[a-1].sent == d.toks[a].sent && a > 1 && d.toks[a-2].sent == d.toks[a].sent
}

// initialDot reports whether token k is the period of a middle initial
// ("J." in "Karen J. Whitlock").
func (d *doc) initialDot(k int) bool {
	if k < 1 || d.toks[k].low != "." {
		return false
	}
	p := d.toks[k-1]
	r := []rune(p.text)
	return len(r) == 1 && unicode.IsUpper(r[0]) && p.End == d.toks[k].Start
}

// orgNounAppositive reports whether the tokens from b read ", a
// Leeds-based firm" or ", the state's largest hospital network": a comma,
// an article and, within five words, an organisation noun.
func (d *doc) orgNounAppositive(b int) bool {
	toks := d.toks
	if b+2 >= len(toks) || toks[b].low != "," || toks[b+1].sent != toks[b].sent {
		return false
	}
	if w := toks[b+1].low; w != "a" && w != "an" && w != "the" {
		return false
	}
	for k := b + 2; k < len(toks) && k < b+8 && (toks[k].word || toks[k].low == "'s") && toks[k].sent == toks[b].sent; k++ {
		if toks[k].low == "'s" || k+1 < len(toks) && toks[k+1].low == "'s" {
			continue // a possessor: "the state's largest hospital network"
		}
		if titleWords[toks[k].low] {
			return false // "Jane Roe, a company director", "the firm's founder"
		}
		if orgNouns[toks[k].low] {
			next := ""
			if k+1 < len(toks) {
				next = toks[k+1].low
			}
			return next != "'s" && !titleWords[next] && !spokesWords[next]
		}
	}
	return false
}

// nounKind is the kind of organisation an organisation noun describes.
func nounKind(w string) string {
	switch {
	case supplierNouns[w]:
		return KindSupplier
	case w == "charity":
		return KindCharity
	case w == "watchdog" || w == "regulator":
		return KindRegulator
	case w == "agency":
		return KindAgency
	case w == "hospital":
		return KindHealth
	case w == "broadcaster" || w == "publisher":
		return KindMedia
	}
	return KindCompany
}
