package fastprose

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Document is the analysis of one text.
type Document struct {
	// Tokens are the text's tokens with their tags and labels.
	Tokens []Token
	// Entities are the named entities found in Tokens.
	Entities []Entity
}

// Analyze tokenizes, tags and labels text and finds its entities: what
// prose.NewDocument does with segmentation off, except that every
// occurrence of a repeated word is tagged and labelled in its own context
// (see the package documentation).
func (m *Model) Analyze(text string) Document {
	d, _ := m.analyze(text, false)
	return d
}

// AnalyzeProse is Analyze reproducing prose's output exactly, including
// the effect of prose sharing one token among the occurrences of a
// repeated whitespace-delimited word: each occurrence reports the tag and
// label of the last one, and the entity classifier sees those tags.
func (m *Model) AnalyzeProse(text string) Document {
	d, _ := m.analyze(text, true)
	return d
}

// Tag sets the Tag of every token, as prose's tagger does for a document
// made of toks, each occurrence in its own context. toks are normally the
// result of Tokenize; a token with empty Text gets the empty tag.
func (m *Model) Tag(toks []Token) {
	s := m.getScratch()
	defer m.putScratch(s)
	m.prepare(s, toks)
	m.tag(s, toks)
	for i := range toks {
		toks[i].Tag = m.tagString(s.tags[i], toks[i].Text)
	}
}

// Label sets the Label of every token, as prose's entity classifier does,
// from the tokens' Text and Tag.
func (m *Model) Label(toks []Token) {
	s := m.getScratch()
	defer m.putScratch(s)
	m.prepare(s, toks)
	s.tags = s.tags[:0]
	for _, t := range toks {
		s.tags = append(s.tags, m.tagger.tagID(t.Tag))
	}
	m.label(s, toks)
	for i := range toks {
		toks[i].Label = m.maxent.labels[s.labels[i]]
	}
}

// scratch is the working memory of one analysis. Models keep them in a
// pool.
type scratch struct {
	spans  []span
	runs   []run
	info   []tokInfo
	ctxW   []int32 // normalised words with the tagger's padding
	ctxS   []int32 // their last three bytes
	tags   []int16
	labels []int
	rep    []int // token whose tag and label each token reports
	pred   predictor
	tie    int // first token whose tag or label was a tie, or -1
}

func (m *Model) getScratch() *scratch {
	s := m.scratch.Get().(*scratch)
	s.tie = -1
	return s
}

func (m *Model) putScratch(s *scratch) {
	if cap(s.info) > 1<<16 {
		*s = scratch{} // do not keep the memory of a huge document
	}
	m.scratch.Put(s)
}

// tokInfo is what the models look up about one token.
type tokInfo struct {
	raw     int32 // vocab id of the text
	lower   int32 // of the lower-cased text
	norm    int32 // of the tagger's normalised text
	normSuf int32 // of its last three bytes
	rawSuf  int32 // of the text's last three bytes
	pre3    int32 // of the lower-cased first three bytes
	suf3    int32 // of the lower-cased last three bytes
	shape   int8
}

// analyze is Analyze (alias false) or AnalyzeProse (alias true). It also
// returns the index of the first token whose tag or label was decided by
// a tie, or -1.
func (m *Model) analyze(text string, alias bool) (Document, int) {
	s := m.getScratch()
	defer m.putScratch(s)
	clean, offs := sanitize(text)
	s.spans, s.runs = m.split(clean, s.spans[:0], s.runs[:0])
	toks := makeTokens(text, clean, offs, s.spans)
	if len(toks) == 0 {
		return Document{Tokens: toks}, -1
	}
	m.prepare(s, toks)
	s.rep = s.rep[:0]
	for i := range toks {
		s.rep = append(s.rep, i)
	}
	if alias {
		aliases(clean, s.runs, s.rep)
	}
	m.tag(s, toks)
	for i := range toks {
		r := s.rep[i]
		if r != i {
			s.tags[i] = s.tags[r]
		}
		toks[i].Tag = m.tagString(s.tags[i], toks[i].Text)
	}
	m.label(s, toks)
	for i := range toks {
		toks[i].Label = m.maxent.labels[s.labels[s.rep[i]]]
	}
	return Document{Tokens: toks, Entities: m.maxent.chunk(toks, nil)}, s.tie
}

// aliases sets rep[i] to the token whose object prose shares with token i:
// prose caches the tokens of each whitespace-delimited run it splits and
// reuses them for every later run with the same text, except the run that
// ends the text (which it neither caches nor looks up). A shared token
// ends up holding what was computed for its last occurrence.
func aliases(clean string, runs []run, rep []int) {
	last := make(map[string]int, len(runs))
	for k := len(runs) - 1; k >= 0; k-- {
		r := runs[k]
		if r.end == len(clean) {
			continue
		}
		w := clean[r.start:r.end]
		l, ok := last[w]
		if !ok {
			last[w] = k
			continue
		}
		for i := r.first; i < r.last; i++ {
			rep[i] = runs[l].first + i - r.first
		}
	}
}

// tagString returns the name of tag id, where the unknown tag stands for
// the word itself (prose copies words such as "-LRB-" as their tag).
func (m *Model) tagString(id int16, word string) string {
	if id == m.tagger.tagUnknown() {
		return word
	}
	return m.tagger.tagNames[id]
}

// prepare fills s.info with the vocabulary ids of every token's forms.
func (m *Model) prepare(s *scratch, toks []Token) {
	s.info = s.info[:0]
	for i := range toks {
		w := toks[i].Text
		if id := m.voc.lookup(w); id != 0 {
			s.info = append(s.info, m.prof[id])
		} else {
			s.info = append(s.info, m.profile(w, 0))
		}
	}
}

// profile returns the vocabulary ids of the forms of word, whose own id is
// raw.
func (m *Model) profile(w string, raw int32) tokInfo {
	v := &m.voc
	in := tokInfo{raw: raw}
	if w == "" {
		in.shape = shapeNone // no feature has weights for it
		return in
	}
	ascii, upper := true, false
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	var low string
	switch {
	case ascii && !upper:
		low = w
		in.lower = raw
	default:
		low = strings.ToLower(w)
		in.lower = v.lookup(low)
	}
	lowSuf := v.lookup(low[len(low)-min(len(low), 3):])
	if ascii {
		in.suf3 = lowSuf
		in.pre3 = v.lookup(low[:min(len(low), 3)])
	} else {
		in.suf3 = v.lookup(strings.ToLower(w[len(w)-min(len(w), 3):]))
		in.pre3 = v.lookup(strings.ToLower(w[:min(len(w), 3)]))
	}
	if rs := w[len(w)-min(len(w), 3):]; ascii && !hasUpper(rs) {
		in.rawSuf = lowSuf
	} else {
		in.rawSuf = v.lookup(rs)
	}
	sp := &m.tagger.special
	in.norm = normalized(w, in.lower, sp)
	switch in.norm {
	case sp.hyphen:
		in.normSuf = sp.hyphenSuf
	case sp.year:
		in.normSuf = sp.yearSuf
	case sp.digits:
		in.normSuf = sp.digitsSuf
	default:
		in.normSuf = lowSuf
	}
	in.shape = shapeOf(w, ascii)
	return in
}

func hasUpper(s string) bool {
	for k := 0; k < len(s); k++ {
		if 'A' <= s[k] && s[k] <= 'Z' {
			return true
		}
	}
	return false
}

// tag sets s.tags to the tag of every token, each in its own context.
func (m *Model) tag(s *scratch, toks []Token) {
	t := &m.tagger
	ents := m.voc.ents
	n := len(toks)
	s.ctxW = append(s.ctxW[:0], t.padWord[0], t.padWord[1])
	s.ctxS = append(s.ctxS[:0], t.padSuf[0], t.padSuf[1])
	for i := range s.info {
		s.ctxW = append(s.ctxW, s.info[i].norm)
		s.ctxS = append(s.ctxS, s.info[i].normSuf)
	}
	s.ctxW = append(s.ctxW, t.padWord[2], t.padWord[3])
	s.ctxS = append(s.ctxS, t.padSuf[2], t.padSuf[3])
	s.tags = s.tags[:0]
	nt := t.nTags + 1
	unknown := t.tagUnknown()
	p1, p2 := t.start, t.start2
	rows := [tfCount]int32{tfBias: -1, tfPrevTag: -1, tfPrev2Tag: -1, tfTagPair: -1}
	for i := 0; i < n; i++ {
		w := toks[i].Text
		tag, ok := t.empty, w == "" // prose makes no empty tokens; callers might
		if !ok {
			tag, ok = m.ruleTag(w)
		}
		if !ok {
			if tm := ents[s.info[i].raw].tagMap; tm >= 0 {
				tag = tm
			} else {
				j := i + 2
				cw := s.ctxW[j]
				rows[tfSuffix] = ents[s.info[i].rawSuf].ts[0]
				rows[tfPref1] = t.pref1[w[0]]
				rows[tfWord] = ents[cw].tw[0]
				rows[tfPrevTagWord] = -1
				if cw != 0 && p1 != unknown {
					if r, ok := t.tagWord[tagWordKey(p1, cw)]; ok {
						rows[tfPrevTagWord] = r
					}
				}
				rows[tfPrevWord] = ents[s.ctxW[j-1]].tw[1]
				rows[tfPrevSuffix] = ents[s.ctxS[j-1]].ts[1]
				rows[tfPrev2Word] = ents[s.ctxW[j-2]].tw[2]
				rows[tfNextWord] = ents[s.ctxW[j+1]].tw[3]
				rows[tfNextSuffix] = ents[s.ctxS[j+1]].ts[2]
				rows[tfNext2Word] = ents[s.ctxW[j+2]].tw[4]
				var tie bool
				tag, tie = t.predict(&s.pred, int(p1)*nt+int(p2), &rows)
				if tie && s.tie < 0 {
					s.tie = i
				}
			}
		}
		s.tags = append(s.tags, tag)
		p2, p1 = p1, tag
	}
}

// label sets s.labels to the entity label of every token from s.tags,
// which may hold shared (aliased) tags.
func (m *Model) label(s *scratch, toks []Token) {
	c := &m.maxent
	ents := m.voc.ents
	n := len(toks)
	nh := len(c.hist)
	unknown := m.tagger.tagUnknown()
	s.labels = s.labels[:0]
	h := 0 // history of the previous token: valueNone
	var rows [nfCount]int32
	for i := 0; i < n; i++ {
		in := &s.info[i]
		w := toks[i].Text
		tag := s.tags[i]
		basic := 0
		if ents[in.raw].basic {
			basic = 1
		}
		rows[nfBias] = c.bias
		rows[nfBasic] = c.basic[basic]
		nextTag, nextPos := c.noneTag, ""
		if i == n-1 {
			rows[nfNextPos] = c.nextPosNone
			rows[nfNextWord] = c.nextWordNone
		} else {
			nextTag = s.tags[i+1]
			if nextTag == unknown {
				nextPos = strings.ToLower(toks[i+1].Tag)
				rows[nfNextPos] = c.row(nfNextPos, nextPos)
			} else {
				rows[nfNextPos] = c.nextPos[nextTag]
			}
			rows[nfNextWord] = ents[s.info[i+1].lower].me[meNextWord]
		}
		if tag == unknown {
			ts := toks[i].Tag
			rows[nfPos] = c.row(nfPos, ts)
			rows[nfPosPrevTag] = c.row(nfPosPrevTag, ts+"+"+c.hist[h])
		} else {
			rows[nfPos] = c.pos[tag]
			rows[nfPosPrevTag] = c.posPrevTag[int(tag)*nh+h]
		}
		rows[nfPrefix3] = ents[in.pre3].me[mePrefix3]
		if i == 0 {
			rows[nfPrevPos] = c.prevPosNone
			rows[nfPrevWord] = c.prevWordNone
		} else {
			if pt := s.tags[i-1]; pt == unknown {
				rows[nfPrevPos] = c.row(nfPrevPos, toks[i-1].Tag)
			} else {
				rows[nfPrevPos] = c.prevPos[pt]
			}
			rows[nfPrevWord] = ents[s.info[i-1].lower].me[mePrevWord]
		}
		rows[nfPrevTag] = c.prevTag[h]
		rows[nfShape] = c.shape[in.shape]
		prevShape := shapeNone
		if i > 1 {
			prevShape = int(s.info[i-1].shape)
		}
		rows[nfShapePrevTag] = c.shapePrevTag[prevShape*nh+h]
		rows[nfSuffix3] = ents[in.suf3].me[meSuffix3]
		rows[nfWord] = ents[in.raw].me[meWord]
		rows[nfWordNextPos] = c.wordNextPos(&ents[in.lower], nextTag, w, nextPos)
		rows[nfLower] = ents[in.lower].me[meLower]
		if len(w) <= maxWordLen {
			rows[nfWordLen] = c.wordLen[len(w)]
		} else {
			rows[nfWordLen] = c.row(nfWordLen, strconv.Itoa(len(w)))
		}
		l, tie := c.score(&rows)
		if tie && s.tie < 0 {
			s.tie = i
		}
		s.labels = append(s.labels, l)
		h = c.labelHist[l]
	}
}
