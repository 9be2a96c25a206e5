package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
)

func TestSplitSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"two sentences", "One thing happened. Another did.", []string{"One thing happened.", "Another did."}},
		{"paragraphs", "First line\nSecond line.", []string{"First line", "Second line."}},
		{"closing quote", `"We are sorry." She left.`, []string{`"We are sorry."`, "She left."}},
		{"typographic quote", "“We are sorry.” She left.", []string{"“We are sorry.”", "She left."}},
		{"abbreviation", "Dr. Jones said so. Mr. Smith agreed.", []string{"Dr. Jones said so.", "Mr. Smith agreed."}},
		{"initial", "J. Smith wrote it. Then he left.", []string{"J. Smith wrote it.", "Then he left."}},
		{"lower case after stop", "It cost 3.5 million. about that.", []string{"It cost 3.5 million. about that."}},
		{"question", "Who knew? Nobody did!", []string{"Who knew?", "Nobody did!"}},
		{"number follows", "It was big. 9,276 people were hit.", []string{"It was big.", "9,276 people were hit."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, sp := range splitSentences(tt.body) {
				got = append(got, tt.body[sp.Start:sp.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("splitSentences(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestNumberMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int
		s    string
		want bool
	}{
		{9276, "stole data on 9,276 customers", true},
		{9276, "stole data on 9276 customers", true},
		{9276, "stole data on 19,276 customers", false},
		{9276, "stole data on 9,2760 customers", false},
		{10000, "about 10,000 staff", true},
		{10000, "about 10k staff", true},
		{10000, "about 100,000 staff", false},
		{47000, "all 47,000 officers.", true},
		{1200000, "some 1.2 million people", true},
		{1200000, "some 1.2m people", true},
		{1000, "more than 1,000 people", true},
		{1000, "more than 1,000.5 people", false},
		{4000, "about 4,000.", true},
	}
	for _, tt := range tests {
		if got := numberMatch(tt.n)(tt.s); got != tt.want {
			t.Errorf("numberMatch(%d)(%q) = %v, want %v", tt.n, tt.s, got, tt.want)
		}
	}
}

func TestTextMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, s string
		want    bool
	}{
		{"names", "stole the Names and addresses", true},
		{"financial details", "bank details were not exposed", true},
		{"home addresses", "their addresses", true},
		{"pay", "payroll", false},
		{"photos", "photographs", false},
	}
	for _, tt := range tests {
		if got := textMatch(tt.text)(tt.s); got != tt.want {
			t.Errorf("textMatch(%q)(%q) = %v, want %v", tt.text, tt.s, got, tt.want)
		}
	}
}

func TestPublisherKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"The Daily Ledger", "org/daily-ledger"},
		{"  Northern Courier ", "org/northern-courier"},
		{"Reader's Digest", "org/readers-digest"},
		{"", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := PublisherKey(tt.in); got != tt.want {
			t.Errorf("PublisherKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEvidenceIRI(t *testing.T) {
	t.Parallel()
	a := EvidenceIRI("art 1", EventIRI("b"), Affected, quad.Int(9276))
	if a != EvidenceIRI("art 1", EventIRI("b"), Affected, quad.Int(9276)) {
		t.Error("EvidenceIRI is not deterministic")
	}
	if ID(a, EvidencePrefix) == "" || string(a) == string(EvidenceIRI("art 1", EventIRI("b"), Affected, quad.Int(10000))) {
		t.Errorf("EvidenceIRI %s does not tell facts apart", a)
	}
	if string(a) == string(EvidenceIRI("art 2", EventIRI("b"), Affected, quad.Int(9276))) {
		t.Error("EvidenceIRI does not tell articles apart")
	}
}

// TestQuads_evidence checks the sentence chosen for each kind of fact.
func TestQuads_evidence(t *testing.T) {
	t.Parallel()
	body := "Acme Ltd said hackers had stolen the names of 9,276 customers. Bank details were safe.\n" +
		`"We are sorry," said Jane Doe, chief executive of Acme Ltd. The attack was in March.`
	span := func(s string) extract.Span {
		i := indexOf(body, s)
		return extract.Span{Start: i, End: i + len(s)}
	}
	r := extract.Result{
		Entities: []extract.Entity{
			{Key: "org/acme-ltd", Name: "Acme Ltd", Type: extract.Organization, Mentions: []extract.Span{span("Acme Ltd")}},
			{Key: "person/jane-doe", Name: "Jane Doe", Type: extract.Person, Mentions: []extract.Span{span("Jane Doe")},
				Roles: []extract.Role{{Title: "chief executive", Org: "org/acme-ltd"}}},
		},
		Events: []extract.Event{{Key: "acme-hack", Name: "Acme hack", Victim: "org/acme-ltd", Affected: []int{9276},
			Exposed: []string{"names"}, NotExposed: []string{"financial details"}, When: "2024-03",
			Evidence: []extract.Span{span("Acme Ltd said hackers had stolen the names of 9,276 customers.")}}},
	}
	qs := Quads(testArticle("acme", body), r)
	// object returns the objects of the quads of qs with subject s and
	// predicate p.
	objects := func(s quad.Value, p quad.IRI) []quad.Value {
		var out []quad.Value
		for _, q := range qs {
			if q.Subject == s && q.Predicate == p {
				out = append(out, q.Object)
			}
		}
		return out
	}
	// sentence returns the text of the evidence sentence of a fact, and
	// checks that its node holds it once, with its offsets in body.
	sentence := func(s quad.Value, p quad.IRI, o quad.Value) string {
		t.Helper()
		sn := objects(EvidenceIRI("acme", s, p, o), InSentence)
		if len(sn) != 1 {
			t.Fatalf("evidence for %v %v %v: %d sentence nodes, want 1", s, p, o, len(sn))
		}
		text, start, end := objects(sn[0], Text), objects(sn[0], Start), objects(sn[0], End)
		if len(text) != 1 || len(start) != 1 || len(end) != 1 {
			t.Fatalf("sentence node %v: text %v, start %v, end %v; want one of each", sn[0], text, start, end)
		}
		st, en := int(start[0].(quad.Int)), int(end[0].(quad.Int))
		if sn[0] != SentenceIRI("acme", st, en) || strings.TrimSpace(body[st:en]) != string(text[0].(quad.String)) {
			t.Errorf("sentence node %v: offsets %d-%d do not give its text %q", sn[0], st, en, text[0])
		}
		return string(text[0].(quad.String))
	}
	ev := EventIRI("acme-hack")
	tests := []struct {
		name string
		s    quad.Value
		p    quad.IRI
		o    quad.Value
		want string
	}{
		{"affected", ev, Affected, quad.Int(9276), "Acme Ltd said hackers had stolen the names of 9,276 customers."},
		{"not exposed", ev, NotExposed, quad.String("financial details"), "Bank details were safe."},
		{"when", ev, When, quad.String("2024-03"), "The attack was in March."},
		{"role", EntityIRI("person/jane-doe"), HasRole, RoleIRI("person/jane-doe", "chief executive", "org/acme-ltd", false),
			`"We are sorry," said Jane Doe, chief executive of Acme Ltd.`},
		{"mention", ArticleIRI("acme"), Mentions, EntityIRI("person/jane-doe"), `"We are sorry," said Jane Doe, chief executive of Acme Ltd.`},
	}
	for _, tt := range tests {
		if got := sentence(tt.s, tt.p, tt.o); got != tt.want {
			t.Errorf("%s: sentence %q, want %q", tt.name, got, tt.want)
		}
	}
	// The facts of one sentence share its node.
	a := objects(EvidenceIRI("acme", ev, Affected, quad.Int(9276)), InSentence)
	b := objects(EvidenceIRI("acme", ev, Exposed, quad.String("names")), InSentence)
	if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("affected and exposed, stated by one sentence, have sentence nodes %v and %v", a, b)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	panic("not found: " + sub)
}

func testArticle(id, body string) corpus.Article {
	return corpus.Article{ID: id, Title: "t", Body: body}
}

func TestNumberPhrase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sentence string
		n        int
		want     string
	}{
		{"Acme said hackers stole the names of 9,276 customers.", 9276, "9,276 customers"},
		{"The force said more than 1,000 people were affected.", 1000, "more than 1,000 people"},
		{"Some 1,230 people were told.", 1230, "Some 1,230 people"},
		{"The Met's 47,000 staff were warned.", 47000, "47,000 staff"},
		{"It affected 10,000 Officers.", 10000, "10,000"},
		{"It hit 1.2 million people.", 1200000, "1.2 million people"},
		{"It hit 19,276 people.", 9276, ""},
		{"all 9,276 serving officers and staff", 9276, "all 9,276 serving officers"},
		{"all 10,000 of its staff", 10000, "all 10,000"},
		{"47,000 staff have been warned", 47000, "47,000 staff"},
		{"details of 1,230 people, the force said", 1230, "1,230 people"},
		{"the data of 1,230 individuals pertains to", 1230, "1,230 individuals"},
		{"1,000 affected customers", 1000, "1,000 affected customers"},
		{"Nothing here.", 5, ""},
	}
	for _, tt := range tests {
		if got := NumberPhrase(tt.sentence, tt.n); got != tt.want {
			t.Errorf("NumberPhrase(%q, %d) = %q, want %q", tt.sentence, tt.n, got, tt.want)
		}
	}
}
