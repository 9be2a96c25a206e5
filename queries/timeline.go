package queries

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// TimelineFilter narrows a timeline; empty fields match everything.
type TimelineFilter struct {
	// Entity is an entity id: only the breaches it is a party to (as
	// victim, supplier, attacker or a body reported to) or spoke about, the quotes
	// by it, and the quotes about the breaches it is a party to.
	Entity string
}

// TimelineItem is one dated thing: an event, or a statement (a quote).
type TimelineItem struct {
	// Date is "2024-03-04", "2024-03" (a month: sorted before its days)
	// or "" when unknown (sorted last).
	Date string `json:"date"`
	// DateSource says where the date comes from: "when" (the event's own
	// date), "discovered" or "disclosed" (when the breach was found or
	// made public), "published" (the date of the article that reports the
	// statement) or "first_reported" (the earliest article reporting an
	// event whose date is unknown).
	DateSource string `json:"date_source"`
	// Kind is "event", "discovered" and "disclosed" (a breach's discovery
	// and disclosure, when the articles date them) or "statement".
	Kind string `json:"kind"`
	// ID is the breach id of an event, the quote id of a statement.
	ID string `json:"id"`
	// Breach is the breach the item is about ("" for a statement about
	// none).
	Breach string `json:"breach"`
	// BreachName names a statement's breach: its name, or its victim's
	// ("Acme breach"); "" when the statement is about none or the breach
	// has neither.
	BreachName string `json:"breach_name,omitempty"`
	Speaker    string `json:"speaker,omitempty"`
	SpeakerID  string `json:"speaker_id,omitempty"`
	// Text is the event's name or the statement's words.
	Text string `json:"text"`
	// Article and Publisher: the (earliest) article reporting a
	// statement and its outlet.
	Article   string `json:"article,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// Sources and Publishers count the articles and outlets reporting it.
	Sources    int `json:"sources"`
	Publishers int `json:"publishers"`
	// Cue, SpeakerMention and Confidence are a statement's (see
	// QuoteRow): an unnamed source has no Speaker but a SpeakerMention.
	Cue            string   `json:"cue,omitempty"`
	SpeakerMention *Mention `json:"speaker_mention,omitempty"`
	Confidence     *float64 `json:"confidence,omitempty"`
	// at orders items within a day: the article's full time.
	at    string
	start int
}

// BreachLabel is how a breach is named to a reader: its name, else its
// victim's ("Acme breach"), else "".
func BreachLabel(b BreachRow) string {
	switch {
	case b.Name != "":
		return b.Name
	case b.Victim != "":
		return b.Victim + " breach"
	}
	return ""
}

// Timeline returns the breaches and statements of the store (or those
// concerning f.Entity) in date order: a breach at its date (or when it was
// first reported), a statement at the date of the article reporting it. A
// statement reported by several articles (the same quote, see SameQuote)
// appears once, at its earliest report.
func Timeline(ctx context.Context, s *graph.Store, f TimelineFilter) ([]TimelineItem, error) {
	ix, err := readArticles(ctx, s)
	if err != nil {
		return nil, err
	}
	breaches, err := Breaches(ctx, s)
	if err != nil {
		return nil, err
	}
	quotes, err := Quotes(ctx, s, QuoteFilter{})
	if err != nil {
		return nil, err
	}
	entity := strings.TrimSpace(f.Entity)

	// The breaches the entity is a party to, and those it spoke about.
	party, involved := map[string]bool{}, map[string]bool{}
	if entity != "" {
		for _, b := range breaches {
			for _, c := range b.Facts {
				if c.ID == entity && (c.Fact == "victim" || c.Fact == "via" || c.Fact == "attacker" || c.Fact == "reported_to") {
					party[b.ID], involved[b.ID] = true, true
				}
			}
		}
		for _, q := range quotes {
			if q.SpeakerID == entity && q.Breach != "" {
				involved[q.Breach] = true
			}
		}
	}

	names := make(map[string]string, len(breaches))
	for _, b := range breaches {
		names[b.ID] = BreachLabel(b)
	}
	items := []TimelineItem{}
	for _, b := range breaches {
		if entity != "" && !involved[b.ID] {
			continue
		}
		it := TimelineItem{Date: b.When, DateSource: "when", Kind: "event", ID: b.ID, Breach: b.ID, Text: b.Name, at: b.When}
		it.Sources, it.Publishers = ix.count(b.Articles)
		if it.Text == "" {
			it.Text = b.ID
		}
		if it.Date == "" {
			it.DateSource = ""
			for _, a := range b.Articles {
				if p := ix.info(a).Published; p != "" && (it.at == "" || p < it.at) {
					it.Date, it.DateSource, it.at = day(p), "first_reported", p
				}
			}
		}
		items = append(items, it)
		for _, d := range []struct{ kind, date string }{{"discovered", b.Discovered}, {"disclosed", b.Disclosed}} {
			if d.date == "" {
				continue
			}
			// Counted by the articles that give this date.
			dated := TimelineItem{Date: d.date, DateSource: d.kind, Kind: d.kind, ID: b.ID, Breach: b.ID, Text: it.Text, at: d.date}
			for _, c := range b.Facts {
				if c.Fact == d.kind && c.Value == d.date {
					dated.Sources, dated.Publishers = c.Sources, c.Publishers
				}
			}
			items = append(items, dated)
		}
	}

	// One statement per quote, at its earliest report.
	refs := make([]quoteRef, len(quotes))
	for i, q := range quotes {
		refs[i] = quoteRef{id: q.ID, article: q.Article, speaker: q.SpeakerID, words: quoteWords(q.Text)}
	}
	groups := quoteGroups(refs)
	earliest := map[int]TimelineItem{}
	var order []int
	for _, q := range quotes {
		if entity != "" && q.SpeakerID != entity && !party[q.Breach] {
			continue
		}
		a := ix.info(q.Article)
		it := TimelineItem{Date: day(a.Published), DateSource: "published", Kind: "statement", ID: q.ID, Breach: q.Breach, BreachName: names[q.Breach],
			Speaker: q.Speaker, SpeakerID: q.SpeakerID, Text: q.Text, Article: q.Article, Publisher: a.outletName(),
			Sources: q.Sources, Publishers: q.Publishers, Cue: q.Cue, SpeakerMention: q.SpeakerMention, Confidence: q.Confidence, at: a.Published, start: q.Start}
		if it.Date == "" {
			it.DateSource = ""
		}
		g := groups[q.ID]
		prev, seen := earliest[g]
		if !seen {
			order = append(order, g)
		}
		if !seen || compareItems(it, prev) < 0 {
			earliest[g] = it
		}
	}
	for _, g := range order {
		items = append(items, earliest[g])
	}
	slices.SortFunc(items, compareItems)
	return items, nil
}

// compareItems orders timeline items: by date (undated last), events
// before statements, then by the time of the article, the article and
// the position in it.
func compareItems(a, b TimelineItem) int {
	return cmp.Or(boolCmp(a.Date == "", b.Date == ""), strings.Compare(a.Date, b.Date),
		strings.Compare(a.Kind, b.Kind), strings.Compare(a.at, b.at), strings.Compare(a.Article, b.Article),
		cmp.Compare(a.start, b.start), strings.Compare(a.ID, b.ID))
}

// day returns the date part (UTC) of an RFC 3339 time, or "".
func day(rfc3339 string) string {
	if len(rfc3339) < len("2006-01-02") {
		return ""
	}
	return rfc3339[:len("2006-01-02")]
}
