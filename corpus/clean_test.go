package corpus

import (
	"os"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"keeps paragraphs, drops blank lines", "First paragraph.\n\n\nSecond paragraph.\n", "First paragraph.\nSecond paragraph."},
		{"trims and collapses spaces", "  Tabs\tand   spaces\u00a0here. \r\nNext.\r\n", "Tabs and spaces here.\nNext."},
		{"drops zero-width and control characters", "Zero\u200bwidth\x07 text.", "Zerowidth text."},
		{"read more line", "Body one.\nREAD MORE: Police told to act on every lead\nBody two.", "Body one.\nBody two."},
		{"see also and related", "See Also: Live Webinar | Unmasking threats\nRelated: Council tax to rise\nKept.", "Kept."},
		{"dont miss list up to blank line", "Before.\n\nDon’t miss…\nHeadline one[UK]\nHeadline two with no stop\n\nAfter.", "Before.\nAfter."},
		{"list header stops at a sentence", "Most read\nThe council met on Monday and agreed the budget.", "The council met on Monday and agreed the budget."},
		{"sign-up notice", "Text.\nWe use your sign-up to provide content in ways you've consented to. More info\nSign up to our daily newsletter\nText two.", "Text.\nText two."},
		{"cookie notice", "We use cookies to improve your experience. Accept all cookies\nManage preferences\nText.", "Text."},
		{"source read full article", "Text.\nSource: Read Full Article", "Text."},
		{"automated translation", "Powered by automated translation\nText.", "Text."},
		{"follow and share", "Follow us on Twitter and Facebook\nShare this article\nShare\nText.", "Text."},
		{"caption with agency credit", "The town hall at dusk. Work starts next week. PA Wire\nText.", "Text."},
		{"caption with credit label", "The minister arrives in London (Image: Getty Images)\nPhoto: Jane Smith/Reuters\nText.", "Text."},
		{"credit alone", "Getty Images\nReuters\nText.", "Text."},
		{"updated date line", "Text.\nUpdated: August 27, 2023, 9:16 AM", "Text."},
		{"published relative date", "Published 3 hours ago\nText.", "Text."},
		{"copyright and separators", "Text.\n***\n© 2024 Example Media Ltd", "Text."},
		{"keeps a sentence that mentions Reuters", "The figures were first reported by Reuters", "The figures were first reported by Reuters"},
		{"keeps a sentence that starts with Updated", "Updated guidance will follow next week, the minister said.", "Updated guidance will follow next week, the minister said."},
		{"keeps quotes and dashes", "“We will act,” she said – and they did.", "“We will act,” she said – and they did."},
		{"keeps a sentence about signing up", "Hundreds of volunteers have signed up to help clear the beach.", "Hundreds of volunteers have signed up to help clear the beach."},
		{"joins hard-wrapped text", "The ferry will run two extra\ncrossings on weekdays, the operator\nsaid.\n\nSeason tickets will not\ncost more.", "The ferry will run two extra crossings on weekdays, the operator said.\nSeason tickets will not cost more."},
		{"does not join one line per paragraph", "One.\nTwo.\nThree.", "One.\nTwo.\nThree."},
		{"does not join bullets", "Key points:\n- one\n- two\n\nMore text here\nand here.", "Key points:\n- one\n- two\nMore text here and here."},
		{"empty", "", ""},
		{"only boilerplate", "Share this article\nREAD MORE: x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestClean_Idempotent(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in string }{
		{"boilerplate between paragraphs", "Headline here\n\nBody text one.\nREAD MORE: x\n\nDon't miss\nA[UK]\n\nBody two\ncontinues here.\n"},
		// Joined, the wrapped lines make a notice that the joined text
		// must not keep.
		{"wrapped notice", "Short one\n\nThe council met\ntoday in the hall\n\nYou can\nunsubscribe at any time\n"},
		{"wrapped notice, odd case", "c0000\n\nWe use You CAn\nunsuBsCriBe At AnY time\n\nx\ny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			once := Clean(tt.in)
			if twice := Clean(once); twice != once {
				t.Errorf("Clean(Clean(x)) = %q, Clean(x) = %q", twice, once)
			}
			if strings.Contains(once, "\n\n") {
				t.Errorf("Clean left a blank line: %q", once)
			}
			if strings.Contains(strings.ToLower(once), "unsubscribe") {
				t.Errorf("Clean kept a notice: %q", once)
			}
		})
	}
}

func TestIsBoilerplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		want bool
	}{
		{"READ MORE: Anything at all", true},
		{"Read more: anything", true},
		{"Source: Read Full Article", true},
		{"Advertisement", true},
		{"Story continues below advertisement", true},
		{"WATCH: Video of the rescue", true},
		{"Watch: the rescue unfolded over hours, she said.", false},
		{"Related coverage - Storm hits coast", true},
		{"Relatedly, the council voted on Monday.", false},
		{"The Met said it had acted quickly.", false},
		{"Click here to read more", true},
		{"This article was automatically translated from German.", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsBoilerplate(tt.line); got != tt.want {
			t.Errorf("IsBoilerplate(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	data, err := os.ReadFile("testdata/text/headline.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data), 4)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}
