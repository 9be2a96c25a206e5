package fastprose

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

// devSetDir is the shared dev set; extractTestdata holds the extract
// package's hand-written articles.
const (
	devSetDir       = "../../../shared/corpus/met-breach"
	extractTestdata = "../../extract/testdata"
)

// proseModel is prose's model, built once for all tests (as the lead's
// extract package does).
var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("en") })

// sharedModel is this package's model, built once for all tests.
var sharedModel = sync.OnceValues(Load)

func loadModel(tb testing.TB) *Model {
	tb.Helper()
	m, err := sharedModel()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return m
}

// proseRun is prose's analysis of one text, or the panic it raised.
type proseRun struct {
	tokens   []prose.Token
	entities []prose.Entity
	panicked any
}

// runProse analyses text with prose as documented: shared model, no
// segmentation.
func runProse(tb testing.TB, text string) (r proseRun) {
	tb.Helper()
	defer func() {
		if p := recover(); p != nil {
			r.panicked = p
		}
	}()
	d, err := prose.NewDocument(text, prose.UsingModel(proseModel()), prose.WithSegmentation(false))
	if err != nil {
		tb.Fatalf("prose.NewDocument: %v", err)
	}
	return proseRun{tokens: d.Tokens(), entities: d.Entities()}
}

// diff describes the first difference between prose's run and doc, or
// returns "".
func diff(p proseRun, doc Document) string {
	n := min(len(p.tokens), len(doc.Tokens))
	for i := 0; i < n; i++ {
		pt, ft := p.tokens[i], doc.Tokens[i]
		if pt.Text != ft.Text || pt.Tag != ft.Tag || pt.Label != ft.Label {
			return fmt.Sprintf("token %d: prose %q/%s/%s, fastprose %q/%s/%s (context %s)",
				i, pt.Text, pt.Tag, pt.Label, ft.Text, ft.Tag, ft.Label, context(p.tokens, i))
		}
	}
	if len(p.tokens) != len(doc.Tokens) {
		return fmt.Sprintf("prose has %d tokens, fastprose %d", len(p.tokens), len(doc.Tokens))
	}
	if len(p.entities) != len(doc.Entities) {
		return fmt.Sprintf("prose has %d entities %v, fastprose %d %v", len(p.entities), p.entities, len(doc.Entities), doc.Entities)
	}
	for i, pe := range p.entities {
		if fe := doc.Entities[i]; pe.Text != fe.Text || pe.Label != fe.Label {
			return fmt.Sprintf("entity %d: prose %q/%s, fastprose %q/%s", i, pe.Text, pe.Label, fe.Text, fe.Label)
		}
	}
	return ""
}

func context(toks []prose.Token, i int) string {
	var b strings.Builder
	for k := max(0, i-4); k < min(len(toks), i+5); k++ {
		fmt.Fprintf(&b, "%s/%s/%s ", toks[k].Text, toks[k].Tag, toks[k].Label)
	}
	return b.String()
}

// checkOffsets checks that every token's offsets point at its text in
// the original, after prose's quote clean-up.
func checkOffsets(tb testing.TB, text string, doc Document) {
	tb.Helper()
	prevEnd := 0
	for i, t := range doc.Tokens {
		if t.Start < prevEnd || t.End <= t.Start || t.End > len(text) {
			tb.Fatalf("token %d %q: bad offsets [%d,%d) after %d", i, t.Text, t.Start, t.End, prevEnd)
		}
		if c, _ := sanitize(text[t.Start:t.End]); c != t.Text {
			tb.Fatalf("token %d: text[%d:%d] = %q cleans to %q, want %q", i, t.Start, t.End, text[t.Start:t.End], c, t.Text)
		}
		prevEnd = t.Start // suffix marks come after the word they follow
	}
	for i, e := range doc.Entities {
		if e.First < 0 || e.Last > len(doc.Tokens) || e.First >= e.Last ||
			e.Start != doc.Tokens[e.First].Start || e.End != doc.Tokens[e.Last-1].End {
			tb.Fatalf("entity %d %+v: bad token range or offsets", i, e)
		}
	}
}

// readTexts returns the .txt files of dir by name, or skips the test if
// dir has none.
func readTexts(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	texts, err := textFiles(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(texts) == 0 {
		tb.Skipf("no articles in %s (shared dev set or extract testdata absent)", dir)
	}
	return texts
}

// textFiles returns the .txt files of dir by name; none if dir is absent.
func textFiles(dir string) (map[string]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	texts := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts[filepath.Base(p)] = string(b)
	}
	return texts, nil
}

func sortedNames(texts map[string]string) []string {
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// articleDirs are the article sets the identity tests run on.
var articleDirs = []struct{ name, dir string }{
	{"dev-set", devSetDir},
	{"extract-testdata", extractTestdata},
}

// TestModel_AnalyzeProse compares whole articles with prose, token by
// token: text, tag and label of every token, and every entity. It runs
// AnalyzeProse, which reproduces prose's sharing of repeated words, so
// that the comparison covers every token as prose reports it.
func TestModel_AnalyzeProse(t *testing.T) {
	m := loadModel(t)
	for _, set := range articleDirs {
		t.Run(set.name, func(t *testing.T) {
			texts := readTexts(t, set.dir)
			for _, name := range sortedNames(texts) {
				text := texts[name]
				p := runProse(t, text)
				if p.panicked != nil {
					t.Fatalf("%s: prose panicked: %v", name, p.panicked)
				}
				doc, tie := m.analyze(text, true)
				if tie >= 0 {
					t.Errorf("%s: token %d was decided by a tie", name, tie)
				}
				if d := diff(p, doc); d != "" {
					t.Errorf("%s: %s", name, d)
				}
				checkOffsets(t, text, doc)
			}
		})
	}
}

// TestModel_Analyze checks Analyze, which tags and labels every occurrence
// of a word in its own context, against prose per occurrence. prose's
// output for a repeated word is that of its last occurrence, so on a whole
// article it is no reference for the others. This test therefore cuts
// each article at white space into windows in which no whitespace-delimited
// word repeats; on such a window prose shares no token, so its output is
// per occurrence and must equal Analyze's on the same window, token for
// token and entity for entity. The windows together cover every token of
// every article. (TestModel_AnalyzeProse covers the whole articles.)
func TestModel_Analyze(t *testing.T) {
	m := loadModel(t)
	for _, set := range articleDirs {
		t.Run(set.name, func(t *testing.T) {
			texts := readTexts(t, set.dir)
			covered, total := 0, 0
			for _, name := range sortedNames(texts) {
				text := texts[name]
				total += len(m.Tokenize(text))
				for _, w := range repeatFreeWindows(text) {
					p := runProse(t, w)
					doc, tie := m.analyze(w, false)
					if tie >= 0 {
						t.Errorf("%s: window %q: token %d was decided by a tie", name, w, tie)
						continue
					}
					if d := diff(p, doc); d != "" {
						t.Errorf("%s: window %q: %s", name, w, d)
					}
					covered += len(doc.Tokens)
				}
			}
			if covered != total {
				t.Errorf("windows cover %d tokens, articles have %d", covered, total)
			}
		})
	}
}

// repeatFreeWindows cuts text at white space into consecutive pieces in
// which no whitespace-delimited word occurs twice (compared after prose's
// quote clean-up, as prose's token cache compares them).
func repeatFreeWindows(text string) []string {
	var out []string
	seen := map[string]bool{}
	start := 0 // start of the current window
	fields := fieldSpans(text)
	for _, f := range fields {
		w, _ := sanitize(text[f[0]:f[1]])
		if seen[w] {
			out = append(out, text[start:f[0]])
			start = f[0]
			clear(seen)
		}
		seen[w] = true
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// fieldSpans returns the byte ranges of the whitespace-delimited words of
// text, as prose's tokenizer delimits them (after its quote clean-up,
// which does not touch white space).
func fieldSpans(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		if n := spaceAt(text, i); n > 0 {
			i += n
			continue
		}
		j := i + 1
		for j < len(text) && spaceAt(text, j) == 0 {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// TestModel_Concurrent analyses texts from several goroutines with one
// model (run with -race) and checks every result against a sequential one.
func TestModel_Concurrent(t *testing.T) {
	m := loadModel(t)
	texts := fuzzSeeds
	want := make([]Document, len(texts))
	for i, text := range texts {
		want[i] = m.Analyze(text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(texts))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, text := range texts {
				if !sameDocs(m.Analyze(text), want[i]) {
					errs <- text
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for text := range errs {
		t.Errorf("concurrent Analyze(%q) differs from sequential", text)
	}
}

// TestModel_AnalyzeProse_WordSalad compares AnalyzeProse with prose on
// texts made of the articles' words in random order, with random changes
// of case, punctuation, numbers, hyphens and quotes, to reach feature
// values and tag sequences the articles alone do not. The generator is
// seeded, so the texts are the same on every run.
func TestModel_AnalyzeProse_WordSalad(t *testing.T) {
	m := loadModel(t)
	texts, err := textFiles(extractTestdata)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := textFiles(devSetDir)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, set := range []map[string]string{texts, dev} {
		for _, name := range sortedNames(set) {
			words = append(words, strings.Fields(set[name])...)
		}
	}
	if len(words) == 0 {
		t.Skip("no articles to take words from")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	extras := []string{"-", "--", "3.5", "2024", "1,000", "-LRB-", "*", "0", "e.g.", "Mr.", "U.S.", ":)", "@met",
		"www.met.police.uk", "it's", "can't", "'s", "\u2019", "\u201c", "&rsquo;", "$", "(", ")", "!", "?", "10-year-old"}
	ties := 0
	for k := 0; k < 200; k++ {
		var b strings.Builder
		for j := 0; j < 40+rng.IntN(40); j++ {
			w := words[rng.IntN(len(words))]
			switch rng.IntN(12) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = strings.ToLower(w)
			case 2:
				w = extras[rng.IntN(len(extras))]
			case 3:
				w += extras[rng.IntN(len(extras))]
			}
			b.WriteString(w)
			b.WriteString([]string{" ", " ", " ", "\n", "  "}[rng.IntN(5)])
		}
		text := b.String()
		doc, tie := m.analyze(text, true)
		if tie >= 0 {
			ties++
			continue
		}
		p := runProse(t, text)
		if p.panicked != nil {
			t.Fatalf("prose panicked on %q: %v", text, p.panicked)
		}
		if d := diff(p, doc); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
	if ties > 2 {
		t.Errorf("%d of 200 texts had score ties; expected them to be rare", ties)
	}
}
