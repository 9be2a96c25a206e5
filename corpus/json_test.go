package corpus

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReader_JSON(t *testing.T) {
	t.Parallel()
	type item struct {
		id, path, title, publisher, url, published, body string
	}
	tests := []struct {
		file     string
		items    []item
		problems []string // ParseError texts
	}{
		{
			file: "testdata/json/articles.json",
			items: []item{
				{"wx-101", "testdata/json/articles.json#1", "Flood defences tested", "Weather Desk", "https://wx.example.com/flood-gates", "2024-02-17T00:00:00Z",
					"Engineers tested the new flood gates on the river on Saturday morning.\nThe gates closed in under four minutes, the Environment Office said."},
				{"102", "testdata/json/articles.json#2", "Snow closes hill road", "", "", "2024-02-18T09:53:20Z",
					"The hill road was closed overnight after heavy snow.\nGritters were sent out at dawn."},
				{"u" + shortHash(NormalizeURL("https://wx.example.com/wind")), "testdata/json/articles.json#5", "Wind warning", "Weather Desk", "https://wx.example.com/wind", "2024-02-19T06:00:00Z",
					"A yellow warning for wind covers the whole coast until Tuesday."},
			},
			problems: []string{
				"testdata/json/articles.json#3:3: no article text: no text, body or content field",
				"testdata/json/articles.json#4:4: unsupported format: item is JSON string, not an object",
			},
		},
		{
			file: "testdata/json/single.json",
			items: []item{{"single", "testdata/json/single.json", "Museum extends opening hours", "Town Crier", "", "2024-07-20T00:00:00Z",
				"The town museum will open until eight o'clock on Thursdays during the summer holidays."}},
		},
		{
			// metadata with line breaks comes out on one line
			file: "testdata/json/multiline-title.json",
			items: []item{{"fold-1", "testdata/json/multiline-title.json", "Ferry timetable changes for winter", "Harbour News", "", "0001-01-01T00:00:00Z",
				"The ferry will run every two hours from November, the operator said."}},
		},
		{
			file: "testdata/json/wrapped.json",
			items: []item{{"tc-1", "testdata/json/wrapped.json#1", "Clock tower repaired", "", "", "0001-01-01T00:00:00Z",
				"The clock tower in the square is keeping time again after a month of repairs."}},
		},
		{
			file: "testdata/json/export.jsonl",
			items: []item{
				{"l-1", "testdata/json/export.jsonl#1", "Recycling collections change", "Council News", "https://bin.example.com/recycling", "2024-03-28T08:00:00Z",
					"Recycling will be collected every other Tuesday from April."},
				{"l-3", "testdata/json/export.jsonl#4", "Road resurfacing", "", "", "0001-01-01T00:00:00Z",
					"Station Road will be resurfaced over three nights next week."},
			},
			problems: []string{
				"testdata/json/export.jsonl:2: malformed JSON: line ends inside a value",
				"testdata/json/export.jsonl:5: unsupported format: item is JSON array, not an object",
				"testdata/json/export.jsonl:6: no article text: no text, body or content field",
			},
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
				got := item{a.ID, a.Path, a.Title, a.Publisher, a.URL, a.Published.UTC().Format(time.RFC3339), a.Body}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got, want)
				}
			}
			var msgs []string
			for _, p := range skipped {
				msgs = append(msgs, p.Error())
			}
			if strings.Join(msgs, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

func TestReader_JSONProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, doc string
		articles  int
		want      error
	}{
		{"truncated array keeps earlier items", `[{"text": "One complete item."}, {"text": "cut`, 1, ErrTruncated},
		{"syntax error in array", `[{"text": "One."}, {"text": 'bad'}]`, 1, ErrSyntax},
		{"empty array", `[]`, 0, ErrEmpty},
		{"top-level number", `42`, 0, ErrUnsupported},
		{"object without text", `{"id": "x", "title": "Only a title"}`, 0, ErrNoArticle},
		{"trailing garbage", `{"text": "x"} {"text": "y"} }`, 0, ErrSyntax},
		{"text only boilerplate", `{"text": "Share this article"}`, 0, ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			arts, skipped, err := Collect(t.Context(), NewReader(strings.NewReader(tt.doc), "x.json", Config{Format: FormatJSON}))
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != tt.articles || len(skipped) != 1 || !errors.Is(skipped[0], tt.want) {
				t.Errorf("got %d articles, problems %v; want %d and one %v", len(arts), skipped, tt.articles, tt.want)
			}
		})
	}
}
