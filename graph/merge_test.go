package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// TestLoad_breachFollowsMergedVictim checks that when two outlets name a
// breach's victim differently ("Acme Widgets Ltd", "Acme Widgets") and the
// victims merge into one node (the first article also calls it "Acme
// Widgets"), their breaches merge too: one event node,
// named after the node's name, that both articles' quotes are about.
func TestLoad_breachFollowsMergedVictim(t *testing.T) {
	ctx := context.Background()
	doc := func(id, victimKey, victimName string, aliases ...string) graph.Doc {
		body := victimName + " said hackers stole customer names. \"We are sorry,\" it said."
		breach := extract.BreachKeyPrefix(victimKey) + "hack"
		return graph.Doc{
			Article: corpus.Article{ID: id, Title: "Breach at " + victimName, Body: body},
			Result: extract.Result{
				ArticleID: id,
				Entities: []extract.Entity{{Key: victimKey, Name: victimName, Type: extract.Organization, Kind: "company", Aliases: aliases,
					Mentions: []extract.Span{{Start: 0, End: len(victimName)}}}},
				Quotes: []extract.Quote{{Text: "We are sorry.", Kind: extract.Direct, Speaker: victimKey, Event: breach,
					Span:     extract.Span{Start: strings.Index(body, "We"), End: strings.Index(body, "sorry") + 5},
					Sentence: extract.Span{Start: strings.Index(body, "\""), End: len(body)}}},
				Events: []extract.Event{{Key: breach, Type: "DataBreach", Name: victimName + " hack", Victim: victimKey,
					Exposed: []string{"names"}, Cause: "hackers", Evidence: []extract.Span{{Start: 0, End: strings.Index(body, "\"") - 1}}}},
			},
		}
	}
	s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range []graph.Doc{doc("a", "org/acme-widgets-ltd", "Acme Widgets Ltd", "Acme Widgets"), doc("b", "org/acme-widgets", "Acme Widgets")} {
		if _, err := s.Load(ctx, []graph.Doc{d}); err != nil {
			t.Fatal(err)
		}
	}
	text := string(graphtest.Dump(t, s))
	if strings.Contains(text, "<ng:entity/org/acme-widgets>") {
		t.Fatalf("the victims did not merge: the test's premise fails\n%s", text)
	}
	if strings.Contains(text, "<ng:event/breach/acme-widgets/hack>") {
		t.Errorf("the second article's breach kept its own node")
	}
	for _, want := range []string{
		`<ng:event/breach/acme-widgets-ltd/hack> <ng:victim> <ng:entity/org/acme-widgets-ltd> <ng:article/b> .`,
		`<ng:event/breach/acme-widgets-ltd/hack> <schema:name> "Acme Widgets Ltd hack" <ng:article/b> .`,
		`<ng:quote/b/1> <schema:about> <ng:event/breach/acme-widgets-ltd/hack> <ng:article/b> .`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("store lacks %s", want)
		}
	}
}
