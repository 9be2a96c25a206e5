package server

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// ArticleText answers /api/text/{id}: the passages of an article the store
// keeps (the sentences of its quotes and of the facts it states; the store
// holds no full text), in the order of the body, each cut into parts that
// say which quote and which entity they belong to.
type ArticleText struct {
	ID       string    `json:"id"`
	Passages []Passage `json:"passages"`
}

// Passage is one stored sentence: its byte offsets in the body and its
// text as consecutive parts.
type Passage struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Parts []Part `json:"parts"`
}

// Part is a run of a passage's text inside the same quote (by the quote's
// stored offsets) and the same mention of an entity (a speaker's mention
// by its stored offsets, else a name or alias of an entity the article
// mentions, as a whole word).
type Part struct {
	Text string `json:"text"`
	// Quote is the id of the quote the text is part of, "" for none.
	Quote string `json:"quote,omitempty"`
	// Entity and EntityType name the entity the text names.
	Entity     string `json:"entity,omitempty"`
	EntityType string `json:"entity_type,omitempty"`
}

// text serves /api/text/{id}.
func (h *handler) text(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	if _, err := s.article(id); err != nil {
		return err
	}
	out := ArticleText{ID: id, Passages: []Passage{}}
	if h.store == nil {
		return writeJSON(w, http.StatusOK, out)
	}
	ctx, cancel := contextWithTimeout(r, h.queryTimeout)
	defer cancel()
	unlock := h.readLock()
	sents, err := articleSentences(ctx, h.store.QuadStore(), id)
	unlock()
	if err != nil {
		return err
	}
	quotes := s.quoteRows(s.byArticle[id])
	var names []nameRef
	for _, i := range s.entitiesByArticle[id] {
		e := s.entities[i]
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if len([]rune(n)) >= 3 {
				names = append(names, nameRef{n, e.ID, e.Type})
			}
		}
	}
	// Longest names first, so "Rick Prior" wins over "Prior".
	slices.SortStableFunc(names, func(a, b nameRef) int { return len(b.name) - len(a.name) })
	for _, st := range sents {
		out.Passages = append(out.Passages, s.passage(st, quotes, names))
	}
	return writeJSON(w, http.StatusOK, out)
}

// nameRef is a name of an entity to find in a passage.
type nameRef struct{ name, id, typ string }

// storedSentence is a sentence node: its text and the body offsets it
// was cut from (the text is trimmed of the body's surrounding spaces).
type storedSentence struct {
	text       string
	start, end int
}

// mark is a byte range of a passage's text with what it marks.
type mark struct {
	start, end int
	quote      string
	entity     string
	typ        string
}

// passage cuts one sentence into parts at its quotes' and mentions'
// boundaries.
func (s *snapshot) passage(st storedSentence, quotes []queries.QuoteRow, names []nameRef) Passage {
	text := st.text
	// lead is how far the trimmed text starts after the sentence's offset.
	lead := 0
	var quoteMarks, entMarks []mark
	locate := func(want string, start int) (int, bool) {
		rel := start - st.start - lead
		if rel >= 0 && rel+len(want) <= len(text) && text[rel:rel+len(want)] == want {
			return rel, true
		}
		// The body's leading spaces were trimmed: find the words nearest
		// to where the offsets put them.
		best := -1
		for i := strings.Index(text, want); i >= 0; {
			if best < 0 || abs(i-rel) < abs(best-rel) {
				best = i
			}
			j := strings.Index(text[i+1:], want)
			if j < 0 {
				break
			}
			i += 1 + j
		}
		return best, best >= 0
	}
	for _, q := range quotes {
		if q.End <= st.start || q.Start >= st.end || q.Text == "" {
			continue
		}
		if rel, ok := locate(q.Text, q.Start); ok {
			lead = q.Start - st.start - rel
			quoteMarks = append(quoteMarks, mark{start: rel, end: rel + len(q.Text), quote: q.ID})
		}
		if m := q.SpeakerMention; m != nil && q.SpeakerID != "" && m.Text != "" && m.Start >= st.start && m.End <= st.end {
			if rel, ok := locate(m.Text, m.Start); ok {
				entMarks = append(entMarks, mark{start: rel, end: rel + len(m.Text), entity: q.SpeakerID, typ: q.SpeakerType})
			}
		}
	}
	free := func(a, b int) bool {
		for _, m := range entMarks {
			if a < m.end && m.start < b {
				return false
			}
		}
		return true
	}
	for _, n := range names {
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], n.name)
			if i < 0 {
				break
			}
			a, b := from+i, from+i+len(n.name)
			if wordEdge(text, a, b) && free(a, b) {
				entMarks = append(entMarks, mark{start: a, end: b, entity: n.id, typ: n.typ})
			}
			from = b
		}
	}
	cuts := []int{0, len(text)}
	for _, m := range append(quoteMarks, entMarks...) {
		cuts = append(cuts, m.start, m.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	p := Passage{Start: st.start, End: st.end, Parts: []Part{}}
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		part := Part{Text: text[a:b]}
		for _, m := range quoteMarks {
			if m.start <= a && b <= m.end {
				part.Quote = m.quote
			}
		}
		for _, m := range entMarks {
			if m.start <= a && b <= m.end {
				part.Entity, part.EntityType = m.entity, m.typ
			}
		}
		if n := len(p.Parts); n > 0 && p.Parts[n-1].Quote == part.Quote && p.Parts[n-1].Entity == part.Entity {
			p.Parts[n-1].Text += part.Text
			continue
		}
		p.Parts = append(p.Parts, part)
	}
	return p
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// wordEdge reports whether text[a:b] starts and ends at word boundaries.
func wordEdge(text string, a, b int) bool {
	if a > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:a])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if b < len(text) {
		r, _ := utf8.DecodeRuneInString(text[b:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// articleSentences reads the sentence nodes of an article: those of its
// quotes, of its mentions and of the facts it states about the entities
// and events it mentions. A sentence inside another is left out.
func articleSentences(ctx context.Context, qs cgraph.QuadStore, id string) ([]storedSentence, error) {
	art := graph.ArticleIRI(id)
	nodes := map[quad.Value]bool{}
	var evidence []quad.Value
	var legacy []storedSentence // stores written before 2026-12
	var mentioned []quad.Value
	err := each(ctx, qs, quad.Object, art, func(q quad.Quad) error {
		if q.Predicate != graph.IsPartOf {
			return nil
		}
		var st storedSentence
		err := each(ctx, qs, quad.Subject, q.Subject, func(qq quad.Quad) error {
			switch qq.Predicate {
			case graph.InSentence:
				nodes[qq.Object] = true
			case graph.Sentence:
				st.text = stringOf(qq.Object)
			case graph.SentenceStart:
				st.start = intValue(qq.Object)
			case graph.SentenceEnd:
				st.end = intValue(qq.Object)
			}
			return nil
		})
		if st.text != "" {
			legacy = append(legacy, st)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, qs, quad.Subject, art, func(q quad.Quad) error {
		if q.Predicate == graph.Mentions {
			mentioned = append(mentioned, q.Object)
			evidence = append(evidence, graph.EvidenceIRI(id, art, graph.Mentions, q.Object))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The facts the article states about what it mentions.
	for _, n := range mentioned {
		err := each(ctx, qs, quad.Subject, n, func(q quad.Quad) error {
			pred, ok := q.Predicate.(quad.IRI)
			if ok && graph.LabelArticle(q.Label) == id && q.Predicate != graph.RDFType && q.Predicate != graph.Name &&
				q.Predicate != graph.AlternateName && q.Predicate != graph.NameKey && q.Predicate != graph.Kind {
				evidence = append(evidence, graph.EvidenceIRI(id, n, pred, q.Object))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, ev := range evidence {
		err := each(ctx, qs, quad.Subject, ev, func(q quad.Quad) error {
			if q.Predicate == graph.InSentence {
				nodes[q.Object] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := legacy
	for n := range nodes {
		var st storedSentence
		err := each(ctx, qs, quad.Subject, n, func(q quad.Quad) error {
			switch q.Predicate {
			case graph.Text:
				st.text = stringOf(q.Object)
			case graph.Start:
				st.start = intValue(q.Object)
			case graph.End:
				st.end = intValue(q.Object)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if st.text != "" {
			out = append(out, st)
		}
	}
	slices.SortFunc(out, func(a, b storedSentence) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	// Drop repeats and sentences inside the one before.
	kept := out[:0]
	for _, st := range out {
		if n := len(kept); n > 0 && st.end <= kept[n-1].end {
			continue
		}
		kept = append(kept, st)
	}
	return kept, nil
}

// each calls f for every quad whose direction d holds v; the iterator is
// closed before f runs (see graph's eachQuad on bolt's transactions).
func each(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, v quad.Value, f func(quad.Quad) error) error {
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := qs.QuadIterator(d, ref)
	refs, err := cgraph.Iterate(ctx, it).All()
	it.Close()
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	for _, r := range refs {
		if err := f(qs.Quad(r)); err != nil {
			return err
		}
	}
	return nil
}

func stringOf(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	if s, ok := quad.NativeOf(v).(string); ok {
		return s
	}
	return quad.StringOf(v)
}

func intValue(v quad.Value) int {
	switch v := v.(type) {
	case quad.Int:
		return int(v)
	case quad.Float:
		return int(v)
	}
	n, _ := strconv.Atoi(stringOf(v))
	return n
}

// Neighbors answers /api/neighbors/{id}: what an entity or breach shares
// articles with, the most shared first, one page at a time.
type Neighbors struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Type is person, organization, place, breach or "" (an entity of
	// unknown type).
	Type string `json:"type"`
	// Total counts every neighbour; Nodes holds the page asked for.
	Total int        `json:"total"`
	Nodes []Neighbor `json:"nodes"`
}

// Neighbor is an entity or breach in the same articles as another, with
// the number of those articles.
type Neighbor struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Type   string `json:"type"`
	Weight int    `json:"weight"`
}

// neighbors serves /api/neighbors/{id}, with limit and offset (limit
// defaults to 12).
func (h *handler) neighbors(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("limit") == "" {
		p.limit = 12
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	out := Neighbors{ID: id, Nodes: []Neighbor{}}
	var arts []string
	if i, ok := s.entityByID[id]; ok {
		e := s.entities[i]
		out.Label, out.Type, arts = e.Name, e.Type, e.Articles
	} else if i, ok := s.breachByID[id]; ok {
		b := s.breaches[i]
		out.Label, out.Type, arts = cmp.Or(b.Name, b.ID), "breach", b.Articles
	} else {
		return fmt.Errorf("entity or breach %s: %w", id, ErrNotFound)
	}
	ents, brs := map[int]int{}, map[int]int{}
	for _, a := range slices.Compact(slices.Sorted(slices.Values(arts))) {
		for _, i := range s.entitiesByArticle[a] {
			ents[i]++
		}
		for _, i := range s.breachesByArticle[a] {
			brs[i]++
		}
	}
	all := make([]Neighbor, 0, len(ents)+len(brs))
	for i, n := range ents {
		if e := s.entities[i]; e.ID != id {
			all = append(all, Neighbor{ID: e.ID, Label: e.Name, Type: e.Type, Weight: n})
		}
	}
	for i, n := range brs {
		if b := s.breaches[i]; b.ID != id {
			all = append(all, Neighbor{ID: b.ID, Label: cmp.Or(b.Name, b.ID), Type: "breach", Weight: n})
		}
	}
	slices.SortFunc(all, func(a, b Neighbor) int {
		return cmp.Or(b.Weight-a.Weight, strings.Compare(a.Label, b.Label), strings.Compare(a.ID, b.ID))
	})
	out.Total = len(all)
	start := min(p.offset, len(all))
	out.Nodes = append(out.Nodes, all[start:min(start+p.limit, len(all))]...)
	return writeJSON(w, http.StatusOK, out)
}
