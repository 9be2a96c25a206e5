package corpus

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// minArticleWords is how many words the longest paragraph of an HTML page
// must have for the page to count as holding an article; pages of only
// navigation, link lists or short notices are skipped with ErrNoArticle.
const minArticleWords = 12

// parseHTML reads a saved article page. The main text is found by
// go-readability (Mozilla's Readability), which drops navigation,
// adverts, comments and link lists; title, author, publisher, canonical
// URL and publication date come from the page's metadata (<meta>,
// OpenGraph, JSON-LD), and a byline or date line the text opens with is
// taken as author or date as in plain text.
func parseHTML(in input) (Article, error) {
	data, err := decodeHTML(in.data)
	if err != nil {
		return Article{}, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Article{}, fmt.Errorf("%w HTML: %v", ErrSyntax, err)
	}
	meta := pageMeta(doc) // before readability changes the tree
	res, err := readable(doc)
	if err != nil {
		return Article{}, err
	}
	a := Article{
		ID:        in.id,
		Path:      in.path,
		Title:     cmp.Or(strings.TrimSpace(res.Title()), meta.title),
		Author:    cmp.Or(meta.author, bylineName(res.Byline())),
		Publisher: cmp.Or(meta.publisher, strings.TrimSpace(res.SiteName())),
		URL:       meta.url,
		Published: meta.published,
	}
	if a.Published.IsZero() {
		if t, err := res.PublishedTime(); err == nil {
			a.Published = t.UTC()
		}
	}
	a.foldMetadata() // before the headline is looked for in the text
	lines := splitLines(normalizeSpace(nodeText(res.Node)))
	// The page's headline may open the extracted text; Title holds it.
	for i, l := range lines {
		if l == "" {
			continue
		}
		if a.Title != "" && strings.EqualFold(l, a.Title) {
			lines = lines[i+1:]
		}
		break
	}
	lines, published := takeDateLine(lines)
	if a.Published.IsZero() {
		a.Published = published
	}
	lines = a.useByline(lines)
	a.Body = Clean(strings.Join(lines, "\n"))
	if longestParagraph(a.Body) < minArticleWords {
		return Article{}, ErrNoArticle
	}
	return a, nil
}

// bylineName returns the name in a byline ("By Jane Doe, Political
// Editor"), or the byline itself when it is not one.
func bylineName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !strings.HasPrefix(strings.ToLower(s), "by ") {
		s = "By " + s
	}
	if m := byline.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return strings.TrimSpace(strings.TrimPrefix(s, "By "))
}

// readable finds the page's main text with go-readability, changing doc.
// A page it fails on, or panics on, is one without an article.
func readable(doc *html.Node) (res readability.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (the text extractor failed: %v)", ErrNoArticle, p)
		}
	}()
	parser := readability.NewParser()
	res, err = parser.ParseAndMutate(doc, nil)
	if err != nil || res.Node == nil {
		return res, ErrNoArticle
	}
	return res, nil
}

// longestParagraph returns the word count of body's longest paragraph.
func longestParagraph(body string) int {
	n := 0
	for _, p := range strings.Split(body, "\n") {
		n = max(n, len(strings.Fields(p)))
	}
	return n
}

// decodeHTML returns the page as UTF-8, converting from the charset its
// <meta> declares when the bytes are not UTF-8.
func decodeHTML(data []byte) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	head := bytes.ToLower(data[:min(len(data), 4096)])
	if !bytes.Contains(head, []byte("charset")) {
		line, _ := checkUTF8(data)
		return nil, &ParseError{Line: line, Err: ErrNotUTF8}
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" {
		line, _ := checkUTF8(data)
		return nil, &ParseError{Line: line, Err: ErrNotUTF8}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("%w: decoding %s: %v", ErrNotUTF8, name, err)
	}
	return out, nil
}

// meta is what a page's <head> and JSON-LD say about its article.
type meta struct {
	title, url, publisher, author string
	published                     time.Time
}

// pageMeta reads the article's metadata from the page's <head>, JSON-LD
// and <time> elements.
func pageMeta(doc *html.Node) meta {
	var m meta
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "article:published_time", "og:article:published_time", "datepublished", "pubdate",
					"publish-date", "publishdate", "date", "dc.date", "dc.date.issued", "dcterms.created",
					"sailthru.date", "parsely-pub-date":
					if t, ok := ParseDate(val); ok && m.published.IsZero() {
						m.published = t
					}
				case "og:title", "twitter:title":
					setIfEmpty(&m.title, val)
				case "og:url":
					setIfEmpty(&m.url, val)
				case "og:site_name", "application-name":
					setIfEmpty(&m.publisher, val)
				case "author", "article:author", "dc.creator", "byl":
					if !strings.HasPrefix(val, "http") {
						setIfEmpty(&m.author, strings.TrimPrefix(val, "By "))
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					setIfEmpty(&m.url, strings.TrimSpace(attr(n, "href")))
				}
			case atom.Title:
				if n.FirstChild != nil {
					setIfEmpty(&m.title, strings.TrimSpace(n.FirstChild.Data))
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					jsonLD(n.FirstChild.Data, &m)
				}
			case atom.Time:
				if t, ok := ParseDate(attr(n, "datetime")); ok && m.published.IsZero() && strings.Contains(strings.ToLower(attr(n, "itemprop")+attr(n, "class")+attr(n, "pubdate")), "pub") {
					m.published = t
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// jsonLD reads a NewsArticle-like JSON-LD object (or a list or @graph of
// them) into m.
func jsonLD(src string, m *meta) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			typ := fmt.Sprint(x["@type"])
			if !strings.Contains(typ, "Article") && !strings.Contains(typ, "Posting") && !strings.Contains(typ, "Report") {
				return
			}
			if s, ok := x["datePublished"].(string); ok && m.published.IsZero() {
				if t, ok := ParseDate(s); ok {
					m.published = t
				}
			}
			if s, ok := x["headline"].(string); ok {
				setIfEmpty(&m.title, strings.TrimSpace(s))
			}
			if s, ok := x["url"].(string); ok {
				setIfEmpty(&m.url, strings.TrimSpace(s))
			}
			setIfEmpty(&m.publisher, ldName(x["publisher"]))
			setIfEmpty(&m.author, ldName(x["author"]))
		}
	}
	visit(v, 0)
}

// ldName returns the name of a JSON-LD person or organisation, or of the
// first in a list.
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return strings.TrimSpace(s)
		}
	case []any:
		if len(x) > 0 {
			return ldName(x[0])
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func setIfEmpty(dst *string, val string) {
	if *dst == "" {
		*dst = val
	}
}
