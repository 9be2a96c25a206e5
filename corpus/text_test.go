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
			checkArticle(t, readOne(t, tt.file), tt.file, tt.title, tt.author, tt.published, tt.first, tt.last, tt.absent)
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

func TestTakeByline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lines        []string
		author, date string // date as 2006-01-02, "" for none
		kept         int    // lines left
	}{
		{[]string{"By Jane Doe", "Text."}, "Jane Doe", "", 1},
		{[]string{"By Jane Doe, Home Affairs Editor", "Text."}, "Jane Doe", "", 1},
		{[]string{"Posted by Jane Doe on 3 May 2024", "Text."}, "Jane Doe", "2024-05-03", 1},
		{[]string{"Written by Ana de Souza", "Text."}, "Ana de Souza", "", 1},
		{[]string{"", "Headline", "by Tom Ash on March 4, 2025", "Text."}, "Tom Ash", "2025-03-04", 3},
		// Sentences that open like bylines are text.
		{[]string{"By Monday the council had agreed to pay on behalf of residents.", "Text."}, "", "", 2},
		{[]string{"By Jane Doe on behalf of the campaign", "Text."}, "", "", 2},
		{[]string{"First line.", "Second line.", "By Jane Doe"}, "", "", 3},
	}
	for _, tt := range tests {
		lines, author, date := takeByline(append([]string(nil), tt.lines...))
		got := ""
		if !date.IsZero() {
			got = date.Format("2006-01-02")
		}
		if author != tt.author || got != tt.date || len(lines) != tt.kept {
			t.Errorf("takeByline(%q) = %q, %q, %d lines; want %q, %q, %d", tt.lines, author, got, len(lines), tt.author, tt.date, tt.kept)
		}
	}
}
