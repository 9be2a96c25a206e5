package corpus

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReader_Feed(t *testing.T) {
	t.Parallel()
	type item struct {
		id, path, title, author, publisher, url, published, body string
	}
	tests := []struct {
		file     string
		items    []item
		problems []error
	}{
		{
			file: "testdata/feed/rss.xml",
			items: []item{
				{"gazette-2024-0612-lifeboat", "testdata/feed/rss.xml#1", "Lifeboat crew rescue two kayakers", "Owen Price", "Coastal Gazette",
					"https://gazette.example.net/news/lifeboat-rescue?utm_source=rss", "2024-06-12T17:20:00Z",
					"Two kayakers were rescued off Point Head on Wednesday evening after strong winds pushed them away from the shore.\n" +
						"“They did exactly the right thing by staying with their kayaks,” said the lifeboat’s helmsman, Carys Lloyd."},
				{"u" + shortHash(NormalizeURL("https://gazette.example.net/news/market-square")), "testdata/feed/rss.xml#2", "Market square to be pedestrianised", "", "Coastal Gazette",
					"https://gazette.example.net/news/market-square", "2024-06-11T08:00:00Z",
					"The market square will be closed to cars from September, the town council decided at its meeting on Monday night."},
			},
			problems: []error{ErrNoArticle}, // item 3 has no text
		},
		{
			file: "testdata/feed/atom.xml",
			items: []item{
				{"tag_herald.example.org_2024_observatory", "testdata/feed/atom.xml#1", "Observatory opens to the public", "Iris Tanaka", "Hill Valley Herald",
					"https://herald.example.org/observatory", "2024-07-01T08:30:00Z",
					"The restored observatory on Hill Valley ridge opened to the public on Monday for the first time in forty years.\nVolunteers will run free evening viewings every Friday."},
			},
		},
		{
			file: "testdata/feed/feed.json",
			items: []item{
				{"notes-42", "testdata/feed/feed.json#1", "Allotment waiting list reopens", "Dev Malhotra", "Northside Notes",
					"https://notes.example.com/2024/08/allotments", "2024-08-09T14:00:00Z",
					"The allotment waiting list reopened on Friday with forty new plots available on the old railway land."},
				{"notes-43", "testdata/feed/feed.json#2", "Pool closes for repairs", "", "Northside Notes",
					"https://notes.example.com/2024/08/pool", "2024-08-10T13:00:00Z",
					"The outdoor pool will close for two weeks while the filters are replaced."},
			},
		},
		{
			file: "testdata/feed/truncated.xml",
			items: []item{
				{"gazette-2024-0612-lifeboat", "testdata/feed/truncated.xml#1", "Lifeboat crew rescue two kayakers", "Owen Price", "Coastal Gazette",
					"https://gazette.example.net/news/lifeboat-rescue?utm_source=rss", "2024-06-12T17:20:00Z",
					"Two kayakers were rescued off Point Head on Wednesday evening after strong winds pushed them away from the shore.\n" +
						"“They did exactly the right thing by staying with their kayaks,” said the lifeboat’s helmsman, Carys Lloyd."},
			},
			problems: []error{ErrTruncated},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			arts, skipped := readFile(t, tt.file, Config{})
			if len(arts) != len(tt.items) {
				t.Fatalf("got %d articles, want %d (problems %v)", len(arts), len(tt.items), skipped)
			}
			for i, want := range tt.items {
				a := arts[i]
				got := item{a.ID, a.Path, a.Title, a.Author, a.Publisher, a.URL, a.Published.UTC().Format(time.RFC3339), a.Body}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got, want)
				}
			}
			if len(skipped) != len(tt.problems) {
				t.Fatalf("problems = %v, want %v", skipped, tt.problems)
			}
			for i, want := range tt.problems {
				if !errors.Is(skipped[i], want) || !strings.HasPrefix(skipped[i].Path, tt.file) {
					t.Errorf("problem %d = %v, want %v naming %s", i, skipped[i], want, tt.file)
				}
			}
		})
	}
}

func TestReader_FeedTruncatedJSONFeed(t *testing.T) {
	t.Parallel()
	doc := `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
{"id": "a", "content_text": "First item text that is complete."},
{"id": "b", "content_text": "Second item text that is compl`
	arts, skipped, err := Collect(t.Context(), NewReader(strings.NewReader(doc), "cut.json", Config{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].ID != "a" {
		t.Errorf("articles = %+v, want item a", arts)
	}
	if len(skipped) != 1 || !errors.Is(skipped[0], ErrTruncated) {
		t.Errorf("problems = %v, want one ErrTruncated", skipped)
	}
}

func TestReader_FeedMalformed(t *testing.T) {
	t.Parallel()
	doc := `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</title></chan`
	arts, skipped, err := Collect(t.Context(), NewReader(strings.NewReader(doc), "bad.rss", Config{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 0 || len(skipped) != 1 || !errors.Is(skipped[0], ErrSyntax) {
		t.Errorf("got %v, %v; want one ErrSyntax", arts, skipped)
	}
}

func TestReader_FeedEncodings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		title     string
		want      error
	}{
		{"declared Latin-1 is decoded",
			"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 News</title>" +
				"<item><title>Caf\xe9 reopens</title><description>The caf\xe9 on the pier has reopened.</description></item></channel></rss>",
			"Café reopens", nil},
		{"undeclared bad bytes are not UTF-8",
			"<rss version=\"2.0\"><channel><item><title>x</title><description>caf\xe9</description></item></channel></rss>",
			"", ErrNotUTF8},
		{"JSON Feed with bad bytes is not UTF-8",
			`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "caf` + "\xe9" + `"}]}`,
			"", ErrNotUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts, skipped, err := Collect(t.Context(), NewReader(strings.NewReader(tt.doc), "f.xml", Config{}))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil {
				if len(arts) != 0 || len(skipped) != 1 || !errors.Is(skipped[0], tt.want) {
					t.Errorf("got %v, %v; want one %v", arts, skipped, tt.want)
				}
				return
			}
			if len(skipped) != 0 || len(arts) != 1 || arts[0].Title != tt.title || !strings.Contains(arts[0].Body, "café") {
				t.Errorf("got %+v, %v; want title %q", arts, skipped, tt.title)
			}
		})
	}
}
