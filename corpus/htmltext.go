package corpus

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// looksHTML reports whether a text field holds HTML markup rather than
// plain text.
func looksHTML(s string) bool {
	return htmlMarkup.MatchString(s)
}

var htmlMarkup = relit.MustCompile(`(?i)<(?:p|br|div|span|a|em|strong|b|i|ul|ol|li|h[1-6]|blockquote|figure|img|table|section|article)(?:\s[^>]*)?/?>|</(?:p|div|a|li|h[1-6]|blockquote)>|&(?:amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-f]+);`)

// htmlFragmentText converts an HTML fragment, such as a feed item's
// content, to text with one line per block element.
func htmlFragmentText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return b.String()
}

// nodeText converts an HTML tree to text with one line per block element.
func nodeText(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n)
	return b.String()
}

// skipElems are elements whose content is not article text.
var skipElems = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Object: true, atom.Head: true, atom.Figcaption: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Nav: true, atom.Form: true, atom.Math: true,
}

// blockElems break lines before and after.
var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true,
	atom.Tr: true, atom.Table: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Figure: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true,
	atom.Main: true, atom.Aside: true, atom.Address: true, atom.Details: true, atom.Summary: true,
	atom.Body: true, atom.Html: true, atom.Caption: true, atom.Fieldset: true,
}

// writeText appends the text of n. Text inside a block is joined with
// spaces; blocks and <br> end lines.
func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		if skipElems[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br {
			b.WriteByte('\n')
			return
		}
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			b.WriteByte(' ')
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && blockElems[n.DataAtom]
	if block {
		b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block {
		b.WriteString("\n\n")
	}
}
