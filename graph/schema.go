package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
)

// Vocabulary terms from RDF and schema.org, stored as short IRIs.
const (
	// RDFType links a node to its class.
	RDFType = quad.IRI("rdf:type")

	// NewsArticle is the class of articles.
	NewsArticle = quad.IRI("schema:NewsArticle")
	// Headline is an article's title.
	Headline = quad.IRI("schema:headline")
	// DatePublished is an article's publication time (a typed time literal).
	DatePublished = quad.IRI("schema:datePublished")
	// Publisher links an article to the outlet that published it: an
	// organisation entity (see PublisherKey). Stores written before
	// publishers became entities hold the outlet's name as a string.
	Publisher = quad.IRI("schema:publisher")
	// Author is an article's byline (a string).
	Author = quad.IRI("schema:author")
	// URL is an article's address (a string).
	URL = quad.IRI("schema:url")
	// Mentions links an article to each entity and event it mentions.
	Mentions = quad.IRI("schema:mentions")

	// Person is the class of people.
	Person = quad.IRI("schema:Person")
	// Organization is the class of organisations.
	Organization = quad.IRI("schema:Organization")
	// Place is the class of places.
	Place = quad.IRI("schema:Place")
	// Thing is the class of entities of unknown type.
	Thing = quad.IRI("schema:Thing")
	// Name is the canonical name of an entity or event.
	Name = quad.IRI("schema:name")
	// AlternateName is another name of an entity (an alias).
	AlternateName = quad.IRI("schema:alternateName")
	// JobTitle is the title of a role node.
	JobTitle = quad.IRI("schema:jobTitle")
	// MemberOf links a role node to its organisation.
	MemberOf = quad.IRI("schema:memberOf")

	// Quotation is the class of quotes.
	Quotation = quad.IRI("schema:Quotation")
	// Text is a quote's words.
	Text = quad.IRI("schema:text")
	// Creator links a quote to its speaker.
	Creator = quad.IRI("schema:creator")
	// About links a quote to the event it is about.
	About = quad.IRI("schema:about")
	// IsPartOf links a quote to its article.
	IsPartOf = quad.IRI("schema:isPartOf")
)

// newsgraph's own terms, under the ng: prefix.
const (
	// DataBreach is the class of data breach events.
	DataBreach = quad.IRI("ng:DataBreach")
	// Event is the class of events of any other type.
	Event = quad.IRI("ng:Event")
	// Role is the class of role nodes (a title held at an organisation).
	Role = quad.IRI("ng:Role")

	// Victim links an event to the organisation that suffered it.
	Victim = quad.IRI("ng:victim")
	// Via links a breach to the supplier it happened through.
	Via = quad.IRI("ng:via")
	// Exposed is a kind of data a breach exposed (a string).
	Exposed = quad.IRI("ng:exposed")
	// NotExposed is a kind of data a breach did not expose (a string).
	NotExposed = quad.IRI("ng:notExposed")
	// Affected is a number of people affected (an integer).
	Affected = quad.IRI("ng:affected")
	// ReportedTo links a breach to a body it was reported to.
	ReportedTo = quad.IRI("ng:reportedTo")
	// Cause is what caused an event (a string).
	Cause = quad.IRI("ng:cause")
	// When is when an event happened ("2023-08" or "2023-08-27").
	When = quad.IRI("ng:when")
	// Attacker links a breach to who carried it out: an entity of kind
	// "threat actor".
	Attacker = quad.IRI("ng:attacker")
	// BreachKind is how a breach happened: hack, ransomware, insider,
	// misconfiguration, mistaken disclosure, lost device, credential
	// stuffing or supplier (a string).
	BreachKind = quad.IRI("ng:breachKind")
	// BreachStatus is how sure an article is that a breach happened: confirmed,
	// suspected, claimed (by the attackers) or denied (a string).
	BreachStatus = quad.IRI("ng:status")
	// Discovered is when a breach was found, in When's format.
	Discovered = quad.IRI("ng:discovered")
	// Disclosed is when a breach was made public, in When's format.
	Disclosed = quad.IRI("ng:disclosed")

	// Kind is an entity's kind, e.g. "police force" (a string).
	Kind = quad.IRI("ng:kind")
	// NameKey is an entity's normalised name or alias, prefixed with its
	// type ("person:rick prior"); it indexes entities for merging.
	NameKey = quad.IRI("ng:nameKey")
	// HasRole links a person to a role node.
	HasRole = quad.IRI("ng:role")
	// Former marks a role that is no longer held (a boolean).
	Former = quad.IRI("ng:former")
	// Client links an unnamed supplier to the organisation it works for.
	Client = quad.IRI("ng:client")

	// QuoteKind is how a quote was reported: direct, partial or indirect.
	QuoteKind = quad.IRI("ng:quoteKind")
	// Start is the byte offset where a quote, or a sentence node's
	// sentence, starts in its article's body.
	Start = quad.IRI("ng:start")
	// End is the byte offset where a quote, or a sentence node's sentence,
	// ends in its article's body.
	End = quad.IRI("ng:end")
	// Cue is the speech verb or phrase of a quote as written ("said",
	// "according to"; a string).
	Cue = quad.IRI("ng:cue")
	// SpeakerMention is the words of the article that name or describe a
	// quote's speaker ("Ms Whitlock", "a spokesperson"; a string). A quote
	// of an unnamed source has one and no <schema:creator>.
	SpeakerMention = quad.IRI("ng:speakerMention")
	// SpeakerStart and SpeakerEnd are the byte offsets of a quote's
	// SpeakerMention in its article's body.
	SpeakerStart = quad.IRI("ng:speakerStart")
	// SpeakerEnd: see SpeakerStart.
	SpeakerEnd = quad.IRI("ng:speakerEnd")
	// Confidence is the estimated probability that a quote's speaker is
	// right, from 0 to 1 (an xsd:double, rounded to three decimals).
	// Quotes of stores written before 2026-12 have none: unknown.
	Confidence = quad.IRI("ng:confidence")
	// SentenceStart is the byte offset of the start of a quote's sentence,
	// in stores written before 2026-12 (since, see InSentence).
	SentenceStart = quad.IRI("ng:sentenceStart")
	// SentenceEnd is the byte offset of the end of a quote's sentence, in
	// stores written before 2026-12.
	SentenceEnd = quad.IRI("ng:sentenceEnd")

	// ContentHash is the hash of an article's content (see ContentHash).
	ContentHash = quad.IRI("ng:contentHash")
)

// Evidence: which sentence of which article states a fact.
//
// Every fact an article states is a quad labelled with the article (its
// version, see VersionIRI), so a fact stated by three articles is three
// quads that differ only in their label. Where an article states a fact,
// an evidence node, one per article and fact, says in RDF's reification
// terms which fact it is and carries the sentence:
//
//	<ng:evidence/ARTICLE/HASH> <rdf:subject>    <ng:event/KEY>
//	                           <rdf:predicate>  <ng:affected>
//	                           <rdf:object>     "9276"^^<xsd:integer>
//	                           <ng:inSentence>  <ng:sentence/ARTICLE/0-120>
//	<ng:sentence/ARTICLE/0-120> <schema:text>   "Acme said hackers had stolen ..."
//	                           <ng:start> 0, <ng:end> 120 (the sentence's byte offsets)
//
// The evidence node has no class and no link to its article: its IRI
// (see EvidenceIRI) and its quads' label name the article. A sentence
// node (see SentenceIRI) is shared by the evidence of every fact the
// sentence states and by the quotes it holds (<ng:inSentence> too): an
// article's facts come from about a third as many sentences. Both
// choices keep the store small where it is largest (evidence is six in
// ten of its quads): stores written before 2026-12 hold, on every
// evidence node, <rdf:type> <ng:Evidence>, <schema:isPartOf> the article
// and the sentence's <ng:sentence> text, <ng:start> and <ng:end>, and on
// every quote its sentence's <ng:sentence>, <ng:sentenceStart> and
// <ng:sentenceEnd> (README, "bench", for the quads this saves). Readers
// take both layouts.
//
// Evidence is kept for an article's mentions of entities and events (with
// <ng:mentionCount>), for roles (person <ng:role> role node) and for each
// fact of an event (victim, via, attacker, breachKind, status, exposed,
// notExposed, affected, reportedTo, cause, when, discovered, disclosed).
const (
	// RDFSubject is the subject of the fact an evidence node is about.
	RDFSubject = quad.IRI("rdf:subject")
	// RDFPredicate is the predicate of the fact an evidence node is about.
	RDFPredicate = quad.IRI("rdf:predicate")
	// RDFObject is the object of the fact an evidence node is about.
	RDFObject = quad.IRI("rdf:object")
	// Sentence is the text of the sentence of a quote or an evidence node
	// in stores written before 2026-12 (since, see InSentence).
	Sentence = quad.IRI("ng:sentence")
	// InSentence links an evidence node to the sentence node of the
	// sentence that states its fact, and a quote to the node of the
	// sentence that holds it.
	InSentence = quad.IRI("ng:inSentence")
	// MentionCount is how many times an article names an entity (an
	// integer, on the evidence node of the article's <schema:mentions>).
	MentionCount = quad.IRI("ng:mentionCount")
)

// EvidencePrefix is the prefix of evidence node IRIs.
const EvidencePrefix = "ng:evidence/"

// SentencePrefix is the prefix of sentence node IRIs.
const SentencePrefix = "ng:sentence/"

// SentenceIRI returns the IRI of the node of the sentence of an article
// between two byte offsets of its body.
func SentenceIRI(articleID string, start, end int) quad.IRI {
	return quad.IRI(SentencePrefix + escape(articleID) + "/" + strconv.Itoa(start) + "-" + strconv.Itoa(end))
}

// EvidenceIRI returns the IRI of the evidence node for the fact
// (s, p, o) as stated by the article with the given id: the same article
// and fact always give the same node.
func EvidenceIRI(articleID string, s quad.Value, p quad.IRI, o quad.Value) quad.IRI {
	h := sha256.Sum256([]byte(quad.StringOf(s) + " " + quad.StringOf(p) + " " + quad.StringOf(o)))
	return quad.IRI(EvidencePrefix + escape(articleID) + "/" + hex.EncodeToString(h[:8]))
}

// PublisherKey returns the entity key of the organisation node for a
// publisher's name ("The Daily Ledger" -> "org/daily-ledger"): its
// normalised name (see NormalizeName) with words joined by "-", the way
// extract keys organisations, so an outlet named in one article's text
// and publishing another is one node. It returns "" for a blank name.
func PublisherKey(name string) string {
	n := strings.ReplaceAll(NormalizeName(name), "'", "")
	if n == "" {
		return ""
	}
	return "org/" + strings.ReplaceAll(n, " ", "-")
}

// Prefixes of node IRIs. A node IRI is a prefix followed by an escaped id.
const (
	ArticlePrefix = "ng:article/"
	EntityPrefix  = "ng:entity/"
	QuotePrefix   = "ng:quote/"
	EventPrefix   = "ng:event/"
	RolePrefix    = "ng:role/"
)

// ArticleIRI returns the IRI of the article with the given id.
func ArticleIRI(id string) quad.IRI { return quad.IRI(ArticlePrefix + escape(id)) }

// EntityIRI returns the IRI of the entity with the given key.
func EntityIRI(key string) quad.IRI { return quad.IRI(EntityPrefix + escape(key)) }

// EventIRI returns the IRI of the event with the given key.
func EventIRI(key string) quad.IRI { return quad.IRI(EventPrefix + escape(key)) }

// QuoteIRI returns the IRI of the n-th quote (from 1) of an article.
func QuoteIRI(articleID string, n int) quad.IRI {
	return quad.IRI(QuotePrefix + escape(articleID) + "/" + strconv.Itoa(n))
}

// RoleIRI returns the IRI of a role node: the same person, title,
// organisation and tense always give the same node, whatever the title's
// wording (extract.TitleKey: "Vice Chair" and "vice-chairman" are one).
func RoleIRI(personKey, title, orgKey string, former bool) quad.IRI {
	s := escape(personKey) + "/" + slug(extract.TitleKey(title))
	if orgKey != "" {
		s += "@" + escape(orgKey)
	}
	if former {
		s += "/former"
	}
	return quad.IRI(RolePrefix + s)
}

// ID returns the id, key or "ARTICLE/N" part of a node IRI built by this
// package, given as a quad.IRI or in its "<...>" string form, and "" when
// the IRI does not start with prefix.
func ID(iri any, prefix string) string {
	var s string
	switch v := iri.(type) {
	case quad.IRI:
		s = string(v)
	case string:
		s = strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">")
	default:
		return ""
	}
	if !strings.HasPrefix(s, prefix) {
		return ""
	}
	id, err := url.PathUnescape(s[len(prefix):])
	if err != nil {
		return s[len(prefix):]
	}
	return id
}

// TypeIRI returns the class of an entity type.
func TypeIRI(t string) quad.IRI {
	switch t {
	case "person":
		return Person
	case "organization":
		return Organization
	case "place":
		return Place
	}
	return Thing
}

// EventTypeIRI returns the class of an event type ("DataBreach").
func EventTypeIRI(t string) quad.IRI {
	if t == "" || t == "DataBreach" {
		return DataBreach
	}
	for _, r := range t {
		if !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') {
			return Event
		}
	}
	return quad.IRI("ng:" + t)
}

// escape percent-encodes every byte of s that is not safe inside an N-Quads
// IRI, keeping letters, digits, "/", "-", ".", "_", "~", ":" and "@".
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '/', c == '-', c == '.', c == '_', c == '~', c == ':', c == '@':
			b.WriteByte(c)
		default:
			b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
		}
	}
	return b.String()
}

// slug lower-cases s and turns every run of characters other than ASCII
// letters and digits into one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
