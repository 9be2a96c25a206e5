package graph

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/lib/pq"
)

// Answers are the results of whole queries kept beside the graph (the
// queries package stores its canned answers this way), each stamped with
// the state of the store it was computed from. An answer is served only
// while the store is in that state: any write changes the stamp, so a
// stale answer is never read, whoever wrote.
//
//   - bolt: files in the store's directory (answers/NAME), so that
//     read-only processes can keep them too; the stamp is cayley's
//     horizon (the last id given to a node or quad; every add moves it)
//     and quad count (every delete changes it).
//   - PostgreSQL: the table ng_answers; the stamp is a generation number
//     the quad-counting triggers raise at every statement that inserts or
//     deletes quads.
//   - memory: none (AnswerStamp reports false).

// answersDir is the directory of a bolt store's answers.
const answersDir = "answers"

// AnswerStamp returns the stamp of the store's current state, or false
// when the store does not keep answers.
func (s *Store) AnswerStamp(ctx context.Context) (string, bool, error) {
	switch {
	case s.bolt != nil:
		var h, n int64
		err := hkv.View(s.bolt, func(tx hkv.Tx) error {
			var err error
			if h, err = metaInt(ctx, tx, "horizon"); err != nil {
				return err
			}
			n, err = metaInt(ctx, tx, "size")
			return err
		})
		if err != nil {
			return "", false, fmt.Errorf("read %s: %w", s.dsn, err)
		}
		return strconv.FormatInt(h, 10) + "." + strconv.FormatInt(n, 10), true, nil
	case s.pg != nil:
		var g int64
		err := s.pg.db.QueryRowContext(ctx, `SELECT generation FROM ng_stats WHERE id = 1`).Scan(&g)
		if err != nil {
			// A database no writer of this version has opened yet keeps
			// no generation: no answers until one does.
			s.logger.Debug("no answer stamp", "store", s.dsn, "err", err)
			return "", false, nil
		}
		return strconv.FormatInt(g, 10), true, nil
	}
	return "", false, nil
}

// metaInt reads one of the counters cayley's key-value backend keeps in
// its meta bucket (0 when it is not set yet).
func metaInt(ctx context.Context, tx hkv.Tx, key string) (int64, error) {
	v, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte(key)})
	if errors.Is(err, hkv.ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("meta %s: %d bytes, want 8", key, len(v))
	}
	return int64(binary.LittleEndian.Uint64(v)), nil
}

// Answer is a stored answer open for reading, whole or in parts: a
// query that needs part of a large answer reads only that part.
type Answer struct {
	r    *io.SectionReader
	file *os.File // bolt: the open file, whole even if a writer replaces it
}

// ReadAt reads len(p) bytes of the answer from offset off.
func (a *Answer) ReadAt(p []byte, off int64) (int, error) { return a.r.ReadAt(p, off) }

// Size returns the answer's length in bytes.
func (a *Answer) Size() int64 { return a.r.Size() }

// Close releases the answer.
func (a *Answer) Close() error {
	if a.file != nil {
		return a.file.Close()
	}
	return nil
}

// OpenAnswer opens the answer stored under name for the store state
// stamp, or returns false when there is none for that state. A bolt
// store's answer is read from its file as parts are asked for; a
// PostgreSQL store's is read whole, in one round trip.
func (s *Store) OpenAnswer(ctx context.Context, name, stamp string) (*Answer, bool, error) {
	switch {
	case s.bolt != nil:
		f, err := os.Open(filepath.Join(s.boltDir, answersDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, false, err
		}
		head := make([]byte, len(stamp)+1)
		if _, err := io.ReadFull(f, head); err != nil || string(head) != stamp+"\n" {
			// Short, or stamped for another state: not this state's.
			f.Close()
			return nil, false, nil
		}
		base := int64(len(head))
		return &Answer{r: io.NewSectionReader(f, base, st.Size()-base), file: f}, true, nil
	case s.pg != nil:
		var body []byte
		err := s.pg.db.QueryRowContext(ctx, `SELECT body FROM ng_answers WHERE name = $1 AND stamp = $2`, name, stamp).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			s.logger.Debug("no stored answer", "store", s.dsn, "name", name, "err", err)
			return nil, false, nil
		}
		return &Answer{r: io.NewSectionReader(bytes.NewReader(body), 0, int64(len(body)))}, true, nil
	}
	return nil, false, nil
}

// ReadAnswer returns the whole answer stored under name for the store
// state stamp, or false when there is none for that state.
func (s *Store) ReadAnswer(ctx context.Context, name, stamp string) ([]byte, bool, error) {
	a, ok, err := s.OpenAnswer(ctx, name, stamp)
	if err != nil || !ok {
		return nil, ok, err
	}
	defer a.Close()
	b := make([]byte, a.Size())
	if _, err := a.ReadAt(b, 0); err != nil && len(b) > 0 {
		return nil, false, fmt.Errorf("read answer %s of %s: %w", name, s.dsn, err)
	}
	return b, true, nil
}

// WriteAnswer stores body under name for the store state stamp (read
// before the answer was computed), replacing what was there. A store
// that cannot keep it (a directory or database the user may not write)
// returns an error the caller may ignore: the answer is computed again
// next time.
func (s *Store) WriteAnswer(ctx context.Context, name, stamp string, body []byte) error {
	if strings.ContainsAny(name, `/\`) || name == "" || strings.Contains(stamp, "\n") {
		return fmt.Errorf("answer %q: bad name or stamp", name)
	}
	switch {
	case s.bolt != nil:
		dir := filepath.Join(s.boltDir, answersDir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		f, err := os.CreateTemp(dir, "."+name+"-*")
		if err != nil {
			return err
		}
		defer os.Remove(f.Name())
		if _, err := f.WriteString(stamp + "\n"); err != nil {
			f.Close()
			return err
		}
		if _, err := f.Write(body); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		// Readable by whoever may read the graph file (CreateTemp makes
		// files only their owner reads).
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			return err
		}
		// Readers see the old file or the new one, never a part.
		return os.Rename(f.Name(), filepath.Join(dir, name))
	case s.pg != nil:
		_, err := s.pg.db.ExecContext(ctx, `INSERT INTO ng_answers (name, stamp, body) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET stamp = EXCLUDED.stamp, body = EXCLUDED.body`, name, stamp, body)
		if err != nil {
			return fmt.Errorf("store answer %s in %s: %w", name, s.dsn, pqMessage(err))
		}
		return nil
	}
	return nil
}

// PruneAnswers removes the stored answers whose names are not in keep:
// those of other versions of the queries, which no build of this version
// reads.
func (s *Store) PruneAnswers(ctx context.Context, keep []string) error {
	switch {
	case s.bolt != nil:
		dir := filepath.Join(s.boltDir, answersDir)
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return err
		}
		var errs []error
		for _, e := range entries {
			// Files being written start with a dot; they are their writer's.
			if name := e.Name(); !e.IsDir() && !strings.HasPrefix(name, ".") && !slices.Contains(keep, name) {
				if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
		return errors.Join(errs...)
	case s.pg != nil:
		if _, err := s.pg.db.ExecContext(ctx, `DELETE FROM ng_answers WHERE NOT (name = ANY($1))`, pq.Array(keep)); err != nil {
			return fmt.Errorf("remove old answers from %s: %w", s.dsn, pqMessage(err))
		}
	}
	return nil
}

// PreloadValues reads every node's value into memory, when the store is
// PostgreSQL and they fit in its value cache, before a query that reads
// the whole graph: one statement instead of a round trip per value. On
// other stores it does nothing.
func (s *Store) PreloadValues(ctx context.Context) error {
	pq, ok := s.qs.(*pgQuadStore)
	if !ok {
		return nil
	}
	start := time.Now()
	done, err := pq.preloadAll(ctx)
	if err != nil {
		return fmt.Errorf("read %s: %w", s.dsn, pqMessage(err))
	}
	s.logger.Debug("node values preloaded", "store", s.dsn, "done", done, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// Logger returns the logger the store was opened with (a discarding one
// when none was given).
func (s *Store) Logger() *slog.Logger { return s.logger }
