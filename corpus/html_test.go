package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestReader_HTML(t *testing.T) {
	t.Parallel()
	arts, skipped := readFile(t, "testdata/html/article.html", Config{})
	if len(skipped) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, problems %v; want 1 article", len(arts), skipped)
	}
	a := arts[0]
	checkArticle(t, a, "testdata/html/article.html",
		"Bridge repairs to close river crossing for a month", "Sam Whitfield", "2024-05-20T06:45:00Z",
		"The Old Town bridge will close to traffic for four weeks from Monday while engineers replace corroded steel supports, the county council has confirmed.",
		"The council said the repairs would cost about £1.2m and were paid for from its road maintenance budget for this year and the next.",
		[]string{"Home", "Most read", "Fair returns", "All rights reserved", "Privacy"})
	if a.ID != "article" {
		t.Errorf("ID = %q, want article", a.ID)
	}
	if a.URL != "https://courier.example.com/news/bridge-repairs" {
		t.Errorf("URL = %q", a.URL)
	}
	if a.Publisher != "Valley Courier" {
		t.Errorf("Publisher = %q", a.Publisher)
	}
	if !strings.Contains(a.Body, `"We know this will be frustrating, but the work cannot wait any longer," said council engineer Lena Brooks`) {
		t.Errorf("Body lost the quote:\n%s", a.Body)
	}
}

func TestReader_HTMLProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want error
	}{
		{"testdata/html/no-article.html", ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			arts, skipped := readFile(t, tt.file, Config{})
			if len(arts) != 0 || len(skipped) != 1 || !errors.Is(skipped[0], tt.want) {
				t.Fatalf("got %d articles, problems %v; want one %v", len(arts), skipped, tt.want)
			}
			if !strings.HasPrefix(skipped[0].Error(), tt.file+": ") {
				t.Errorf("problem %q does not start with the file name", skipped[0])
			}
		})
	}
}

func TestReader_HTMLDeclaredCharset(t *testing.T) {
	t.Parallel()
	arts, skipped := readFile(t, "testdata/html/latin1.html", Config{})
	if len(skipped) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, problems %v; want 1 article", len(arts), skipped)
	}
	if a := arts[0]; a.Title != "Café owners win appeal" || !strings.Contains(a.Body, "seafront café") {
		t.Errorf("Latin-1 page not decoded: title %q body %q", a.Title, a.Body)
	}
}
