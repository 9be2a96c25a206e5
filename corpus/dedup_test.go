package corpus

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestDedup(t *testing.T) {
	t.Parallel()
	arts, skipped, err := Collect(context.Background(), Dedup(Walk([]string{"testdata/dedup"}, Config{}), Config{}))
	if err != nil || len(skipped) != 0 {
		t.Fatalf("Collect: %v %v", err, skipped)
	}
	got := map[string][]string{}
	var order []string
	for _, a := range arts {
		got[a.ID] = a.Sources
		order = append(order, a.ID)
	}
	if strings.Join(order, ",") != "exact-copy,x-9,other" {
		t.Fatalf("kept %v, want exact-copy,x-9,other", order)
	}
	// wire-a differs from exact-copy only in quote marks and markup;
	// wire-b is a near copy with another headline, a changed word and a
	// sign-up line.
	if want := []string{"testdata/dedup/wire-a.txt", "testdata/dedup/wire-b.txt"}; !slices.Equal(got["exact-copy"], want) {
		t.Errorf("exact-copy Sources = %v, want %v", got["exact-copy"], want)
	}
	// Same URL after normalisation, different text.
	if want := []string{"testdata/dedup/feed.jsonl#2"}; !slices.Equal(got["x-9"], want) {
		t.Errorf("x-9 Sources = %v, want %v", got["x-9"], want)
	}
	if len(got["other"]) != 0 {
		t.Errorf("other Sources = %v, want none", got["other"])
	}
}

func TestDeduper_Add(t *testing.T) {
	t.Parallel()
	base := "The council agreed a new budget for the harbour on Tuesday after a long debate about repairs to the sea wall. " +
		"Fishermen had complained for years that the old wall let storm waves into the inner basin, damaging boats. " +
		"Engineers estimate that the work will take eighteen months and will be done in two stages to keep the quay open. " +
		"Councillors will meet again in the spring to review the costs of the work on the sea wall and the pier, " +
		"and residents will be invited to a public meeting at the library before any contracts are signed. " +
		"The harbour master said he welcomed the decision and hoped the first stage would be finished before next winter."
	near := strings.Replace(base, "in the spring", "in the summer", 1)
	far := "A completely different story about a school play that raised money for the local hospice charity."
	tests := []struct {
		name       string
		similarity float64
		next       Article
		dup        bool
	}{
		{"same URL", 0, Article{ID: "b", Path: "b", URL: "http://www.example.com/x/?utm_source=a#c", Body: far}, true},
		{"same text folded", 0, Article{ID: "b", Path: "b", Body: strings.ToUpper(base) + " !!"}, true},
		{"near copy", 0, Article{ID: "b", Path: "b", Body: near}, true},
		{"near copy with detection off", 1.5, Article{ID: "b", Path: "b", Body: near}, false},
		{"near copy under a stricter threshold", 0.99, Article{ID: "b", Path: "b", Body: near}, false},
		{"different", 0, Article{ID: "b", Path: "b", Body: far}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := NewDeduper(Config{Similarity: tt.similarity})
			d.Add(Article{ID: "a", Path: "a", URL: "https://example.com/x", Body: base})
			kept, dup := d.Add(tt.next)
			if dup != tt.dup {
				t.Fatalf("dup = %v, want %v (similarity %.3f)", dup, tt.dup, jaccard(shingleSet(base), shingleSet(tt.next.Body)))
			}
			arts := d.Articles()
			if tt.dup && (kept != "a" || len(arts) != 1 || !slices.Equal(arts[0].Sources, []string{"b"})) {
				t.Errorf("kept %q, articles %+v", kept, arts)
			}
			if !tt.dup && (kept != "b" || len(arts) != 2) {
				t.Errorf("kept %q, %d articles", kept, len(arts))
			}
		})
	}
}

func TestDeduper_MergeFillsEmptyFields(t *testing.T) {
	t.Parallel()
	d := NewDeduper(Config{})
	d.Add(Article{ID: "a", Path: "p/a.txt", Body: "Same words here."})
	d.Add(Article{ID: "b", Path: "feed.xml#2", URL: "https://news.example/b", Title: "T", Author: "Au", Publisher: "Pub", Body: "same words, here"})
	arts := d.Articles()
	if len(arts) != 1 {
		t.Fatalf("%d articles", len(arts))
	}
	a := arts[0]
	if a.URL != "https://news.example/b" || a.Title != "T" || a.Author != "Au" || a.Publisher != "Pub" {
		t.Errorf("fields not filled: %+v", a)
	}
	if !slices.Equal(a.Sources, []string{"feed.xml#2"}) {
		t.Errorf("Sources = %v", a.Sources)
	}
}

func TestNormalizeURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://Example.com/a/b/", "https://example.com/a/b"},
		{"http://www.example.com:80/a?utm_source=x&b=2&a=1#frag", "https://example.com/a?a=1&b=2"},
		{"https://example.com:8443/a?fbclid=1", "https://example.com:8443/a"},
		{"ftp://example.com/a", ""},
		{"/relative/path", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeID(t *testing.T) {
	t.Parallel()
	long := "https://example.com/" + strings.Repeat("very-long-path-segment/", 10)
	tests := []struct{ in, want string }{
		{"001_b12f33af8b3383a1", "001_b12f33af8b3383a1"},
		{"My Story (final)", "My_Story_final"},
		{"tag:herald.example.org,2024:x", "tag_herald.example.org_2024_x"},
		{"Überfall in Köln", "Überfall_in_Köln"},
		{"../..", ""},
		{long, "https_example.com_very-long-path-segment_very-long-" + shortHash(long)},
	}
	for _, tt := range tests {
		if got := SafeID(tt.in); got != tt.want {
			t.Errorf("SafeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
