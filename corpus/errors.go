package corpus

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors wrapped by ParseError. Check them with errors.Is.
var (
	// ErrEmpty reports an input that holds nothing but white space.
	ErrEmpty = errors.New("empty input")
	// ErrEmptyDir reports a folder that holds no readable files.
	ErrEmptyDir = errors.New("empty folder")
	// ErrNotUTF8 reports text that is not valid UTF-8.
	ErrNotUTF8 = errors.New("invalid UTF-8")
	// ErrBinary reports binary data such as an image, archive or PDF.
	ErrBinary = errors.New("binary data")
	// ErrTooLarge reports an input over Config.MaxSize.
	ErrTooLarge = errors.New("too large")
	// ErrNoArticle reports an input that parsed but holds no article text.
	ErrNoArticle = errors.New("no article text")
	// ErrSyntax reports malformed JSON, XML or feed data.
	ErrSyntax = errors.New("malformed")
	// ErrTruncated reports a feed or JSON document cut off before its end;
	// the items before the cut are still read.
	ErrTruncated = errors.New("truncated")
	// ErrUnsupported reports content in no format the package reads.
	ErrUnsupported = errors.New("unsupported format")
)

// ParseError is a non-fatal problem with one file, line or item. A Source
// returns it from Next and goes on with the next input on the following call.
type ParseError struct {
	// Path names the input: a file path, "-" for stdin, or "path#N" for
	// item N of a feed or JSON array.
	Path string
	// Line is the 1-based line of the problem, or 0 when not known.
	Line int
	// Err is the underlying problem, usually wrapping one of the Err*
	// sentinels.
	Err error
}

// Error formats the problem on one line as "path:line: problem".
func (e *ParseError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = oneLine(e.Err.Error())
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return e.Path + ": " + msg
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// oneLine folds line breaks so that every reported problem is one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// ErrorList collects the non-fatal problems of a load, in the manner of
// go/scanner.ErrorList.
type ErrorList []*ParseError

// Add appends err to the list.
func (l *ErrorList) Add(err *ParseError) { *l = append(*l, err) }

// Len returns the number of problems.
func (l ErrorList) Len() int { return len(l) }

// Sort orders the list by path, then line.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Path != l[j].Path {
			return l[i].Path < l[j].Path
		}
		return l[i].Line < l[j].Line
	})
}

// Error reports the first problem and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the problems, so errors.Is and errors.As look at each.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
