package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Writing to PostgreSQL.
//
// Cayley's SQL writer sends one INSERT per node and one per quad, and
// after any deletion scans the whole nodes table for nodes no quad uses
// (and, for each one it deletes, the whole quads table, as no index leads
// with label_hash). newsgraph writes the same rows (values encoded by
// cayley's csql.NodeValues, reference counts kept) in a few statements per
// batch: quads and nodes are copied (COPY) into temporary tables, then
// inserted or deleted set-wise, and only the nodes a deletion touched are
// checked for garbage.

// nodeColumns are the value columns of cayley's nodes table.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// quadColumns are the hash columns of cayley's quads table.
var quadColumns = []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}

// tempTables are the session's staging tables, emptied at each commit.
var tempTables = []string{
	`CREATE TEMP TABLE IF NOT EXISTS ng_new_nodes (hash BYTEA, value BYTEA, value_string TEXT,
		datatype TEXT, language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN,
		value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS ng_new_quads (subject_hash BYTEA, predicate_hash BYTEA,
		object_hash BYTEA, label_hash BYTEA) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS ng_old_quads (subject_hash BYTEA, predicate_hash BYTEA,
		object_hash BYTEA, label_hash BYTEA) ON COMMIT DELETE ROWS`,
}

// quadHashes are the four hashes of a quad; the label's is nil for none.
type quadHashes [4][]byte

// args returns the hashes as statement arguments, a missing label as NULL.
func (h quadHashes) args() []any {
	out := []any{h[0], h[1], h[2], nil}
	if h[3] != nil {
		out[3] = h[3]
	}
	return out
}

// write runs f in one transaction on the writer's connection.
func (p *pgStore) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	if p.lock == nil {
		return fmt.Errorf("write to %s: store is open read-only", p.name)
	}
	tx, err := p.lock.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write to %s: %w", p.name, pqMessage(err))
	}
	defer tx.Rollback()
	// A commit need not wait for the disk: a server crash can lose the
	// last commits, never half of one, and a load redoes what a lost
	// commit held (articles are marked loaded only after their quads).
	stmts := append([]string{`SET LOCAL synchronous_commit TO OFF`}, tempTables...)
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("write to %s: %w", p.name, pqMessage(err))
		}
	}
	if err := f(tx); err != nil {
		return fmt.Errorf("write to %s: %w", p.name, pqMessage(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write to %s: %w", p.name, pqMessage(err))
	}
	p.wrote = true
	return nil
}

// copyIn copies rows into a table of the transaction with COPY.
func copyIn(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	st, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	defer st.Close()
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	_, err = st.ExecContext(ctx)
	return err
}

// addQuads writes qs in one transaction, ignoring quads already stored.
func (p *pgStore) addQuads(ctx context.Context, qs []quad.Quad) error {
	return p.write(ctx, func(tx *sql.Tx) error { return insertQuads(ctx, tx, qs) })
}

// insertQuads inserts the nodes and quads of qs that are not stored yet
// and raises each node's reference count by the number of new quads that
// use it, as cayley's writer does.
func insertQuads(ctx context.Context, tx *sql.Tx, qs []quad.Quad) error {
	if len(qs) == 0 {
		return nil
	}
	col := make(map[string]int, len(nodeColumns))
	for i, c := range nodeColumns {
		col[c] = i
	}
	seen := map[cgraph.ValueHash]bool{}
	var nodes, quads [][]any
	for _, q := range qs {
		var hs quadHashes
		for i, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			h := csql.HashOf(v)
			hs[i] = h.SQLValue().([]byte)
			if seen[h.ValueHash] {
				continue
			}
			seen[h.ValueHash] = true
			typ, vals, err := csql.NodeValues(h, v)
			if err != nil {
				return err
			}
			row := make([]any, 1+len(nodeColumns))
			row[0] = hs[i]
			for j, c := range typ.Columns() {
				row[1+col[c]] = vals[1+j] // vals[0] is the hash
			}
			nodes = append(nodes, row)
		}
		quads = append(quads, hs.args())
	}
	if err := copyIn(ctx, tx, "ng_new_nodes", append([]string{"hash"}, nodeColumns...), nodes); err != nil {
		return err
	}
	if err := copyIn(ctx, tx, "ng_new_quads", quadColumns, quads); err != nil {
		return err
	}
	cols := strings.Join(nodeColumns, ", ")
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (hash, refs, `+cols+`)
		SELECT hash, 0, `+cols+` FROM ng_new_nodes ON CONFLICT (hash) DO NOTHING`); err != nil {
		return err
	}
	// Only the quads actually inserted count towards the references.
	_, err := tx.ExecContext(ctx, `WITH added AS (
			INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT DISTINCT subject_hash, predicate_hash, object_hash, label_hash, now() FROM ng_new_quads
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash
		)
		UPDATE nodes SET refs = nodes.refs + used.n FROM (`+refCounts("added")+`) used
		WHERE nodes.hash = used.h`)
	return err
}

// refCounts is a query giving, for each node hash in the quads of table,
// the number of times they use it: (h, n).
func refCounts(table string) string {
	return `SELECT h, count(*) AS n FROM (
		SELECT subject_hash AS h FROM ` + table + `
		UNION ALL SELECT predicate_hash FROM ` + table + `
		UNION ALL SELECT object_hash FROM ` + table + `
		UNION ALL SELECT label_hash FROM ` + table + ` WHERE label_hash IS NOT NULL
	) uses GROUP BY h`
}

// removeQuads deletes quads in one transaction, ignoring missing ones.
func (p *pgStore) removeQuads(ctx context.Context, qs []quad.Quad) error {
	return p.write(ctx, func(tx *sql.Tx) error { return deleteQuads(ctx, tx, hashesOf(qs)) })
}

func hashesOf(qs []quad.Quad) []quadHashes {
	out := make([]quadHashes, len(qs))
	for i, q := range qs {
		for j, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				out[i][j] = csql.HashOf(v).SQLValue().([]byte)
			}
		}
	}
	return out
}

// deleteQuads deletes the quads with the given hashes, lowers the
// reference counts of their nodes and deletes the nodes no quad uses any
// more.
func deleteQuads(ctx context.Context, tx *sql.Tx, qs []quadHashes) error {
	if len(qs) == 0 {
		return nil
	}
	rows := make([][]any, len(qs))
	for i, h := range qs {
		rows[i] = h.args()
	}
	if err := copyIn(ctx, tx, "ng_old_quads", quadColumns, rows); err != nil {
		return err
	}
	res, err := tx.QueryContext(ctx, `WITH gone AS (
			DELETE FROM quads q USING (SELECT DISTINCT * FROM ng_old_quads) d
			WHERE q.subject_hash = d.subject_hash AND q.predicate_hash = d.predicate_hash
				AND q.object_hash = d.object_hash
				AND (q.label_hash = d.label_hash OR q.label_hash IS NULL AND d.label_hash IS NULL)
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
		), lowered AS (
			UPDATE nodes SET refs = nodes.refs - used.n FROM (`+refCounts("gone")+`) used
			WHERE nodes.hash = used.h
			RETURNING nodes.hash, nodes.refs
		)
		SELECT hash FROM lowered WHERE refs <= 0`)
	if err != nil {
		return err
	}
	var unused pq.ByteaArray
	for res.Next() {
		var h []byte
		if err := res.Scan(&h); err != nil {
			res.Close()
			return err
		}
		unused = append(unused, h)
	}
	if err := errors.Join(res.Err(), res.Close()); err != nil {
		return err
	}
	if len(unused) == 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, unused)
	return err
}

// pgWriter is the QuadWriter of a writable PostgreSQL store: cayley's
// QuadWriter interface over the statements above. Like the writer of other
// stores, it ignores duplicate quads and deletions of missing ones.
type pgWriter struct{ p *pgStore }

var _ cgraph.QuadWriter = pgWriter{}

// AddQuad adds a quad.
func (w pgWriter) AddQuad(q quad.Quad) error { return w.AddQuadSet([]quad.Quad{q}) }

// AddQuadSet adds quads in one transaction.
func (w pgWriter) AddQuadSet(qs []quad.Quad) error {
	return w.p.addQuads(context.Background(), qs)
}

// RemoveQuad deletes a quad.
func (w pgWriter) RemoveQuad(q quad.Quad) error {
	return w.p.removeQuads(context.Background(), []quad.Quad{q})
}

// ApplyTransaction applies the transaction's additions and deletions, in
// their order, in one database transaction.
func (w pgWriter) ApplyTransaction(t *cgraph.Transaction) error {
	ctx := context.Background()
	return w.p.write(ctx, func(tx *sql.Tx) error {
		ds := t.Deltas
		for len(ds) > 0 {
			// A run of deltas with the same action.
			n := 1
			for n < len(ds) && ds[n].Action == ds[0].Action {
				n++
			}
			qs := make([]quad.Quad, n)
			for i, d := range ds[:n] {
				qs[i] = d.Quad
			}
			var err error
			switch ds[0].Action {
			case cgraph.Add:
				err = insertQuads(ctx, tx, qs)
			case cgraph.Delete:
				err = deleteQuads(ctx, tx, hashesOf(qs))
			default:
				err = fmt.Errorf("unknown action %v", ds[0].Action)
			}
			if err != nil {
				return err
			}
			// The staging tables are emptied at commit; a later run in the
			// same transaction must not see this one's rows.
			for _, t := range []string{"ng_new_nodes", "ng_new_quads", "ng_old_quads"} {
				if _, err := tx.ExecContext(ctx, "TRUNCATE "+t); err != nil {
					return err
				}
			}
			ds = ds[n:]
		}
		return nil
	})
}

// RemoveNode deletes every quad that uses the value, in any direction.
func (w pgWriter) RemoveNode(v quad.Value) error {
	ctx := context.Background()
	h := csql.HashOf(v).SQLValue()
	return w.p.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
			WHERE subject_hash = $1 OR predicate_hash = $1 OR object_hash = $1 OR label_hash = $1`, h)
		if err != nil {
			return err
		}
		var qs []quadHashes
		for rows.Next() {
			var q quadHashes
			if err := rows.Scan(&q[0], &q[1], &q[2], &q[3]); err != nil {
				rows.Close()
				return err
			}
			qs = append(qs, q)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		if len(qs) == 0 {
			return cgraph.ErrNodeNotExists
		}
		return deleteQuads(ctx, tx, qs)
	})
}

// Close does nothing: the store owns the connection.
func (w pgWriter) Close() error { return nil }
