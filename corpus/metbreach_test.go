package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// metBreach is the shared development corpus, outside this repository.
const metBreach = "../../shared/corpus/met-breach"

func TestMetBreachCorpus(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(metBreach); err != nil {
		t.Skipf("shared corpus %s not present (%v); skipping", metBreach, err)
	}
	files, err := filepath.Glob(filepath.Join(metBreach, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := Open(context.Background(), metBreach, Config{})
	if err != nil {
		t.Fatal(err)
	}
	arts, skipped, err := Collect(context.Background(), Dedup(src, Config{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 0 {
		t.Errorf("problems: %v", skipped)
	}
	if len(arts) != 5 || len(files) != 5 {
		t.Fatalf("got %d articles from %d files, want 5", len(arts), len(files))
	}
	gone := []string{"READ MORE:", "Don't miss", "Don’t miss", "We use your sign-up", "Source: Read Full Article", "See Also:", "Powered by automated translation", "PA Wire", "Updated:"}
	for i, a := range arts {
		if want := strings.TrimSuffix(filepath.Base(files[i]), ".txt"); a.ID != want {
			t.Errorf("article %d ID = %q, want %q", i, a.ID, want)
		}
		for _, s := range gone {
			if strings.Contains(a.Body, s) {
				t.Errorf("%s: Body still contains %q", a.ID, s)
			}
		}
		if len(a.Sources) != 0 {
			t.Errorf("%s: merged with %v; the five articles are distinct", a.ID, a.Sources)
		}
		if strings.Count(a.Body, "\n") < 5 {
			t.Errorf("%s: Body has %d paragraphs, want the article's paragraphs", a.ID, strings.Count(a.Body, "\n")+1)
		}
	}
	a := byID(arts)
	if p := a["001_b12f33af8b3383a1"].Published; p.Format(time.DateOnly) != "2023-08-27" {
		t.Errorf("001 Published = %v, want 2023-08-27", p)
	}
	titles := map[string]string{
		"000_f086654d5045af93": "Metropolitan Police Investigating Potential Data Breach",
		"001_b12f33af8b3383a1": "Met police on alert after IT security breach",
		"002_d3daf454cd94ae0f": "",
		"003_892c6e010d8d6a9c": "Scotland Yard Probes Impact of Suspected Hack Attack Against Service Provider",
		"004_77fbf00dcf7b11ac": "Officers on high alert after Met Police security breach",
	}
	for id, want := range titles {
		if got := a[id].Title; got != want {
			t.Errorf("%s Title = %q, want %q", id, got, want)
		}
		if want != "" && strings.Contains(a[id].Body, want) {
			t.Errorf("%s: Body repeats the title", id)
		}
	}
	if b := a["000_f086654d5045af93"].Body; strings.HasPrefix(b, "-") || strings.Contains(b, "Ethnic Minority Officers’ Heightened Concerns") {
		t.Errorf("000: sub-heading bullets left in Body: %.120q", b)
	}
	if b := a["004_77fbf00dcf7b11ac"].Body; !strings.Contains(b, "He added: “This is a staggering security breach that should never have happened.") {
		t.Errorf("004: Body lost a quote: %.200q", b)
	}
}
