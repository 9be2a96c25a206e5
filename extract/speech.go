package extract

import (
	"sort"
	"strings"
)

// speechVerbs introduce quoted words.
var speechVerbs = setOf(`said says say added adds stated states told tells explained explains continued
warned warns insisted insists claimed claims argued argues noted notes wrote writes asked asks replied
responded commented remarked emphasised emphasized emphasises emphasizes stressed stresses acknowledged
admitted confirmed confirms announced declared described called labelled labeled urged suggested revealed
indicated tweeted posted agreed cautioned conceded recalled observed predicted promised vowed pledged
maintained contended alleged complained lamented reiterated affirmed assured blasted slammed branded
accused boasted joked mused shouted whispered testified told clarified conceded added responded
acknowledged wrote saying telling adding explaining warning insisting claiming`)

// indirectVerbs report speech without quote marks ("X said the leak ...").
// Verbs that more often report a fact than a statement ("disclosed",
// "announced", "reported", "warned") are left out.
var indirectVerbs = setOf(`said says say stated states told tells added adds explained explains claimed claims
insisted insists argued argues confirmed confirms indicated indicates maintained contended believes
stressed emphasised emphasized reiterated clarified`)

// reportVerbs report speech in a sentence without quote marks besides
// indirectVerbs: the reporting verbs of political and business news
// ("noted that", "suggested the plan", "wrote that"). "Admitted",
// "announced" and "warned" report facts an organisation made known as
// often as statements and are left out.
var reportVerbs = func() map[string]bool {
	m := setOf(`noted notes suggested suggests wrote writes recalled recalls
	predicted predicts promised promises agreed agrees denied denies declared declares vowed vows asserted asserts
	argued argues urged urges added adds conceded concedes insisted insists
	tweeted posted estimated estimates testified contends contended charged charges countered`)
	for w := range indirectVerbs {
		m[w] = true
	}
	return m
}()

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// introCaps open an introductory phrase before the subject ("Earlier this
// month, the force said ...").
var introWords = setOf(`after before in on at while when as since earlier last days weeks months following
despite amid during within under over yesterday today also however meanwhile separately additionally
further furthermore moreover but and then later now speaking writing talking interviewed asked giving`)

// subjectBefore finds the speaker mention of a clause that ends at verb:
// the first person or organisation mention (or pronoun or description)
// after the clause start, skipping an introductory phrase.
func (d *doc) subjectBefore(from, verb int) int {
	from = d.afterIntro(from, verb)
	for _, mi := range d.mentionsIn(from, verb) {
		m := d.ments[mi]
		if m.inQuote || d.aposQuoted(m.Start) {
			continue
		}
		if m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place) {
			continue
		}
		if m.how == byPronoun && m.word == "they" {
			continue
		}
		// a dateline's outlet, "NEW YORK (Meridian Wire) —", is no subject
		if m.Start > 0 && d.body[m.Start-1] == '(' {
			continue
		}
		return d.titledPerson(mi)
	}
	return -1
}

// aposQuoted reports whether off stands inside quote marks written as
// two apostrophes each (the style of some newspapers' archives), which
// findQuotes leaves to the words: an odd number of them stand before it
// in its sentence.
func (d *doc) aposQuoted(off int) bool {
	s := d.sents[d.sentenceOf(off)]
	return strings.Count(d.body[s.Start:off], "''")%2 == 1
}

// unnamed is what salient returns for a pronoun that refers to a person
// the article does not name.
const unnamed = -2

// unnamedPeople head indefinite descriptions of people an article does
// not name ("one patient", "a local resident", "another officer"), with
// the pronoun that may refer to them: "" for either.
var unnamedPeople = func() map[string]string {
	m := map[string]string{
		"man": "he", "boy": "he", "father": "he", "dad": "he", "husband": "he", "son": "he", "brother": "he",
		"grandfather": "he", "woman": "she", "girl": "she", "mother": "she", "mum": "she", "wife": "she",
		"daughter": "she", "sister": "she", "grandmother": "she",
	}
	for _, w := range strings.Fields(`resident patient source witness neighbour neighbor parent officer worker
	employee member customer victim student pupil teacher nurse doctor passenger driver shopkeeper owner local
	relative friend colleague insider official person pensioner user fan voter protester survivor caller
	reader viewer listener campaigner volunteer tenant shopper commuter supporter engineer lawyer expert
	analyst researcher manager executive director staffer veteran councillor partner carer landlord trader
	farmer constable detective soldier prisoner inmate`) {
		m[w] = ""
	}
	return m
}()

// unnamedSubject reports whether the clause in [from, to) opens, after
// any introductory phrase, with an indefinite description of a person the
// pronoun (he, she, or "" for either) may refer to: "One patient, who
// asked not to be named, said", "Speaking to the Gazette, a local
// shopkeeper said", "Another officer told".
func (d *doc) unnamedSubject(from, to int, pronoun string) bool {
	from = d.afterIntro(from, to)
	ws := d.wordsIn(from, to)
	if len(ws) < 2 {
		return false
	}
	switch ws[0].low {
	case "a", "an", "one", "another":
	default:
		return false
	}
	partitive := ws[0].low == "one" && ws[1].low == "of" // "one of the patients"
	for k := 1; k < len(ws) && k <= 4; k++ {
		w := ws[k]
		head := w.low
		if partitive {
			head = strings.TrimSuffix(head, "s")
		}
		if g, ok := unnamedPeople[head]; ok {
			return g == "" || pronoun == "" || g == pronoun
		}
		// the words before the head are lower-case modifiers ("a local",
		// "one senior"): a capital starts a name
		if r := d.body[w.Start]; r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return false
}

// afterIntro returns where the clause in [from, to) starts after an
// introductory phrase ending in a comma ("Earlier this month, the force
// said", "Speaking to the Gazette, a shopkeeper said"), or from.
func (d *doc) afterIntro(from, to int) int {
	seg := d.body[from:to]
	if c := strings.Index(seg, ","); c >= 0 {
		first := lowerKeep(strings.Fields(seg + " x")[0])
		if introWords[strings.Trim(first, "\"“”'‘’")] {
			from += c + 1
		}
	}
	return from
}

// personAfterTitle moves from an organisation named in a person's title
// ("Met Chief Superintendent Dal Babu", "South Yorkshire Police and Crime
// Commissioner Alan Billings") to the person.
func (d *doc) personAfterTitle(mi int) int {
	m := d.ments[mi]
	if mi+1 >= len(d.ments) {
		return mi
	}
	n := d.ments[mi+1]
	if n.ent < 0 || d.ents[n.ent].typ != Person {
		return mi
	}
	gap := lowerKeep(strings.TrimSpace(d.body[m.End:n.Start]))
	// "Her spokesman, Eric Mamer, said": the name in apposition speaks
	if m.how == byDescription && gap == "," {
		return mi + 1
	}
	if m.ent < 0 || d.ents[m.ent].typ != Organization {
		return mi
	}
	if gap == "" || allTitleWords(gap) {
		return mi + 1
	}
	// "Northbank's chief executive, Paul Devereux, said"
	if t, ok := strings.CutPrefix(strings.ReplaceAll(gap, "’", "'"), "'s "); ok && allTitleWords(strings.TrimSuffix(t, ",")) {
		return mi + 1
	}
	// "The chief executive of the Police Digital Service, Ian Hughes, said"
	if gap == "," && d.titleOfBefore(m.Start) != "" {
		return mi + 1
	}
	return mi
}

// titleOfBefore returns the title in "the TITLE of [the]" ending right
// before off, or "".
func (d *doc) titleOfBefore(off int) string {
	ws := strings.Fields(lowerKeep(d.body[max(0, off-60):off]))
	n := len(ws)
	if n > 0 && ws[n-1] == "the" {
		n--
	}
	if n < 2 || ws[n-1] != "of" {
		return ""
	}
	k := n - 1
	for k > 0 && titleWords[ws[k-1]] && n-1-k < 5 {
		k--
	}
	if k == n-1 || !titleHeads[ws[n-2]] {
		return ""
	}
	return strings.Join(ws[k:n-1], " ")
}

// mentionAfter finds a speaker mention starting right after off ("said
// Rick Prior"), allowing only "the"/"a" and spaces in between.
func (d *doc) mentionAfter(off, limit int) int {
	for _, mi := range d.mentionsIn(off, limit) {
		m := d.ments[mi]
		gap := lowerKeep(strings.TrimSpace(strings.Trim(d.body[off:m.Start], " ,")))
		switch gap {
		case "", "the", "a", "an":
		default:
			// "said its director, Helen Grant": the organisation's own title
			if g, ok := cutPossessive(gap); ok && m.how == byName && allTitleWords(strings.Trim(g, " ,")) {
				break
			}
			// titles standing before a name: "said Vice Chair Rick Prior",
			// "said the council's chief executive, Dr Helen Okoro"
			if !allTitleWords(gap) && !possessiveTitleGap(gap) && !descriptorGap(gap) {
				return -1
			}
		}
		if m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place) {
			return -1
		}
		return d.personAfterTitle(mi)
	}
	return -1
}

// cutPossessive removes a leading possessive determiner ("its", "their",
// "his", "her") from gap.
func cutPossessive(gap string) (string, bool) {
	for _, p := range []string{"its ", "their ", "his ", "her "} {
		if rest, ok := strings.CutPrefix(gap, p); ok {
			return rest, true
		}
	}
	return gap, false
}

func allTitleWords(s string) bool {
	for _, w := range strings.Fields(s) {
		if !titleWords[strings.Trim(w, ".,")] && !honorifics[w] && !strings.Contains(w, "police") {
			return false
		}
	}
	return s != ""
}

// words of a text region with their offsets
type word struct {
	Span
	low string
}

func (d *doc) wordsIn(s, e int) []word {
	var out []word
	for i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= s }); i < len(d.toks) && d.toks[i].Start < e; i++ {
		if d.toks[i].word {
			out = append(out, word{d.toks[i].Span, d.toks[i].low})
		}
	}
	return out
}

// hedges stand between a speaker and the verb ("he also said").
var hedges = setOf(`also later previously earlier then has have had further additionally again had today yesterday
has since subsequently separately`)

// attributionAfter looks at the text right after a quote for "he said",
// "the Met added", "said Rick Prior". It returns the mention index and the
// offset where the attribution ends, or -1.
func (d *doc) attributionAfter(from, limit int) int {
	ws := d.wordsIn(from, limit)
	if len(ws) == 0 {
		return -1
	}
	// verb first: "said Rick Prior" (but "told the BBC" names who heard it)
	if speechVerbs[ws[0].low] {
		if objectVerbs[ws[0].low] {
			return -1
		}
		return d.mentionAfter(ws[0].End, limit)
	}
	// subject first: "he said", "the Met said in a statement"
	for i, w := range ws {
		if i > 8 {
			break
		}
		if speechVerbs[w.low] {
			for _, mi := range d.mentionsIn(from, w.Start) {
				m := d.ments[mi]
				if m.inQuote || (m.how == byName && (m.ent < 0 || d.ents[m.ent].typ == Place)) {
					continue
				}
				// only hedges may stand between subject and verb, or "was
				// quoted as" before "saying"
				between := d.wordsIn(m.End, w.Start)
				ok := true
				for _, b := range between {
					if !hedges[b.low] {
						ok = false
					}
				}
				if ok || quotedAs(between, w.low) {
					return mi
				}
			}
			break
		}
	}
	return -1
}

// objectVerbs are speech verbs whose object, not their subject, follows
// them: "told the BBC", "urged ministers", "called the plan". The mention
// after them is never the speaker, as it is after an inverted "said X".
var objectVerbs = setOf(`told tells telling urged urges assured assures informed informs reminded reminds
accused accuses blasted slammed branded labelled labeled called described`)

// quotedAs reports whether the words between a subject and the verb
// "saying" are "was quoted as" ("he was quoted as saying", "has been
// quoted as saying").
func quotedAs(between []word, verb string) bool {
	n := len(between)
	if verb != "saying" || n < 3 || between[n-1].low != "as" || between[n-2].low != "quoted" {
		return false
	}
	switch strings.Join(lows(between[:n-2]), " ") {
	case "was", "is", "were", "has been", "had been", "have been":
		return true
	}
	return false
}

func lows(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.low
	}
	return out
}

// verbIn finds the last speech verb in [s, e) that is not negated or
// passive, returning its word; ok false when none.
func (d *doc) verbIn(s, e int, verbs map[string]bool) (word, bool) {
	ws := d.wordsIn(s, e)
	for i := len(ws) - 1; i >= 0; i-- {
		if !verbs[ws[i].low] {
			continue
		}
		if speechBlocked(ws, i) {
			continue
		}
		return ws[i], true
	}
	return word{}, false
}

// firstVerbIn finds the first usable speech verb in [s, e).
func (d *doc) firstVerbIn(s, e int, verbs map[string]bool) (word, bool) {
	ws := d.wordsIn(s, e)
	for i := range ws {
		if verbs[ws[i].low] && !speechBlocked(ws, i) {
			return ws[i], true
		}
	}
	return word{}, false
}

// speechBlocked rejects a verb that does not report speech: negated ("did
// not say"), passive ("were told to"), hypothetical ("unable to say") or
// a noun use ("the calls").
func speechBlocked(ws []word, i int) bool {
	prev := func(k int) string {
		if i-k >= 0 {
			return ws[i-k].low
		}
		return ""
	}
	// "what it said was a sample": a relative clause, not the report
	if prev(2) == "what" && pronouns[prev(1)] {
		return true
	}
	// a noun: "several states", "the calls", "member states"
	if nounMarkers[prev(1)] {
		return true
	}
	switch prev(1) {
	case "not", "never", "n't", "didn't", "won't", "wouldn't", "couldn't", "cannot", "were", "was", "been", "being", "be", "is", "are":
		return true
	case "to":
		// "went on to say" reports speech; "unable to say", "refused to say" do not
		return !(prev(2) == "on" && (prev(3) == "went" || prev(3) == "goes" || prev(3) == "go"))
	}
	if i+1 < len(ws) && ws[i].low == "told" && ws[i+1].low == "to" {
		return true
	}
	// "claimed responsibility for the attack" is no statement reported
	if i+1 < len(ws) && (ws[i].low == "claimed" || ws[i].low == "claims") && (ws[i+1].low == "responsibility" || ws[i+1].low == "credit") {
		return true
	}
	return false
}

// nounMarkers before a verb's form make it a noun ("several states").
var nounMarkers = setOf(`the a an several many some all these those both member united two three few various`)

// possessiveTitleGap reports whether gap is "[the] ORG's TITLE[,] [Dr]", the
// words between "said" and the name in "said the council's chief
// executive, Dr Helen Okoro".
func possessiveTitleGap(gap string) bool {
	ws := strings.Fields(gapReplacer.Replace(gap))
	if len(ws) > 0 && ws[0] == "the" {
		ws = ws[1:]
	}
	p := -1
	for i, w := range ws {
		if strings.HasSuffix(w, "'s") {
			p = i
			break
		}
	}
	if p < 0 || p > 2 || p+1 >= len(ws) {
		return false
	}
	rest := ws[p+1:]
	if honorifics[rest[len(rest)-1]] {
		rest = rest[:len(rest)-1]
	}
	if len(rest) == 0 || !titleHeads[rest[len(rest)-1]] {
		return false
	}
	for _, w := range rest {
		if !titleWords[w] {
			return false
		}
	}
	return true
}

// personDescriptors describe a member of the public standing before a
// name: "said Marshallton resident Carla Jennings", "said local parent Amy Cole".
var personDescriptors = setOf(`resident residents parent mother father mum dad tenant customer patient shopper
commuter supporter fan voter pensioner student neighbour neighbor`)

// descriptorGap reports whether gap, the words between "said" and a name,
// is up to two words and a descriptor of a member of the public.
func descriptorGap(gap string) bool {
	ws := strings.Fields(gap)
	if len(ws) == 0 || len(ws) > 3 || !personDescriptors[ws[len(ws)-1]] {
		return false
	}
	for _, w := range ws[:len(ws)-1] {
		if speechVerbs[w] || w == "that" || w == "and" {
			return false
		}
	}
	return true
}

// gapReplacer makes commas spaces and straightens curly apostrophes.
var gapReplacer = strings.NewReplacer(",", " ", "’", "'")
