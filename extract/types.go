package extract

import "strings"

// Span is a half-open byte range [Start, End) in an article's Body.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// EntityType is the coarse type of an entity.
type EntityType string

// The entity types newsgraph knows.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
)

// Kinds of organisation, stored as Entity.Kind.
const (
	KindPoliceForce      = "police force"
	KindAgency           = "agency"
	KindRegulator        = "regulator"
	KindSupplier         = "supplier"
	KindStaffAssociation = "staff association"
	KindMedia            = "media"
	KindCompany          = "company"
	KindGovernment       = "government"
	KindCourt            = "court"
	KindCharity          = "charity"
	KindPolitical        = "political party"
	KindEducation        = "education"
	KindHealth           = "health"
	KindCriminal         = "criminal group"
	// KindThreatActor is a named attacker: a hacking or ransomware group, a
	// hacker, "an insider". An Event's Attacker names one.
	KindThreatActor  = "threat actor"
	KindOrganization = "organization"
)

// Entity is one real-world person, organisation or place mentioned in an
// article.
type Entity struct {
	// Key is the entity's stable identity across articles: the same
	// real-world entity gets the same Key in every article (derived from its
	// canonical name, e.g. "org/metropolitan-police-service").
	Key     string     `json:"key"`
	Name    string     `json:"name"`
	Type    EntityType `json:"type"`
	Kind    string     `json:"kind,omitempty"`
	Aliases []string   `json:"aliases,omitempty"`
	Roles   []Role     `json:"roles,omitempty"`
	// Client is the Key of the organisation an unnamed supplier works for.
	Client   string `json:"client,omitempty"`
	Mentions []Span `json:"mentions,omitempty"`
}

// Role is a title a person holds, optionally at an organisation.
type Role struct {
	Title string `json:"title"`
	// Org is the Key of the organisation, "" when none is named.
	Org string `json:"org,omitempty"`
	// Former is true for "former", "ex-" titles.
	Former bool `json:"former,omitempty"`
}

// QuoteKind says how a quotation was reported.
type QuoteKind string

// The quote kinds.
const (
	// Direct is a whole sentence or more in quote marks.
	Direct QuoteKind = "direct"
	// Partial is a fragment in quote marks inside the reporter's sentence.
	Partial QuoteKind = "partial"
	// Indirect is reported speech without quote marks.
	Indirect QuoteKind = "indirect"
)

// Quote is something a speaker said, as reported in an article.
type Quote struct {
	Text string    `json:"text"`
	Kind QuoteKind `json:"kind"`
	// Speaker is the Key of the speaking entity, "" when unresolved.
	Speaker string `json:"speaker"`
	// Event is the Key of the event the quote is about, "" when none.
	Event    string `json:"event,omitempty"`
	Span     Span   `json:"span"`
	Sentence Span   `json:"sentence"`
	// Cue is the speech verb or phrase as written ("said", "told
	// reporters", "according to"), "" when the article gives none.
	Cue string `json:"cue,omitempty"`
	// SpeakerMention is the words of this article that name or describe
	// the speaker ("Sen. Elizabeth Warren", "she", "a spokesperson"); nil
	// when no words do. An unnamed source has a SpeakerMention and no
	// Speaker.
	SpeakerMention *Mention `json:"speaker_mention,omitempty"`
	// Confidence is the estimated probability that Speaker is right, from
	// 0 to 1 (the README says how it is calibrated).
	Confidence float64 `json:"confidence"`
}

// Mention is a stretch of an article's body that names or describes
// something: its text and its byte offsets.
type Mention struct {
	Text string `json:"text"`
	Span
}

// Direct reports whether the quote's words stood in quote marks.
func (q Quote) Direct() bool { return q.Kind != Indirect }

// Event is something that happened; newsgraph knows data breaches.
type Event struct {
	// Key is the event's identity across articles: the same breach reported
	// by several outlets gets the same Key, BreachKeyPrefix(Victim) and
	// the breach's cause.
	Key  string `json:"key"`
	Type string `json:"type"` // "DataBreach"
	Name string `json:"name"`
	// Victim, Via are entity Keys; ReportedTo lists entity Keys.
	Victim string `json:"victim"`
	Via    string `json:"via,omitempty"`
	// Attacker is the entity Key of who carried the breach out (an entity
	// of kind KindThreatActor), "" when the article names none.
	Attacker string `json:"attacker,omitempty"`
	// Kind is how it happened: one of the BreachKind values, "" when the
	// article does not say.
	Kind BreachKind `json:"kind,omitempty"`
	// Status is how sure the article is that it happened.
	Status     BreachStatus `json:"status,omitempty"`
	Exposed    []string     `json:"exposed,omitempty"`
	NotExposed []string     `json:"not_exposed,omitempty"`
	Affected   []int        `json:"affected,omitempty"`
	Cause      string       `json:"cause,omitempty"`
	When       string       `json:"when,omitempty"` // "2023-08" or "2023-08-27" when known
	// Discovered and Disclosed are when the breach was found and when it
	// was made public, in When's format, "" when the article does not say.
	// When is the incident itself.
	Discovered string   `json:"discovered,omitempty"`
	Disclosed  string   `json:"disclosed,omitempty"`
	ReportedTo []string `json:"reported_to,omitempty"`
	// Evidence holds the sentences the facts were read from.
	Evidence []Span `json:"evidence,omitempty"`
}

// Result is everything extracted from one article.
type Result struct {
	ArticleID string   `json:"article_id"`
	Entities  []Entity `json:"entities"`
	Quotes    []Quote  `json:"quotes"`
	Events    []Event  `json:"events"`
}

// Entity returns the entity with the given key, and whether it was found.
func (r *Result) Entity(key string) (Entity, bool) {
	for _, e := range r.Entities {
		if e.Key == key {
			return e, true
		}
	}
	return Entity{}, false
}

// BreachKeyPrefix is how the keys of the breaches of the victim with
// entity key victim begin: "breach/metropolitan-police-service/".
func BreachKeyPrefix(victim string) string {
	return "breach/" + strings.TrimPrefix(victim, "org/") + "/"
}

// BreachKind says how a breach happened.
type BreachKind string

// The breach kinds.
const (
	KindHack               BreachKind = "hack"
	KindRansomware         BreachKind = "ransomware"
	KindInsider            BreachKind = "insider"
	KindMisconfiguration   BreachKind = "misconfiguration"
	KindMistakenDisclosure BreachKind = "mistaken disclosure"
	KindLostDevice         BreachKind = "lost device"
	KindCredentialStuffing BreachKind = "credential stuffing"
	KindSupplierBreach     BreachKind = "supplier"
)

// BreachStatus says how sure an article is that a breach happened.
type BreachStatus string

// The breach statuses.
const (
	StatusConfirmed BreachStatus = "confirmed"
	StatusSuspected BreachStatus = "suspected"
	StatusClaimed   BreachStatus = "claimed" // claimed by the attackers
	StatusDenied    BreachStatus = "denied"
)
