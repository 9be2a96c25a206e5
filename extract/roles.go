package extract

// findAppositiveRoles reads roles written after a person's name: "Rick
// Prior, vice chair of the Metropolitan Police Federation", "Jane Doe, the
// agency's director", "Rick Prior, of the Police Federation".
func (d *doc) findAppositiveRoles() {
	toks := d.toks
	tokAt := map[int]int{}
	for i, t := range toks {
		tokAt[t.Start] = i
	}
	for _, m := range d.ments {
		if m.ent < 0 || m.how != byName || d.ents[m.ent].typ != Person || m.inQuote {
			continue
		}
		// the token after the name must be a comma
		k := -1
		for i, t := range toks {
			if t.Start >= m.End {
				k = i
				break
			}
		}
		if k < 0 || toks[k].low != "," || k+1 >= len(toks) {
			continue
		}
		k++
		if toks[k].low == "the" || toks[k].low == "a" || toks[k].low == "an" {
			k++
		}
		// title words
		ts := k
		for k < len(toks) && toks[k].word && (titleWords[toks[k].low]) && k-ts < 6 {
			k++
		}
		for k > ts && !titleHeads[toks[k-1].low] {
			k--
		}
		title := ""
		if k > ts {
			title = d.textOf(ts, k)
		} else {
			k = ts
		}
		if k >= len(toks) {
			continue
		}
		if p := toks[k].low; p != "of" && p != "at" && p != "for" && p != "from" {
			if title != "" {
				d.addRole(m.ent, title, -1, false)
			}
			continue
		}
		k++
		if k < len(toks) && toks[k].low == "the" {
			k++
		}
		if k >= len(toks) {
			continue
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
