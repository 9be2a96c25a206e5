package polnear

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Silver is one article's CoreNLP annotation (CORENLP.md in
// ../shared/eval/polnear): code point offsets into the article's file.
type Silver struct {
	// ID is the article's file name ("nyt_2016-….txt").
	ID string `json:"id"`
	// Entities are the named entity spans with their CoreNLP label
	// (PERSON, ORGANIZATION, LOCATION, MISC, DATE, …).
	Entities []SilverSpan `json:"entities"`
}

// SilverSpan is a labelled half-open code point range.
type SilverSpan struct {
	Start, End int
	Label      string
}

// UnmarshalJSON decodes [start, end, "LABEL"].
func (s *SilverSpan) UnmarshalJSON(b []byte) error {
	var a [3]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if err := json.Unmarshal(a[0], &s.Start); err != nil {
		return err
	}
	if err := json.Unmarshal(a[1], &s.End); err != nil {
		return err
	}
	return json.Unmarshal(a[2], &s.Label)
}

// ReadSilver reads a corenlp.jsonl.gz file: each article's annotation by
// its file name.
func ReadSilver(path string) (map[string]Silver, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corenlp: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("corenlp %s: %w", path, err)
	}
	out := map[string]Silver{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var s Silver
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("corenlp %s: %w", path, err)
		}
		out[s.ID] = s
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corenlp %s: %w", path, err)
	}
	return out, nil
}

// BodyMap maps code point offsets of an article's file onto the body
// newsgraph read from it.
type BodyMap struct{ m bodyMap }

// Align maps the file's text onto body (see alignBody): the lines
// newsgraph dropped (the headline, boilerplate) map nowhere.
func Align(file, body string) BodyMap { return BodyMap{alignBody(file, body)} }

// Span maps the code point range [start, end) of the file onto the body;
// ok is false when part of it is not in the body.
func (b BodyMap) Span(start, end int) (Span, bool) {
	s := b.m.spans([]rawSpan{{Start: start, End: end}})
	if len(s) == 0 {
		return Span{}, false
	}
	return s[0], true
}

// LabeledSpan is a span of a body with a CoreNLP label.
type LabeledSpan struct {
	Span
	Label string
}

// SilverEntities reads SPLIT/corenlp.jsonl.gz under root and maps each
// article's entities onto its body, by article id; an article CoreNLP
// did not annotate has none, and entities outside the body (in the
// headline) are left out.
func SilverEntities(root, split string, arts []Article) (map[string][]LabeledSpan, error) {
	dir := filepath.Join(root, "polnear", split)
	silver, err := ReadSilver(filepath.Join(dir, "corenlp.jsonl.gz"))
	if err != nil {
		return nil, err
	}
	out := map[string][]LabeledSpan{}
	for _, a := range arts {
		s, ok := silver[a.Article.ID+".txt"]
		if !ok {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, "articles", a.Article.ID+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", split, err)
		}
		bm := Align(string(raw), a.Article.Body)
		ls := []LabeledSpan{}
		for _, e := range s.Entities {
			if sp, ok := bm.Span(e.Start, e.End); ok {
				ls = append(ls, LabeledSpan{sp, e.Label})
			}
		}
		out[a.Article.ID] = ls
	}
	return out, nil
}
