package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
)

// Source yields articles one at a time.
//
// Next returns the next article; io.EOF when there are no more; a
// *ParseError for one bad file, line or item, after which the following
// call goes on with the next input; or any other error (such as the
// context's) when reading cannot go on. A caller logs the *ParseError and
// calls Next again:
//
//	for {
//		a, err := src.Next(ctx)
//		var perr *corpus.ParseError
//		switch {
//		case errors.Is(err, io.EOF):
//			return nil
//		case errors.As(err, &perr):
//			log.Println(perr) // "path:line: problem"
//			continue
//		case err != nil:
//			return err
//		}
//		use(a)
//	}
type Source interface {
	Next(ctx context.Context) (Article, error)
}

// Compile-time checks that the readers are Sources.
var (
	_ Source = (*Walker)(nil)
	_ Source = (*Reader)(nil)
	_ Source = (*Deduper)(nil)
	_ Source = (*SliceSource)(nil)
)

// DefaultMaxSize is the Config.MaxSize used when none is set: 50 MB.
const DefaultMaxSize = 50 << 20

// DefaultSimilarity is the Config.Similarity used when none is set.
const DefaultSimilarity = 0.9

// Config configures the readers and Dedup. The zero value is ready to use.
type Config struct {
	// MaxSize caps the bytes read from one file; for JSON Lines it caps
	// one line instead, so long exports stream. Larger inputs are
	// skipped with ErrTooLarge after reading at most MaxSize+1 bytes.
	// Zero means DefaultMaxSize.
	MaxSize int64
	// Format forces one format for every input instead of sniffing it
	// from the content. FormatUnknown (the zero value) sniffs.
	Format Format
	// Similarity is the word 5-gram Jaccard similarity at or above which
	// Dedup takes two articles for copies of one story. Zero means
	// DefaultSimilarity; a value above 1 turns near-copy detection off,
	// leaving same-URL and same-text matching.
	Similarity float64
	// Stdin is read for the path "-". Nil means os.Stdin.
	Stdin io.Reader
	// Logger receives Debug lines about each input read and each
	// duplicate merged. Nil discards them.
	Logger *slog.Logger
	// HTTPClient reads web addresses (Walk's http and https paths,
	// Fetch). Nil means a client with DefaultFetchTimeout that follows at
	// most MaxRedirects redirects.
	HTTPClient *http.Client
}

func (c Config) maxSize() int64 {
	if c.MaxSize > 0 {
		return c.MaxSize
	}
	return DefaultMaxSize
}

func (c Config) similarity() float64 {
	if c.Similarity > 0 {
		return c.Similarity
	}
	return DefaultSimilarity
}

func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (c Config) stdin() io.Reader {
	if c.Stdin != nil {
		return c.Stdin
	}
	return os.Stdin
}

// Open returns a Source over one path: a file, a folder (read
// recursively), or "-" for standard input. It fails only when path does
// not exist or cannot be examined, with a *ParseError naming it; problems
// with files inside a folder come from Next as *ParseError values.
func Open(ctx context.Context, path string, cfg Config) (*Walker, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if path != "-" {
		if _, err := os.Stat(path); err != nil {
			return nil, &ParseError{Path: path, Err: pathErr(err)}
		}
	}
	return Walk([]string{path}, cfg), nil
}

// pathErr drops the *fs.PathError wrapper, whose path a ParseError already
// names.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// SliceSource is a Source over articles already in memory.
type SliceSource struct {
	articles []Article
}

// NewSliceSource returns a Source that yields articles in order.
func NewSliceSource(articles []Article) *SliceSource {
	return &SliceSource{articles: articles}
}

// Next returns the next article, or io.EOF after the last.
func (s *SliceSource) Next(ctx context.Context) (Article, error) {
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}
	if len(s.articles) == 0 {
		return Article{}, io.EOF
	}
	a := s.articles[0]
	s.articles = s.articles[1:]
	return a, nil
}

// Collect reads src to the end. It returns the articles read and the
// problems skipped on the way; err is non-nil only for a fatal error such
// as a cancelled context.
func Collect(ctx context.Context, src Source) (articles []Article, skipped ErrorList, err error) {
	for {
		a, err := src.Next(ctx)
		var perr *ParseError
		switch {
		case errors.Is(err, io.EOF):
			return articles, skipped, nil
		case errors.As(err, &perr):
			skipped.Add(perr)
			continue
		case err != nil:
			return articles, skipped, err
		}
		articles = append(articles, a)
	}
}
