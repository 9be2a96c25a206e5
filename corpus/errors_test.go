package corpus

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseError_Error(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  *ParseError
		want string
	}{
		{"path only", &ParseError{Path: "a.txt", Err: ErrEmpty}, "a.txt: empty input"},
		{"with line", &ParseError{Path: "x.jsonl", Line: 3, Err: fmt.Errorf("%w JSON: bad", ErrSyntax)}, "x.jsonl:3: malformed JSON: bad"},
		{"multi-line cause folded", &ParseError{Path: "f", Err: errors.New("one\ntwo")}, "f: one two"},
		{"nil cause", &ParseError{Path: "f"}, "f: <nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseError_Unwrap(t *testing.T) {
	t.Parallel()
	var err error = &ParseError{Path: "a", Err: fmt.Errorf("%w: 3 bytes", ErrTooLarge)}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("errors.Is(%v, ErrTooLarge) = false", err)
	}
	var pe *ParseError
	if !errors.As(fmt.Errorf("wrapped: %w", err), &pe) || pe.Path != "a" {
		t.Errorf("errors.As did not find the ParseError")
	}
}

func TestErrorList(t *testing.T) {
	t.Parallel()
	var l ErrorList
	if l.Err() != nil {
		t.Fatal("empty list: Err() != nil")
	}
	l.Add(&ParseError{Path: "b", Line: 2, Err: ErrNotUTF8})
	l.Add(&ParseError{Path: "a", Err: ErrBinary})
	l.Add(&ParseError{Path: "b", Line: 1, Err: ErrEmpty})
	l.Sort()
	if got := []string{l[0].Error(), l[1].Error(), l[2].Error()}; strings.Join(got, "|") != "a: binary data|b:1: empty input|b:2: invalid UTF-8" {
		t.Errorf("sorted = %v", got)
	}
	if got, want := l.Error(), "a: binary data (and 2 more errors)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(l.Err(), ErrNotUTF8) {
		t.Error("errors.Is(list, ErrNotUTF8) = false")
	}
}
