package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestReader_HTML(t *testing.T) {
	t.Parallel()
	a := readOne(t, "testdata/html/article.html")
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

// TestReader_HTMLPages reads pages laid out as news sites, councils and
// blogs lay them out, and checks that the article's text is kept whole,
// in order, and that the page's furniture (menus, cookie notices,
// related links, newsletter boxes, comments, footers) is not.
func TestReader_HTMLPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, title, author, publisher, published string
		first, last                               string
		contains, absent                          []string
	}{
		{
			file:  "testdata/html/newspaper.html",
			title: "Hospital trust apologises after patient letters sent to wrong addresses", author: "Tom Ashdown",
			publisher: "The Northern Ledger", published: "2025-06-03T15:20:00Z",
			first: "A hospital trust has apologised to hundreds of patients after appointment letters containing their names, dates of birth and clinic details were posted to the wrong addresses.",
			last:  "A spokesperson for the software supplier, Clearpath Systems, said the fault had been fixed on 30 May and that no other customers had been affected.",
			contains: []string{
				`"We are very sorry that this happened and for the worry it will have caused," said Dr Helen Marsh, the trust's chief medical officer.`,
				`"It was upsetting to read, and I worried about who had been sent mine," she said.`,
				"The ICO confirmed it had received a report from the trust and was making inquiries.",
			},
			absent: []string{"Subscribe", "Sign in", "Puzzles", "Photograph: Ledger archive", "Read more", "Topics", "Share on",
				"morning briefing", "More from Health", "GP surgeries", "Comments (12)", "Marjorie_B", "second time this has happened",
				"Software faults happen", "Registered in England", "Privacy policy"},
		},
		{
			file:  "testdata/html/council-press.html",
			title: "Library opening hours to change after consultation", publisher: "Eastmoor District Council",
			first: "Opening hours at four of the district's libraries will change from 3 March, after more than 1,800 residents answered a consultation on how the service should be run.",
			last:  "A full list of the new opening hours is available at each library and on the council's website.",
			contains: []string{
				"Councillor Priya Natarajan, cabinet member for communities, said: “People told us clearly that they wanted to use their library after work and at weekends, and these changes follow what they said.\n“No library will close and no jobs will be lost.",
			},
			absent: []string{"cookies", "Skip to main content", "Search this site", "Bins and recycling", "Home >", "Share this page",
				"Related news", "Garden waste", "Stay informed", "newsletter", "Accessibility statement", "Town Hall"},
		},
		{
			file:  "testdata/html/plain-blog.html",
			title: "Why our parish council meetings are moving online", author: "Gwen Parry", published: "2025-09-14T00:00:00Z",
			first: "From October, every meeting of Little Ashby parish council will be streamed live, and residents will be able to ask questions by video as well as in the hall.",
			last:  "The first streamed meeting is on 7 October at 7.30pm.",
			contains: []string{
				"'It costs us almost nothing, and it means decisions are made in front of far more people,' he said. 'If it does not work, we will stop doing it.'",
			},
			absent: []string{"Archives", "August 2025", "Village hall bookings", "Posted by", "Filed under", "3 comments",
				"About time", "Anne W", "Powered by"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			a := readOne(t, tt.file)
			checkArticle(t, a, tt.file, tt.title, tt.author, tt.published, tt.first, tt.last, tt.absent)
			if a.Publisher != tt.publisher {
				t.Errorf("Publisher = %q, want %q", a.Publisher, tt.publisher)
			}
			for _, s := range tt.contains {
				if !strings.Contains(a.Body, s) {
					t.Errorf("Body lacks %q:\n%s", s, a.Body)
				}
			}
		})
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
	if a := readOne(t, "testdata/html/latin1.html"); a.Title != "Café owners win appeal" || !strings.Contains(a.Body, "seafront café") {
		t.Errorf("Latin-1 page not decoded: title %q body %q", a.Title, a.Body)
	}
}
