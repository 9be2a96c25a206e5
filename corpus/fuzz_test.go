package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// addSeeds adds the files matching pattern, and extra inputs, to f's seed
// corpus.
func addSeeds(f *testing.F, pattern string, extra ...string) {
	f.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			continue // testdata/fuzz holds the fuzzers' own corpora
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkRead reads data as name in format and checks what comes out: no
// panic, every article well formed, every problem one line naming name.
func checkRead(t *testing.T, name string, format Format, data []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	arts, skipped, err := Collect(ctx, NewReader(strings.NewReader(string(data)), name, Config{Format: format, MaxSize: 1 << 20}))
	if err != nil {
		t.Fatalf("fatal error: %v", err)
	}
	for _, a := range arts {
		if a.ID == "" || SafeID(a.ID) != a.ID {
			t.Errorf("unsafe ID %q", a.ID)
		}
		if !strings.HasPrefix(a.Path, name) {
			t.Errorf("Path %q does not name %q", a.Path, name)
		}
		if a.Body == "" || !utf8.ValidString(a.Body) || strings.Contains(a.Body, "\n\n") || strings.TrimSpace(a.Body) != a.Body {
			t.Errorf("malformed Body %q", a.Body)
		}
		if !utf8.ValidString(a.Title) || strings.Contains(a.Title, "\n") {
			t.Errorf("malformed Title %q", a.Title)
		}
	}
	for _, p := range skipped {
		msg := p.Error()
		if p.Err == nil || !strings.HasPrefix(msg, name) || strings.Contains(msg, "\n") {
			t.Errorf("problem %q is not one line naming %s", msg, name)
		}
	}
}

func FuzzText(f *testing.F) {
	addSeeds(f, "testdata/text/*.txt", "", "\n\n", "- a\n- b", "Title\n\nUpdated: 1 May 2024", "By Someone\nText.", "caf\xe9")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.txt", FormatText, data) })
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, "testdata/markdown/*.md", "---\ntitle: x\n---\n", "# \n", "<script>x</script>\n\ntext", "> > > q\n- [x](y)")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.md", FormatMarkdown, data) })
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "testdata/html/*.html", "<html><body><p>x</p>", "<meta charset=\"koi8-r\"><p>\xff\xfe</p>", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[[[]]]}</script>")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.html", FormatHTML, data) })
}

func FuzzFeed(f *testing.F) {
	addSeeds(f, "testdata/feed/*", "<rss><channel><item><description>x</description></item>", "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"id\":1,", "<feed><entry><content>x</content></entry>")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.xml", FormatFeed, data) })
}

func FuzzJSON(f *testing.F) {
	addSeeds(f, "testdata/json/*.json", "[", "{}", "[1,{\"text\":\"x\"}]", "{\"articles\":[{\"body\":\"<p>x</p>\"}]}", "{\"text\":\"x\",\"published\":1e300}")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.json", FormatJSON, data) })
}

func FuzzJSONL(f *testing.F) {
	addSeeds(f, "testdata/json/*.jsonl", "\n\n", "{\"text\":\"x\"}\n{", "{\"id\":\"../..\",\"text\":\"x\"}\r\n")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz.jsonl", FormatJSONL, data) })
}

// FuzzSniffed reads inputs with the format sniffed from the content.
func FuzzSniffed(f *testing.F) {
	addSeeds(f, "testdata/*/*", "\x89PNG\r\n\x1a\n", "\xef\xbb\xbf[{\"text\":\"x\"}]")
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "fuzz", FormatUnknown, data) })
}

func FuzzClean(f *testing.F) {
	addSeeds(f, "testdata/text/*.txt", "Don't miss\nA\nB\n\nC.", "a\r\rb\u2028c", "x\n\ny\nz\n\nw\nv")
	f.Fuzz(func(t *testing.T, data []byte) {
		out := Clean(string(data))
		if !utf8.ValidString(out) || strings.Contains(out, "\n\n") || strings.TrimSpace(out) != out {
			t.Errorf("Clean output malformed: %q", out)
		}
		if again := Clean(out); again != out {
			t.Errorf("Clean not idempotent:\n once %q\ntwice %q", out, again)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"Updated: August 27, 2023, 9:16 AM", "2023-08-27T09:16:00Z", "Sun, 27 Aug 2023 09:16:00 GMT", "27/08/2023", "12pm 1 jan 2000 +05:30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseDate(s); ok && (d.Year() < 1800 || d.Year() > 2200) {
			t.Errorf("ParseDate(%q) = %v, outside the plausible range", s, d)
		}
	})
}
