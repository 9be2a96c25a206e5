package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// parseFeed reads an RSS 2.0, RSS 1.0, Atom or JSON Feed document with
// gofeed: one article per item, from the item's full content where the
// feed carries it (content:encoded, Atom content, content_html) and its
// summary otherwise, converted from HTML to text. A feed cut off in the
// middle yields the items before the cut and one ErrTruncated problem.
func parseFeed(in input) []result {
	data := in.data
	declared := !isJSONStart(data) && bytes.Contains(data[:min(len(data), 200)], []byte("encoding="))
	if !declared { // XML with a declared encoding is decoded by gofeed
		if line, ok := checkUTF8(data); !ok {
			return []result{{err: &ParseError{Path: in.path, Line: line, Err: ErrNotUTF8}}}
		}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err == nil {
		return feedItems(in, feed)
	}
	feed = salvageFeed(data)
	if feed == nil || len(feed.Items) == 0 {
		return []result{{err: &ParseError{Path: in.path, Err: fmt.Errorf("%w feed: %v", ErrSyntax, err)}}}
	}
	kind, what := ErrSyntax, "the error"
	if msg := err.Error(); strings.Contains(msg, "EOF") || strings.Contains(msg, "unexpected end") {
		kind, what = ErrTruncated, "the cut"
	}
	return append(feedItems(in, feed), result{err: &ParseError{Path: in.path,
		Err: fmt.Errorf("%w feed: kept %s before %s (%v)", kind, plural(len(feed.Items), "item"), what, err)}})
}

// feedItems makes one article of each item.
func feedItems(in input, feed *gofeed.Feed) []result {
	if len(feed.Items) == 0 {
		return []result{{err: &ParseError{Path: in.path, Err: fmt.Errorf("%w: feed has no items", ErrNoArticle)}}}
	}
	out := make([]result, 0, len(feed.Items))
	publisher := strings.TrimSpace(feed.Title)
	for i, it := range feed.Items {
		path := in.path + "#" + strconv.Itoa(i+1)
		a, err := feedItem(it, publisher)
		if err != nil {
			out = append(out, result{err: &ParseError{Path: path, Err: err}})
			continue
		}
		a.Path = path
		out = append(out, result{a: a})
	}
	return out
}

func feedItem(it *gofeed.Item, publisher string) (Article, error) {
	if it == nil {
		return Article{}, fmt.Errorf("%w: empty item", ErrNoArticle)
	}
	raw := it.Content
	if strings.TrimSpace(raw) == "" {
		raw = it.Description
	}
	text := raw
	if looksHTML(text) {
		text = htmlFragmentText(text)
	}
	a := Article{
		Title:     strings.TrimSpace(plainText(it.Title)),
		URL:       strings.TrimSpace(it.Link),
		Publisher: publisher,
		Body:      Clean(text),
	}
	if a.Body == "" {
		return Article{}, fmt.Errorf("%w: item has no content or description", ErrNoArticle)
	}
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		a.Author = strings.TrimSpace(it.Authors[0].Name)
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.Published = *it.UpdatedParsed
	default:
		for _, s := range []string{it.Published, it.Updated} {
			if t, ok := ParseDate(s); ok {
				a.Published = t
				break
			}
		}
	}
	a.ID = itemID(it.GUID, a.URL, a.Body)
	return a, nil
}

// plainText strips markup and entities from a short field such as a title.
func plainText(s string) string {
	if !looksHTML(s) {
		return s
	}
	return strings.Join(strings.Fields(htmlFragmentText(s)), " ")
}

// plural formats a count of things: "1 item", "3 items".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

func isJSONStart(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

var (
	xmlItemEnd = relit.MustCompile(`(?i)</(?:item|entry)\s*>`)
	xmlRoot    = relit.MustCompile(`(?i)<(rss|feed|rdf:RDF)[\s>]`)
)

// salvageFeed recovers the complete items of a feed that is cut off or
// broken part way: it cuts the document after an item's end, closes it
// again and parses that, trying earlier cuts when a later one still fails.
// It returns nil when nothing can be recovered.
func salvageFeed(data []byte) *gofeed.Feed {
	if isJSONStart(data) {
		repaired, n := repairJSONFeed(data)
		if n == 0 {
			return nil
		}
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(repaired))
		if err != nil {
			return nil
		}
		return feed
	}
	ends := xmlItemEnd.FindAllIndex(data, -1)
	root := xmlRoot.FindSubmatch(data)
	if len(ends) == 0 || root == nil {
		return nil
	}
	closing := "</rdf:RDF>"
	switch strings.ToLower(string(root[1])) {
	case "rss":
		closing = "</channel></rss>"
	case "feed":
		closing = "</feed>"
	}
	for i := len(ends) - 1; i >= 0; i = (i+1)/2 - 1 {
		cut := ends[i][1]
		doc := append(append([]byte(nil), data[:cut]...), closing...)
		if feed, err := gofeed.NewParser().Parse(bytes.NewReader(doc)); err == nil {
			return feed
		}
	}
	return nil
}

// repairJSONFeed cuts a truncated JSON Feed after its last complete item.
func repairJSONFeed(data []byte) ([]byte, int) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, 0
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, 0
		}
		if key != "items" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil, 0
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return nil, 0
		}
		n, end := 0, dec.InputOffset()
		for dec.More() {
			var item json.RawMessage
			if dec.Decode(&item) != nil {
				break
			}
			n, end = n+1, dec.InputOffset()
		}
		if n == 0 {
			return nil, 0
		}
		out := append(append([]byte(nil), data[:end]...), "]}"...)
		return out, n
	}
	return nil, 0
}
