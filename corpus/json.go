package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonArrayKeys name the field of a wrapper object ({"articles": [...]})
// that holds the article array.
var jsonArrayKeys = []string{"articles", "items", "data", "results", "entries", "posts", "stories", "documents"}

// parseJSON reads a JSON file: one article object, an array of them, or an
// object wrapping such an array. Array items are read one by one, so a
// syntax error or a cut-off end loses only what follows it.
func parseJSON(in input) []result {
	dec := json.NewDecoder(bytes.NewReader(in.data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return []result{{err: jsonError(in, dec, -1, err)}}
	}
	switch tok {
	case json.Delim('['):
		return parseJSONArray(in, dec)
	case json.Delim('{'):
	default:
		return []result{{err: &ParseError{Path: in.path, Err: fmt.Errorf("%w: JSON %s, not an object or array", ErrUnsupported, jsonKind(tok))}}}
	}
	// Re-read the object whole.
	dec = json.NewDecoder(bytes.NewReader(in.data))
	dec.UseNumber()
	var obj map[string]json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		return []result{{err: jsonError(in, dec, -1, err)}}
	}
	if _, err := dec.Token(); err != io.EOF {
		return []result{{err: &ParseError{Path: in.path, Err: fmt.Errorf("%w JSON: data after the top-level object", ErrSyntax)}}}
	}
	fields := lowerKeys(obj)
	if textField(fields) == "" {
		for _, k := range jsonArrayKeys {
			if raw, ok := fields[k]; ok && bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
				adec := json.NewDecoder(bytes.NewReader(raw))
				adec.UseNumber()
				if _, err := adec.Token(); err != nil {
					break
				}
				return parseJSONArray(in, adec)
			}
		}
	}
	a, err := jsonArticle(fields, in.id)
	if err != nil {
		return []result{{err: &ParseError{Path: in.path, Err: err}}}
	}
	a.Path = in.path
	return []result{{a: a}}
}

// parseJSONArray reads the items of an array whose '[' dec has consumed.
func parseJSONArray(in input, dec *json.Decoder) []result {
	var out []result
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		start := dec.InputOffset()
		if err := dec.Decode(&raw); err != nil {
			return append(out, result{err: jsonError(in, dec, n, err)})
		}
		path := in.path + "#" + strconv.Itoa(n)
		a, err := jsonItem(raw, in.id)
		if err != nil {
			out = append(out, result{err: &ParseError{Path: path, Line: lineAt(in.data, start), Err: err}})
			continue
		}
		a.Path = path
		out = append(out, result{a: a})
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return append(out, result{err: jsonError(in, dec, -1, err)})
	}
	if len(out) == 0 {
		return []result{{err: &ParseError{Path: in.path, Err: fmt.Errorf("%w: empty JSON array", ErrEmpty)}}}
	}
	return out
}

// parseJSONLine reads line n of a JSON Lines file.
func parseJSONLine(path, baseID string, n int, line []byte) []result {
	if !utf8.Valid(line) {
		return []result{{err: &ParseError{Path: path, Line: n, Err: ErrNotUTF8}}}
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var raw json.RawMessage
	err := dec.Decode(&raw)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the object")
		}
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("line ends inside a value")
		}
		return []result{{err: &ParseError{Path: path, Line: n, Err: fmt.Errorf("%w JSON: %v", ErrSyntax, err)}}}
	}
	a, err := jsonItem(raw, baseID)
	if err != nil {
		return []result{{err: &ParseError{Path: path, Line: n, Err: err}}}
	}
	a.Path = path + "#" + strconv.Itoa(n)
	return []result{{a: a}}
}

// jsonItem makes an article of one array item or JSON line.
func jsonItem(raw json.RawMessage, baseID string) (Article, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		var v any
		_ = json.Unmarshal(raw, &v) // only for naming its kind
		return Article{}, fmt.Errorf("%w: item is JSON %s, not an object", ErrUnsupported, jsonKind(v))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return Article{}, syntaxErr(err)
	}
	return jsonArticle(lowerKeys(obj), "")
}

// jsonArticle makes an article of an object's fields. fileID, when not
// empty, is the ID used for an object without its own "id" (a file holding
// one article); items without one are identified by a hash of their URL or
// text.
func jsonArticle(f map[string]json.RawMessage, fileID string) (Article, error) {
	text := textField(f)
	if text == "" {
		return Article{}, fmt.Errorf("%w: no text, body or content field", ErrNoArticle)
	}
	if looksHTML(text) {
		text = htmlFragmentText(text)
	}
	a := Article{
		Title:     strings.TrimSpace(jsonString(f["title"])),
		URL:       strings.TrimSpace(jsonString(f["url"])),
		Publisher: strings.TrimSpace(jsonSource(f["source"])),
		Body:      Clean(text),
	}
	if a.Body == "" {
		return Article{}, fmt.Errorf("%w: text is only boilerplate", ErrNoArticle)
	}
	a.Published = jsonDate(f["published"])
	id := jsonString(f["id"])
	if id == "" && fileID != "" {
		a.ID = fileID
	} else {
		a.ID = itemID(id, a.URL, a.Body)
	}
	return a, nil
}

// textField returns the first non-empty of "text", "body" and "content".
func textField(f map[string]json.RawMessage) string {
	for _, k := range []string{"text", "body", "content"} {
		if s := jsonString(f[k]); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// lowerKeys returns obj with lower-case keys; of keys equal but for case,
// the exact lower-case one wins.
func lowerKeys(obj map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		lk := strings.ToLower(k)
		if _, dup := out[lk]; !dup || k == lk {
			out[lk] = v
		}
	}
	return out
}

// jsonString returns a JSON string's value, a number's text, or "".
func jsonString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch {
	case raw[0] == '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		return string(raw)
	}
	return ""
}

// jsonSource reads "source" as a name, or as an object with a name.
func jsonSource(raw json.RawMessage) string {
	if s := jsonString(raw); s != "" {
		return s
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	obj = lowerKeys(obj)
	for _, k := range []string{"name", "title"} {
		if s := jsonString(obj[k]); s != "" {
			return s
		}
	}
	return ""
}

// jsonDate reads a date string or Unix seconds (or milliseconds).
func jsonDate(raw json.RawMessage) time.Time {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return time.Time{}
	}
	if raw[0] != '"' {
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || f <= 0 || f > 1e14 {
			return time.Time{}
		}
		if f > 1e11 {
			f /= 1000
		}
		return time.Unix(int64(f), 0).UTC()
	}
	t, _ := ParseDate(jsonString(raw))
	return t
}

// jsonError turns a decoding error into a ParseError with the line it
// occurred on; a cut-off document is reported as truncated.
func jsonError(in input, dec *json.Decoder, item int, err error) *ParseError {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	where := ""
	if item > 0 {
		where = fmt.Sprintf(" at item %d", item)
	}
	pe := &ParseError{Path: in.path, Line: lineAt(in.data, off)}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		pe.Err = fmt.Errorf("%w JSON: cut off%s", ErrTruncated, where)
	} else {
		pe.Err = fmt.Errorf("%w JSON%s: %v", ErrSyntax, where, err)
	}
	return pe
}

func syntaxErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w JSON: cut off", ErrTruncated)
	}
	return fmt.Errorf("%w JSON: %v", ErrSyntax, err)
}

// lineAt returns the 1-based line of byte offset off.
func lineAt(data []byte, off int64) int {
	if off < 0 {
		return 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// jsonKind names the kind of a decoded JSON value for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case json.Delim:
		return "array"
	}
	return "value"
}
