package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWalker_BadInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := "Good headline here\n\nA short but real article body that says something happened on Monday.\n"
	writeFile(t, filepath.Join(dir, "good.txt"), []byte(good))
	writeFile(t, filepath.Join(dir, "image.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	writeFile(t, filepath.Join(dir, "latin1.txt"), []byte("Headline\n\nA caf\xe9 opened.\n"))
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "blank.md"), []byte(" \n\t\n"))
	writeFile(t, filepath.Join(dir, "big.txt"), bytes.Repeat([]byte("All work and no play. "), 200))
	writeFile(t, filepath.Join(dir, "lines.jsonl"), []byte("{\"id\":\"j1\",\"text\":\"Fine line.\"}\n{\"id\":\"j2\",\"text\":\"broken\n"))
	writeFile(t, filepath.Join(dir, ".hidden.txt"), []byte(good))
	for _, sub := range []string{"sub", "sub/.git", "emptysub"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "sub", "deep.md"), []byte("# Deep story\n\nNested folders are read too, in order.\n"))
	writeFile(t, filepath.Join(dir, "sub", ".git", "HEAD"), []byte("ref: refs/heads/main\n"))
	if err := os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}

	arts, skipped, err := Collect(context.Background(), Walk([]string{dir}, Config{MaxSize: 1024}))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, ","), "good,j1,deep"; got != want {
		t.Errorf("article IDs = %s, want %s", got, want)
	}
	want := []struct {
		file string
		err  error
	}{
		{"dangling.txt", os.ErrNotExist},
		{"big.txt", ErrTooLarge},
		{"blank.md", ErrEmpty},
		{"empty.txt", ErrEmpty},
		{"image.txt", ErrBinary},
		{"latin1.txt", ErrNotUTF8},
		{"lines.jsonl", ErrSyntax},
	}
	if len(skipped) != len(want) {
		t.Fatalf("problems:\n%v\nwant %d", skipped, len(want))
	}
	for i, w := range want {
		p := skipped[i]
		if filepath.Base(p.Path) != w.file || !errors.Is(p, w.err) {
			t.Errorf("problem %d = %q, want %s with %v", i, p, w.file, w.err)
		}
		if msg := p.Error(); strings.Contains(msg, "\n") || !strings.HasPrefix(msg, p.Path) {
			t.Errorf("problem %q is not one line starting with its path", msg)
		}
	}
	if skipped[5].Line != 3 {
		t.Errorf("latin1.txt problem line = %d, want 3", skipped[5].Line)
	}
}

func TestWalker_EmptyAndMissing(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	missing := filepath.Join(empty, "nope")
	arts, skipped, err := Collect(context.Background(), Walk([]string{empty, missing}, Config{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 0 || len(skipped) != 2 {
		t.Fatalf("got %v, %v; want two problems", arts, skipped)
	}
	if !errors.Is(skipped[0], ErrEmptyDir) || skipped[0].Path != empty {
		t.Errorf("empty folder: %v", skipped[0])
	}
	if !errors.Is(skipped[1], os.ErrNotExist) || skipped[1].Path != missing {
		t.Errorf("missing path: %v", skipped[1])
	}
	if _, err := Open(context.Background(), missing, Config{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) error = %v, want not-exist", err)
	}
}

func TestWalker_Stdin(t *testing.T) {
	t.Parallel()
	body := "Piped headline\n\nThis article arrived on standard input.\n"
	src, err := Open(context.Background(), "-", Config{Stdin: strings.NewReader(body)})
	if err != nil {
		t.Fatal(err)
	}
	arts, skipped, err := Collect(context.Background(), src)
	if err != nil || len(skipped) != 0 || len(arts) != 1 {
		t.Fatalf("got %v, %v, %v", arts, skipped, err)
	}
	a := arts[0]
	if a.Path != "-" || a.Title != "Piped headline" || !strings.HasPrefix(a.ID, "stdin-") || len(a.ID) != len("stdin-")+12 {
		t.Errorf("stdin article = %+v", a)
	}
}

func TestWalker_UniqueIDs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, sub, "story.txt"), []byte("Story from "+sub+"\n\nThe same file name in another folder.\n"))
	}
	writeFile(t, filepath.Join(dir, "story-2.txt"), []byte("Another story\n\nIts name already ends in -2.\n"))
	arts, _, err := Collect(context.Background(), Walk([]string{dir}, Config{}))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, ","), "story,story-2,story-2-2"; got != want {
		t.Errorf("IDs = %s, want %s", got, want)
	}
}

func TestWalker_ContextCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	w := Walk([]string{"testdata/text"}, Config{})
	if _, err := w.Next(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := w.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel = %v, want context.Canceled", err)
	}
	if err := w.Close(); err != nil {
		t.Error(err)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestReader_TooLargeReadsBounded(t *testing.T) {
	t.Parallel()
	const max = 100 << 10
	big := &countingReader{r: io.LimitReader(neverEnding('a'), 20<<20)}
	arts, skipped, err := Collect(context.Background(), NewReader(big, "-", Config{MaxSize: max}))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 0 || len(skipped) != 1 || !errors.Is(skipped[0], ErrTooLarge) {
		t.Fatalf("got %v, %v; want one ErrTooLarge", arts, skipped)
	}
	if big.n > max+SniffLen {
		t.Errorf("read %d bytes of a 20 MB input with a %d-byte cap", big.n, max)
	}
}

func TestReader_TooLargeFileNotRead(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "huge.txt")
	writeFile(t, path, bytes.Repeat([]byte("x"), 3<<20))
	arts, skipped := readFile(t, path, Config{MaxSize: 1 << 20})
	if len(arts) != 0 || len(skipped) != 1 || !errors.Is(skipped[0], ErrTooLarge) {
		t.Fatalf("got %v, %v; want one ErrTooLarge", arts, skipped)
	}
	if !strings.Contains(skipped[0].Error(), "3145728 bytes") {
		t.Errorf("problem %q does not give the size", skipped[0])
	}
}

func TestReader_JSONLStreamsPastMaxSize(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString(`{"text": "A line that is well under the cap but adds up."}` + "\n")
	}
	b.WriteString(`{"text": "` + strings.Repeat("long ", 100) + `"}` + "\n")
	b.WriteString(`{"text": "The line after the long one is still read."}` + "\n")
	arts, skipped, err := Collect(context.Background(), NewReader(strings.NewReader(b.String()), "x.jsonl", Config{MaxSize: 200}))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 51 {
		t.Errorf("read %d articles, want 51", len(arts))
	}
	if len(skipped) != 1 || !errors.Is(skipped[0], ErrTooLarge) || skipped[0].Line != 51 {
		t.Errorf("problems = %v, want ErrTooLarge on line 51", skipped)
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// TestWalker_ReadAheadKeepsOrder: files parsed ahead on other goroutines
// still come out in lexical order, bad ones as errors in their places,
// and a Walker closed midway releases the files read ahead.
func TestWalker_ReadAheadKeepsOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var want []string
	for i := range 40 {
		name := fmt.Sprintf("story-%02d.txt", i)
		body := []byte(fmt.Sprintf("Headline number %d\n\nThe body of story %d says what happened.\n", i, i))
		if i%7 == 3 {
			body = nil // empty: skipped with ErrEmpty
		} else {
			want = append(want, strings.TrimSuffix(name, ".txt"))
		}
		writeFile(t, filepath.Join(dir, name), body)
	}
	ctx := context.Background()
	w := Walk([]string{dir}, Config{})
	var got []string
	empties := 0
	for {
		a, err := w.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *ParseError
		if errors.As(err, &pe) && errors.Is(err, ErrEmpty) {
			if !strings.HasSuffix(pe.Path, fmt.Sprintf("story-%02d.txt", len(got)+empties)) {
				t.Errorf("empty file %s reported out of order (after %d articles)", pe.Path, len(got))
			}
			empties++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("IDs\n%s\nwant\n%s", strings.Join(got, ","), strings.Join(want, ","))
	}
	if empties != 6 {
		t.Errorf("%d empty files reported, want 6", empties)
	}

	w = Walk([]string{dir}, Config{})
	if _, err := w.Next(ctx); err != nil {
		t.Fatal(err)
	}
	if len(w.ahead) == 0 {
		t.Error("nothing read ahead after the first article")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.ahead != nil || w.cur != nil {
		t.Error("Close left files open")
	}
}
