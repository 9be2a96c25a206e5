package corpus

import "testing"

func TestReader_Markdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file                          string
		title, author, published, url string
		publisher                     string
		first, last                   string
		absent                        []string
	}{
		{
			file:      "testdata/markdown/story.md",
			title:     "Stadium roof plan approved",
			author:    "Priya Natarajan",
			published: "2024-04-02T09:15:00Z",
			url:       "https://example.org/news/stadium-roof",
			publisher: "Example Evening Post",
			first:     "Planners have approved a retractable roof for the city stadium, the club announced on its website.",
			last:      "The roof will take two seasons to finish.",
			absent:    []string{"**", "](", "See Also", "---", "title:", "# "},
		},
		{
			file:      "testdata/markdown/plain-heading.md",
			title:     "Bus lane cameras switched on",
			published: "2024-06-03T00:00:00Z",
			first:     "Cameras enforcing the new bus lane on Mill Road were switched on on Monday, and drivers caught using the lane will be fined from next week.",
			last:      "The council said warning letters would be sent for the first fortnight.",
			absent:    []string{"##", "Last updated"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			a := readOne(t, tt.file)
			checkArticle(t, a, tt.file, tt.title, tt.author, tt.published, tt.first, tt.last, tt.absent)
			if a.URL != tt.url || a.Publisher != tt.publisher {
				t.Errorf("URL, Publisher = %q, %q; want %q, %q", a.URL, a.Publisher, tt.url, tt.publisher)
			}
		})
	}
}

func TestReader_MarkdownBlockquoteAndList(t *testing.T) {
	t.Parallel()
	arts, _ := readFile(t, "testdata/markdown/story.md", Config{})
	if len(arts) != 1 {
		t.Fatal("no article")
	}
	want := "Planners have approved a retractable roof for the city stadium, the club announced on its website.\n" +
		`"This is the biggest change to the ground in fifty years," the club's chairman said.` + "\n" +
		"Work starts in the autumn.\n" +
		"The roof will take two seasons to finish."
	if arts[0].Body != want {
		t.Errorf("Body =\n%s\nwant\n%s", arts[0].Body, want)
	}
}
