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
	KindOrganization     = "organization"
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
	Victim     string   `json:"victim"`
	Via        string   `json:"via,omitempty"`
	Exposed    []string `json:"exposed,omitempty"`
	NotExposed []string `json:"not_exposed,omitempty"`
	Affected   []int    `json:"affected,omitempty"`
	Cause      string   `json:"cause,omitempty"`
	When       string   `json:"when,omitempty"` // "2023-08" or "2023-08-27" when known
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
