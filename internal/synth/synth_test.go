package synth_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/synth"
)

func TestGenerate_deterministic(t *testing.T) {
	t.Parallel()
	cfg := synth.Config{Articles: 30, Seed: 7}
	a, b := synth.Generate(cfg), synth.Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with one Config differ")
	}
	// Articles do not depend on where the run starts.
	cfg2 := cfg
	cfg2.First, cfg2.Articles = 10, 20
	cfg2.People, cfg2.Organizations, cfg2.Breaches = 40, 20, 8
	cfg.People, cfg.Organizations, cfg.Breaches = 40, 20, 8
	if !reflect.DeepEqual(synth.Generate(cfg)[10:], synth.Generate(cfg2)) {
		t.Error("articles 10..29 differ when generated from First=10")
	}
	if c := synth.Generate(synth.Config{Articles: 30, Seed: 8}); reflect.DeepEqual(a, c) {
		t.Error("another seed gives the same corpus")
	}
}

func TestGenerate_truthMatchesText(t *testing.T) {
	t.Parallel()
	docs := synth.Generate(synth.Config{Articles: 200, Seed: 1, IDPrefix: "t"})
	ids := map[string]bool{}
	merged := 0
	for _, d := range docs {
		a, r := d.Article, d.Truth
		if ids[a.ID] || !strings.HasPrefix(a.ID, "t-") || r.ArticleID != a.ID {
			t.Fatalf("bad or duplicate id %q (truth %q)", a.ID, r.ArticleID)
		}
		ids[a.ID] = true
		if a.Title == "" || a.Publisher == "" || a.Published.IsZero() || len(a.Body) < 400 {
			t.Errorf("%s: thin article %+v", a.ID, a)
		}
		if len(r.Quotes) < 3 || len(r.Events) != 1 || len(r.Entities) < 3 {
			t.Errorf("%s: %d quotes, %d events, %d entities", a.ID, len(r.Quotes), len(r.Events), len(r.Entities))
		}
		keys := map[string]bool{}
		for _, e := range r.Entities {
			keys[e.Key] = true
			if e.Name == "" || e.Type == "" || len(e.Mentions) == 0 {
				t.Errorf("%s: entity %+v lacks name, type or mentions", a.ID, e)
			}
			for _, m := range e.Mentions {
				if got := a.Body[m.Start:m.End]; got != e.Name && !contains(e.Aliases, got) {
					t.Errorf("%s: mention %q of %s is neither its name nor an alias", a.ID, got, e.Key)
				}
			}
			if len(e.Aliases) > 0 && e.Type == extract.Organization {
				merged++
			}
		}
		for _, q := range r.Quotes {
			if got := a.Body[q.Span.Start:q.Span.End]; got != q.Text {
				t.Errorf("%s: quote span holds %q, text is %q", a.ID, got, q.Text)
			}
			if q.Sentence.Start > q.Span.Start || q.Sentence.End < q.Span.End {
				t.Errorf("%s: sentence %v does not hold quote %v", a.ID, q.Sentence, q.Span)
			}
			if !keys[q.Speaker] || q.Event != r.Events[0].Key {
				t.Errorf("%s: quote %+v has an unknown speaker or event", a.ID, q)
			}
		}
		ev := r.Events[0]
		for _, k := range append([]string{ev.Victim, ev.Via}, ev.ReportedTo...) {
			if k != "" && !keys[k] {
				t.Errorf("%s: event refers to %s, which is not an entity", a.ID, k)
			}
		}
	}
	if merged == 0 {
		t.Error("no organisation has an alias: loads would never merge by name")
	}
}

// TestGenerate_extractable checks that the extractor finds the corpus's
// quotes and their speakers: a baseline, raise it as extraction improves.
func TestGenerate_extractable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the prose model")
	}
	docs := synth.Generate(synth.Config{Articles: 40, Seed: 3})
	x := extract.New(extract.Config{})
	var truth, found, attributed int
	for _, d := range docs {
		r, err := x.Extract(context.Background(), d.Article)
		if err != nil {
			t.Fatalf("%s: %v", d.Article.ID, err)
		}
		for _, want := range d.Truth.Quotes {
			truth++
			for _, got := range r.Quotes {
				if strings.Contains(got.Text, want.Text) || strings.Contains(want.Text, strings.Trim(got.Text, ",. ")) {
					found++
					if got.Speaker == want.Speaker {
						attributed++
					}
					break
				}
			}
		}
	}
	recall, attr := float64(found)/float64(truth), float64(attributed)/float64(truth)
	t.Logf("%d quotes: %.2f found, %.2f with the right speaker", truth, recall, attr)
	if recall < 0.9 || attr < 0.85 {
		t.Errorf("extract found %.2f of the quotes, %.2f with the right speaker; want >= 0.9 and >= 0.85", recall, attr)
	}
}

func TestWriteFiles(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "corpus")
	arts := synth.Corpus(synth.Config{Articles: 3, Seed: 1})
	if err := synth.WriteFiles(dir, arts); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		b, err := os.ReadFile(filepath.Join(dir, a.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Title + "\n\n" + a.Body; string(b) != want {
			t.Errorf("%s.txt holds %q, want %q", a.ID, b, want)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestGenerate_attribution checks the cue, speaker mention and confidence
// of every quote, and the kind, status and dates of every breach.
func TestGenerate_attribution(t *testing.T) {
	t.Parallel()
	low, withMention, quotes := 0, 0, 0
	for _, d := range synth.Generate(synth.Config{Articles: 100, Seed: 2}) {
		for _, q := range d.Truth.Quotes {
			quotes++
			if q.Cue != "said" && q.Cue != "added" {
				t.Errorf("%s: quote %q has cue %q", d.Article.ID, q.Text, q.Cue)
			}
			if q.Confidence < 0.35 || q.Confidence > 0.99 {
				t.Errorf("%s: confidence %v", d.Article.ID, q.Confidence)
			}
			if q.Confidence < 0.5 {
				low++
			}
			if m := q.SpeakerMention; m != nil {
				withMention++
				if d.Article.Body[m.Start:m.End] != m.Text || m.Start < q.Sentence.Start || m.End > q.Sentence.End {
					t.Errorf("%s: speaker mention %+v outside its sentence or not its text", d.Article.ID, m)
				}
			}
		}
		for _, ev := range d.Truth.Events {
			if ev.Kind == "" || ev.Status != extract.StatusConfirmed || ev.Discovered == "" || ev.Disclosed < ev.Discovered {
				t.Errorf("%s: breach kind %q, status %q, discovered %q, disclosed %q", d.Article.ID, ev.Kind, ev.Status, ev.Discovered, ev.Disclosed)
			}
		}
	}
	// The victim's "the council said ..." names it by no recorded mention.
	if low == 0 || low == quotes || withMention < quotes*3/4 {
		t.Errorf("%d quotes: %d below 0.5, %d with a speaker mention", quotes, low, withMention)
	}
}
