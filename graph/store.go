package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/redact"

	// Quad formats register themselves by import; the HTTP read and write
	// endpoints and exports look them up by name.
	_ "github.com/cayleygraph/quad/json"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"
)

// DSNMemory selects an in-memory store that lives as long as the process.
const DSNMemory = "memory:"

// Errors returned by Open.
var (
	// ErrNotExist means the store to open read-only or without Create does
	// not exist.
	ErrNotExist = errors.New("store does not exist")
	// ErrLocked means another process holds the store.
	ErrLocked = errors.New("store is in use by another process")
	// ErrUnsupportedDSN means the DSN names a backend newsgraph does not know.
	ErrUnsupportedDSN = errors.New("unsupported store")
)

// writeMmapSize is the size of the memory map a writer opens a bolt
// store with: address space, not memory (only the pages read are
// resident). bolt maps its file with a map that it replaces whenever the
// file outgrows it, doubling it from 32 KB; each replacement waits for
// every read transaction to end and copies every page the write
// transaction has changed out of the old map, while the writer waits.
// With 1 GB, stores under 1 GB never replace it (README, "Design
// figures").
const writeMmapSize = 1 << 30

// DefaultLockTimeout is how long Open waits for a store held by another
// process before it gives up with ErrLocked.
const DefaultLockTimeout = time.Second

// Options configures Open.
type Options struct {
	// Create makes Open create the store when it does not exist; without it
	// opening a missing store fails with ErrNotExist.
	Create bool
	// ReadOnly opens the store for reading only. Several read-only
	// processes may share a bolt store; a writer waits for them.
	ReadOnly bool
	// LockTimeout bounds the wait for a store held by another process;
	// zero means DefaultLockTimeout for bolt, and for PostgreSQL (where a
	// writer waits for the writer before it) as long as ctx allows.
	LockTimeout time.Duration
	// BatchSize is the number of quads written per transaction; zero means
	// DefaultBatchSize.
	BatchSize int
	// NoBloom turns off the in-memory bloom filters cayley's bolt backend
	// keeps to speed up duplicate checks while writing: less memory, more
	// reads on large loads. Read-only stores never build them.
	NoBloom bool
	// NoSync, for a bolt store, does not force each commit to disk; Close
	// does, once, so a load waits for the disk once rather than at every
	// commit (README, "Design figures"). It is for building a new store. A
	// crash of the process loses nothing the kernel was given, but a crash of
	// the machine or a power cut before Close can leave the file damaged, not
	// just incomplete, so it is no option for a store that holds data
	// already.
	NoSync bool
	// Pipelined, for a writable bolt store, has each write transaction
	// return once cayley has prepared it, and bolt write it on a goroutine
	// of its own while the next one is prepared: graph writes use two
	// cores instead of one. Reads see every write
	// that has returned. An error bolt meets is reported by the next write
	// and by Close; a crash loses the writes bolt has not written yet,
	// leaving the store as it was after an earlier one. It is for loads:
	// Loader.Flush and Close wait until bolt has their writes.
	Pipelined bool
	// Logger receives debug logs; nil discards them.
	Logger *slog.Logger
}

// Store is an open newsgraph graph: a Cayley quad store plus the writer
// newsgraph loads through. It is safe for concurrent reads; loads must not
// run concurrently.
type Store struct {
	dsn    string
	pg     *pgStore // nil unless the store is a PostgreSQL database
	qs     cgraph.QuadStore
	w      cgraph.QuadWriter
	ro     bool
	batch  int
	logger *slog.Logger
	// bolt and boltDir are the key-value store and directory of a bolt
	// store; nil and "" for other backends.
	bolt    *boltKV
	boltDir string
	// release stops the goroutine that keeps a writable bolt store's
	// memory map within mappedBudget (see keepMapped); nil if none runs.
	release func()
}

// Open opens the store named by dsn:
//
//	memory:            an in-memory store
//	bolt:///path/db    an embedded bolt store (a directory)
//	/path/db, ./db     the same, given as a plain path
//	postgres://user@host:port/db?sslmode=disable
//	                   a PostgreSQL database (also postgresql://)
//
// A bolt store held by another process makes Open fail within
// opts.LockTimeout with an error wrapping ErrLocked and naming the store.
//
// A PostgreSQL store is shared: any number of processes read it while one
// writes. A writer holds the database's writer lock from Open to Close; a
// second writer waits for it (for at most opts.LockTimeout when that is
// set, else as long as ctx allows), so concurrent loads end with the graph
// loading them one after the other gives. With opts.Create, Open creates
// the database (when the user may) and the graph's tables.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var (
		qs   cgraph.QuadStore
		pg   *pgStore
		bdb  *boltKV
		bdir string
		err  error
	)
	switch {
	case dsn == DSNMemory || dsn == "memory" || dsn == "memstore://" || dsn == "memstore:":
		qs = memstore.New()
	case strings.HasPrefix(dsn, "bolt://"):
		bdir = strings.TrimPrefix(dsn, "bolt://")
		bdb, qs, err = openBolt(bdir, opts)
	case isPostgres(dsn):
		pg, qs, err = openPostgres(ctx, dsn, opts, logger)
	case strings.Contains(dsn, "://"):
		return nil, fmt.Errorf("open %s: %w (use memory:, bolt:///path, postgres://... or a path)", redact.DSN(dsn), ErrUnsupportedDSN)
	default:
		bdir = dsn
		bdb, qs, err = openBolt(bdir, opts)
	}
	if err != nil {
		return nil, err
	}
	name := redact.DSN(dsn)
	if pg != nil {
		name = pg.name
	}
	var w cgraph.QuadWriter = readOnlyWriter{name}
	switch {
	case opts.ReadOnly:
	case pg != nil:
		w = pgWriter{pg}
	default:
		w, err = writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	}
	if err != nil {
		qs.Close()
		if pg != nil {
			pg.close()
		}
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	logger.Debug("store opened", "dsn", name, "read_only", opts.ReadOnly)
	batch := opts.BatchSize
	if batch <= 0 {
		batch = DefaultBatchSize
	}
	s := &Store{dsn: name, pg: pg, qs: qs, w: w, ro: opts.ReadOnly, batch: batch, logger: logger,
		bolt: bdb, boltDir: bdir}
	if bdb != nil && !opts.ReadOnly {
		s.release = s.keepMapped(mappedBudget)
	}
	return s, nil
}

// serial reports whether the store's reads must not overlap its writes:
// a memory store (Cayley's memstore has no locks), whose loader writes
// each batch before it reads on.
func (s *Store) serial() bool { return s.bolt == nil && s.pg == nil }

// boltFile is the file inside a bolt store's directory that holds the data
// (the layout cayley's bolt backend uses).
const boltFile = "indexes.bolt"

// openBolt opens or creates the bolt store in directory dir.
func openBolt(dir string, opts Options) (*boltKV, cgraph.QuadStore, error) {
	if dir == "" {
		return nil, nil, fmt.Errorf("open store: empty path")
	}
	file := filepath.Join(dir, boltFile)
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		if !opts.Create || opts.ReadOnly {
			return nil, nil, fmt.Errorf("store %s: %w", dir, ErrNotExist)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("create store %s: %w", dir, err)
		}
	case err != nil:
		return nil, nil, fmt.Errorf("open store %s: %w", dir, err)
	case !fi.IsDir():
		return nil, nil, fmt.Errorf("store %s: not a newsgraph store (a store is a directory)", dir)
	default:
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) && (!opts.Create || opts.ReadOnly) {
			return nil, nil, fmt.Errorf("store %s: %w", dir, ErrNotExist)
		}
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	bopts := &bolt.Options{Timeout: timeout, ReadOnly: opts.ReadOnly}
	if !opts.ReadOnly {
		bopts.InitialMmapSize = writeMmapSize
		// Nor when the file grows (by 16 MB at a time), which syncs the
		// whole file otherwise.
		bopts.NoGrowSync = opts.NoSync
	}
	bdb, err := bolt.Open(file, 0o644, bopts)
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, nil, fmt.Errorf("store %s: %w (waited %s)", dir, ErrLocked, timeout)
	} else if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	bdb.NoSync = opts.NoSync && !opts.ReadOnly
	db := &boltKV{db: bdb}
	if opts.Pipelined && !opts.ReadOnly {
		db.pipe = newPipe(bdb)
	}
	kvOpts := cgraph.Options{}
	if opts.ReadOnly || opts.NoBloom {
		// The bloom filters only speed up writes; building them reads
		// every quad.
		kvOpts[kv.OptNoBloom] = true
	}
	if !opts.ReadOnly {
		if err := kv.Init(db, kvOpts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			db.Close()
			return nil, nil, fmt.Errorf("init store %s: %w", dir, err)
		}
	}
	qs, err := kv.New(db, kvOpts)
	if err != nil {
		db.Close()
		if errors.Is(err, cgraph.ErrNotInitialized) {
			return nil, nil, fmt.Errorf("store %s: %w", dir, ErrNotExist)
		}
		return nil, nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return db, qs, nil
}

// DSN returns the name the store was opened with, without the password a
// PostgreSQL URL may hold.
func (s *Store) DSN() string { return s.dsn }

// QuadStore returns the underlying Cayley quad store, for query sessions
// and the HTTP API.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// QuadWriter returns the writer newsgraph uses: it ignores duplicate quads
// and deletions of missing ones. The writer of a read-only store refuses
// every change.
func (s *Store) QuadWriter() cgraph.QuadWriter { return s.w }

// Close closes the store and releases its lock.
func (s *Store) Close() error {
	if s.release != nil {
		s.release()
	}
	var err error
	// Pipelined writes go to bolt first; the error of one that failed
	// comes from closing the quad store (which closes s.bolt).
	if s.bolt != nil && s.bolt.db.NoSync && s.bolt.wait() == nil {
		// Commits were not forced to disk (Options.NoSync): all at once.
		if err = s.bolt.db.Sync(); err != nil {
			err = fmt.Errorf("sync: %w", err)
		}
	}
	err = errors.Join(err, s.w.Close(), s.qs.Close())
	if s.pg != nil {
		err = errors.Join(err, s.pg.close())
	}
	if err != nil {
		return fmt.Errorf("close store %s: %w", s.dsn, err)
	}
	return nil
}

// Size returns the number of quads in the store.
func (s *Store) Size(ctx context.Context) (int64, error) {
	if s.pg != nil {
		// Cayley's SQL backend estimates its size from table statistics.
		return s.pg.count(ctx)
	}
	st, err := s.qs.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a bolt store nothing was written to yet
	} else if err != nil {
		return 0, fmt.Errorf("stats of %s: %w", s.dsn, err)
	}
	return st.Quads.Size, nil
}

// AddQuads writes quads, ignoring those already stored, in batches of
// Options.BatchSize.
func (s *Store) AddQuads(ctx context.Context, qs []quad.Quad) error {
	if s.ro {
		return fmt.Errorf("write to %s: store is open read-only", s.dsn)
	}
	for len(qs) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(qs), s.batch)
		if s.pg != nil { // the context reaches the database
			if err := s.pg.addQuads(ctx, qs[:n]); err != nil {
				return err
			}
		} else if err := s.w.AddQuadSet(qs[:n]); err != nil {
			return fmt.Errorf("write to %s: %w", s.dsn, err)
		}
		qs = qs[n:]
	}
	return nil
}

// literal returns the plain text of a value: a string literal without
// quotes, other values in their N-Quads form.
func literal(v quad.Value) string {
	if s, ok := v.Native().(string); ok {
		return s
	}
	return quad.StringOf(v)
}

// DefaultBatchSize is the number of quads written per transaction unless
// Options.BatchSize says otherwise.
const DefaultBatchSize = 10000

// Dump returns every quad in the store, sorted by N-Quads text.
func (s *Store) Dump(ctx context.Context) ([]quad.Quad, error) {
	var out []quad.Quad
	if err := s.allQuads(ctx, func(q quad.Quad) { out = append(out, q) }); err != nil {
		return nil, err
	}
	sortQuads(out)
	return out, nil
}

// QuadWriter is what loading needs from a store.
type QuadWriter interface {
	AddQuads(ctx context.Context, qs []quad.Quad) error
}

var _ QuadWriter = (*Store)(nil)

// readOnlyWriter is the QuadWriter of a read-only store. PostgreSQL needs
// it: lib/pq begins every transaction READ WRITE, overriding the session's
// read-only default.
type readOnlyWriter struct{ name string }

func (w readOnlyWriter) err() error {
	return fmt.Errorf("write to %s: store is open read-only", w.name)
}

func (w readOnlyWriter) AddQuad(quad.Quad) error                    { return w.err() }
func (w readOnlyWriter) AddQuadSet([]quad.Quad) error               { return w.err() }
func (w readOnlyWriter) RemoveQuad(quad.Quad) error                 { return w.err() }
func (w readOnlyWriter) ApplyTransaction(*cgraph.Transaction) error { return w.err() }
func (w readOnlyWriter) RemoveNode(quad.Value) error                { return w.err() }
func (w readOnlyWriter) Close() error                               { return nil }
