package corpus

import (
	"strings"
	"testing"
	"time"
)

func TestReader_Text(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file                     string
		title, author, published string // published as RFC 3339, "" for none
		first, last              string // first and last paragraph of Body
		absent                   []string
	}{
		{
			file:      "testdata/text/headline.txt",
			title:     "Riverton water supplier admits customer records were exposed",
			author:    "Maya Okafor",
			published: "2024-03-05T16:30:00Z",
			first:     "Riverton Water said on Tuesday that a misconfigured server had exposed the names and addresses of about 12,000 customers for three weeks.",
			last:      "The regulator has been informed and is making enquiries.",
			absent:    []string{"READ MORE", "Don't miss", "bakery", "sign-up", "PA Wire", "Share this", "Updated:", "By Maya"},
		},
		{
			file:   "testdata/text/bullets.txt",
			title:  "Library Opening Hours Cut Across the County",
			first:  "The county council will cut opening hours at eleven libraries from next month to save money.",
			last:   "Volunteers from the Friends of Ashford Library group said they were willing to staff the branches on Saturdays.",
			absent: []string{"- ", "Volunteers Offer", "Source:"},
		},
		{
			file:      "testdata/text/paragraph.txt",
			published: "2024-02-14T00:00:00Z",
			first:     "The harbour authority reopened the eastern pier on Wednesday after repairs to storm damage that closed it in January.",
			last:      "Fishing boats had been mooring at the western quay while engineers replaced the damaged decking.",
			absent:    []string{"Published", "Follow us"},
		},
		{
			file:  "testdata/text/wrapped.txt",
			title: "Ferry timetable changes from June",
			first: "The island ferry will run two extra crossings on weekdays from the first of June, the operator said, after complaints about crowded evening sailings.",
			last:  "Passengers who hold season tickets will not pay more for the new services.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			arts, skipped := readFile(t, tt.file, Config{})
			if len(skipped) != 0 || len(arts) != 1 {
				t.Fatalf("got %d articles, problems %v; want 1 article", len(arts), skipped)
			}
			checkArticle(t, arts[0], tt.file, tt.title, tt.author, tt.published, tt.first, tt.last, tt.absent)
		})
	}
}

// checkArticle compares the fields most readers fill.
func checkArticle(t *testing.T, a Article, path, title, author, published, first, last string, absent []string) {
	t.Helper()
	if a.Path != path {
		t.Errorf("Path = %q, want %q", a.Path, path)
	}
	if a.Title != title {
		t.Errorf("Title = %q, want %q", a.Title, title)
	}
	if a.Author != author {
		t.Errorf("Author = %q, want %q", a.Author, author)
	}
	got := ""
	if !a.Published.IsZero() {
		got = a.Published.UTC().Format(time.RFC3339)
	}
	if got != published {
		t.Errorf("Published = %q, want %q", got, published)
	}
	paras := strings.Split(a.Body, "\n")
	if paras[0] != first {
		t.Errorf("first paragraph = %q, want %q", paras[0], first)
	}
	if paras[len(paras)-1] != last {
		t.Errorf("last paragraph = %q, want %q", paras[len(paras)-1], last)
	}
	for _, s := range absent {
		if strings.Contains(a.Body, s) {
			t.Errorf("Body contains %q:\n%s", s, a.Body)
		}
	}
	if strings.Contains(a.Body, "\n\n") || strings.TrimSpace(a.Body) != a.Body {
		t.Errorf("Body has blank lines or outer space: %q", a.Body)
	}
}

func TestReader_TextIDFromFileName(t *testing.T) {
	t.Parallel()
	arts, _ := readFile(t, "testdata/text/headline.txt", Config{})
	if len(arts) != 1 || arts[0].ID != "headline" {
		t.Fatalf("ID = %v, want headline", arts)
	}
}
