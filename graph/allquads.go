package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// quadChunk is how many quads allQuads reads from a bolt store before it
// looks up the values they name.
const quadChunk = 50000

// allQuads calls f with every quad of the store, in no particular order.
//
// Cayley's Quad looks the four values of a quad up one at a time, each
// with a transaction and a seek of its own: four lookups per quad. On a
// bolt store allQuads reads the quads as value ids, quadChunk at a time,
// and fetches the values of each chunk not seen before with one bulk
// lookup, keeping every value it has seen: one lookup per distinct value
// (a graph has far fewer values than quads; README, "Design figures"),
// and memory for all of them.
func (s *Store) allQuads(ctx context.Context, f func(quad.Quad)) error {
	kqs, ok := s.qs.(*kv.QuadStore)
	if !ok {
		it := s.qs.QuadsAllIterator()
		defer it.Close()
		if err := cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) { f(s.qs.Quad(r)) }); err != nil {
			return fmt.Errorf("read %s: %w", s.dsn, err)
		}
		return nil
	}
	values := map[uint64]quad.Value{}
	chunk := make([][4]uint64, 0, quadChunk)
	flush := func() error {
		var need []cgraph.Ref
		for _, q := range chunk {
			for _, id := range q {
				if _, ok := values[id]; !ok && id != 0 {
					values[id] = nil
					need = append(need, kv.Int64Value(id))
				}
			}
		}
		if len(need) > 0 {
			vals, err := kqs.ValuesOf(ctx, need)
			if err != nil {
				return fmt.Errorf("read %s: %w", s.dsn, err)
			}
			for i, v := range vals {
				values[uint64(need[i].(kv.Int64Value))] = v
			}
		}
		for _, q := range chunk {
			f(quad.Quad{Subject: values[q[0]], Predicate: values[q[1]], Object: values[q[2]], Label: values[q[3]]})
		}
		chunk = chunk[:0]
		return nil
	}
	it := kqs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		p, ok := it.Result().(*proto.Primitive)
		if !ok {
			return fmt.Errorf("read %s: unexpected quad reference %T", s.dsn, it.Result())
		}
		chunk = append(chunk, [4]uint64{p.GetDirection(quad.Subject), p.GetDirection(quad.Predicate),
			p.GetDirection(quad.Object), p.GetDirection(quad.Label)})
		if len(chunk) == quadChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read %s: %w", s.dsn, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}
