package server

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/queries"
)

// timeline serves GET /api/timeline: the breaches and statements of the
// store in date order, as queries.Timeline (and `newsgraph timeline`)
// gives them, built from the server's snapshot, a page at a time (limit,
// offset, X-Total-Count).
//
//	entity  only what concerns this entity: the breaches it is a party to
//	        (victim, supplier, attacker, body reported to) or spoke about,
//	        its statements and the statements about the breaches it is a
//	        party to
//	breach  only this breach: its dates and the statements about it
//
// A statement several articles report is listed once, at its earliest
// report.
func (h *handler) timeline(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	entity, breach := strings.TrimSpace(q.Get("entity")), strings.TrimSpace(q.Get("breach"))
	if entity != "" && breach != "" {
		return errorf(http.StatusBadRequest, "give entity or breach, not both")
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	if entity != "" {
		if _, err := s.entity(entity); err != nil {
			return err
		}
	}
	if breach != "" {
		if _, err := s.breach(breach); err != nil {
			return err
		}
	}
	return writeList(w, p, s.timeline(entity, breach))
}

// timelineItem is a queries.TimelineItem with what orders it within a
// day: its article's full time and its place in the article.
type timelineItem struct {
	queries.TimelineItem
	at    string
	start int
}

// timeline returns the items of the timeline of entity, of breach, or
// (both "") of the whole snapshot, in order.
func (s *snapshot) timeline(entity, breach string) []queries.TimelineItem {
	// The breaches shown, and those whose every statement is.
	shown, party := map[int]bool{}, map[string]bool{}
	var quotes []int
	switch {
	case breach != "":
		i := s.breachByID[breach]
		shown[i], party[breach] = true, true
		quotes = s.byBreach[breach]
	case entity != "":
		for i, b := range s.breaches {
			for _, c := range b.Facts {
				if c.ID == entity && (c.Fact == "victim" || c.Fact == "via" || c.Fact == "attacker" || c.Fact == "reported_to") {
					shown[i], party[b.ID] = true, true
				}
			}
		}
		for _, i := range s.bySpeaker[entity] {
			if b := s.quotes[i].Breach; b != "" {
				if j, ok := s.breachByID[b]; ok {
					shown[j] = true
				}
			}
		}
		quotes = slices.Clone(s.bySpeaker[entity])
		for b := range party {
			quotes = append(quotes, s.byBreach[b]...)
		}
		slices.Sort(quotes)
		quotes = slices.Compact(quotes)
	default:
		for i := range s.breaches {
			shown[i] = true
		}
		quotes = make([]int, len(s.quotes))
		for i := range quotes {
			quotes[i] = i
		}
	}

	var items []timelineItem
	for i := range s.breaches {
		if !shown[i] {
			continue
		}
		items = append(items, s.breachItems(i)...)
	}
	items = append(items, s.statementItems(quotes)...)
	slices.SortFunc(items, func(a, b timelineItem) int {
		return cmp.Or(boolOrder(a.Date == "", b.Date == ""), strings.Compare(a.Date, b.Date),
			strings.Compare(a.Kind, b.Kind), strings.Compare(a.at, b.at), strings.Compare(a.Article, b.Article),
			cmp.Compare(a.start, b.start), strings.Compare(a.ID, b.ID))
	})
	out := make([]queries.TimelineItem, len(items))
	for i, it := range items {
		out[i] = it.TimelineItem
	}
	return out
}

// breachItems returns a breach's event (at its date, else at its first
// report) and its discovery and disclosure when the articles date them.
func (s *snapshot) breachItems(i int) []timelineItem {
	b := s.breaches[i]
	ev := timelineItem{TimelineItem: queries.TimelineItem{Date: b.When, DateSource: "when", Kind: "event", ID: b.ID, Breach: b.ID,
		Text: cmp.Or(b.Name, b.ID)}, at: b.When}
	ev.Sources, ev.Publishers = s.count(b.Articles)
	if ev.Date == "" {
		ev.DateSource = ""
		for _, id := range b.Articles {
			if p := s.articles[id].Published; p != "" && (ev.at == "" || p < ev.at) {
				ev.Date, ev.DateSource, ev.at = dayOf(p), "first_reported", p
			}
		}
	}
	out := []timelineItem{ev}
	for _, d := range []struct{ kind, date string }{{"discovered", b.Discovered}, {"disclosed", b.Disclosed}} {
		if d.date == "" {
			continue
		}
		it := timelineItem{TimelineItem: queries.TimelineItem{Date: d.date, DateSource: d.kind, Kind: d.kind, ID: b.ID, Breach: b.ID, Text: ev.Text}, at: d.date}
		for _, c := range b.Facts {
			if c.Fact == d.kind && c.Value == d.date {
				it.Sources, it.Publishers = c.Sources, c.Publishers
			}
		}
		out = append(out, it)
	}
	return out
}

// statementItems returns one statement per quote among idx, at its
// earliest report: quotes by one speaker with the same words (see
// queries.SameQuote) are one statement.
func (s *snapshot) statementItems(idx []int) []timelineItem {
	// Group by speaker, then by equal lower-cased text, then join
	// near-identical texts of one speaker.
	type group struct {
		text string
		best timelineItem
		set  bool
	}
	bySpeaker := map[string][]*group{}
	var order []*group
	for _, i := range idx {
		q := s.quotes[i]
		a := s.articles[q.Article]
		it := timelineItem{TimelineItem: queries.TimelineItem{Date: dayOf(a.Published), DateSource: "published", Kind: "statement", ID: q.ID,
			Breach: q.Breach, BreachName: s.breachLabel(q.Breach), Speaker: q.Speaker, SpeakerID: q.SpeakerID, Text: q.Text, Article: q.Article, Publisher: outletOf(a),
			Sources: q.Sources, Publishers: q.Publishers, Cue: q.Cue, SpeakerMention: q.SpeakerMention, Confidence: q.Confidence},
			at: a.Published, start: q.Start}
		if it.Date == "" {
			it.DateSource = ""
		}
		var g *group
		if q.SpeakerID != "" { // an unnamed source's quotes are each their own
			key := strings.ToLower(q.Text)
			for _, c := range bySpeaker[q.SpeakerID] {
				if c.text == key || len(bySpeaker[q.SpeakerID]) <= 200 && queries.SameQuote(c.text, key) {
					g = c
					break
				}
			}
			if g == nil {
				g = &group{text: key}
				bySpeaker[q.SpeakerID] = append(bySpeaker[q.SpeakerID], g)
			}
		} else {
			g = &group{}
		}
		if !g.set {
			order = append(order, g)
		}
		if !g.set || earlier(it, g.best) {
			g.best, g.set = it, true
		}
	}
	out := make([]timelineItem, len(order))
	for i, g := range order {
		out[i] = g.best
	}
	return out
}

// earlier reports whether a was reported before b: dated before undated,
// then by time, article and place.
func earlier(a, b timelineItem) bool {
	return cmp.Or(boolOrder(a.Date == "", b.Date == ""), strings.Compare(a.at, b.at),
		strings.Compare(a.Article, b.Article), cmp.Compare(a.start, b.start)) < 0
}

// boolOrder orders false before true.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// count returns how many distinct articles and outlets the ids are.
func (s *snapshot) count(ids []string) (articles, outlets int) {
	seenA, seenO := map[string]bool{}, map[string]bool{}
	for _, id := range ids {
		if seenA[id] {
			continue
		}
		seenA[id] = true
		o := outletOf(s.articles[id])
		if o == "" {
			o = "article:" + id
		}
		seenO[o] = true
	}
	return len(seenA), len(seenO)
}

// outletOf is an article's outlet: its publisher, else the host of its
// URL, else "".
func outletOf(a Article) string {
	if a.Publisher != "" {
		return a.Publisher
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return ""
}

// dayOf returns the date part of an RFC 3339 time, or "".
func dayOf(rfc3339 string) string {
	if len(rfc3339) < len("2006-01-02") {
		return ""
	}
	return rfc3339[:len("2006-01-02")]
}

// Activity answers /api/activity/{id}: how often an entity or breach is
// in the news, per month and per week (the Monday of the article's
// week), in /api/facets' shape so the page draws it with the same chart:
// Month and Week count the articles naming it (or reporting the breach),
// Reports and ReportWeeks those of them that report a breach.
type Activity struct {
	ID          string  `json:"id"`
	Articles    int     `json:"articles"`
	Month       []Facet `json:"month"`
	Week        []Facet `json:"week"`
	Reports     []Facet `json:"reports"`
	ReportWeeks []Facet `json:"report_weeks"`
}

// activity serves GET /api/activity/{id}.
func (h *handler) activity(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	var arts []string
	if i, ok := s.entityByID[id]; ok {
		arts = s.entities[i].Articles
	} else if i, ok := s.breachByID[id]; ok {
		arts = s.breaches[i].Articles
	} else {
		return fmt.Errorf("entity or breach %s: %w", id, ErrNotFound)
	}
	counts := [4]map[string]int{{}, {}, {}, {}}
	n := 0
	for _, a := range slices.Compact(slices.Sorted(slices.Values(arts))) {
		n++
		pub := s.articles[a].Published
		if len(pub) < 7 {
			continue
		}
		month, week := pub[:7], weekOf(pub)
		report := len(s.breachesByArticle[a]) > 0
		counts[0][month]++
		if report {
			counts[2][month]++
		}
		if week != "" {
			counts[1][week]++
			if report {
				counts[3][week]++
			}
		}
	}
	list := func(m map[string]int) []Facet {
		out := make([]Facet, 0, len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, Facet{Value: k, Label: k, Count: m[k]})
		}
		return out
	}
	return writeJSON(w, http.StatusOK, Activity{ID: id, Articles: n,
		Month: list(counts[0]), Week: list(counts[1]), Reports: list(counts[2]), ReportWeeks: list(counts[3])})
}

// breachLabel names the breach id for a reader (queries.BreachLabel); ""
// for none.
func (s *snapshot) breachLabel(id string) string {
	i, ok := s.breachByID[id]
	if !ok {
		return ""
	}
	return queries.BreachLabel(s.breaches[i])
}
