package fastprose

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are texts that exercise prose's corner cases.
var fuzzSeeds = []string{
	"",
	"   \n\t ",
	"John's, said it's. Don't 'sup $100 (Mr. Smith) U.S. 3.55 e.g. I'll",
	"cafés Émile @x a@b.co -LRB- -ABC- - * 0 *-12 *T*-1 *?* 2024 +123 -456 1-2",
	"\u201cWe\u2019re sorry,\u201d said Ms. O\u2019Neil of the Metropolitan Police&rsquo;s unit.",
	"http://example.com/a(b) www.bbc.co.uk 3.5bn 1e5 inf NaN Infinity .5 -.5",
	":) :-) (-8 ¯\\(ツ)/¯ (╯°□°）╯︵┻━┻ xD XDD o_O",
	"The the the the. Met Met Met police police said said.",
	"\"(\"[\"Hello,\"]\")\" ((((x)))) 'quoted' ''double'' ,,,, ....",
	"İ'll ȺȺȺ's K'LL N'T can't won't y'all o'clock rock'n'roll",
	"\xff\xfe broken \xe2\x80 utf8 \xe2\x80\x9c half",
	"A\u00a0B\u0085C\u2003D\u3000E",
	"Sir Mark Rowley said the Metropolitan Police was \u201cconcerned\u201d.",
	"Scotland Yard said Sir Mark Rowley, the Commissioner of the Metropolitan Police, met Sadiq Khan in London.",
	strings.Repeat("Breach ", 40) + "end",
}

// FuzzFastprose compares fastprose with prose on arbitrary text.
// AnalyzeProse must give prose's tokens, tags, labels and entities on the
// whole text; Analyze must give prose's output on every window of the text
// in which no word repeats (see TestModel_Analyze), and AnalyzeProse's on a
// text in which prose shares no token. Inputs on which prose panics
// (fastprose must not) or whose scores tie (prose then picks at random)
// are not compared.
func FuzzFastprose(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	texts, err := textFiles(devSetDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range sortedNames(texts) {
		for _, line := range strings.Split(texts[name], "\n") {
			f.Add(line)
		}
	}
	m := loadModel(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			t.Skip("long inputs make prose slow")
		}
		doc, tie := m.analyze(text, true)
		checkOffsets(t, text, doc)
		perOcc, _ := m.analyze(text, false)
		checkOffsets(t, text, perOcc)
		if !sharesTokens(text) && !sameDocs(doc, perOcc) {
			t.Errorf("Analyze and AnalyzeProse differ on %q, where prose shares no token", text)
		}
		p := runProse(t, text)
		if p.panicked != nil {
			t.Skipf("prose panicked: %v", p.panicked)
		}
		if tie < 0 {
			if d := diff(p, doc); d != "" {
				t.Errorf("AnalyzeProse(%q): %s", text, d)
			}
		}
		for _, w := range repeatFreeWindows(text) {
			wdoc, wtie := m.analyze(w, false)
			if wtie >= 0 {
				continue
			}
			if d := diff(runProse(t, w), wdoc); d != "" {
				t.Errorf("Analyze(%q): %s", w, d)
			}
		}
	})
}

// sharesTokens reports whether prose's token cache would hand out one
// token object twice for text: whether a whitespace-delimited word (after
// the quote clean-up) repeats, other than as the text's final word.
func sharesTokens(text string) bool {
	clean, _ := sanitize(text)
	seen := map[string]bool{}
	for _, f := range fieldSpans(clean) {
		if f[1] == len(clean) {
			continue
		}
		w := clean[f[0]:f[1]]
		if seen[w] {
			return true
		}
		seen[w] = true
	}
	return false
}

func sameDocs(a, b Document) bool {
	if len(a.Tokens) != len(b.Tokens) || len(a.Entities) != len(b.Entities) {
		return false
	}
	for i := range a.Tokens {
		if a.Tokens[i] != b.Tokens[i] {
			return false
		}
	}
	for i := range a.Entities {
		if a.Entities[i] != b.Entities[i] {
			return false
		}
	}
	return true
}

// TestEmoticons checks that prose keeps each emoticon of emoticonData
// whole and tags it SYM.
func TestEmoticons(t *testing.T) {
	for _, e := range strings.Split(emoticonData, " ") {
		p := runProse(t, "x "+e+" y")
		if len(p.tokens) != 3 || p.tokens[1].Text != e || p.tokens[1].Tag != "SYM" {
			t.Errorf("prose on %q: %v", e, p.tokens)
		}
	}
}

// TestModel_Tokenize checks tokens and offsets on prose's corner cases
// (the expected tokens are what prose v2.0.0 produces).
func TestModel_Tokenize(t *testing.T) {
	m := loadModel(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"possessive", "John's car", []string{"John", "'s", "car"}},
		{"possessive then comma is dropped", "John's, car", []string{"John", "car"}},
		{"leading clitic is dropped", "'sup x", []string{"x"}},
		{"negation", "Don't", []string{"Do", "n't"}},
		{"opening marks", `$100 ("quoted")`, []string{"$", "100", "(", `"`, "quoted", `"`, ")"}},
		{"abbreviations", "Mr. Smith of the U.S.", []string{"Mr.", "Smith", "of", "the", "U.S."}},
		{"emoticon", "fine :-) thanks", []string{"fine", ":-)", "thanks"}},
		{"curly quotes", "\u201cIt\u2019s\u201d", []string{`"`, "It"}},
		{"curly quotes apart", "\u201cIt\u2019s \u201d", []string{`"`, "It", "'s", `"`}},
		{"rsquo entity", "Met&rsquo;s", []string{"Met", "'s"}},
		{"no-break space splits", "a\u00a0b", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := m.Tokenize(tt.text)
			var got []string
			for _, tok := range toks {
				got = append(got, tok.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			}
			var pt []string
			for _, tok := range runProse(t, tt.text).tokens {
				pt = append(pt, tok.Text)
			}
			if strings.Join(got, "|") != strings.Join(pt, "|") {
				t.Errorf("prose tokenizes %q as %q, fastprose as %q", tt.text, pt, got)
			}
			checkOffsets(t, tt.text, Document{Tokens: toks})
		})
	}
}

// TestModel_TokenizeOffsets checks offsets across replaced quotes.
func TestModel_TokenizeOffsets(t *testing.T) {
	m := loadModel(t)
	text := "\u201cWe\u2019re here\u201d &rsquo;ok"
	toks := m.Tokenize(text)
	want := []struct {
		text     string
		src      string
		start, e int
	}{
		{`"`, "\u201c", 0, 3},
		{"We", "We", 3, 5},
		{"'re", "\u2019re", 5, 10},
		{"here", "here", 11, 15},
		{`"`, "\u201d", 15, 18},
		{"'ok", "&rsquo;ok", 19, 28},
	}
	if len(toks) != len(want) {
		t.Fatalf("Tokenize(%q) = %+v", text, toks)
	}
	for i, w := range want {
		got := toks[i]
		if got.Text != w.text || got.Start != w.start || got.End != w.e || text[got.Start:got.End] != w.src {
			t.Errorf("token %d = %+v, want %q at [%d,%d) from %q", i, got, w.text, w.start, w.e, w.src)
		}
	}
	if !utf8.ValidString(text) {
		t.Fatal("test text is not UTF-8")
	}
}

// TestModel_Stages checks that Tokenize, Tag, Label and Entities in turn
// give what Analyze gives.
func TestModel_Stages(t *testing.T) {
	m := loadModel(t)
	for _, text := range fuzzSeeds {
		want := m.Analyze(text)
		toks := m.Tokenize(text)
		m.Tag(toks)
		m.Label(toks)
		got := Document{Tokens: toks, Entities: m.Entities(toks)}
		if !sameDocs(got, want) {
			t.Errorf("stages on %q:\n got %+v\nwant %+v", text, got, want)
		}
	}
}

// TestModel_StagesOddTokens checks that the stages take tokens prose never
// makes (empty, or with tags the model does not know) without panicking.
func TestModel_StagesOddTokens(t *testing.T) {
	m := loadModel(t)
	toks := []Token{{Text: ""}, {Text: "Met"}, {Text: ""}, {Text: "police"}, {Text: ""}}
	m.Tag(toks)
	for i, tok := range toks {
		if tok.Text == "" && tok.Tag != "" {
			t.Errorf("token %d: empty text tagged %q", i, tok.Tag)
		}
	}
	toks[1].Tag = "NOT-A-TAG"
	m.Label(toks)
	for i, tok := range toks {
		if tok.Label == "" {
			t.Errorf("token %d has no label", i)
		}
	}
	_ = m.Entities(toks)
}

// TestIsEmptyElement checks the -NONE- rule against prose's tagger.
func TestIsEmptyElement(t *testing.T) {
	for _, w := range []string{
		"0", "*", "*T*", "*?*", "*_*", "*a*", "*-1", "*-123", "*-1234", "*-", "*-x",
		"*EXP*-2", "*T*-12", "*T*-", "*t*-1", "**-1", "*T*", "**", "*.*", "*TT", "00", "*T*-1x", "x*-1",
	} {
		got := isEmptyElement(w)
		p := runProse(t, "x "+w+" y")
		want := len(p.tokens) == 3 && p.tokens[1].Tag == "-NONE-"
		if got != want {
			t.Errorf("isEmptyElement(%q) = %v; prose tags it %v", w, got, p.tokens)
		}
	}
}
