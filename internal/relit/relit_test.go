package relit

import (
	"reflect"
	"regexp/syntax"
	"strings"
	"testing"
)

// TestMay: text without any of a pattern's words is turned away before
// the regexp runs; the words are found in any case.
func TestMay(t *testing.T) {
	g := MustCompile(`(?i)\b(?:referred|reported|notified)\s+to\b`)
	if want := []string{"referred", "reported", "notified"}; !reflect.DeepEqual(g.Literals(), want) {
		t.Fatalf("literals %q, want %q", g.Literals(), want)
	}
	if g.May("The force said nothing more.") {
		t.Error("text without the words was not turned away")
	}
	if !g.May("It was REPORTED to the ICO.") {
		t.Error("text with a word in capitals was turned away")
	}
	if g.MatchString("The force said nothing more.") || !g.MatchString("It was REPORTED to the ICO.") {
		t.Error("MatchString disagrees with the regexp")
	}
	// a pattern anchored at the start is tried at one position: no
	// prefilter is faster
	for _, p := range []string{`^(?:read more|related)\b`, `(?i)^(?:photo|image)s?:`, `\A(?:x|y)z`} {
		if g := MustCompile(p); g.Literals() != nil {
			t.Errorf("%s: literals %q, want none (anchored)", p, g.Literals())
		}
	}
	if g := MustCompile(`(?m)^> \S`); g.Literals() == nil {
		t.Error("(?m)^ is not anchored at the text's start, but got no literals")
	}
}

// TestFold: (?i) treats the Kelvin sign as k and the long s as s; the
// prefilter must let such text through.
func TestFold(t *testing.T) {
	for _, c := range []struct{ pattern, text string }{
		{`(?i)hacked`, "ha\u212aed"},
		{`(?i)stolen`, "\u017Ftolen"},
		{`(?i)missing`, "MI\u017F\u017FING"},
		{`(?i)σ`, "Σ"},
		{`(?i)straße`, "STRASSE"}, // no match: (?i) folds runes one to one
	} {
		g := MustCompile(c.pattern)
		if got, want := g.MatchString(c.text), g.Regexp.MatchString(c.text); got != want {
			t.Errorf("%s on %q: %v, the regexp says %v (literals %q)", c.pattern, c.text, got, want, g.Literals())
		}
	}
}

// TestRequiredLiterals checks the literal sets worked out for pattern
// shapes: every match must hold one of them.
func TestRequiredLiterals(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    []string // nil: no prefilter possible
	}{
		{`abc`, []string{"abc"}},
		{`(?i)ABC`, []string{"abc"}},
		{`a|b`, []string{"a", "b"}},
		{`x*`, nil},
		{`\w+ said`, []string{" said"}},
		{`(?:lost|stolen) (?:\w+ )?laptops?`, []string{"laptop"}}, // the longer literal wins
		{`(?:lost|stolen) (?:\w+ )?pcs?`, []string{"lost ", "stolen "}},
		{`breach(?:es|ed)?`, []string{"breach"}},
		{`data breach(?:es)?|breach`, []string{"breach"}}, // "data breach" holds "breach"
		{`a.*b|c`, []string{"a", "c"}},
		{`(?:x|.)y`, []string{"y"}},
		{`[0-9]+ people`, []string{" people"}},
		{`(foo)+bar`, []string{"foo"}},
		{`(?:foo){2,}`, []string{"foo"}},
		{`(?:a|b)?`, nil},
		{`^\s*$`, nil},
		{`(?m)^> \S`, []string{"> "}},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := required(re.Simplify())
		if ok {
			got = minimal(got)
		}
		if c.want == nil {
			if ok {
				t.Errorf("%s: literals %q, want none", c.pattern, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: literals %q, want %q", c.pattern, got, c.want)
		}
	}
}

// patterns are shapes the fuzzer checks against their plain regexps.
var patterns = []string{
	`(?i)\b(?:data breach(?:es)?|hack(?:ed|ers?|ing)?|cyber[- ]?attacks?)\b`,
	`(?i)\b(?:lost|stolen|missing)\b`,
	`\b((?:[A-Z][\p{L}'-]+ )+)(?:police forces?|constabulary)\b`,
	`(?i)^\d+\s+(?:seconds?|minutes?|hours?)\s+ago$`,
	`(?m)^#{1,6} \S`,
	`(?i)straße|σ|ǆ`,
	`[^\p{L}]+x`,
	`(?i)k[a-c]{2}`,
	`\bconstabular(?:y|ies) of ([A-Z]\w+)`,
	`(?m)police$`,
	`(?s)said.x`,
	`said\s+x`,
}

// FuzzAgree compares the patterns with their plain regexps.
func FuzzAgree(f *testing.F) {
	for _, s := range []string{"", "data BREACH", "Kent Police Force", "5 MINUTES ago", "# Title\n## x", "STRAẞE ς", "ǅ", "\u212abc", "a\xffx"} {
		f.Add(s)
	}
	f.Add("The constabulary of Kent\nconstabularies of Wales said\nx police\npolice")
	res := make([]*Regexp, len(patterns))
	for i, p := range patterns {
		res[i] = MustCompile(p)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, g := range res {
			if got, want := g.FindAllStringIndex(text, -1), g.Regexp.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: %v, the regexp finds %v (literals %q)", g, text, got, want, g.Literals())
			}
			if got, want := g.FindAllStringSubmatchIndex(text, -1), g.Regexp.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: submatches %v, the regexp %v", g, text, got, want)
			}
			if got, want := g.ReplaceAllString(text, "<$0>"), g.Regexp.ReplaceAllString(text, "<$0>"); got != want {
				t.Fatalf("%s on %q: replaced %q, the regexp %q", g, text, got, want)
			}
		}
	})
}

// TestFoldString: folding is rune by rune and keeps invalid bytes.
func TestFoldString(t *testing.T) {
	for in, want := range map[string]string{
		"ABC def":              "abc def",
		"\u212a\u017F":         "ks",
		"Σας":                  "σασ",
		"a\xffB":               "a\xffb",
		strings.Repeat("X", 3): "xxx",
	} {
		if got := foldString(in); got != want {
			t.Errorf("foldString(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWithinLines: which patterns are searched line by line.
func TestWithinLines(t *testing.T) {
	for p, want := range map[string]bool{
		`\bpolice forces? of [A-Z]\w+`: true,
		`(?m)^> \S`:                    true,
		`police\s+force`:               false, // \s holds the newline
		`(?s)said.x`:                   false,
		`said.x`:                       true,
		`^said`:                        false,
		`said$`:                        false,
		`said\n`:                       false,
	} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := withinLines(re); got != want {
			t.Errorf("withinLines(%s) = %v, want %v", p, got, want)
		}
	}
}
