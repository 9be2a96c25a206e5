package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Walker is a Source over files, folders, web addresses (http and https:
// the page or feed at each, read as a file would be) and standard input. Folders are
// walked recursively in lexical order, skipping names that start with a
// dot; every file is read with a Reader, which picks the format by
// content. Article IDs are unique within one Walker: when two files give
// the same ID (a/story.txt and b/story.txt), the later one gets "-2",
// "-3"... appended.
type Walker struct {
	cfg     Config
	roots   []string      // paths still to expand
	files   []string      // files still to read
	pending []*ParseError // problems met while expanding a folder
	cur     *Reader
	curFile io.Closer
	ids     map[string]int
	// ahead are the next files, opened and parsed on goroutines of their
	// own while the current one is read: parsing and cleaning are most of
	// the time of reading a folder of articles.
	ahead []*readAhead
}

// readAhead is a file opened and parsed ahead of its turn.
type readAhead struct {
	done chan struct{} // closed when rd (or err) is set
	rd   *Reader
	f    *os.File
	err  *ParseError
}

// Walk returns a Walker over paths: files, folders, and "-" for standard
// input. Nothing is read until Next is called.
func Walk(paths []string, cfg Config) *Walker {
	return &Walker{cfg: cfg, roots: append([]string(nil), paths...), ids: map[string]int{}}
}

// Next returns the next article, a *ParseError for a file, line or item
// that was skipped, or io.EOF when every path has been read.
func (w *Walker) Next(ctx context.Context) (Article, error) {
	for {
		if err := ctx.Err(); err != nil {
			w.closeCur()
			return Article{}, err
		}
		if len(w.pending) > 0 {
			err := w.pending[0]
			w.pending = w.pending[1:]
			return Article{}, err
		}
		if w.cur != nil {
			a, err := w.cur.Next(ctx)
			if errors.Is(err, io.EOF) {
				w.closeCur()
				continue
			}
			if err != nil {
				return Article{}, err
			}
			a.ID = w.uniqueID(a.ID)
			return a, nil
		}
		if len(w.files) > 0 || len(w.ahead) > 0 {
			w.readAhead()
			ra := w.ahead[0]
			w.ahead = w.ahead[1:]
			w.readAhead()
			<-ra.done
			if ra.err != nil {
				return Article{}, ra.err
			}
			w.cur, w.curFile = ra.rd, ra.f
			continue
		}
		if len(w.roots) == 0 {
			return Article{}, io.EOF
		}
		root := w.roots[0]
		w.roots = w.roots[1:]
		if root == "-" {
			w.cur = NewReader(w.cfg.stdin(), "-", w.cfg)
			continue
		}
		if IsURL(root) {
			f, err := Fetch(ctx, root, Validators{}, w.cfg)
			if err != nil {
				var pe *ParseError
				if errors.As(err, &pe) {
					return Article{}, pe
				}
				return Article{}, err
			}
			w.cur = f.Reader()
			continue
		}
		if err := w.expand(root); err != nil {
			return Article{}, err
		}
	}
}

// Close releases the file being read and those read ahead, for a caller
// that stops before io.EOF. Next closes files itself as it finishes them.
func (w *Walker) Close() error {
	err := w.closeCur()
	for _, ra := range w.ahead {
		<-ra.done
		if ra.f != nil {
			err = errors.Join(err, ra.f.Close())
		}
	}
	w.ahead = nil
	return err
}

// readAhead starts opening and parsing queued files until as many are
// under way as the process has CPUs.
func (w *Walker) readAhead() {
	for len(w.ahead) < max(1, runtime.GOMAXPROCS(0)) && len(w.files) > 0 {
		path := w.files[0]
		w.files = w.files[1:]
		ra := &readAhead{done: make(chan struct{})}
		w.ahead = append(w.ahead, ra)
		go func() {
			defer close(ra.done)
			f, err := os.Open(path)
			if err != nil {
				ra.err = &ParseError{Path: path, Err: pathErr(err)}
				return
			}
			ra.f, ra.rd = f, NewReader(f, path, w.cfg)
			ra.rd.prepare()
		}()
	}
}

func (w *Walker) closeCur() error {
	w.cur = nil
	if w.curFile == nil {
		return nil
	}
	err := w.curFile.Close()
	w.curFile = nil
	return err
}

// expand queues the files under root, or root itself when it is a file.
func (w *Walker) expand(root string) *ParseError {
	st, err := os.Stat(root)
	if err != nil {
		return &ParseError{Path: root, Err: pathErr(err)}
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return &ParseError{Path: root, Err: fmt.Errorf("%w: not a regular file", ErrUnsupported)}
		}
		w.files = append(w.files, root)
		return nil
	}
	var files []string
	walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.pending = append(w.pending, &ParseError{Path: path, Err: pathErr(err)})
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case d.Type().IsRegular():
			files = append(files, path)
		case d.Type()&fs.ModeSymlink != 0:
			st, err := os.Stat(path)
			switch {
			case err != nil:
				w.pending = append(w.pending, &ParseError{Path: path, Err: pathErr(err)})
			case st.Mode().IsRegular():
				files = append(files, path) // linked folders are not followed
			}
		}
		return nil
	})
	if walkErr != nil {
		w.pending = append(w.pending, &ParseError{Path: root, Err: pathErr(walkErr)})
	}
	if len(files) == 0 && len(w.pending) == 0 {
		return &ParseError{Path: root, Err: ErrEmptyDir}
	}
	w.files = append(w.files, files...)
	return nil
}

// uniqueID returns id, or id with a numeric suffix when this Walker already
// returned it.
func (w *Walker) uniqueID(id string) string {
	n := w.ids[id]
	w.ids[id] = n + 1
	if n == 0 {
		return id
	}
	for {
		n++
		cand := id + "-" + strconv.Itoa(n)
		if w.ids[cand] == 0 {
			w.ids[cand] = 1
			return cand
		}
	}
}
