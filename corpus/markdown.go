package corpus

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	mdhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// parseMarkdown reads a Markdown article: front matter (title, date,
// author, url, source) when present, the title from the first heading, and
// the text of the rest with markup stripped. Dates and bylines are taken
// as in plain text.
func parseMarkdown(in input) (Article, error) {
	a := Article{ID: in.id, Path: in.path}
	src := bytes.ReplaceAll(in.data, []byte("\r\n"), []byte("\n"))
	src = frontMatter(src, &a)
	var buf bytes.Buffer
	md := goldmark.New(goldmark.WithRendererOptions(mdhtml.WithUnsafe()))
	if err := md.Convert(src, &buf); err != nil {
		return Article{}, err
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		return Article{}, err
	}
	if h := titleHeading(doc); h != nil {
		if title := strings.Join(strings.Fields(nodeText(h)), " "); title != "" {
			if a.Title == "" || strings.EqualFold(a.Title, title) {
				a.Title = title
				h.Parent.RemoveChild(h)
			}
		}
	}
	lines := splitLines(normalizeSpace(nodeText(doc)))
	var published = a.Published
	lines, a.Published = takeDateLine(lines)
	if !published.IsZero() {
		a.Published = published
	}
	lines = a.useByline(lines)
	a.Body = Clean(strings.Join(lines, "\n"))
	if a.Body == "" {
		return Article{}, ErrNoArticle
	}
	return a, nil
}

// titleHeading returns the heading that titles a rendered Markdown
// document: the first <h1>, or any first heading that opens the document.
func titleHeading(doc *html.Node) *html.Node {
	body := findElem(doc, atom.Body)
	if body == nil {
		return nil
	}
	first := true
	var found *html.Node
	for c := body.FirstChild; c != nil && found == nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H1:
			found = c
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if first {
				found = c
			}
		}
		first = false
	}
	return found
}

// findElem returns the first element of type a in n's tree.
func findElem(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElem(c, a); f != nil {
			return f
		}
	}
	return nil
}

var frontMatterLine = relit.MustCompile(`^([A-Za-z_][\w-]*)\s*:\s*(.*)$`)

// frontMatter reads a leading "---" block of "key: value" lines into a and
// returns the source after it. Keys read: title, date/published, author,
// url/link, source/publisher/site.
func frontMatter(src []byte, a *Article) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	end := bytes.Index(src[4:], []byte("\n---"))
	if end < 0 {
		return src
	}
	block := src[4 : 4+end]
	rest := src[4+end+4:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 && len(bytes.TrimSpace(rest[:nl])) == 0 {
		rest = rest[nl+1:]
	} else if len(bytes.TrimSpace(rest)) != 0 {
		return src // "---" followed by more text on its line: not front matter
	}
	for _, line := range strings.Split(string(block), "\n") {
		m := frontMatterLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		val := strings.Trim(strings.TrimSpace(m[2]), `"'`)
		switch strings.ToLower(m[1]) {
		case "title", "headline":
			a.Title = val
		case "date", "published", "pubdate", "published_at", "date_published":
			if t, ok := ParseDate(val); ok {
				a.Published = t
			}
		case "author", "byline":
			a.Author = val
		case "url", "link", "canonical", "canonical_url":
			a.URL = val
		case "source", "publisher", "site", "site_name":
			a.Publisher = val
		}
	}
	return rest
}
