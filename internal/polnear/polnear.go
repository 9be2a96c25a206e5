package polnear

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/corpus"
)

// rawSpan is a span of a PolNeAR attribution: code point offsets into
// the article's file.
type rawSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// rawAttribution is one source–cue–content link.
type rawAttribution struct {
	Source     []rawSpan `json:"source"`
	Cue        []rawSpan `json:"cue"`
	Content    []rawSpan `json:"content"`
	Resolved   string    `json:"source_resolved"`
	ResolvedBy string    `json:"resolved_by"`
}

// Article is one article of a split with its attributions mapped onto
// the body newsgraph reads (byte offsets; spans whose text is not in the
// body are left out).
type Article struct {
	Article corpus.Article
	Attr    []Attribution
}

// Attribution is a PolNeAR attribution (source, cue, content) in body
// byte offsets; Resolved is the source's name, "" when unresolved.
type Attribution struct {
	Source, Cue, Content []Span
	Resolved             string
}

// Span is a half-open byte range of a body.
type Span struct{ Start, End int }

// Load reads split ("train" or "dev") of ../shared/eval/polnear
// under root: its articles as newsgraph reads them and their
// attributions, in article id order.
func Load(ctx context.Context, root, split string) ([]Article, error) {
	dir := filepath.Join(root, "polnear", split)
	f, err := os.Open(filepath.Join(dir, "attributions.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("polnear %s: %w", split, err)
	}
	defer f.Close()
	attrs := map[string][]rawAttribution{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			ID           string           `json:"id"`
			Attributions []rawAttribution `json:"attributions"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("polnear %s attributions: %w", split, err)
		}
		attrs[rec.ID] = rec.Attributions
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("polnear %s attributions: %w", split, err)
	}
	w, err := corpus.Open(ctx, filepath.Join(dir, "articles"), corpus.Config{})
	if err != nil {
		return nil, fmt.Errorf("polnear %s articles: %w", split, err)
	}
	defer w.Close()
	var out []Article
	for {
		a, err := w.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("polnear %s articles: %w", split, err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "articles", a.ID+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", split, err)
		}
		m := alignBody(string(raw), a.Body)
		pa := Article{Article: a}
		for _, at := range attrs[a.ID] {
			pa.Attr = append(pa.Attr, Attribution{Source: m.spans(at.Source), Cue: m.spans(at.Cue),
				Content: m.spans(at.Content), Resolved: at.Resolved})
		}
		out = append(out, pa)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Article.ID < out[j].Article.ID })
	return out, nil
}

// bodyMap maps the code points of an article's file onto its body.
type bodyMap struct {
	body []int // for each code point of the file, its byte offset in the body or -1
	text string
}

// alignBody aligns file with body, which newsgraph made from it by
// normalising white space and dropping some lines (headline,
// boilerplate): each file line is matched at the body's current place,
// white space aside, or taken as dropped.
func alignBody(file, body string) bodyMap {
	rs := []rune(file)
	m := bodyMap{body: make([]int, len(rs)+1), text: body}
	for i := range m.body {
		m.body[i] = -1
	}
	j := 0
	for i := 0; i < len(rs); {
		// the line [i, e)
		e := i
		for e < len(rs) && rs[e] != '\n' {
			e++
		}
		jj, ok := j, true
		tmp := make([]int, 0, e-i)
		for k := i; k < e; k++ {
			r := rs[k]
			if unicode.IsSpace(r) {
				tmp = append(tmp, jj)
				continue
			}
			for jj < len(body) {
				br, _ := utf8.DecodeRuneInString(body[jj:])
				if !unicode.IsSpace(br) {
					break
				}
				jj++
			}
			br, n := utf8.DecodeRuneInString(body[jj:])
			if jj >= len(body) || br != r {
				ok = false
				break
			}
			tmp = append(tmp, jj)
			jj += n
		}
		if ok {
			copy(m.body[i:e], tmp)
			m.body[e] = jj
			j = jj
		}
		i = e + 1
	}
	return m
}

// spans maps PolNeAR spans onto the body, leaving out those not in it.
func (m bodyMap) spans(ss []rawSpan) []Span {
	var out []Span
	for _, s := range ss {
		if s.Start < 0 || s.End > len(m.body)-1 || s.Start >= s.End {
			continue
		}
		a, b := m.body[s.Start], m.body[s.End-1]
		if a < 0 || b < 0 {
			continue
		}
		_, n := utf8.DecodeRuneInString(m.text[b:])
		out = append(out, Span{a, b + n})
	}
	return out
}

// OverlapsAny reports whether [s, e) overlaps one of spans.
func OverlapsAny(s, e int, spans []Span) bool {
	for _, x := range spans {
		if x.Start < e && s < x.End {
			return true
		}
	}
	return false
}

// within reports whether [s, e) lies mostly inside one of spans.
func Within(s, e int, spans []Span) bool {
	in := 0
	for _, x := range spans {
		in += max(0, min(e, x.End)-max(s, x.Start))
	}
	return e > s && 2*in >= e-s
}

// Root returns ../shared/eval: flagValue when given, else the first
// ../shared/eval above the working directory.
func Root(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find ../shared: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "..", "shared", "eval")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("no ../shared/eval above %s (run from the repository's root or give -shared)", strings.TrimSpace(dir))
}

// SpeakerGold returns which of cands names the source of the words [s,
// e) of article a: the first candidate in the source of the attribution
// whose content holds the words, or the empty candidate
// ("nobody") when no attribution holds them or it has no source. ok is
// false when the source is none of cands.
func SpeakerGold(a Article, s, e int, cands []Span) (pos []int, ok bool) {
	for _, at := range a.Attr {
		if !Within(s, e, at.Content) {
			continue
		}
		if len(at.Source) == 0 {
			break
		}
		// the source's head: the first candidate in the source, not the
		// affiliation after it ("Rick Prior, of the Federation")
		first := -1
		for k, c := range cands {
			if c.End > c.Start && OverlapsAny(c.Start, c.End, at.Source) && (first < 0 || c.Start < cands[first].Start) {
				first = k
			}
		}
		if first < 0 {
			return nil, false
		}
		return []int{first}, true
	}
	for k, c := range cands {
		if c.End <= c.Start {
			return []int{k}, true
		}
	}
	return nil, false
}

// SourceName returns the resolved name of the source of the words [s, e)
// of article a when that source overlaps [ps, pe) (the speaker mention
// a system chose): ok is false when no attribution holds the words, its
// source is elsewhere or it is unresolved.
func SourceName(a Article, s, e, ps, pe int) (string, bool) {
	for _, at := range a.Attr {
		if !Within(s, e, at.Content) {
			continue
		}
		if at.Resolved == "" || !OverlapsAny(ps, pe, at.Source) {
			return "", false
		}
		return at.Resolved, true
	}
	return "", false
}

// SameName reports whether name (a system's) names the gold speaker:
// it holds every word of gold, or is gold's surname alone, as PolNeAR's
// lenient scorer counts it (titles aside, generational suffixes agreeing).
func SameName(gold, name string) bool {
	g, n := nameWords(gold), nameWords(name)
	if len(g) == 0 || len(n) == 0 {
		return false
	}
	suffix := map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}
	has := map[string]bool{}
	for _, w := range n {
		has[w] = true
	}
	for _, w := range g {
		if suffix[w] != has[w] && suffix[w] {
			return false
		}
	}
	for _, w := range n {
		if suffix[w] && !contains(g, w) {
			return false
		}
	}
	all := true
	for _, w := range g {
		if !suffix[w] && !has[w] {
			all = false
		}
	}
	if all {
		return true
	}
	return len(n) == 1 && len(g) > 1 && n[0] == g[len(g)-1]
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// nameTitles are the titles the lenient scorer strips from a name's start.
var nameTitles = map[string]bool{"sen": true, "senator": true, "rep": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "president": true, "gov": true, "governor": true, "secretary": true, "the": true, "former": true,
	"gen": true, "general": true, "judge": true, "mayor": true, "democrat": true, "republican": true}

// nameWords lower-cases a name into its words, without leading titles
// and possessives.
func nameWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "’", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	var out []string
	for _, w := range f {
		w = strings.TrimSuffix(strings.Trim(w, "'"), "'s")
		if w != "" {
			out = append(out, w)
		}
	}
	for len(out) > 1 && nameTitles[out[0]] {
		out = out[1:]
	}
	return out
}
