package corpus

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/relit"
)

// Format is an input format a Source can read.
type Format int

// The formats, as Sniff tells them apart.
const (
	// FormatUnknown asks for the format to be sniffed from the content.
	FormatUnknown Format = iota
	// FormatText is plain text: an optional headline line, then paragraphs.
	FormatText
	// FormatMarkdown is Markdown, optionally with YAML-style front matter.
	FormatMarkdown
	// FormatHTML is a saved web page holding one article.
	FormatHTML
	// FormatFeed is an RSS, Atom or JSON Feed document.
	FormatFeed
	// FormatJSON is one JSON article object or an array of them.
	FormatJSON
	// FormatJSONL is JSON Lines: one article object per line.
	FormatJSONL
	// FormatBinary is data that is not text.
	FormatBinary
)

// String returns the format's name, as used in log lines.
func (f Format) String() string {
	switch f {
	case FormatText:
		return "text"
	case FormatMarkdown:
		return "markdown"
	case FormatHTML:
		return "html"
	case FormatFeed:
		return "feed"
	case FormatJSON:
		return "json"
	case FormatJSONL:
		return "jsonl"
	case FormatBinary:
		return "binary"
	}
	return "unknown"
}

// SniffLen is how many leading bytes Sniff looks at.
const SniffLen = 64 << 10

// Sniff tells the format of an input from its first bytes (up to SniffLen)
// and, only where the content leaves it open, from the name's extension.
// It never returns FormatUnknown: text it cannot place is FormatText.
func Sniff(name string, head []byte) Format {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	ext := strings.ToLower(filepath.Ext(name))
	if isBinary(head) {
		return FormatBinary
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return textByExt(ext)
	case trimmed[0] == '{' || trimmed[0] == '[':
		if f := sniffJSON(trimmed, ext); f != FormatUnknown {
			return f
		}
	case trimmed[0] == '<':
		if f := sniffMarkup(trimmed, ext); f != FormatUnknown {
			return f
		}
	}
	if looksMarkdown(trimmed) {
		return FormatMarkdown
	}
	return textByExt(ext)
}

var utf8BOM = []byte("\xef\xbb\xbf")

func textByExt(ext string) Format {
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	}
	return FormatText
}

// isBinary reports data that is not text: a NUL byte, a UTF-16 or UTF-32
// byte order mark, a known binary signature, or many control bytes.
func isBinary(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return true // UTF-16: reported as binary, not decoded
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ct := http.DetectContentType(head)
	if !strings.HasPrefix(ct, "text/") && ct != "application/json" && ct != "application/octet-stream" {
		return true // images, archives, PDF, audio, video, fonts
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	return ctrl*100 > len(head) // more than 1% control bytes
}

// sniffJSON tells JSON Feed, JSON and JSON Lines apart. It returns
// FormatUnknown for text that merely starts with a bracket.
func sniffJSON(head []byte, ext string) Format {
	second := bytes.TrimLeft(head[1:], " \t\r\n")
	if len(second) > 0 {
		c := second[0]
		if head[0] == '{' && c != '"' && c != '}' {
			return FormatUnknown
		}
		if head[0] == '[' && !strings.ContainsRune(`{["]`, rune(c)) {
			return FormatUnknown
		}
	}
	if head[0] == '{' && jsonFeedVersion.Match(head) {
		return FormatFeed
	}
	if head[0] == '[' {
		return FormatJSON
	}
	if ext == ".jsonl" || ext == ".ndjson" {
		return FormatJSONL
	}
	// One object then another on a later line is JSON Lines.
	dec := json.NewDecoder(bytes.NewReader(head))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return FormatJSON
	}
	rest := head[dec.InputOffset():]
	nl := bytes.IndexByte(rest, '\n')
	if nl >= 0 && len(bytes.TrimSpace(rest[:nl])) == 0 && bytes.HasPrefix(bytes.TrimLeft(rest, " \t\r\n"), []byte("{")) {
		return FormatJSONL
	}
	return FormatJSON
}

var jsonFeedVersion = relit.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/version/`)

// sniffMarkup tells feeds from HTML pages by their root elements.
func sniffMarkup(head []byte, ext string) Format {
	lower := bytes.ToLower(head)
	switch {
	case feedRoot.Match(lower):
		return FormatFeed
	case htmlRoot.Match(lower):
		return FormatHTML
	case ext == ".html" || ext == ".htm" || ext == ".xhtml":
		return FormatHTML
	case ext == ".rss" || ext == ".atom" || ext == ".xml":
		return FormatFeed
	case htmlTag.Match(lower):
		return FormatHTML
	}
	return FormatUnknown
}

var (
	feedRoot = relit.MustCompile(`^(?:<\?xml[^>]*>\s*)?(?:<!--(?s:.*?)-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:rdf)[\s>]`)
	htmlRoot = relit.MustCompile(`^(?:<\?xml[^>]*>\s*)?(?:<!--(?s:.*?)-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]`)
	htmlTag  = relit.MustCompile(`<(?:p|div|article|main|section|h1|h2|title|meta|br|span|a)[\s/>]`)
)

// looksMarkdown reports Markdown signs in text: an ATX heading or front
// matter at the start, a setext underline, or at least two of links,
// emphasis, fenced code and headings further on.
func looksMarkdown(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	if mdHeadingStart.Match(head) || bytes.HasPrefix(head, []byte("---\n")) && bytes.Contains(head[4:], []byte("\n---")) {
		return true
	}
	signs := 0
	for _, re := range mdSigns {
		if re.Match(head) {
			signs++
		}
	}
	return signs >= 2
}

var (
	mdHeadingStart = relit.MustCompile(`^#{1,6} \S`)
	mdSigns        = []*relit.Regexp{
		relit.MustCompile(`(?m)^#{1,6} \S`),
		relit.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`),
		relit.MustCompile(`\*\*[^*\n]+\*\*|__[^_\n]+__`),
		relit.MustCompile("(?m)^```"),
		relit.MustCompile(`(?m)^\S[^\n]*\n(?:=+|-+)[ \t]*$`),
		relit.MustCompile(`(?m)^> \S`),
	}
)
