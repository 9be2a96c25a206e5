package graph

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// Quads maps one article and what was extracted from it to quads. It is
// pure and deterministic: the result is sorted (by N-Quads text) and free of
// duplicates, and every quad's label is the article's IRI.
//
// Quotes are numbered from 1 in the order of their position in the body, so
// a quote's IRI does not depend on the order extract returned them in.
//
// The publisher is an organisation entity (see PublisherKey). Each fact
// the article states about an entity, role or event gets an evidence node
// with the sentence that states it (see Evidence).
func Quads(a corpus.Article, r extract.Result) []quad.Quad {
	art := ArticleIRI(a.ID)
	b := quadBuilder{label: art, seen: map[quad.Quad]bool{}}
	ev := newEvidenceWriter(&b, a.ID, a.Body, r)

	b.add(art, RDFType, NewsArticle)
	b.str(art, Headline, a.Title)
	if !a.Published.IsZero() {
		b.add(art, DatePublished, quad.Time(a.Published.UTC().Truncate(time.Second)))
	}
	if key := PublisherKey(a.Publisher); key != "" {
		n := EntityIRI(key)
		b.add(art, Publisher, n)
		if _, ok := r.Entity(key); !ok {
			pub := extract.Entity{Key: key, Name: strings.TrimSpace(a.Publisher), Type: extract.Organization, Kind: extract.KindMedia}
			b.add(n, RDFType, Organization)
			b.str(n, Name, pub.Name)
			b.str(n, Kind, pub.Kind)
			for _, k := range NameKeys(pub) {
				b.str(n, NameKey, k)
			}
		}
	}
	b.str(art, Author, a.Author)
	b.str(art, URL, a.URL)
	b.str(art, ContentHash, ContentHashOf(a))

	for _, e := range r.Entities {
		if e.Key == "" {
			continue
		}
		n := EntityIRI(e.Key)
		b.add(art, Mentions, n)
		sent, count := ev.entity(e.Key)
		ev.add(art, Mentions, n, sent, count)
		b.add(n, RDFType, TypeIRI(string(e.Type)))
		b.str(n, Name, e.Name)
		for _, al := range e.Aliases {
			if al != e.Name {
				b.str(n, AlternateName, al)
			}
		}
		b.str(n, Kind, e.Kind)
		for _, k := range NameKeys(e) {
			b.str(n, NameKey, k)
		}
		b.ref(n, Client, EntityIRI, e.Client)
		for _, ro := range e.Roles {
			if ro.Title == "" {
				continue
			}
			rn := RoleIRI(e.Key, ro.Title, ro.Org, ro.Former)
			b.add(n, HasRole, rn)
			ev.add(n, HasRole, rn, ev.role(e.Key, ro.Title), 0)
			b.add(rn, RDFType, Role)
			b.str(rn, JobTitle, ro.Title)
			b.ref(rn, MemberOf, EntityIRI, ro.Org)
			if ro.Former {
				b.add(rn, Former, quad.Bool(true))
			}
		}
	}

	quotes := slices.Clone(r.Quotes)
	slices.SortStableFunc(quotes, func(x, y extract.Quote) int {
		return cmp.Or(cmp.Compare(x.Span.Start, y.Span.Start), cmp.Compare(x.Span.End, y.Span.End),
			strings.Compare(x.Text, y.Text))
	})
	for i, q := range quotes {
		n := QuoteIRI(a.ID, i+1)
		b.add(n, RDFType, Quotation)
		b.str(n, Text, q.Text)
		b.str(n, QuoteKind, string(q.Kind))
		b.ref(n, Creator, EntityIRI, q.Speaker)
		b.ref(n, About, EventIRI, q.Event)
		b.add(n, IsPartOf, art)
		b.add(n, Start, quad.Int(q.Span.Start))
		b.add(n, End, quad.Int(q.Span.End))
		b.str(n, Cue, q.Cue)
		if m := q.SpeakerMention; m != nil && strings.TrimSpace(m.Text) != "" {
			b.str(n, SpeakerMention, m.Text)
			if 0 <= m.Start && m.Start < m.End && m.End <= len(a.Body) {
				b.add(n, SpeakerStart, quad.Int(m.Start))
				b.add(n, SpeakerEnd, quad.Int(m.End))
			}
		}
		if c, ok := ConfidenceValue(q.Confidence); ok {
			b.add(n, Confidence, quad.Float(c))
		}
		if sn, ok := ev.sentence(q.Sentence); ok {
			b.add(n, InSentence, sn)
		}
	}

	for _, e := range r.Events {
		if e.Key == "" {
			continue
		}
		n := EventIRI(e.Key)
		b.add(art, Mentions, n)
		// The article tells of the event in its first evidence sentence,
		// or else where it names the victim.
		told := ev.fact(e.Evidence)
		if told.End == 0 && e.Victim != "" {
			told = ev.fact(nil, ev.entityMatch(e.Victim))
		}
		ev.add(art, Mentions, n, told, 0)
		b.add(n, RDFType, EventTypeIRI(e.Type))
		b.str(n, Name, e.Name)
		// fact adds one fact of the event with its evidence.
		fact := func(p quad.IRI, o quad.Value, match ...matcher) {
			b.add(n, p, o)
			// A date no sentence gives is the article's own: no sentence
			// states it.
			ev.add(n, p, o, ev.factOr(e.Evidence, p != When, match...), 0)
		}
		ref := func(p quad.IRI, key string) {
			if key != "" {
				fact(p, EntityIRI(key), ev.entityMatch(key))
			}
		}
		str := func(p quad.IRI, v string, match ...matcher) {
			if v = strings.TrimSpace(v); v != "" {
				fact(p, quad.String(v), match...)
			}
		}
		ref(Victim, e.Victim)
		ref(Via, e.Via)
		ref(Attacker, e.Attacker)
		str(BreachKind, string(e.Kind))
		str(BreachStatus, string(e.Status))
		for _, x := range e.Exposed {
			str(Exposed, x, textMatchers(x, false)...)
		}
		for _, x := range e.NotExposed {
			str(NotExposed, x, textMatchers(x, true)...)
		}
		for _, x := range e.Affected {
			fact(Affected, quad.Int(x), textOnly(numberMatch(x)))
		}
		for _, x := range e.ReportedTo {
			ref(ReportedTo, x)
		}
		str(Cause, e.Cause, textMatchers(e.Cause, false)...)
		str(When, e.When, textOnly(whenMatch(e.When)))
		str(Discovered, e.Discovered, textOnly(whenMatch(e.Discovered)))
		str(Disclosed, e.Disclosed, textOnly(whenMatch(e.Disclosed)))
	}

	sortQuads(b.out)
	return b.out
}

// ConfidenceValue returns the confidence of a quote as stored: c rounded
// to three decimals and at most 1, or false when c is not above 0 (a
// quote that gives none: its confidence is unknown).
func ConfidenceValue(c float64) (float64, bool) {
	if !(c > 0) { // also NaN
		return 0, false
	}
	return math.Round(min(c, 1)*1000) / 1000, true
}

// ContentHashOf returns the hex SHA-256 of an article's id, metadata and
// body. Loading skips an article whose stored hash equals it.
func ContentHashOf(a corpus.Article) string {
	h := sha256.New()
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339)
	}
	for _, s := range []string{a.ID, a.URL, a.Title, a.Publisher, a.Author, pub, a.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sortQuads orders quads by their N-Quads text. Each quad's text is
// made once: formatting it in every comparison was half the time of a
// load's graph writes.
func sortQuads(qs []quad.Quad) {
	type keyed struct {
		key string
		q   quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{q.NQuad(), q}
	}
	slices.SortFunc(ks, func(x, y keyed) int { return strings.Compare(x.key, y.key) })
	for i := range ks {
		qs[i] = ks[i].q
	}
}

// quadBuilder collects the distinct quads of one article.
type quadBuilder struct {
	label quad.Value
	seen  map[quad.Quad]bool
	out   []quad.Quad
}

func (b *quadBuilder) add(s quad.Value, p quad.IRI, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if b.seen[q] {
		return
	}
	b.seen[q] = true
	b.out = append(b.out, q)
}

// str adds a string-valued quad unless v is blank.
func (b *quadBuilder) str(s quad.Value, p quad.IRI, v string) {
	if v = strings.TrimSpace(v); v != "" {
		b.add(s, p, quad.String(v))
	}
}

// ref adds a link to the node with the given key unless the key is empty.
func (b *quadBuilder) ref(s quad.Value, p quad.IRI, iri func(string) quad.IRI, key string) {
	if key != "" {
		b.add(s, p, iri(key))
	}
}
