package queries

import (
	"fmt"
	"strconv"
	"strings"
)

// QuoteRow is one answer of the "quotes" query. Its JSON fields are fixed:
// other tools consume them.
type QuoteRow struct {
	ID          string `json:"id"`
	Speaker     string `json:"speaker"`
	SpeakerID   string `json:"speaker_id"`
	SpeakerType string `json:"speaker_type"`
	// SpeakerAliases are the speaker's other names.
	SpeakerAliases []string `json:"speaker_aliases"`
	Text           string   `json:"text"`
	Direct         bool     `json:"direct"`
	Kind           string   `json:"kind"`
	Article        string   `json:"article"`
	Breach         string   `json:"breach"`
	BreachVictim   string   `json:"breach_victim"`
	Start          int      `json:"start"`
	End            int      `json:"end"`
	// Cue is the speech verb or phrase as written ("said", "according
	// to"), "" when the article gives none.
	Cue string `json:"cue"`
	// SpeakerMention is the words of the article that name or describe
	// the speaker ("Ms Whitlock", "a spokesperson"), nil when none are
	// known. A quote of an unnamed source has one, and Speaker "".
	SpeakerMention *Mention `json:"speaker_mention"`
	// Confidence is the estimated probability (0 to 1) that Speaker is
	// right; nil when unknown (stores written before confidences were).
	Confidence *float64 `json:"confidence"`
	// Sources and Publishers count the distinct articles and outlets
	// that report the same quote: the same speaker with near-identical
	// words (see SameQuote). An outlet is an article's publisher, else the
	// host of its URL, else the article itself.
	Sources    int `json:"sources"`
	Publishers int `json:"publishers"`
}

// QuoteFilter narrows the quotes query; empty fields match everything.
type QuoteFilter struct {
	Speaker string // canonical name, alias or entity id, case-insensitive
	Breach  string // event id
	Article string // article id
	Text    string // words the quote text contains, case-insensitive
	// MinSources keeps only quotes reported by at least this many
	// distinct articles (QuoteRow.Sources); 0 and 1 keep every quote.
	MinSources int
	// MinConfidence keeps only quotes whose confidence is known and at
	// least this (see QuoteRow.Confident); 0 keeps every quote.
	MinConfidence float64
}

// Mention is a stretch of an article's body: its text and byte offsets.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// LowConfidence is the confidence below which an attribution is shown as
// doubtful.
const LowConfidence = 0.5

// Confident reports whether the quote's confidence is known and at least
// min; every quote is when min is 0 or less.
func (q QuoteRow) Confident(min float64) bool {
	return min <= 0 || q.Confidence != nil && *q.Confidence >= min
}

// ParseConfidence reads a minimum confidence: a number from 0 to 1.
func ParseConfidence(s string) (float64, error) {
	c, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(c >= 0 && c <= 1) {
		return 0, fmt.Errorf("confidence must be a number from 0 to 1, not %q", s)
	}
	return c, nil
}

// RoleRow is a title held at an organisation.
type RoleRow struct {
	Title string `json:"title"`
	Org   string `json:"org"`
	// Former is true for a role no longer held.
	Former bool `json:"former,omitempty"`
	// Sources and Publishers count the distinct articles and outlets
	// that give the person this role, however they word it.
	Sources    int `json:"sources"`
	Publishers int `json:"publishers"`
}

// EntityFilter narrows the entities query; empty fields match everything.
type EntityFilter struct {
	Type string // person, organization or place
	Name string // words the name or an alias contains, case-insensitive
}

// EntityRow is one answer of the "entities" query.
type EntityRow struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Kind     string    `json:"kind"`
	Aliases  []string  `json:"aliases"`
	Roles    []RoleRow `json:"roles"`
	Articles []string  `json:"articles"`
}

// BreachRow is one answer of the "breaches" query.
type BreachRow struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Victim     string   `json:"victim"`
	Via        string   `json:"via"`
	Exposed    []string `json:"exposed"`
	NotExposed []string `json:"not_exposed"`
	Affected   []int    `json:"affected"`
	ReportedTo []string `json:"reported_to"`
	Cause      string   `json:"cause"`
	When       string   `json:"when"`
	// Attacker is the name of who carried the breach out (a threat
	// actor), "" when no article names one.
	Attacker string `json:"attacker"`
	// Kind is how it happened (hack, ransomware, insider,
	// misconfiguration, mistaken disclosure, lost device, credential
	// stuffing, supplier) and Status how sure the reports are (confirmed,
	// suspected, claimed, denied); "" when no article says.
	Kind   string `json:"kind"`
	Status string `json:"status"`
	// Discovered and Disclosed are when the breach was found and made
	// public, in When's format; "" when no article says.
	Discovered string   `json:"discovered"`
	Disclosed  string   `json:"disclosed"`
	Articles   []string `json:"articles"`
	// Facts lists every value of every fact (victim, via, attacker, kind,
	// status, exposed, not_exposed, affected, reported_to, cause, when,
	// discovered, disclosed) with the articles and outlets that state it.
	Facts []Claim `json:"facts"`
	// Figures lists each number of people affected with its sources:
	// the "affected" facts. Affected above merges them.
	Figures []Claim `json:"figures"`
	// Conflicts lists the facts on which sources disagree (see
	// Conflicts).
	Conflicts []Conflict `json:"conflicts"`
}
