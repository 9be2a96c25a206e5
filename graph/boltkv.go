package graph

import (
	"bytes"
	"context"
	"errors"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// boltKV is the key-value interface cayley's kv quad store writes through
// (hidalgo's kv.KV) over a bolt database, as hidalgo's own bolt adapter
// is, with two differences for cayley's layout. Cayley keeps node values
// in 65,536 buckets named by their hash's first two bytes (and as many for
// their reference counts), so the root bucket is a B-tree of its own, and
// hidalgo's adapter looks every Put's bucket up there twice
// (CreateBucketIfNotExists): boltKV asks bolt's bucket cache first and
// creates a bucket only when that misses. And the buckets cayley writes
// mostly in key order get their pages split when appendFill full rather
// than half full (bolt's default, which suits keys written anywhere): a
// smaller file for the same quads (README, "Design figures").
type boltKV struct {
	db   *bolt.DB
	pipe *pipe // nil unless writes are pipelined (Options.Pipelined)
}

var _ hkv.KV = (*boltKV)(nil)

// appendFill is the fill of the pages of buckets written in key order.
const appendFill = 0.95

// appendOnly reports whether cayley writes bucket name's keys mostly in
// increasing order: its log of primitives, keyed by big-endian id, and its
// subject-predicate index, whose keys begin with the subject's id (most
// quads of a batch are about nodes new in it, which get the highest ids).
func appendOnly(name []byte) bool { return string(name) == "log" || string(name) == "sp" }

// DB returns the bolt database.
func (d *boltKV) DB() *bolt.DB { return d.db }

// Close waits for the write in flight, if any, and closes the database.
func (d *boltKV) Close() error {
	return errors.Join(d.wait(), d.db.Close())
}

// wait waits until every transaction committed is in bolt, and returns
// the error of the first that could not be written.
func (d *boltKV) wait() error {
	if d.pipe == nil {
		return nil
	}
	return d.pipe.wait()
}

// Tx begins a transaction, a writable one if rw.
func (d *boltKV) Tx(rw bool) (hkv.Tx, error) {
	if d.pipe != nil {
		return d.pipe.begin(rw)
	}
	tx, err := d.db.Begin(rw)
	if err != nil {
		return nil, err
	}
	return &boltTx{tx: tx}, nil
}

type boltTx struct {
	tx *bolt.Tx
}

// root is the transaction's root bucket (the one whose keys are the
// top-level buckets' names).
func (tx *boltTx) root() *bolt.Bucket { return tx.tx.Cursor().Bucket() }

// bucket returns the bucket path names, creating the missing ones if
// create; nil when one is missing and not created.
func (tx *boltTx) bucket(path hkv.Key, create bool) (*bolt.Bucket, error) {
	b := tx.root()
	for _, name := range path {
		next := b.Bucket(name) // bolt caches the buckets opened in a transaction
		if next == nil {
			if !create {
				return nil, nil
			}
			var err error
			if next, err = b.CreateBucket(name); err != nil {
				return nil, err
			}
		}
		if create && appendOnly(name) {
			next.FillPercent = appendFill
		}
		b = next
	}
	return b, nil
}

// Get returns key's value, hkv.ErrNotFound when there is none.
func (tx *boltTx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	if len(key) == 0 {
		return nil, hkv.ErrNotFound
	}
	b, err := tx.bucket(key[:len(key)-1], false)
	if err != nil || b == nil {
		return nil, hkv.ErrNotFound
	}
	if v := b.Get(key[len(key)-1]); v != nil {
		return v, nil
	}
	return nil, hkv.ErrNotFound
}

// GetBatch returns the keys' values, nil for a key that has none.
func (tx *boltTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	for i, k := range keys {
		if v, err := tx.Get(ctx, k); err == nil {
			vals[i] = v
		}
	}
	return vals, nil
}

// Put writes key k's value v, creating its buckets; a key whose last part
// and value are empty only creates the buckets.
func (tx *boltTx) Put(k hkv.Key, v hkv.Value) error {
	if len(k) == 0 {
		return bolt.ErrKeyRequired
	}
	b, err := tx.bucket(k[:len(k)-1], true)
	if err != nil {
		return err
	}
	last := k[len(k)-1]
	if len(last) == 0 && len(v) == 0 {
		return nil
	}
	return b.Put(last, v)
}

// Del removes key k; a missing key is no error.
func (tx *boltTx) Del(k hkv.Key) error {
	if len(k) == 0 {
		return nil
	}
	b, err := tx.bucket(k[:len(k)-1], false)
	if err != nil || b == nil {
		return err
	}
	return b.Delete(k[len(k)-1])
}

// Commit commits the transaction.
func (tx *boltTx) Commit(ctx context.Context) error { return tx.tx.Commit() }

// Close rolls the transaction back (a committed one is left as it is).
func (tx *boltTx) Close() error {
	if err := tx.tx.Rollback(); err != bolt.ErrTxClosed {
		return err
	}
	return nil
}

// Scan iterates over the keys that begin with pref: all its parts but the
// last name buckets, and the last is a prefix of the keys (or the names of
// the buckets, whose keys are then all iterated) in the last bucket.
func (tx *boltTx) Scan(pref hkv.Key) hkv.Iterator {
	if len(pref) == 0 {
		return &boltIter{stack: []scanLevel{{b: tx.root()}}}
	}
	b, err := tx.bucket(pref[:len(pref)-1], false)
	if err != nil || b == nil {
		return &boltIter{}
	}
	return &boltIter{
		path:  pref[:len(pref)-1].Clone(),
		stack: []scanLevel{{b: b, prefix: pref[len(pref)-1]}},
	}
}

// A scanLevel is a bucket being iterated.
type scanLevel struct {
	b      *bolt.Bucket
	c      *bolt.Cursor // nil before the first key
	prefix []byte       // the keys iterated begin with prefix
}

// boltIter iterates depth first: a key that names a bucket is not itself
// returned, the bucket's keys are.
type boltIter struct {
	path  hkv.Key // the names of the buckets above the current key
	stack []scanLevel
	k, v  []byte
}

func (it *boltIter) Next(ctx context.Context) bool {
	for len(it.stack) > 0 {
		top := &it.stack[len(it.stack)-1]
		if top.c == nil {
			top.c = top.b.Cursor()
			if len(top.prefix) > 0 {
				it.k, it.v = top.c.Seek(top.prefix)
			} else {
				it.k, it.v = top.c.First()
			}
		} else {
			it.k, it.v = top.c.Next()
		}
		if it.k != nil && bytes.HasPrefix(it.k, top.prefix) {
			if it.v == nil {
				if sub := top.b.Bucket(it.k); sub != nil {
					it.path = append(it.path, append([]byte(nil), it.k...))
					it.stack = append(it.stack, scanLevel{b: sub})
					continue
				}
			}
			return true
		}
		// this bucket is done: back to the one above
		it.stack = it.stack[:len(it.stack)-1]
		if len(it.stack) > 0 {
			it.path = it.path[:len(it.path)-1]
		}
	}
	it.k, it.v = nil, nil
	return false
}

// Key returns the current key, valid until Next or Close.
func (it *boltIter) Key() hkv.Key {
	if it.k == nil {
		return nil
	}
	k := make(hkv.Key, 0, len(it.path)+1)
	return append(append(k, it.path...), it.k)
}

// Val returns the current value, valid until Next or Close.
func (it *boltIter) Val() hkv.Value { return it.v }

func (it *boltIter) Err() error { return nil }

func (it *boltIter) Close() error {
	*it = boltIter{}
	return nil
}
