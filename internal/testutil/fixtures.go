package testutil

import (
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

// The fixture is two short articles, written for these tests, about one
// invented breach, reported by two outlets that name things differently:
// the second calls the council "Northbridge City Council" and gives it the
// alias "Northbridge Council", the first article's canonical name, so the
// two must merge into one node. They use every field extract fills: a
// threat actor, a breach's kind, status and dates (the outlets disagree on
// its status), each quote's cue, speaker mention and confidence (one
// below 0.5), and a quote of an unnamed source (speaker "").
const (
	bodyA = `Northbridge Council said on Monday that a cyber attack on its payroll supplier, Copperline Systems, exposed the names and bank details of about 4,000 staff.
"We are deeply sorry and we are contacting everyone affected," said Ada Whitlock, chief executive of Northbridge Council.
The council said home addresses were not exposed and that it had reported the breach to the Information Commissioner's Office.
Copperline Systems said the attack was "contained within hours".
The council said the attack, discovered on 26 February, was carried out by a group calling itself Grey Lantern.
`
	bodyB = `Staff at Northbridge City Council have been told their bank details may be in the hands of criminals after a breach at a supplier.
Ms Whitlock, the council's chief executive, said the authority was working with the Information Commissioner's Office.
Tom Reyes, a former finance director of the council, warned that staff "should check their accounts every day".
A spokesperson for the council said: "We will support every member of staff."
`
)

// Fixture returns the fixture's articles and the extraction results a
// perfect extractor would give for them, with byte offsets into the bodies.
func Fixture() ([]corpus.Article, []extract.Result) {
	pub := time.Date(2024, 3, 4, 9, 30, 0, 0, time.UTC)
	arts := []corpus.Article{
		{ID: "northbridge-a", URL: "https://example.org/a", Title: "Council staff data exposed in supplier hack",
			Publisher: "Example Gazette", Published: pub, Body: bodyA, Path: "testdata/northbridge-a.txt"},
		{ID: "northbridge-b", Title: "Council workers warned over bank details",
			Publisher: "Example Post", Published: pub.Add(26 * time.Hour), Body: bodyB, Path: "testdata/northbridge-b.txt"},
	}
	council := extract.Entity{Key: "org/northbridge-council", Name: "Northbridge Council", Type: extract.Organization,
		Kind: extract.KindGovernment, Aliases: []string{"Northbridge"}}
	supplier := extract.Entity{Key: "org/copperline-systems", Name: "Copperline Systems", Type: extract.Organization,
		Kind: extract.KindSupplier, Client: council.Key}
	ico := extract.Entity{Key: "org/information-commissioners-office", Name: "Information Commissioner's Office",
		Type: extract.Organization, Kind: extract.KindRegulator, Aliases: []string{"ICO"}}
	ada := extract.Entity{Key: "person/ada-whitlock", Name: "Ada Whitlock", Type: extract.Person,
		Aliases: []string{"Ms Whitlock"}, Roles: []extract.Role{{Title: "chief executive", Org: council.Key}}}
	breach := extract.Event{Key: "northbridge-council-breach", Type: "DataBreach", Name: "Northbridge Council supplier breach",
		Victim: council.Key, Via: supplier.Key, Exposed: []string{"names", "bank details"},
		NotExposed: []string{"home addresses"}, Affected: []int{4000}, Cause: "cyber attack", When: "2024-03",
		ReportedTo: []string{ico.Key}, Attacker: "org/grey-lantern", Kind: extract.KindSupplierBreach,
		Status: extract.StatusConfirmed, Discovered: "2024-02-26", Disclosed: "2024-03-04"}
	gang := extract.Entity{Key: "org/grey-lantern", Name: "Grey Lantern", Type: extract.Organization,
		Kind: extract.KindThreatActor}

	a := extract.Result{
		ArticleID: arts[0].ID,
		Entities: []extract.Entity{mention(bodyA, council), mention(bodyA, supplier), mention(bodyA, ico), mention(bodyA, ada),
			mention(bodyA, gang)},
		Quotes: []extract.Quote{
			said(quote(bodyA, "We are deeply sorry and we are contacting everyone affected,", extract.Direct, ada.Key, breach.Key),
				bodyA, "said", "Ada Whitlock", 0.97),
			said(quote(bodyA, "contained within hours", extract.Partial, supplier.Key, breach.Key),
				bodyA, "said", "Copperline Systems", 0.91),
			said(quote(bodyA, "home addresses were not exposed and that it had reported the breach to the Information Commissioner's Office", extract.Indirect, council.Key, breach.Key),
				bodyA, "said", "The council", 0.83),
		},
		Events: []extract.Event{breach},
	}

	// The second outlet's extractor keys the council by its longer name.
	council2 := extract.Entity{Key: "org/northbridge-city-council", Name: "Northbridge City Council", Type: extract.Organization,
		Kind: extract.KindGovernment, Aliases: []string{"Northbridge Council"}}
	ada2 := ada
	ada2.Roles = []extract.Role{{Title: "chief executive", Org: council2.Key}}
	tom := extract.Entity{Key: "person/tom-reyes", Name: "Tom Reyes", Type: extract.Person,
		Roles: []extract.Role{{Title: "finance director", Org: council2.Key, Former: true}}}
	breach2 := breach
	breach2.Victim, breach2.Via, breach2.Exposed, breach2.NotExposed, breach2.Affected, breach2.Cause =
		council2.Key, "", []string{"bank details"}, nil, nil, ""
	// The second outlet only suspects it and names no attacker.
	breach2.Attacker, breach2.Kind, breach2.Status, breach2.Discovered, breach2.Disclosed =
		"", "", extract.StatusSuspected, "", ""
	b := extract.Result{
		ArticleID: arts[1].ID,
		Entities:  []extract.Entity{mention(bodyB, council2), mention(bodyB, ico), mention(bodyB, ada2), mention(bodyB, tom)},
		Quotes: []extract.Quote{
			said(quote(bodyB, "the authority was working with the Information Commissioner's Office", extract.Indirect, ada.Key, breach.Key),
				bodyB, "said", "Ms Whitlock", 0.88),
			// A doubtful attribution: below 0.5.
			said(quote(bodyB, "should check their accounts every day", extract.Partial, tom.Key, breach.Key),
				bodyB, "warned", "Tom Reyes", 0.44),
			// An unnamed source: no speaker, its description kept.
			said(quote(bodyB, "We will support every member of staff.", extract.Direct, "", breach.Key),
				bodyB, "said", "A spokesperson for the council", 0.62),
		},
		Events: []extract.Event{breach2},
	}
	return arts, []extract.Result{a, b}
}

// mention returns e with the spans of its name and aliases in body.
func mention(body string, e extract.Entity) extract.Entity {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		for off := 0; ; {
			i := strings.Index(body[off:], n)
			if i < 0 {
				break
			}
			e.Mentions = append(e.Mentions, extract.Span{Start: off + i, End: off + i + len(n)})
			off += i + len(n)
		}
	}
	return e
}

// said returns q with its cue, its speaker's mention (the first
// occurrence of mention in body) and confidence.
func said(q extract.Quote, body, cue, mention string, confidence float64) extract.Quote {
	i := strings.Index(body, mention)
	if i < 0 {
		panic(fmt.Sprintf("testutil: mention %q not in body", mention))
	}
	q.Cue, q.Confidence = cue, confidence
	q.SpeakerMention = &extract.Mention{Text: mention, Span: extract.Span{Start: i, End: i + len(mention)}}
	return q
}

// quote returns a quote of text, which must occur in body, with the span of
// the text and of its line as sentence.
func quote(body, text string, kind extract.QuoteKind, speaker, event string) extract.Quote {
	i := strings.Index(body, text)
	if i < 0 {
		panic(fmt.Sprintf("testutil: quote %q not in body", text))
	}
	s := strings.LastIndex(body[:i], "\n") + 1
	e := i + strings.Index(body[i:], "\n")
	return extract.Quote{Text: text, Kind: kind, Speaker: speaker, Event: event,
		Span: extract.Span{Start: i, End: i + len(text)}, Sentence: extract.Span{Start: s, End: e}}
}
