package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Explanation is the evidence behind a quote, an entity or a breach: each
// thing stated about it, with every article that states it.
type Explanation struct {
	ID string `json:"id"`
	// Kind is quote, entity or breach.
	Kind string `json:"kind"`
	// Name is the quote's words, the entity's or the breach's name.
	Name string `json:"name"`
	// Speaker and SpeakerID name a quote's speaker.
	Speaker   string `json:"speaker,omitempty"`
	SpeakerID string `json:"speaker_id,omitempty"`
	// Cue, SpeakerMention and Confidence are a quote's, as QuoteRow has
	// them (absent when unknown).
	Cue            string   `json:"cue,omitempty"`
	SpeakerMention *Mention `json:"speaker_mention,omitempty"`
	Confidence     *float64 `json:"confidence,omitempty"`
	// Sources and Publishers count the distinct articles and outlets
	// behind any of the facts.
	Sources    int    `json:"sources"`
	Publishers int    `json:"publishers"`
	Facts      []Fact `json:"facts"`
}

// Fact is one thing stated about the node explained, with the evidence of
// every article that states it.
type Fact struct {
	// Fact is what is stated: "said" (a quote), "mentioned", "role",
	// "published" (of an outlet), "reported" (of a breach), or a breach
	// fact (see Claim.Fact).
	Fact string `json:"fact"`
	// Value is what the fact says: the quote's words, a role ("chief
	// executive, Acme Health Ltd"), a figure, a name.
	Value      string     `json:"value"`
	Sources    int        `json:"sources"`
	Publishers int        `json:"publishers"`
	Evidence   []Evidence `json:"evidence"`
}

// Evidence is one article's statement of a fact: the article, and the
// sentence that states it with its byte offsets in the article's body
// (empty, 0 and 0 when the fact is not tied to a sentence, as a breach's
// date taken from the article's own).
type Evidence struct {
	Article   string `json:"article"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	// Published is RFC 3339, "" when unknown.
	Published string `json:"published"`
	URL       string `json:"url"`
	Sentence  string `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	// Quote is the id of the quote in this article (for "said").
	Quote string `json:"quote,omitempty"`
	// Mentions is how many times the article names the entity (for
	// "mentioned").
	Mentions int `json:"mentions,omitempty"`
}

// Explain returns the evidence behind the quote, entity or breach with
// the given id (as the quotes, entities and breaches rows give it, or as
// a node IRI), or an error wrapping ErrNotFound.
//
// A quote is explained by every article reporting the same quote (see
// SameQuote); an entity by the articles that name it, give it a role or,
// for an outlet, that it published; a breach by the articles that report
// it and, fact by fact, the sentences that state each value.
func Explain(ctx context.Context, s *graph.Store, id string) (Explanation, error) {
	id = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">"))
	for _, p := range []string{graph.QuotePrefix, graph.EventPrefix, graph.EntityPrefix} {
		if rest, ok := strings.CutPrefix(id, p); ok {
			id = graph.ID(quad.IRI(id), p)
			if id == "" {
				id = rest
			}
			break
		}
	}
	qs := s.QuadStore()
	ix, err := readArticles(ctx, s)
	if err != nil {
		return Explanation{}, err
	}
	x := explainer{ctx: ctx, s: s, qs: qs, ix: ix, names: newNamer(ctx, qs)}
	if iri, ok := quoteIRI(id); ok {
		if found, err := x.typed(iri, graph.Quotation); err != nil || found {
			if err != nil {
				return Explanation{}, err
			}
			return x.quote(id, iri)
		}
	}
	if found, err := x.typed(graph.EventIRI(id), ""); err != nil || found {
		if err != nil {
			return Explanation{}, err
		}
		return x.breach(id)
	}
	if found, err := x.typed(graph.EntityIRI(id), ""); err != nil || found {
		if err != nil {
			return Explanation{}, err
		}
		return x.entity(id)
	}
	return Explanation{}, fmt.Errorf("explain %s: %w (want a quote, entity or breach id)", id, ErrNotFound)
}

// quoteIRI returns the IRI of the quote with id "ARTICLE/N".
func quoteIRI(id string) (quad.IRI, bool) {
	i := strings.LastIndexByte(id, '/')
	if i <= 0 {
		return "", false
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 1 {
		return "", false
	}
	return graph.QuoteIRI(id[:i], n), true
}

// explainer gathers one explanation.
type explainer struct {
	ctx   context.Context
	s     *graph.Store
	qs    cgraph.QuadStore
	ix    *sourceIndex
	names *namer
}

// typed reports whether the node has a type (class, when not "").
func (x *explainer) typed(n quad.Value, class quad.IRI) (bool, error) {
	found := false
	err := eachQuad(x.ctx, x.qs, quad.Subject, n, func(q quad.Quad) {
		if q.Predicate == graph.RDFType && (class == "" || q.Object == class) {
			found = true
		}
	})
	return found, err
}

func (x *explainer) quote(id string, iri quad.IRI) (Explanation, error) {
	q, err := readQuote(x.ctx, x.qs, iri)
	if err != nil {
		return Explanation{}, err
	}
	e := Explanation{ID: id, Kind: "quote", Name: q.text, SpeakerID: q.speaker,
		Cue: q.cue, SpeakerMention: q.mention, Confidence: q.confidence}
	same := []quoteRef{q}
	if q.speaker != "" {
		if e.Speaker, err = x.names.name(graph.EntityIRI(q.speaker)); err != nil {
			return Explanation{}, err
		}
		all, err := speakerQuotes(x.ctx, x.qs, []quad.Value{graph.EntityIRI(q.speaker)})
		if err != nil {
			return Explanation{}, err
		}
		groups := quoteGroups(all)
		same = same[:0]
		for _, r := range all {
			if groups[r.id] == groups[id] {
				same = append(same, r)
			}
		}
	}
	f := Fact{Fact: "said", Value: q.text}
	for _, r := range same {
		ev := x.evidence(r.article)
		ev.Quote, ev.Sentence, ev.Start, ev.End = r.id, r.sentence, r.sentStart, r.sentEnd
		f.Evidence = append(f.Evidence, ev)
	}
	e.Facts = append(e.Facts, x.finish(f))
	return x.total(e), nil
}

func (x *explainer) entity(id string) (Explanation, error) {
	n := graph.EntityIRI(id)
	name, err := x.names.name(n)
	if err != nil {
		return Explanation{}, err
	}
	e := Explanation{ID: id, Kind: "entity", Name: name}
	mentions, err := statements(x.ctx, x.qs, quad.Object, n, graph.Mentions, graph.Publisher)
	if err != nil {
		return Explanation{}, err
	}
	mentioned := Fact{Fact: "mentioned", Value: name}
	published := Fact{Fact: "published", Value: name}
	for _, st := range mentions {
		for _, art := range st.articles {
			if st.p == graph.Publisher {
				published.Evidence = append(published.Evidence, x.evidence(art))
				continue
			}
			ev, err := x.stated(art, st)
			if err != nil {
				return Explanation{}, err
			}
			mentioned.Evidence = append(mentioned.Evidence, ev)
		}
	}
	for _, f := range []Fact{mentioned, published} {
		if len(f.Evidence) > 0 {
			e.Facts = append(e.Facts, x.finish(f))
		}
	}
	roles, err := statements(x.ctx, x.qs, quad.Subject, n, graph.HasRole)
	if err != nil {
		return Explanation{}, err
	}
	var roleFacts []Fact
	for _, st := range roles {
		r, err := readRole(x.ctx, x.qs, x.names, st.o)
		if err != nil {
			return Explanation{}, err
		}
		f := Fact{Fact: "role", Value: r.String()}
		for _, art := range st.articles {
			ev, err := x.stated(art, st)
			if err != nil {
				return Explanation{}, err
			}
			f.Evidence = append(f.Evidence, ev)
		}
		roleFacts = append(roleFacts, x.finish(f))
	}
	slices.SortFunc(roleFacts, func(a, b Fact) int { return strings.Compare(a.Value, b.Value) })
	e.Facts = append(e.Facts, roleFacts...)
	return x.total(e), nil
}

func (x *explainer) breach(id string) (Explanation, error) {
	n := graph.EventIRI(id)
	name, err := x.names.name(n)
	if err != nil {
		return Explanation{}, err
	}
	e := Explanation{ID: id, Kind: "breach", Name: name}
	reports, err := statements(x.ctx, x.qs, quad.Object, n, graph.Mentions)
	if err != nil {
		return Explanation{}, err
	}
	reported := Fact{Fact: "reported", Value: name}
	for _, st := range reports {
		for _, art := range st.articles {
			ev, err := x.stated(art, st)
			if err != nil {
				return Explanation{}, err
			}
			reported.Evidence = append(reported.Evidence, ev)
		}
	}
	if len(reported.Evidence) > 0 {
		e.Facts = append(e.Facts, x.finish(reported))
	}
	preds := make([]quad.IRI, len(factNames))
	for i, f := range factNames {
		preds[i] = f.pred
	}
	facts, err := statements(x.ctx, x.qs, quad.Subject, n, preds...)
	if err != nil {
		return Explanation{}, err
	}
	type ordered struct {
		Fact
		c Claim
	}
	var out []ordered
	for _, st := range facts {
		c := Claim{Fact: factName(st.p), Value: literal(st.o)}
		if _, isIRI := st.o.(quad.IRI); isIRI {
			if c.Value, err = x.names.name(st.o); err != nil {
				return Explanation{}, err
			}
		}
		c.Number, _ = intOf(st.o)
		f := Fact{Fact: c.Fact, Value: c.Value}
		for _, art := range st.articles {
			ev, err := x.stated(art, st)
			if err != nil {
				return Explanation{}, err
			}
			f.Evidence = append(f.Evidence, ev)
		}
		out = append(out, ordered{x.finish(f), c})
	}
	slices.SortFunc(out, func(a, b ordered) int { return compareClaims(a.c, b.c) })
	for _, o := range out {
		e.Facts = append(e.Facts, o.Fact)
	}
	return x.total(e), nil
}

// evidence returns the article part of an article's evidence.
func (x *explainer) evidence(art string) Evidence {
	a := x.ix.info(art)
	return Evidence{Article: art, Title: a.Title, Publisher: a.outletName(), Published: a.Published, URL: a.URL}
}

// stated returns an article's evidence for a statement, with the sentence
// of its evidence node.
func (x *explainer) stated(art string, st *statement) (Evidence, error) {
	ev := x.evidence(art)
	node, err := readEvidence(x.ctx, x.qs, graph.EvidenceIRI(art, st.s, st.p, st.o))
	if err != nil {
		return Evidence{}, err
	}
	ev.Sentence, ev.Start, ev.End, ev.Mentions = node.Sentence, node.Start, node.End, node.Mentions
	return ev, nil
}

// finish counts a fact's sources and orders its evidence by date.
func (x *explainer) finish(f Fact) Fact {
	slices.SortFunc(f.Evidence, func(a, b Evidence) int {
		return cmp.Or(boolCmp(a.Published == "", b.Published == "") /* dated first */, strings.Compare(a.Published, b.Published),
			strings.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start), strings.Compare(a.Quote, b.Quote))
	})
	f.Sources, f.Publishers = x.ix.count(evidenceArticles(f.Evidence))
	return f
}

// total counts the sources of the whole explanation.
func (x *explainer) total(e Explanation) Explanation {
	var arts []string
	for _, f := range e.Facts {
		arts = append(arts, evidenceArticles(f.Evidence)...)
	}
	e.Sources, e.Publishers = x.ix.count(arts)
	if e.Facts == nil {
		e.Facts = []Fact{}
	}
	return e
}

func evidenceArticles(evs []Evidence) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Article
	}
	return out
}

// evidenceNode is what an evidence node holds.
type evidenceNode struct {
	Sentence   string
	Start, End int
	Mentions   int
}

// readEvidence reads an evidence node and its sentence node; a node the
// store does not hold (stores loaded before evidence was kept) reads as
// empty. Stores written before sentence nodes hold the sentence on the
// evidence node itself.
func readEvidence(ctx context.Context, qs cgraph.QuadStore, n quad.IRI) (evidenceNode, error) {
	var ev evidenceNode
	var sentence quad.Value
	err := eachQuad(ctx, qs, quad.Subject, n, func(q quad.Quad) {
		switch q.Predicate {
		case graph.MentionCount:
			ev.Mentions, _ = intOf(q.Object)
		case graph.InSentence:
			sentence = q.Object
		// Stores written before 2026-12 hold the sentence here.
		case graph.Sentence:
			ev.Sentence = literal(q.Object)
		case graph.Start:
			ev.Start, _ = intOf(q.Object)
		case graph.End:
			ev.End, _ = intOf(q.Object)
		}
	})
	if err != nil || sentence == nil {
		return ev, err
	}
	ev.Sentence, ev.Start, ev.End, err = readSentence(ctx, qs, sentence)
	return ev, err
}

// roleNode is what a role node holds.
type roleNode struct {
	title, org, orgID string
	former            bool
}

// String renders a role as "title, organisation", with "(former)".
func (r roleNode) String() string {
	s := r.title
	if r.org != "" {
		s += ", " + r.org
	}
	if r.former {
		s += " (former)"
	}
	return s
}

// readRole reads a role node.
func readRole(ctx context.Context, qs cgraph.QuadStore, names *namer, n quad.Value) (roleNode, error) {
	var r roleNode
	var org quad.Value
	err := eachQuad(ctx, qs, quad.Subject, n, func(q quad.Quad) {
		switch q.Predicate {
		case graph.JobTitle:
			if t := literal(q.Object); r.title == "" || t < r.title {
				r.title = t
			}
		case graph.MemberOf:
			org = q.Object
		case graph.Former:
			if b, ok := q.Object.(quad.Bool); ok && bool(b) {
				r.former = true
			}
		}
	})
	if err != nil || org == nil {
		return r, err
	}
	r.orgID = graph.ID(org, graph.EntityPrefix)
	r.org, err = names.name(org)
	return r, err
}

// addRoleSources sets Sources and Publishers of each role of each row:
// the articles giving the person any role node the row's role stands for
// (the same title, ignoring case and spacing, and tense, at the same
// organisation or at none).
func addRoleSources(ctx context.Context, s *graph.Store, ix *sourceIndex, rows []EntityRow) error {
	qs := s.QuadStore()
	names := newNamer(ctx, qs)
	roles := map[string]roleNode{}
	for i := range rows {
		e := &rows[i]
		if len(e.Roles) == 0 {
			continue
		}
		sts, err := statements(ctx, qs, quad.Subject, graph.EntityIRI(e.ID), graph.HasRole)
		if err != nil {
			return err
		}
		key := func(t string) string { return strings.Join(strings.Fields(strings.ToLower(t)), " ") }
		for j := range e.Roles {
			row := &e.Roles[j]
			var arts []string
			for _, st := range sts {
				k := quad.StringOf(st.o)
				r, ok := roles[k]
				if !ok {
					if r, err = readRole(ctx, qs, names, st.o); err != nil {
						return err
					}
					roles[k] = r
				}
				if key(r.title) == key(row.Title) && r.former == row.Former && (r.org == row.Org || r.org == "") {
					arts = append(arts, st.articles...)
				}
			}
			row.Sources, row.Publishers = ix.count(arts)
		}
	}
	return nil
}
