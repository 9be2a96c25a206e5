package queries_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// TestQuotes_cues checks the cue, speaker mention and confidence of the
// fixture's quotes, and its quote of an unnamed source.
func TestQuotes_cues(t *testing.T) {
	t.Parallel()
	rows, err := queries.Quotes(context.Background(), fixtureStore(t), queries.QuoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]queries.QuoteRow{}
	for _, r := range rows {
		byText[r.Text] = r
	}
	for _, tc := range []struct {
		name, text, speaker, cue, mention string
		confidence                        float64
	}{
		{"named", "We are deeply sorry and we are contacting everyone affected,", "Ada Whitlock", "said", "Ada Whitlock", 0.97},
		{"alias", "the authority was working with the Information Commissioner's Office", "Ada Whitlock", "said", "Ms Whitlock", 0.88},
		{"doubtful", "should check their accounts every day", "Tom Reyes", "warned", "Tom Reyes", 0.44},
		{"unnamed", "We will support every member of staff.", "", "said", "A spokesperson for the council", 0.62},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := byText[tc.text]
			if !ok {
				t.Fatalf("no quote %q", tc.text)
			}
			if r.Speaker != tc.speaker || r.Cue != tc.cue {
				t.Errorf("speaker %q, cue %q; want %q, %q", r.Speaker, r.Cue, tc.speaker, tc.cue)
			}
			if r.SpeakerMention == nil || r.SpeakerMention.Text != tc.mention || r.SpeakerMention.End-r.SpeakerMention.Start != len(tc.mention) {
				t.Errorf("speaker mention %+v, want %q with its offsets", r.SpeakerMention, tc.mention)
			}
			if r.Confidence == nil || *r.Confidence != tc.confidence {
				t.Errorf("confidence %v, want %v", r.Confidence, tc.confidence)
			}
			if tc.speaker == "" && (r.SpeakerID != "" || r.SpeakerType != "") {
				t.Errorf("unnamed source has speaker id %q, type %q", r.SpeakerID, r.SpeakerType)
			}
		})
	}
}

func TestQuotes_minConfidence(t *testing.T) {
	t.Parallel()
	s := fixtureStore(t)
	for _, tc := range []struct {
		name string
		min  float64
		want int
	}{
		{"zero keeps all", 0, 6},
		{"half", 0.5, 5},
		{"exact", 0.88, 3},
		{"high", 0.95, 1},
		{"one", 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := queries.Quotes(context.Background(), s, queries.QuoteFilter{MinConfidence: tc.min})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.want {
				t.Errorf("%d quotes, want %d", len(rows), tc.want)
			}
			for _, r := range rows {
				if tc.min > 0 && (r.Confidence == nil || *r.Confidence < tc.min) {
					t.Errorf("quote %s: confidence %v below %v", r.ID, r.Confidence, tc.min)
				}
			}
		})
	}
}

func TestParseConfidence(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"0.5", 0.5, true}, {" 1 ", 1, true}, {".75", 0.75, true},
		{"-0.1", 0, false}, {"1.01", 0, false}, {"NaN", 0, false}, {"high", 0, false}, {"", 0, false}, {"Inf", 0, false},
	} {
		got, err := queries.ParseConfidence(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseConfidence(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestBreaches_newFacts checks the breach's attacker, kind, status and
// dates, and the conflict on its status between the two outlets.
func TestBreaches_newFacts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := fixtureStore(t)
	b, err := queries.Breach(ctx, s, "northbridge-council-breach")
	if err != nil {
		t.Fatal(err)
	}
	if b.Attacker != "Grey Lantern" || b.Kind != "supplier" || b.Status != "confirmed" || b.Discovered != "2024-02-26" || b.Disclosed != "2024-03-04" {
		t.Errorf("attacker %q, kind %q, status %q, discovered %q, disclosed %q", b.Attacker, b.Kind, b.Status, b.Discovered, b.Disclosed)
	}
	status := false
	for _, c := range b.Conflicts {
		status = status || c.Fact == "status" && len(c.Claims) == 2
	}
	if !status {
		t.Errorf("conflicts %+v: want confirmed against suspected", b.Conflicts)
	}
	items, err := queries.Timeline(ctx, s, queries.TimelineFilter{Entity: "org/grey-lantern"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, it := range items {
		kinds[it.Kind] = it.Date
	}
	if kinds["discovered"] != "2024-02-26" || kinds["disclosed"] != "2024-03-04" || kinds["event"] == "" {
		t.Errorf("the attacker's timeline: %+v", items)
	}
}

// TestBeforeCues checks that a store written before quotes had cues,
// speaker mentions and confidences, and breaches attackers, kinds,
// statuses and dates, still answers every query, in memory and in bolt
// (whose stored answers of the old version are not read).
func TestBeforeCues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, err := os.Open(filepath.Join("testdata", "northbridge-before-cues.nq"))
	if err != nil {
		t.Fatal(err)
	}
	old, err := quad.ReadAll(nquads.NewReader(f, false))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{graph.DSNMemory, filepath.Join(t.TempDir(), "graph.db")} {
		t.Run(filepath.Base(dsn), func(t *testing.T) {
			s, err := graph.Open(ctx, dsn, graph.Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.AddQuads(ctx, old); err != nil {
				t.Fatal(err)
			}
			if stamp, ok, err := s.AnswerStamp(ctx); err != nil {
				t.Fatal(err)
			} else if ok {
				// An answer stored by the previous version, under its name.
				if err := s.WriteAnswer(ctx, "quotes.v2", stamp, []byte("not this version's")); err != nil {
					t.Fatal(err)
				}
			}
			if err := queries.Warm(ctx, s); err != nil {
				t.Fatal(err)
			}
			qs, err := queries.Quotes(ctx, s, queries.QuoteFilter{})
			if err != nil || len(qs) != 5 {
				t.Fatalf("quotes: %d, %v; want 5", len(qs), err)
			}
			for _, q := range qs {
				if q.Cue != "" || q.SpeakerMention != nil || q.Confidence != nil {
					t.Errorf("quote %s: cue %q, mention %v, confidence %v; want none", q.ID, q.Cue, q.SpeakerMention, q.Confidence)
				}
			}
			if hi, err := queries.Quotes(ctx, s, queries.QuoteFilter{MinConfidence: 0.5}); err != nil || len(hi) != 0 {
				t.Errorf("quotes of unknown confidence pass --min-confidence 0.5: %d, %v", len(hi), err)
			}
			bs, err := queries.Breaches(ctx, s)
			if err != nil || len(bs) != 1 {
				t.Fatalf("breaches: %d, %v", len(bs), err)
			}
			if b := bs[0]; b.Attacker != "" || b.Kind != "" || b.Status != "" || b.Discovered != "" || b.Disclosed != "" || b.Victim == "" {
				t.Errorf("breach %+v", b)
			}
			if _, err := queries.Entities(ctx, s, queries.EntityFilter{}); err != nil {
				t.Error(err)
			}
			if _, err := queries.Conflicts(ctx, s); err != nil {
				t.Error(err)
			}
			if _, err := queries.Timeline(ctx, s, queries.TimelineFilter{}); err != nil {
				t.Error(err)
			}
			for _, id := range []string{qs[0].ID, bs[0].ID, qs[0].SpeakerID} {
				e, err := queries.Explain(ctx, s, id)
				if err != nil {
					t.Errorf("explain %s: %v", id, err)
				} else if e.Cue != "" || e.SpeakerMention != nil || e.Confidence != nil {
					t.Errorf("explain %s: %+v", id, e)
				}
			}
			var buf bytes.Buffer
			if err := queries.Export(ctx, s, "nquads", &buf); err != nil || buf.Len() == 0 {
				t.Errorf("export: %v", err)
			}
		})
	}
}
