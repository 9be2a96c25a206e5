package queries

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Claim is one value of one fact of a breach, as some articles state it.
type Claim struct {
	// Fact is victim, via, attacker, kind, status, exposed, not_exposed,
	// affected, reported_to, cause, when, discovered or disclosed.
	Fact string `json:"fact"`
	// Value is the value as text: a name, a kind of data, a number, a
	// date.
	Value string `json:"value"`
	// Number is the value of an affected fact.
	Number int `json:"number,omitempty"`
	// ID is the entity id of a victim, via, attacker or reported_to
	// value.
	ID string `json:"id,omitempty"`
	// Wordings are the ways the articles write an affected number, with
	// the words hedging it ("more than 1,000 people").
	Wordings []string `json:"wordings,omitempty"`
	// Sources and Publishers count the distinct articles and outlets
	// that state it (see QuoteRow.Publishers for outlets); Articles and
	// PublisherNames list them.
	Sources        int      `json:"sources"`
	Publishers     int      `json:"publishers"`
	Articles       []string `json:"articles"`
	PublisherNames []string `json:"publisher_names"`
}

// Conflict is a fact of a breach on which sources disagree.
type Conflict struct {
	Breach     string `json:"breach"`
	BreachName string `json:"breach_name"`
	// Fact is affected, via, victim, attacker, status, when, discovered,
	// disclosed or exposed (for data one source says was exposed and
	// another says was not).
	Fact string `json:"fact"`
	// Claims are the values the sources give, each with its sources.
	Claims []Claim `json:"claims"`
}

// factNames maps the predicates of breach facts to their names, in the
// order claims are listed.
var factNames = []struct {
	pred quad.IRI
	name string
}{
	{graph.Victim, "victim"},
	{graph.Via, "via"},
	{graph.Attacker, "attacker"},
	{graph.BreachKind, "kind"},
	{graph.BreachStatus, "status"},
	{graph.Affected, "affected"},
	{graph.Exposed, "exposed"},
	{graph.NotExposed, "not_exposed"},
	{graph.ReportedTo, "reported_to"},
	{graph.Cause, "cause"},
	{graph.When, "when"},
	{graph.Discovered, "discovered"},
	{graph.Disclosed, "disclosed"},
}

// factName returns the name of a fact predicate, or "".
func factName(p quad.IRI) string {
	for _, f := range factNames {
		if f.pred == p {
			return f.name
		}
	}
	return ""
}

func factOrder(name string) int {
	for i, f := range factNames {
		if f.name == name {
			return i
		}
	}
	return len(factNames)
}

// Conflicts returns every fact on which sources disagree, breach by
// breach (sorted by id), then in the order of BreachRow.Facts:
//
//   - affected, via, victim, attacker, status, when, discovered,
//     disclosed: two values each stated by an article that does not
//     state the other (a date and a more precise date in it, "2023-08"
//     and "2023-08-27", agree);
//   - exposed: a kind of data one article says was exposed and another,
//     not saying so, says was not.
//
// A single article giving two figures is not a conflict between sources.
func Conflicts(ctx context.Context, s *graph.Store) ([]Conflict, error) {
	rows, err := Breaches(ctx, s)
	if err != nil {
		return nil, err
	}
	out := []Conflict{}
	for _, b := range rows {
		out = append(out, b.Conflicts...)
	}
	return out, nil
}

// addBreachFacts sets Facts, Figures and Conflicts of each row.
func addBreachFacts(ctx context.Context, s *graph.Store, ix *sourceIndex, rows []BreachRow) error {
	qs := s.QuadStore()
	names := newNamer(ctx, qs)
	preds := make([]quad.IRI, len(factNames))
	for i, f := range factNames {
		preds[i] = f.pred
	}
	for i := range rows {
		b := &rows[i]
		ev := graph.EventIRI(b.ID)
		sts, err := statements(ctx, qs, quad.Subject, ev, preds...)
		if err != nil {
			return err
		}
		b.Facts, b.Figures, b.Conflicts = []Claim{}, []Claim{}, []Conflict{}
		for _, st := range sts {
			c := Claim{Fact: factName(st.p), Articles: st.articles}
			if _, isIRI := st.o.(quad.IRI); isIRI {
				c.ID = graph.ID(st.o, graph.EntityPrefix)
				if c.Value, err = names.name(st.o); err != nil {
					return err
				}
			} else {
				c.Value = literal(st.o)
			}
			c.Sources, c.Publishers = ix.count(c.Articles)
			c.PublisherNames = ix.publisherNames(c.Articles)
			if c.Fact == "affected" {
				c.Number, _ = intOf(st.o)
				if c.Wordings, err = wordings(ctx, s, st, c.Number); err != nil {
					return err
				}
			}
			b.Facts = append(b.Facts, c)
		}
		slices.SortFunc(b.Facts, compareClaims)
		for _, c := range b.Facts {
			if c.Fact == "affected" {
				b.Figures = append(b.Figures, c)
			}
		}
		b.Conflicts = conflicts(*b)
	}
	return nil
}

func compareClaims(a, b Claim) int {
	return cmp.Or(cmp.Compare(factOrder(a.Fact), factOrder(b.Fact)), cmp.Compare(a.Number, b.Number),
		strings.Compare(strings.ToLower(a.Value), strings.ToLower(b.Value)), strings.Compare(a.Value, b.Value))
}

// wordings returns how the articles stating an affected number write it,
// read from the sentences of their evidence nodes.
func wordings(ctx context.Context, s *graph.Store, st *statement, n int) ([]string, error) {
	var out []string
	for _, art := range st.articles {
		ev, err := readEvidence(ctx, s.QuadStore(), graph.EvidenceIRI(art, st.s, st.p, st.o))
		if err != nil {
			return nil, err
		}
		if w := graph.NumberPhrase(ev.Sentence, n); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out, nil
}

// conflicts finds the facts of a breach on which sources disagree.
func conflicts(b BreachRow) []Conflict {
	out := []Conflict{}
	byFact := map[string][]Claim{}
	for _, c := range b.Facts {
		byFact[c.Fact] = append(byFact[c.Fact], c)
	}
	for _, fact := range []string{"victim", "via", "attacker", "status", "affected", "when", "discovered", "disclosed"} {
		claims := byFact[fact]
		date := fact == "when" || fact == "discovered" || fact == "disclosed"
		agree := func(x, y Claim) bool {
			return date && (strings.HasPrefix(x.Value, y.Value) || strings.HasPrefix(y.Value, x.Value))
		}
		if disagree(claims, agree) {
			out = append(out, Conflict{Breach: b.ID, BreachName: b.Name, Fact: fact, Claims: claims})
		}
	}
	// Data one source says was exposed and another says was not.
	notExposed := map[string]Claim{}
	for _, c := range byFact["not_exposed"] {
		notExposed[strings.ToLower(c.Value)] = c
	}
	for _, c := range byFact["exposed"] {
		n, ok := notExposed[strings.ToLower(c.Value)]
		if ok && disagree([]Claim{c, n}, func(Claim, Claim) bool { return false }) {
			out = append(out, Conflict{Breach: b.ID, BreachName: b.Name, Fact: "exposed", Claims: []Claim{c, n}})
		}
	}
	return out
}

// disagree reports whether two claims that do not agree are each stated
// by an article that does not state the other.
func disagree(claims []Claim, agree func(x, y Claim) bool) bool {
	for i, x := range claims {
		for _, y := range claims[i+1:] {
			if agree(x, y) {
				continue
			}
			if onlyIn(x.Articles, y.Articles) && onlyIn(y.Articles, x.Articles) {
				return true
			}
		}
	}
	return false
}

// onlyIn reports whether some article of a is not in b.
func onlyIn(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// String renders a claim for a table: the value (as written, for
// figures) and its sources: "more than 1,000 people (2 articles: The
// Daily Ledger)".
func (c Claim) String() string {
	v := c.Value
	if len(c.Wordings) > 0 {
		v = strings.Join(c.Wordings, " / ")
	}
	pubs := strings.Join(c.PublisherNames, ", ")
	if pubs == "" {
		pubs = strings.Join(c.Articles, ", ")
	}
	return v + " (" + strconv.Itoa(c.Sources) + " " + plural(c.Sources, "article", "articles") + ": " + pubs + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
