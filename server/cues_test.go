package server

import (
	"testing"

	"github.com/newsgraph/newsgraph/queries"
)

// TestHandler_attacker checks that a breach names its attacker's entity,
// and the attacker's page lists the breach.
func TestHandler_attacker(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, Config{Store: fixtureStore(t)})
	var b BreachDetail
	get(t, srv.URL+"/api/breaches/northbridge-council-breach").decode(t, &b)
	if b.Attacker != "Grey Lantern" || b.AttackerID != "org/grey-lantern" || b.Kind != "supplier" || b.Status != "confirmed" {
		t.Errorf("breach attacker %q (%q), kind %q, status %q", b.Attacker, b.AttackerID, b.Kind, b.Status)
	}
	var e EntityDetail
	get(t, srv.URL+"/api/entities/org/grey-lantern").decode(t, &e)
	if e.Kind != "threat actor" || len(e.Breaches) != 1 || e.Breaches[0].ID != "northbridge-council-breach" {
		t.Errorf("attacker %q of kind %q, breaches %v", e.Name, e.Kind, e.Breaches)
	}
	var qs []queries.QuoteRow
	get(t, srv.URL+"/api/quotes?article=northbridge-b").decode(t, &qs)
	for _, q := range qs {
		if q.Cue == "" || q.Confidence == nil || q.SpeakerMention == nil {
			t.Errorf("quote %s lacks cue, confidence or mention: %+v", q.ID, q)
		}
	}
}
