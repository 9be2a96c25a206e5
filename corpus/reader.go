package corpus

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Reader is a Source over one file or stream. It sniffs the format from
// the content (see Sniff) and yields one article for a text, Markdown or
// HTML input and one per item for a feed, JSON array or JSON Lines input.
type Reader struct {
	r    io.Reader
	path string // Article.Path and ParseError.Path
	id   string // ID of a single-article input; base of item IDs
	size int64  // known size, or -1
	cfg  Config
	// pageURL is the web address a fetched input came from: the URL of a
	// page that names none of its own.
	pageURL string

	started bool
	queue   []result

	// JSON Lines streaming state.
	lines  *bufio.Reader
	lineNo int
	seen   bool // a non-blank line was read
}

// result is one article or one problem, in input order.
type result struct {
	a   Article
	err *ParseError
}

// NewReader returns a Reader over r. Path names the input in articles and
// errors; the ID of a single-article input is the base name of path
// without its extension ("-" reads as an ID made from a hash of the
// content). NewReader does not close r.
func NewReader(r io.Reader, path string, cfg Config) *Reader {
	size := int64(-1)
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	id := ""
	if path != "-" {
		base := filepath.Base(path)
		id = SafeID(strings.TrimSuffix(base, filepath.Ext(base)))
	}
	return &Reader{r: r, path: path, id: id, size: size, cfg: cfg}
}

// Next returns the next article, a *ParseError for a bad input or item, or
// io.EOF at the end.
func (rd *Reader) Next(ctx context.Context) (Article, error) {
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}
	rd.prepare()
	if len(rd.queue) == 0 && rd.lines != nil {
		rd.nextLine()
	}
	if len(rd.queue) == 0 {
		return Article{}, io.EOF
	}
	res := rd.queue[0]
	rd.queue = rd.queue[1:]
	if res.err != nil {
		return Article{}, res.err
	}
	res.a.foldMetadata()
	return res.a, nil
}

// prepare sniffs and parses the input now (for JSON Lines: sets up the
// streaming), as the first Next would.
func (rd *Reader) prepare() {
	if !rd.started {
		rd.started = true
		rd.start()
	}
}

func (rd *Reader) fail(line int, err error) {
	rd.queue = append(rd.queue, result{err: &ParseError{Path: rd.path, Line: line, Err: err}})
}

// start sniffs the input and parses it, or sets up JSON Lines streaming.
func (rd *Reader) start() {
	log := rd.cfg.logger().With("path", rd.path)
	max := rd.cfg.maxSize()
	br := bufio.NewReaderSize(rd.r, SniffLen)
	head, err := br.Peek(SniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		rd.fail(0, fmt.Errorf("read: %w", err))
		return
	}
	format := rd.cfg.Format
	if isBinary(head) {
		format = FormatBinary
	} else if format == FormatUnknown {
		format = Sniff(rd.path, head)
	}
	log.Debug("sniffed input", "format", format.String())
	switch format {
	case FormatBinary:
		rd.fail(0, ErrBinary)
		return
	case FormatJSONL:
		rd.lines = br
		return
	}
	if rd.size > max {
		rd.fail(0, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, rd.size, max))
		return
	}
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		rd.fail(0, fmt.Errorf("read: %w", err))
		return
	}
	if int64(len(data)) > max {
		rd.fail(0, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max))
		return
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		rd.fail(0, ErrEmpty)
		return
	}
	if rd.id == "" {
		rd.id = "stdin-" + ContentHash(string(data))[:12]
	}
	in := input{path: rd.path, id: rd.id, data: data}
	if format != FormatHTML && format != FormatFeed { // those decode declared charsets
		if line, ok := checkUTF8(data); !ok {
			rd.fail(line, ErrNotUTF8)
			return
		}
	}
	var parse func(input) []result
	switch format {
	case FormatMarkdown:
		parse = single(parseMarkdown)
	case FormatHTML:
		parse = single(parseHTML)
	case FormatFeed:
		parse = parseFeed
	case FormatJSON:
		parse = parseJSON
	default:
		parse = single(parseText)
	}
	rd.queue = parse(in)
	if rd.pageURL != "" && (format == FormatHTML || format == FormatMarkdown || format == FormatText) {
		for i := range rd.queue {
			if rd.queue[i].err == nil && rd.queue[i].a.URL == "" {
				rd.queue[i].a.URL = rd.pageURL
			}
		}
	}
	log.Debug("read input", "format", format.String(), "results", len(rd.queue))
}

// input is one whole file's content.
type input struct {
	path string
	id   string
	data []byte
}

// single adapts a one-article parser to a result list.
func single(parse func(input) (Article, error)) func(input) []result {
	return func(in input) []result {
		a, err := parse(in)
		if err != nil {
			if pe, ok := err.(*ParseError); ok {
				if pe.Path == "" {
					pe.Path = in.path
				}
				return []result{{err: pe}}
			}
			return []result{{err: &ParseError{Path: in.path, Err: err}}}
		}
		return []result{{a: a}}
	}
}

// checkUTF8 reports whether data is valid UTF-8 and, if not, the line of
// the first bad byte.
func checkUTF8(data []byte) (line int, ok bool) {
	if utf8.Valid(data) {
		return 0, true
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1, false
		}
		i += n
	}
	return 0, false
}

// nextLine reads JSON Lines until one line yields a result or the input
// ends.
func (rd *Reader) nextLine() {
	max := rd.cfg.maxSize()
	for len(rd.queue) == 0 {
		line, tooLong, err := readLine(rd.lines, max)
		if len(line) > 0 || tooLong || err == nil {
			rd.lineNo++
		}
		switch {
		case tooLong:
			rd.fail(rd.lineNo, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, max))
		case len(bytes.TrimSpace(line)) > 0:
			rd.seen = true
			if rd.lineNo == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			rd.queue = append(rd.queue, parseJSONLine(rd.path, rd.id, rd.lineNo, line)...)
		}
		if err != nil {
			if err != io.EOF {
				rd.fail(rd.lineNo, fmt.Errorf("read: %w", err))
			} else if !rd.seen && len(rd.queue) == 0 {
				rd.fail(0, ErrEmpty)
			}
			rd.lines = nil
			return
		}
	}
}

// readLine reads one line without its line break. A line longer than max
// is consumed and reported as tooLong.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimRight(line, "\r\n")
		return line, tooLong, err
	}
}
