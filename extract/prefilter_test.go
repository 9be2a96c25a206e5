package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// agreeTexts returns the texts the prefilter is checked on: each file,
// line and first sentence (in capitals) of the project's test articles
// and, when it is beside the repository, of the dev set; plus texts built
// to sit on the edges of the literals (case, Unicode folding, invalid
// UTF-8).
func agreeTexts(t testing.TB) []string {
	t.Helper()
	texts := []string{
		"", " ", "The MET said", "REPORTED TO THE ICO", "Reported", "data BREACH",
		"hac\u212aed", // Kelvin sign: (?i)k matches it
		"mi\u017F\u017Fing laptop", "\u017Ftolen", "ſtolen pa\u017F\u017Fwords",
		"\xffreported\xfe", "breach\xff of contract", "no\u00a0bank details",
		"Police Forces of Kent and Essex", "constabularies of Wales",
		"one of its suppliers, Acme Ltd, said", "1,200 officers and staff", "Jan. 21 when staff",
	}
	dirs := []string{"testdata", filepath.Join("..", "corpus", "testdata"), filepath.Join("..", "corpus", "testdata", "*"),
		filepath.Join("..", "..", "shared", "corpus", "met-breach")}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			texts = append(texts, string(b)) // whole files: the corpus's format sniffing
			for _, para := range strings.Split(string(b), "\n") {
				// lines as the corpus reads them, and as extract's rules
				// read sentences (a line of these files is a paragraph)
				texts = append(texts, strings.TrimSpace(para))
				if i := strings.Index(para, ". "); i > 0 {
					texts = append(texts, strings.ToUpper(para[:i+1]))
				}
			}
		}
	}
	return texts
}

// checkAgree fails t when g answers text differently from its plain
// regexp, by any of the methods extract and corpus call.
func checkAgree(t *testing.T, g *relit.Regexp, text string) {
	t.Helper()
	re := g.Regexp
	same := func(method string, got, want any) {
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %s(%q) = %v with the prefilter %q, %v without", re, method, text, got, g.Literals(), want)
		}
	}
	same("MatchString", g.MatchString(text), re.MatchString(text))
	same("Match", g.Match([]byte(text)), re.Match([]byte(text)))
	same("FindAllStringSubmatchIndex", g.FindAllStringSubmatchIndex(text, -1), re.FindAllStringSubmatchIndex(text, -1))
	if len(text) > 1000 {
		return // whole files: the rest answer from the same match
	}
	same("FindString", g.FindString(text), re.FindString(text))
	same("FindStringIndex", g.FindStringIndex(text), re.FindStringIndex(text))
	same("FindStringSubmatch", g.FindStringSubmatch(text), re.FindStringSubmatch(text))
	same("FindStringSubmatchIndex", g.FindStringSubmatchIndex(text), re.FindStringSubmatchIndex(text))
	same("FindAllStringIndex", g.FindAllStringIndex(text, -1), re.FindAllStringIndex(text, -1))
	same("ReplaceAllString", g.ReplaceAllString(text, "<$0>"), re.ReplaceAllString(text, "<$0>"))
}

// TestRulesAgree: every rule's regexp (extract's and corpus's: this test
// binary holds both), with its literal prefilter, finds exactly what the
// plain regexp finds.
func TestRulesAgree(t *testing.T) {
	rules := relit.Compiled()
	if len(rules) < 50 {
		t.Fatalf("only %d rules compiled with relit", len(rules))
	}
	texts := agreeTexts(t)
	matched := 0
	for _, g := range rules {
		for _, text := range texts {
			checkAgree(t, g, text)
		}
		for _, text := range texts {
			if g.Regexp.MatchString(text) {
				matched++
				break
			}
		}
	}
	// the comparison means something only if the texts reach the rules
	if matched < len(rules)/2 {
		t.Errorf("only %d of %d regexps match any test text", matched, len(rules))
	}
	// and the prefilter does its job: the rules with words have literals
	for _, g := range []*relit.Regexp{reportVerbRe, breachTrigger, countNumRe, supplierPhrase} {
		if g.Literals() == nil {
			t.Errorf("%s: no prefilter", g)
		}
	}
}

// FuzzRules compares every rule's regexp with its plain regexp on
// arbitrary text.
func FuzzRules(f *testing.F) {
	for _, s := range agreeTexts(f) {
		if len(s) < 400 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, g := range relit.Compiled() {
			checkAgree(t, g, text)
		}
	})
}

// normNameReference is normName as first written, with regular
// expressions; the hand-written loop must agree with it.
func normNameReference(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", ".", "").Replace(s + " ")
	s = strings.ReplaceAll(s, "'s ", "s ")
	s = regexp.MustCompile(`[^\p{L}\p{N}&]+`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

func TestNormName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Information Commissioner’s Office", "information commissioners office"},
		{"  The  U.K.  Police ", "the uk police"},
		{"O'Brien & Sons", "o brien & sons"},
		{"Met's", "mets"},
		{"BT\u00a0Group", "bt group"},
	} {
		if got := normName(c.in); got != c.want {
			t.Errorf("normName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range agreeTexts(t) {
		if got, want := normName(s), normNameReference(s); got != want {
			t.Fatalf("normName(%q) = %q, the reference gives %q", s, got, want)
		}
	}
}

// FuzzNormName compares normName with its reference on arbitrary text.
func FuzzNormName(f *testing.F) {
	f.Add("Information Commissioner’s Office")
	f.Add("A.B. o'neil's \xff x")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normName(s), normNameReference(s); got != want {
			t.Fatalf("normName(%q) = %q, the reference gives %q", s, got, want)
		}
	})
}
