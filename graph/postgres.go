package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/lib/pq"

	"github.com/newsgraph/newsgraph/internal/redact"

	// Cayley's PostgreSQL backend registers itself (and lib/pq its
	// "postgres" driver) on import; only this SQL backend is linked in.
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// pgIdleConns is the number of idle connections cayley's pool keeps.
const pgIdleConns = 16

// postgresType is the name cayley registers its PostgreSQL backend under.
const postgresType = "postgres"

// writerLockClass is the first key of the advisory lock a writer holds;
// the second is a hash of the schema the graph lives in.
const writerLockClass = 0x6e677277 // "ngrw"

// isPostgres reports whether dsn names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// pgStore is what a Store keeps of a PostgreSQL database besides cayley's
// quad store: a connection pool of its own for the writer lock, counts,
// batched writes and schema additions.
type pgStore struct {
	db   *sql.DB
	lock *sql.Conn // holds the writer lock; nil for a read-only store
	name string    // the DSN without its password, for messages
	// counted is true when the database keeps newsgraph's quad counter
	// (ng_stats, maintained by triggers).
	counted bool
	// wrote is set once the store has written.
	wrote bool
}

// openPostgres opens the graph in the PostgreSQL database named by dsn.
//
// A writer (not opts.ReadOnly) first takes the database's writer lock,
// waiting for another writer to finish, so loads into one database run one
// after the other; with opts.Create it then creates the database when it is
// missing, and cayley's tables and indexes (and newsgraph's own indexes)
// when they are. A reader opens the database read-only and never waits.
func openPostgres(ctx context.Context, dsn string, opts Options, logger *slog.Logger) (*pgStore, cgraph.QuadStore, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		// url.Error repeats the URL, password and all
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, nil, fmt.Errorf("open store %s: bad PostgreSQL URL: %w", redact.DSN(dsn), err)
	}
	name := redact.DSN(dsn)
	dbName := strings.TrimPrefix(u.Path, "/")
	if dbName == "" {
		return nil, nil, fmt.Errorf("open store %s: the URL names no database (postgres://user@host:port/DATABASE)", name)
	}
	if opts.ReadOnly {
		// The session refuses writes, whatever code path tries one.
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	p := &pgStore{name: name}
	p.db, err = sql.Open("postgres", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", name, err)
	}
	fail := func(err error) (*pgStore, cgraph.QuadStore, error) {
		p.close()
		return nil, nil, err
	}
	err = p.db.PingContext(ctx)
	if pqCode(err) == "3D000" { // invalid_catalog_name: no such database
		if !opts.Create || opts.ReadOnly {
			return fail(fmt.Errorf("store %s: %w (database %q does not exist)", name, ErrNotExist, dbName))
		}
		if err := createDatabase(ctx, u, dbName); err != nil {
			return fail(fmt.Errorf("create store %s: %w", name, pqMessage(err)))
		}
		logger.Info("database created", "store", name)
		err = p.db.PingContext(ctx)
	}
	if err != nil {
		return fail(fmt.Errorf("open store %s: %w", name, pqMessage(err)))
	}
	if !opts.ReadOnly {
		if err := p.lockWriter(ctx, opts.LockTimeout, logger); err != nil {
			return fail(err)
		}
	}
	var exists bool
	if err := p.db.QueryRowContext(ctx,
		`SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&exists); err != nil {
		return fail(fmt.Errorf("open store %s: %w", name, pqMessage(err)))
	}
	if !exists {
		if !opts.Create || opts.ReadOnly {
			return fail(fmt.Errorf("store %s: %w (database %q holds no graph)", name, ErrNotExist, dbName))
		}
		// Cayley creates its tables and indexes in one transaction; the
		// writer lock keeps two processes from racing to do it.
		if err := cgraph.InitQuadStore(postgresType, dsn, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fail(fmt.Errorf("init store %s: %w", name, pqMessage(err)))
		}
		logger.Info("graph tables created", "store", name)
	}
	if !opts.ReadOnly {
		if err := p.ensureSchema(ctx); err != nil {
			return fail(err)
		}
	}
	if err := p.db.QueryRowContext(ctx, `SELECT to_regclass('ng_stats') IS NOT NULL`).Scan(&p.counted); err != nil {
		return fail(fmt.Errorf("open store %s: %w", name, pqMessage(err)))
	}
	// Nested Gizmo iterators keep several cursors open at once; with
	// database/sql's default of two idle connections each lookup would
	// open (and fork) a new server connection.
	qs, err := cgraph.NewQuadStore(postgresType, dsn, cgraph.Options{"maxidleconnections": pgIdleConns})
	if err != nil {
		return fail(fmt.Errorf("open store %s: %w", name, pqMessage(err)))
	}
	pqs, err := newPgQuadStore(qs, p.db)
	if err != nil {
		qs.Close()
		return fail(fmt.Errorf("open store %s: %w", name, err))
	}
	return p, pqs, nil
}

// createDatabase creates the database dbName on the server of u,
// connecting to its "postgres" maintenance database. A database created
// meanwhile by someone else is no error.
func createDatabase(ctx context.Context, u *url.URL, dbName string) error {
	m := *u
	m.Path = "/postgres"
	db, err := sql.Open("postgres", m.String())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(dbName))
	switch pqCode(err) {
	case "42P04", "23505": // duplicate_database; or a concurrent CREATE won
		return nil
	}
	return err
}

// lockWriter takes the writer lock of the graph: a session advisory lock
// on a connection the store keeps until Close. It waits for another
// writer until ctx is done or, when timeout > 0, for at most timeout.
func (p *pgStore) lockWriter(ctx context.Context, timeout time.Duration, logger *slog.Logger) error {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open store %s: %w", p.name, pqMessage(err))
	}
	const key = `hashtext(current_schema())`
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, `+key+`)`, writerLockClass).Scan(&ok); err != nil {
		conn.Close()
		return fmt.Errorf("lock store %s: %w", p.name, pqMessage(err))
	}
	if !ok {
		logger.Info("waiting for another process writing to the store", "store", p.name)
		wctx := ctx
		if timeout > 0 {
			var cancel context.CancelFunc
			wctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		start := time.Now()
		_, err := conn.ExecContext(wctx, `SELECT pg_advisory_lock($1, `+key+`)`, writerLockClass)
		if err != nil {
			conn.Close()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if wctx.Err() != nil {
				return fmt.Errorf("store %s: %w (waited %s)", p.name, ErrLocked, timeout)
			}
			return fmt.Errorf("lock store %s: %w", p.name, pqMessage(err))
		}
		logger.Info("writer lock taken", "store", p.name, "waited", time.Since(start).Round(time.Millisecond))
	}
	p.lock = conn
	return nil
}

// schema is what newsgraph adds to the tables cayley creates; every
// statement may run again.
var schema = []string{
	// Provenance queries (Labels, LabelContext) and replacing an article
	// look quads up by label; deleting a node checks no quad still uses it
	// as a label, which without this index reads the whole table.
	`CREATE INDEX IF NOT EXISTS ng_label_index ON quads (label_hash)`,
	// Cayley's four foreign keys from quads to nodes check every inserted
	// quad with four row-locking lookups (a trigger per row and key; their
	// cost is in the README, "PostgreSQL", "Figures"). Every writer keeps the
	// nodes of its quads itself (nodes first, in the same transaction, and
	// exact reference counts: newsgraph's and Cayley's own), so they guard
	// nothing the writers do not; the store tests check that no quad names a
	// missing node.
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS predicate_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS object_hash_fk`,
	`ALTER TABLE quads DROP CONSTRAINT IF EXISTS label_hash_fk`,
	// An exact quad count kept by triggers: count(*) reads the whole
	// table, and loads ask for the size before and after every batch.
	`CREATE TABLE IF NOT EXISTS ng_stats (id INT PRIMARY KEY CHECK (id = 1), quads BIGINT NOT NULL)`,
	// The generation rises with every statement that inserts or deletes
	// quads: the stamp of stored answers (ng_answers, see answers.go).
	`ALTER TABLE ng_stats ADD COLUMN IF NOT EXISTS generation BIGINT NOT NULL DEFAULT 0`,
	`CREATE TABLE IF NOT EXISTS ng_answers (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, body BYTEA NOT NULL)`,
	`CREATE OR REPLACE FUNCTION ng_count_quads() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF TG_OP = 'INSERT' THEN
			UPDATE ng_stats SET quads = quads + (SELECT count(*) FROM ng_rows), generation = generation + 1 WHERE id = 1;
		ELSE
			UPDATE ng_stats SET quads = quads - (SELECT count(*) FROM ng_rows), generation = generation + 1 WHERE id = 1;
		END IF;
		RETURN NULL;
	END $$`,
	`DROP TRIGGER IF EXISTS ng_count_insert ON quads`,
	`CREATE TRIGGER ng_count_insert AFTER INSERT ON quads REFERENCING NEW TABLE AS ng_rows
		FOR EACH STATEMENT EXECUTE FUNCTION ng_count_quads()`,
	`DROP TRIGGER IF EXISTS ng_count_delete ON quads`,
	`CREATE TRIGGER ng_count_delete AFTER DELETE ON quads REFERENCING OLD TABLE AS ng_rows
		FOR EACH STATEMENT EXECUTE FUNCTION ng_count_quads()`,
	`INSERT INTO ng_stats (id, quads) SELECT 1, count(*) FROM quads ON CONFLICT (id) DO NOTHING`,
}

// ensureSchema adds newsgraph's indexes, counter and triggers to the
// graph's tables, in one transaction. The caller holds the writer lock.
func (p *pgStore) ensureSchema(ctx context.Context) error {
	tx, err := p.lock.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("open store %s: %w", p.name, pqMessage(err))
	}
	defer tx.Rollback()
	for _, st := range schema {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("update schema of %s: %w", p.name, pqMessage(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update schema of %s: %w", p.name, pqMessage(err))
	}
	return nil
}

// count returns the number of quads stored.
func (p *pgStore) count(ctx context.Context) (int64, error) {
	q := `SELECT count(*) FROM quads` // a store no writer of ours has opened yet
	if p.counted {
		q = `SELECT quads FROM ng_stats WHERE id = 1`
	}
	var n int64
	if err := p.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("stats of %s: %w", p.name, pqMessage(err))
	}
	return n, nil
}

// close releases the writer lock and the connections.
func (p *pgStore) close() error {
	var err error
	if p.lock != nil && p.wrote {
		// Fresh statistics for the planner, and a visibility map so that
		// queries read indexes only: autovacuum would get there, but not
		// before the queries that follow a load.
		_, err = p.lock.ExecContext(context.Background(), `VACUUM (ANALYZE) quads, nodes`)
	}
	if p.lock != nil {
		// Closing the pool ends the session, which drops the lock too;
		// unlock first so the connection is clean whatever happens.
		_, uerr := p.lock.ExecContext(context.Background(), `SELECT pg_advisory_unlock_all()`)
		err = errors.Join(err, uerr, p.lock.Close())
	}
	if p.db != nil {
		err = errors.Join(err, p.db.Close())
	}
	return err
}

// pqCode returns the SQLSTATE of a PostgreSQL error, or "".
func pqCode(err error) string {
	var e *pq.Error
	if errors.As(err, &e) {
		return string(e.Code)
	}
	return ""
}

// pqMessage returns err with a PostgreSQL error reduced to one line: its
// message and code, without the driver's prefix.
func pqMessage(err error) error {
	var e *pq.Error
	if errors.As(err, &e) {
		return fmt.Errorf("%s (%s)", e.Message, e.Code)
	}
	return err
}
