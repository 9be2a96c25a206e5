package corpus

import "testing"

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, head string
		want             Format
	}{
		{"plain text", "a.txt", "Headline\n\nBody text.", FormatText},
		{"text with leading bullets stays text", "a.txt", "- Sub heading\n- Another\nBody.", FormatText},
		{"text starting with a bracket", "a.txt", "[Updated] Council meets\nBody.", FormatText},
		{"markdown heading", "a.txt", "# Title\n\nBody.", FormatMarkdown},
		{"markdown by signs", "notes", "Intro with a [link](https://x.example) and **bold** text.", FormatMarkdown},
		{"markdown by extension", "a.md", "Just text.", FormatMarkdown},
		{"front matter", "a", "---\ntitle: x\n---\nBody", FormatMarkdown},
		{"html doctype", "a.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHTML},
		{"html no doctype", "page", "<html lang=en><head>", FormatHTML},
		{"html fragment", "x.dat", "<div><p>Some text</p></div>", FormatHTML},
		{"html after comment", "a", "<!-- saved from url -->\n<html>", FormatHTML},
		{"rss", "feed", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", FormatFeed},
		{"atom", "x.html", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", FormatFeed},
		{"rdf", "x", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", FormatFeed},
		{"json feed", "feed.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, FormatFeed},
		{"json array", "x.txt", `[{"id": 1}]`, FormatJSON},
		{"json object", "x", `{"id": 1, "text": "a"}`, FormatJSON},
		{"jsonl by content", "x.json", "{\"id\": 1}\n{\"id\": 2}\n", FormatJSONL},
		{"jsonl by extension", "x.jsonl", `{"id": 1}`, FormatJSONL},
		{"binary NUL", "x.txt", "abc\x00def", FormatBinary},
		{"png", "x.txt", "\x89PNG\r\n\x1a\n\x00\x00", FormatBinary},
		{"pdf", "x.txt", "%PDF-1.7\n", FormatBinary},
		{"gzip", "x.json", "\x1f\x8b\x08\x00", FormatBinary},
		{"utf-16", "x.txt", "\xff\xfeH\x00i\x00", FormatBinary},
		{"latin-1 is text, rejected later as not UTF-8", "x.txt", "caf\xe9 au lait", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Sniff(tt.file, []byte(tt.head)); got != tt.want {
				t.Errorf("Sniff(%q, %q) = %v, want %v", tt.file, tt.head, got, tt.want)
			}
		})
	}
}
