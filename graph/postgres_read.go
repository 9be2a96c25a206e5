package graph

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// Reading from PostgreSQL.
//
// Cayley's SQL backend compiles query shapes to SQL that returns node
// hashes, then looks each value up with a query of its own, keeping only
// the last 1,024 in memory: a Gizmo query over thousands of nodes makes
// thousands of round trips. pgQuadStore wraps it: once a query has proved
// big, the values of every node its rows hold are fetched with one statement,
// and values are kept (they never change: a node's hash is that of its
// value) up to valueCacheSize of them.

// valueCacheSize bounds the values a store keeps; past it the cache starts
// over.
const valueCacheSize = 1 << 20

// pgQuadStore is cayley's PostgreSQL quad store with values fetched in bulk
// and cached. Query shapes cayley compiles to SQL are wrapped (sqlShape) so
// that their iterators fetch values first.
type pgQuadStore struct {
	*csql.QuadStore
	db *sql.DB

	mu     sync.Mutex
	values map[cgraph.ValueHash]quad.Value
}

var (
	_ cgraph.QuadStore = (*pgQuadStore)(nil)
	_ shape.Optimizer  = (*pgQuadStore)(nil)
)

func newPgQuadStore(qs cgraph.QuadStore, db *sql.DB) (*pgQuadStore, error) {
	inner, ok := qs.(*csql.QuadStore)
	if !ok {
		return nil, fmt.Errorf("cayley's postgres backend gave a %T", qs)
	}
	return &pgQuadStore{QuadStore: inner, db: db, values: map[cgraph.ValueHash]quad.Value{}}, nil
}

// hashOf returns the value hash a reference stands for.
func hashOf(r cgraph.Ref) (cgraph.ValueHash, bool) {
	switch h := r.(type) {
	case csql.NodeHash:
		return h.ValueHash, true
	case cgraph.ValueHash:
		return h, true
	}
	return cgraph.ValueHash{}, false
}

// NameOf returns the value of a node, from the cache when it can.
func (qs *pgQuadStore) NameOf(r cgraph.Ref) quad.Value {
	h, ok := hashOf(r)
	if !ok || !h.Valid() {
		return qs.QuadStore.NameOf(r)
	}
	qs.mu.Lock()
	v, ok := qs.values[h]
	qs.mu.Unlock()
	if ok {
		return v
	}
	v = qs.QuadStore.NameOf(r)
	if v != nil {
		qs.remember(map[cgraph.ValueHash]quad.Value{h: v})
	}
	return v
}

func (qs *pgQuadStore) remember(vals map[cgraph.ValueHash]quad.Value) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	if len(qs.values)+len(vals) > valueCacheSize {
		qs.values = make(map[cgraph.ValueHash]quad.Value, len(vals))
	}
	for h, v := range vals {
		qs.values[h] = v
	}
}

// Quad returns the quad of a reference, its values from the cache.
func (qs *pgQuadStore) Quad(r cgraph.Ref) quad.Quad {
	var q quad.Quad
	for _, d := range quad.Directions {
		q.Set(d, qs.NameOf(qs.QuadDirection(r, d)))
	}
	return q
}

// QuadIterator returns the quads whose direction d holds the node,
// fetching their values in bulk when iterated.
func (qs *pgQuadStore) QuadIterator(d quad.Direction, r cgraph.Ref) cgraph.Iterator {
	h, ok := hashOf(r)
	if !ok {
		return qs.QuadStore.QuadIterator(d, r)
	}
	sel := csql.AllQuads("")
	sel.WhereEq("", d.String()+"_hash", csql.NodeHash{ValueHash: h})
	return qs.newIterator(sel)
}

// QuadsAllIterator returns every quad, fetching values in bulk.
func (qs *pgQuadStore) QuadsAllIterator() cgraph.Iterator {
	return qs.newIterator(csql.AllQuads(""))
}

// OptimizeShape compiles what it can of s to SQL, as cayley does, and
// wraps the result so that its iterator fetches values in bulk. Cayley's
// optimizer merges SQL children into their parents, so wrapped children
// are unwrapped first.
func (qs *pgQuadStore) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	out, ok := qs.QuadStore.OptimizeShape(mapChildren(s, unwrap))
	return qs.wrap(mapChildren(out, qs.wrap)), ok
}

// unwrap returns the SQL of a wrapped shape, for cayley's optimizer.
func unwrap(s shape.Shape) shape.Shape {
	if w, ok := s.(sqlShape); ok {
		return w.sel
	}
	return s
}

// wrap wraps a SQL shape.
func (qs *pgQuadStore) wrap(s shape.Shape) shape.Shape {
	if sel, ok := s.(csql.Select); ok {
		return sqlShape{sel: sel, qs: qs}
	}
	return s
}

// mapChildren returns s with f applied to the children cayley's SQL
// optimizer looks into (it merges SQL children into their parents), or s
// itself for other shapes.
func mapChildren(s shape.Shape, f func(shape.Shape) shape.Shape) shape.Shape {
	switch s := s.(type) {
	case shape.Filter:
		s.From = f(s.From)
		return s
	case shape.Save:
		s.From = f(s.From)
		return s
	case shape.Page:
		s.From = f(s.From)
		return s
	case shape.NodesFrom:
		s.Quads = f(s.Quads)
		return s
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, c := range s {
			out[i] = f(c)
		}
		return out
	case shape.Quads:
		out := make(shape.Quads, len(s))
		for i, q := range s {
			q.Values = f(q.Values)
			out[i] = q
		}
		return out
	}
	return s
}

// sqlShape is a shape cayley compiled to one SQL query.
type sqlShape struct {
	sel csql.Select
	qs  *pgQuadStore
}

// BuildIterator returns the query's iterator, which fetches values first.
func (s sqlShape) BuildIterator(cgraph.QuadStore) cgraph.Iterator { return s.qs.newIterator(s.sel) }

// Optimize leaves the query as it is, as cayley does with its own.
func (s sqlShape) Optimize(shape.Optimizer) (shape.Shape, bool) { return s, false }

func (qs *pgQuadStore) newIterator(sel csql.Select) cgraph.Iterator {
	return &prefetchIterator{Iterator: qs.NewIterator(sel), qs: qs, sel: sel, size: -1}
}

// prefetchIterator is a SQL iterator that fetches the values of all the
// nodes its query returns in one statement, once it has returned
// prefetchAfter of them. Its size is the
// planner's estimate: cayley counts the rows of every query it plans with
// (SELECT COUNT(*)), which costs as much as running it.
type prefetchIterator struct {
	cgraph.Iterator
	qs      *pgQuadStore
	sel     csql.Select
	fetched bool
	seen    int   // results returned
	size    int64 // -1 until estimated
}

// Stats returns cayley's costs for SQL iterators and the estimated size.
func (it *prefetchIterator) Stats() cgraph.IteratorStats {
	return cgraph.IteratorStats{NextCost: 1, ContainsCost: 10, Size: it.estimate()}
}

// Size returns the estimated number of results.
func (it *prefetchIterator) Size() (int64, bool) { return it.estimate(), false }

// AsShape hands cayley's own iterator to code that uses the newer
// iterator interface (lookups, for instance), as cayley's SQL iterator
// does; only iteration through Next fetches values in bulk.
func (it *prefetchIterator) AsShape() cgraph.IteratorShape {
	var sh cgraph.IteratorShape
	if f, ok := it.Iterator.(cgraph.IteratorFuture); ok {
		sh = f.AsShape()
	} else {
		sh = cgraph.AsShape(it.Iterator)
	}
	return estimatedShape{IteratorShape: sh, it: it}
}

// estimatedShape is cayley's SQL iterator in its newer interface, sized by
// the planner's estimate instead of a count.
type estimatedShape struct {
	cgraph.IteratorShape
	it *prefetchIterator
}

// Stats returns cayley's costs for SQL iterators and the estimated size.
func (s estimatedShape) Stats(context.Context) (cgraph.IteratorCosts, error) {
	return cgraph.IteratorCosts{NextCost: 1, ContainsCost: 10,
		Size: cgraph.Size{Size: s.it.estimate(), Exact: false}}, nil
}

// Optimize keeps the shape: it is one SQL query already.
func (s estimatedShape) Optimize(context.Context) (cgraph.IteratorShape, bool) { return s, false }

// Optimize keeps the iterator: it is one SQL query already.
func (it *prefetchIterator) Optimize() (cgraph.Iterator, bool) { return it, false }

func (it *prefetchIterator) estimate() int64 {
	if it.size >= 0 {
		return it.size
	}
	query, args := it.qs.sqlOf(it.sel)
	var plan string
	err := it.qs.db.QueryRow(`EXPLAIN (FORMAT JSON) `+query, args...).Scan(&plan)
	var out []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err == nil {
		err = json.Unmarshal([]byte(plan), &out)
	}
	if err != nil || len(out) == 0 {
		// As cayley does without exact sizes: a share of all quads.
		st, _ := it.qs.Stats(context.Background(), false)
		it.size = st.Quads.Size/100 + 1
		return it.size
	}
	it.size = int64(out[0].Plan.Rows) + 1
	return it.size
}

// prefetchAfter is the number of results an iterator returns before it
// fetches the values of all of them: small iterators (one node's quads,
// as nested steps build by the thousand) are cheaper without.
const prefetchAfter = 64

// Next advances, fetching the values of every result once the iterator
// proves big.
func (it *prefetchIterator) Next(ctx context.Context) bool {
	if !it.Iterator.Next(ctx) {
		return false
	}
	if it.seen++; it.seen == prefetchAfter && !it.fetched {
		it.fetched = true
		// On errors other than ctx's the values are looked up one at a
		// time, as cayley does.
		if err := it.qs.prefetch(ctx, it.sel); err != nil && ctx.Err() != nil {
			return false
		}
	}
	return true
}

// sqlOf returns the SQL text and arguments of a query.
func (qs *pgQuadStore) sqlOf(sel csql.Select) (string, []any) {
	query := sel.SQL(csql.NewBuilder(postgres.QueryDialect))
	args := make([]any, 0, len(sel.Args()))
	for _, a := range sel.Args() {
		args = append(args, a.SQLValue())
	}
	return query, args
}

// prefetch reads the values of every node the query returns into the
// cache, with one statement.
func (qs *pgQuadStore) prefetch(ctx context.Context, sel csql.Select) error {
	cols := sel.Columns()
	if len(cols) == 0 {
		return nil
	}
	query, args := qs.sqlOf(sel)
	hashes := make([]string, len(cols))
	for i, c := range cols {
		hashes[i] = "SELECT " + pq.QuoteIdentifier(c) + " AS h FROM q"
	}
	rows, err := qs.db.QueryContext(ctx, `WITH q AS (`+query+`)
		SELECT hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool,
			value_float, value_time
		FROM nodes WHERE hash IN (`+strings.Join(hashes, " UNION ")+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := map[cgraph.ValueHash]quad.Value{}
	for rows.Next() {
		var h csql.NodeHash
		var n nodeRow
		if err := rows.Scan(&h, &n.value, &n.str, &n.datatype, &n.lang, &n.iri, &n.bnode,
			&n.vint, &n.vbool, &n.vfloat, &n.vtime); err != nil {
			return err
		}
		if v, err := n.decode(); err == nil && v != nil && h.Valid() {
			vals[h.ValueHash] = v
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	qs.remember(vals)
	return nil
}

// preloadAll reads the value of every node into the cache, with one
// statement, when they all fit in it: what a query over the whole graph
// (the canned answers) would otherwise fetch one round trip at a time
// wherever Gizmo reads a tagged value. It reports whether it did.
func (qs *pgQuadStore) preloadAll(ctx context.Context) (bool, error) {
	var n int64
	if err := qs.db.QueryRowContext(ctx, `SELECT count(*) FROM nodes`).Scan(&n); err != nil {
		return false, err
	}
	if n > valueCacheSize/2 {
		return false, nil
	}
	rows, err := qs.db.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	vals := make(map[cgraph.ValueHash]quad.Value, n)
	for rows.Next() {
		var h csql.NodeHash
		var r nodeRow
		if err := rows.Scan(&h, &r.value, &r.str, &r.datatype, &r.lang, &r.iri, &r.bnode,
			&r.vint, &r.vbool, &r.vfloat, &r.vtime); err != nil {
			return false, err
		}
		if v, err := r.decode(); err == nil && v != nil && h.Valid() {
			vals[h.ValueHash] = v
		}
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	qs.remember(vals)
	return true, nil
}

// nodeRow holds the value columns of one row of cayley's nodes table.
type nodeRow struct {
	value          []byte
	str            sql.NullString
	datatype, lang sql.NullString
	iri, bnode     sql.NullBool
	vint           sql.NullInt64
	vbool          sql.NullBool
	vfloat         sql.NullFloat64
	vtime          sql.NullTime
}

// decode returns the value a row stores, by the rules cayley's writer
// stores them with (csql.NodeValues): the string column with its flags,
// else the typed columns, else a protobuf-encoded value.
func (n nodeRow) decode() (quad.Value, error) {
	switch {
	case n.str.Valid:
		s := strings.ReplaceAll(n.str.String, `\x00`, "\x00") // cayley escapes NUL bytes
		switch {
		case n.iri.Bool:
			return quad.IRI(s), nil
		case n.bnode.Bool:
			return quad.BNode(s), nil
		case n.lang.Valid:
			return quad.LangString{Value: quad.String(s), Lang: n.lang.String}, nil
		case n.datatype.Valid:
			return quad.TypedString{Value: quad.String(s), Type: quad.IRI(n.datatype.String)}, nil
		}
		return quad.String(s), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time), nil
	}
	return pquads.UnmarshalValue(n.value)
}
