package extract

import (
	"sort"
	"strings"
)

// titleEnd returns the end of a job title starting at token k ("vice
// chair", "medical director", "chief executive"): up to five words, the
// last a title head; k when there is none.
func titleEnd(toks []token, k int) int {
	end := k
	for t := k; t < len(toks) && t-k < 5 && toks[t].word; t++ {
		if toks[t].cap && !titleWords[toks[t].low] {
			break
		}
		if titleHeads[toks[t].low] {
			end = t + 1
		}
	}
	return end
}

// possessiveTitleBefore reads "[the] ORG's TITLE, " or "Its TITLE, "
// ending right before off, the name of the title's holder.
func (d *doc) possessiveTitleBefore(off int) (org int, title string, ok bool) {
	toks := d.toks
	// the last token ending at or before off
	k := sort.Search(len(toks), func(i int) bool { return toks[i].End > off }) - 1
	// "Its chair, Dr Emma Runswick": step over the honorific
	if k > 0 && toks[k].low == "." {
		k--
	}
	if k > 0 && honorifics[toks[k].low] {
		k--
	}
	if k < 2 || toks[k].low != "," {
		return -1, "", false
	}
	te := k
	ts := te
	for ts > 0 && te-ts < 5 {
		w := toks[ts-1]
		if !w.word || determiners[w.low] || w.cap && !titleWords[w.low] {
			break
		}
		ts--
	}
	if ts == te || !titleHeads[toks[te-1].low] || ts == 0 {
		return -1, "", false
	}
	title = d.textOf(ts, te)
	switch p := toks[ts-1].low; p {
	case "its", "their":
		// "Its deputy director, Claire Fontaine": the organisation the
		// passage is about, else the one named last
		if e := d.salient(toks[ts-1].Start, Organization); e >= 0 {
			return e, title, true
		}
		return d.orgOfKindBefore(nil, toks[ts-1].Start), title, true
	case "'s":
		for _, m := range d.ments {
			if m.End == toks[ts-1].Start && m.ent >= 0 && d.ents[m.ent].typ == Organization {
				return m.ent, title, true
			}
		}
		if kinds, ok := descriptionKinds[toks[ts-2].low]; ok {
			return d.orgOfKindBefore(kinds, toks[ts-2].Start), title, true
		}
	}
	return -1, "", false
}

// possessiveTitle reads "[the] ORG's TITLE" starting at token k.
func (d *doc) possessiveTitle(k int) (org int, title string, ok bool) {
	toks := d.toks
	s := k
	if s < len(toks) && toks[s].low == "the" {
		s++
	}
	// the possessor ends at the "'s"
	p := s
	for p < len(toks) && p-s < 6 && toks[p].low != "'s" && toks[p].low != "," && toks[p].sent == toks[k].sent {
		p++
	}
	if p >= len(toks) || toks[p].low != "'s" || p == s {
		return -1, "", false
	}
	t := titleEnd(toks, p+1)
	if t == p+1 {
		return -1, "", false
	}
	org = -1
	for _, m := range d.ments {
		if m.Start >= toks[k].Start && m.End <= toks[p].Start && m.ent >= 0 && d.ents[m.ent].typ == Organization {
			org = m.ent
		}
	}
	if org < 0 {
		if kinds, ok := descriptionKinds[toks[p-1].low]; ok {
			org = d.orgOfKindBefore(kinds, toks[k].Start)
		}
	}
	return org, d.textOf(p+1, t), true
}

// findAppositiveRoles reads roles written after a person's name: "Rick
// Prior, vice chair of the Metropolitan Police Federation", "Jane Doe, the
// agency's director", "Rick Prior, of the Police Federation".
func (d *doc) findAppositiveRoles() {
	toks := d.toks
	tokAt := map[int]int{}
	for i, t := range toks {
		tokAt[t.Start] = i
	}
	for i, m := range d.ments {
		if m.ent < 0 || m.how != byName || d.ents[m.ent].typ != Person || m.inQuote {
			continue
		}
		// "The firm's chief executive, Jon Lewis," / "Its general secretary, David Kennedy,"
		if org, title, ok := d.possessiveTitleBefore(m.Start); ok {
			d.addRole(m.ent, title, org, false)
		}
		// "The chief executive of the Police Digital Service, Ian Hughes,"
		if i > 0 {
			o := d.ments[i-1]
			if o.ent >= 0 && d.ents[o.ent].typ == Organization && strings.TrimSpace(d.body[o.End:m.Start]) == "," {
				if title := d.titleOfBefore(o.Start); title != "" {
					d.addRole(m.ent, title, o.ent, false)
				}
			}
		}
		// the token after the name must be a comma
		k := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= m.End })
		if k == len(toks) || toks[k].low != "," || k+1 >= len(toks) {
			continue
		}
		k++
		// "the trust's medical director", "Acme's chief executive"
		if org, title, ok := d.possessiveTitle(k); ok {
			d.addRole(m.ent, title, org, false)
			continue
		}
		// "Sir Mark Rowley, the Metropolitan Police commissioner"
		if toks[k].low == "the" && k+1 < len(toks) {
			for _, om := range d.ments {
				if om.Start == toks[k+1].Start && om.ent >= 0 && d.ents[om.ent].typ == Organization {
					after := k + 1
					for after < len(toks) && toks[after].Start < om.End {
						after++
					}
					if te := titleEnd(toks, after); te > after {
						d.addRole(m.ent, d.textOf(after, te), om.ent, false)
					}
					break
				}
			}
		}
		if toks[k].low == "the" || toks[k].low == "a" || toks[k].low == "an" {
			k++
		}
		// title words
		ts := k
		k = titleEnd(toks, k)
		title := ""
		if k > ts {
			title = d.textOf(ts, k)
		} else {
			k = ts
		}
		if k >= len(toks) {
			continue
		}
		if p := toks[k].low; p != "of" && p != "at" && p != "for" && p != "from" && (p != "in" || title == "") {
			if title != "" {
				d.addRole(m.ent, title, d.orgOfTitleWord(ts, k), false)
			}
			continue
		}
		prep := k
		k++
		if k < len(toks) && toks[k].low == "the" {
			k++
		}
		if k >= len(toks) {
			continue
		}
		if j, o := d.orgAfterDescription(k); o >= 0 {
			// "at security firm Tallis Labs", "of Leeds firm Crabtree Hale"
			_ = j
			d.addRole(m.ent, title, o, false)
			continue
		}
		if title != "" && (toks[prep].low == "of" || toks[prep].low == "in") {
			// "professor of cyber security at the University of Dunmore"
			if at, o := d.complementThenOrg(k); o >= 0 {
				d.addRole(m.ent, d.textOf(ts, at), o, false)
				continue
			}
		}
		org := -1
		for _, om := range d.ments {
			if om.Start == toks[k].Start && om.ent >= 0 && d.ents[om.ent].typ == Organization {
				org = om.ent
				break
			}
			if om.Start == toks[k-1].Start && om.how == byDescription && om.ent >= 0 {
				org = om.ent
				break
			}
		}
		if org < 0 && title == "" {
			continue
		}
		d.addRole(m.ent, title, org, false)
	}
}

// orgMentionAt returns the organisation named from token k, or -1.
func (d *doc) orgMentionAt(k int) int {
	if k < 0 || k >= len(d.toks) {
		return -1
	}
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].Start >= d.toks[k].Start })
	for ; i < len(d.ments) && d.ments[i].Start == d.toks[k].Start; i++ {
		if e := d.ments[i].ent; e >= 0 && d.ents[e].typ == Organization && d.ments[i].how == byName {
			return e
		}
	}
	return -1
}

// orgAfterDescription reads "security firm Tallis Labs", "threat
// intelligence company Northgate Intel", "Leeds firm Crabtree Hale" from
// token k: up to four lower-case words or places ending in an organisation
// noun, then the name. It returns the name's token and organisation.
func (d *doc) orgAfterDescription(k int) (int, int) {
	toks := d.toks
	j := k
	for j < len(toks) && j-k < 4 && toks[j].word && toks[j].sent == toks[k].sent && (!toks[j].cap || d.isPlace(toks[j].text)) {
		j++
	}
	if j == k || !orgNouns[toks[j-1].low] {
		return -1, -1
	}
	return j, d.orgMentionAt(j)
}

// complementThenOrg reads the complement of a title and the organisation
// after "at": "cyber security at the University of Dunmore" from token k.
// It returns the "at" token (where the title ends) and the organisation.
func (d *doc) complementThenOrg(k int) (int, int) {
	toks := d.toks
	for j := k; j < len(toks) && j-k < 5 && toks[j].word && toks[j].sent == toks[k].sent; j++ {
		if toks[j].cap {
			return -1, -1
		}
		if toks[j].low != "at" || j == k {
			continue
		}
		o := j + 1
		if o < len(toks) && toks[o].low == "the" {
			o++
		}
		if e := d.orgMentionAt(o); e >= 0 {
			return j, e
		}
		if _, e := d.orgAfterDescription(o); e >= 0 {
			return j, e
		}
		return -1, -1
	}
	return -1, -1
}

// orgOfTitleWord resolves a title opened by an organisation noun, "a company
// spokesman", "a trust spokeswoman", to the organisation of that kind
// named last before it.
func (d *doc) orgOfTitleWord(ts, te int) int {
	if te-ts < 2 {
		return -1
	}
	w := d.toks[ts].low
	kinds, ok := descriptionKinds[w]
	if !ok {
		return -1
	}
	at := d.toks[ts].Start
	i := sort.Search(len(d.ments), func(i int) bool { return d.ments[i].Start >= at })
	if e := d.orgNamedBy(w, i); e >= 0 {
		return e
	}
	return d.orgOfKindBefore(kinds, at)
}

// orgTitles end titles held at an organisation ("chief executive",
// "chief technology officer", "spokeswoman"), unlike "researcher" or
// "councillor", which may stand alone.
var orgTitles = setOf(`executive officer director chair chairman chairwoman chairperson spokesman spokeswoman
spokesperson ceo cto cfo ciso coo vice-chancellor principal headteacher headmaster headmistress`)

// policeRanks are held in a police force ("Det Insp Mark Howe").
var policeRanks = setOf(`constable inspector insp superintendent supt sergeant sgt detective det dci di ds pc dc
commander cmdr commissioner chief assistant deputy`)

// inferTitleOrgs gives a title written with no organisation, "Chief
// executive Helen Marsh said", the organisation the passage is about where
// the person is first named: the one quoted or the subject in the
// sentences before.
func (d *doc) inferTitleOrgs() {
	for _, m := range d.ments {
		if m.how != byName || m.ent < 0 || d.ents[m.ent].typ != Person || m.inQuote {
			continue
		}
		e := d.ents[m.ent]
		if len(e.spans) == 0 || e.spans[0] != m.Span {
			continue // first mentions only
		}
		for i, r := range e.roles {
			ws := strings.Fields(strings.ToLower(r.Title))
			if r.Org != "" || r.Former || len(ws) == 0 {
				continue
			}
			held, rank := false, true
			for _, w := range ws {
				held = held || orgTitles[w]
				rank = rank && policeRanks[strings.TrimSuffix(w, ".")]
			}
			if !held && !rank {
				continue
			}
			o := d.salient(m.Start, Organization)
			if o < 0 || d.ents[o].kind == KindMedia || d.ents[o].kind == KindCriminal || !held && d.ents[o].kind != KindPoliceForce {
				continue
			}
			e.roles[i].Org = d.ents[o].key
		}
	}
}
