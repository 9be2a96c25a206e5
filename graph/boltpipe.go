package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// A pipe lets a boltKV's writer prepare its next transactions while bolt
// writes the ones before (Options.Pipelined). Cayley does most of a
// write's work before it commits (hashing values, resolving nodes,
// building index lists) and bolt most of the rest in the commit (placing
// the keys in its B-trees, splitting and writing pages); one after the
// other, they keep one core busy and leave the other idle.
//
// A writable transaction of a piped boltKV keeps its puts and deletes in
// memory (an overlay) and reads through them to a bolt read transaction.
// Its commit queues the overlay for a goroutine that writes each queued
// overlay to bolt in a bolt transaction of its own, in order, and
// returns. Until an overlay is in bolt, every new transaction, read or
// write, reads through it too, so each sees what it would see without the
// pipe: the transactions committed before it, in order. A crash loses the
// transactions still queued, and the store keeps a prefix of the commits,
// as it would had the crash come earlier.
//
// A failed bolt write is reported by the next transaction or commit and
// by Close, and every later one fails with it.
type pipe struct {
	db *bolt.DB
	// wmu is held by the writable transaction from its begin to its end.
	wmu sync.Mutex

	mu      sync.Mutex
	changed sync.Cond  // on mu: the queue got shorter or the writer stopped
	queue   []*overlay // committed, not in bolt yet; oldest first
	running bool       // the writing goroutine runs
	// sizes are the numbers of changes of the last maxQueued commits, the
	// one of commit n at n%maxQueued: a new transaction's hint is their
	// largest.
	sizes [maxQueued]int
	nsize int
	err   error // the first write that failed
}

// maxQueued is the number of committed transactions a commit lets wait
// for bolt before it waits itself: a load commits a batch of quads, then
// a few small transactions, which would otherwise wait for the batch.
const maxQueued = 4

func newPipe(db *bolt.DB) *pipe {
	p := &pipe{db: db}
	p.changed.L = &p.mu
	return p
}

// An overlay is a transaction's changes in the order made; a key's last
// change is the one that counts.
type overlay struct {
	at      map[string]int32 // encoded key (see encodeKey) → its last change
	changes []change
	// buckets are the bucket paths a transaction asked for with an empty
	// key and value (see boltTx.Put), which creates them and writes no key.
	buckets []hkv.Key
	// hint is the number of changes the transaction will likely make.
	hint int
	// arena is the block keep copies into.
	arena []byte
}

// A change is a put of val to the key encoded as enc, or a delete.
type change struct {
	enc string
	val []byte
	del bool
}

// smallOverlay is the number of changes an overlay holds before it makes
// room for its hint: a load's batches of quads are large, and the
// transactions between them, which mark and unmark its articles, small.
const smallOverlay = 1024

func newOverlay(hint int) *overlay { return &overlay{at: map[string]int32{}, hint: hint} }

// encodeKey appends k to buf, each part length-prefixed. Keys of the same
// bucket whose last parts have the same length sort as bolt sorts them.
func encodeKey(buf []byte, k hkv.Key) []byte {
	for _, p := range k {
		buf = binary.AppendUvarint(buf, uint64(len(p)))
		buf = append(buf, p...)
	}
	return buf
}

// decodeKey returns the key encodeKey encoded as enc.
func decodeKey(enc string) hkv.Key {
	b := []byte(enc)
	var k hkv.Key
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		b = b[w:]
		k = append(k, b[:n:n])
		b = b[n:]
	}
	return k
}

// set records a put or delete of the key encoded as enc, copying the
// value: the caller may have read it from bolt's map, which may be
// replaced before the change is written.
func (o *overlay) set(enc []byte, v []byte, del bool) {
	if len(o.changes) == smallOverlay && o.hint > smallOverlay {
		// Room for the rest at once: growing a map step by step rehashes
		// it at every step.
		at := make(map[string]int32, o.hint)
		maps.Copy(at, o.at)
		o.at = at
		o.changes = slices.Grow(o.changes, o.hint-len(o.changes))
	}
	k := o.keep(enc)
	c := change{enc: unsafe.String(unsafe.SliceData(k), len(k)), del: del}
	if !del {
		c.val = o.keep(v)
	}
	o.at[c.enc] = int32(len(o.changes))
	o.changes = append(o.changes, c)
}

// arenaChunk is the size of the blocks an overlay copies keys and values
// into.
const arenaChunk = 256 << 10

// keep returns a copy of b in the overlay's arena: a few large blocks
// instead of two small objects per change, which take more memory and
// more of the garbage collector's time. Nothing written there changes.
func (o *overlay) keep(b []byte) []byte {
	if cap(o.arena)-len(o.arena) < len(b) {
		o.arena = make([]byte, 0, max(arenaChunk, len(b)))
	}
	n := len(o.arena)
	o.arena = append(o.arena, b...)
	return o.arena[n:len(o.arena):len(o.arena)]
}

// last reports whether changes[i] is the last change of its key.
func (o *overlay) last(i int) bool { return o.at[o.changes[i].enc] == int32(i) }

func cloneKey(k hkv.Key) hkv.Key {
	c := make(hkv.Key, len(k))
	for i, p := range k {
		c[i] = bytes.Clone(p)
	}
	return c
}

// lookup returns the change recorded for the key encoded as enc, if any.
func (o *overlay) lookup(enc []byte) (change, bool) {
	if i, ok := o.at[string(enc)]; ok {
		return o.changes[i], true
	}
	return change{}, false
}

func (o *overlay) empty() bool { return len(o.changes) == 0 && len(o.buckets) == 0 }

// compareKeys orders keys as bolt iterates them: bucket by bucket, each
// part in byte order, a bucket's keys at the place of its name.
func compareKeys(a, b hkv.Key) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := bytes.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// hasPrefix reports whether a Scan of pref returns key k (see boltTx.Scan).
func hasPrefix(k, pref hkv.Key) bool {
	if len(pref) == 0 {
		return true
	}
	n := len(pref) - 1
	if len(k) <= n {
		return false
	}
	for i := range n {
		if !bytes.Equal(k[i], pref[i]) {
			return false
		}
	}
	return bytes.HasPrefix(k[n], pref[n])
}

// begin starts a transaction, a writable one if rw.
func (p *pipe) begin(rw bool) (_ hkv.Tx, err error) {
	if rw {
		p.wmu.Lock()
		defer func() {
			if err != nil {
				p.wmu.Unlock()
			}
		}()
	}
	p.mu.Lock()
	// Newest first, the order reads look in.
	queued := slices.Clone(p.queue)
	err = p.err
	hint := slices.Max(p.sizes[:])
	p.mu.Unlock()
	slices.Reverse(queued)
	if err != nil {
		return nil, err
	}
	// The queue first, then the snapshot: a write that ends in between
	// is then in both, which reads the same as either.
	btx, err := p.db.Begin(false)
	if err != nil {
		return nil, err
	}
	t := &pipeTx{p: p, base: &boltTx{tx: btx}, layers: queued}
	if rw {
		t.own = newOverlay(hint)
		t.layers = append([]*overlay{t.own}, queued...)
	}
	return t, nil
}

// wait waits until every transaction committed is in bolt (or one failed)
// and returns the first write error.
func (p *pipe) wait() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.running {
		p.changed.Wait()
	}
	return p.err
}

// commit queues o for bolt, waiting while maxQueued others are queued.
func (p *pipe) commit(o *overlay) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.queue) >= maxQueued && p.err == nil {
		p.changed.Wait()
	}
	if p.err != nil {
		return p.err
	}
	p.queue = append(p.queue, o)
	p.sizes[p.nsize%maxQueued] = len(o.changes)
	p.nsize++
	if !p.running {
		p.running = true
		go p.run()
	}
	return nil
}

// run writes the queued overlays to bolt, oldest first, until none is
// left or one fails.
func (p *pipe) run() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.queue) > 0 && p.err == nil {
		o := p.queue[0]
		p.mu.Unlock()
		err := p.write(o)
		p.mu.Lock()
		if err != nil {
			p.err = fmt.Errorf("write to bolt: %w", err)
			p.queue = nil
		} else {
			p.queue = slices.Delete(p.queue, 0, 1)
		}
		p.changed.Broadcast()
	}
	p.running = false
	p.changed.Broadcast()
}

// write writes o to bolt in one transaction.
func (p *pipe) write(o *overlay) error {
	return p.db.Update(func(btx *bolt.Tx) error {
		tx := &boltTx{tx: btx}
		for _, b := range o.buckets {
			if _, err := tx.bucket(b, true); err != nil {
				return err
			}
		}
		// In key order: bolt finds each key's page near the last one's. A
		// key's changes end up together, the last one last.
		order := make([]int32, len(o.changes))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(i, j int32) int {
			if c := strings.Compare(o.changes[i].enc, o.changes[j].enc); c != 0 {
				return c
			}
			return cmp.Compare(i, j)
		})
		for n, i := range order {
			c := &o.changes[i]
			if n+1 < len(order) && o.changes[order[n+1]].enc == c.enc {
				continue // changed again
			}
			var err error
			if k := decodeKey(c.enc); c.del {
				err = tx.Del(k)
			} else {
				err = tx.Put(k, c.val)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// pipeTx is a transaction of a piped boltKV: reads go to its own changes
// (own, a writable transaction's), then to those of the transactions
// queued for bolt when it began, newest first, then to bolt as it was
// then (base).
type pipeTx struct {
	p      *pipe
	base   *boltTx
	own    *overlay   // nil for a read transaction
	layers []*overlay // own (if any), then the queued ones, newest first
	buf    []byte
	ended  bool
}

var _ hkv.Tx = (*pipeTx)(nil)

// Get returns key's value, hkv.ErrNotFound when there is none.
func (t *pipeTx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	if t.ended {
		return nil, bolt.ErrTxClosed
	}
	if len(t.layers) > 0 {
		t.buf = encodeKey(t.buf[:0], key)
		for _, o := range t.layers {
			if c, ok := o.lookup(t.buf); ok {
				if c.del {
					return nil, hkv.ErrNotFound
				}
				return c.val, nil
			}
		}
	}
	return t.base.Get(ctx, key)
}

// GetBatch returns the keys' values, nil for a key that has none.
func (t *pipeTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	return hkv.GetBatch(ctx, t, keys)
}

// writable returns why the transaction cannot change anything, if it
// cannot.
func (t *pipeTx) writable() error {
	switch {
	case t.ended:
		return bolt.ErrTxClosed
	case t.own == nil:
		return bolt.ErrTxNotWritable
	}
	return nil
}

// Put writes key k's value v (see boltTx.Put).
func (t *pipeTx) Put(k hkv.Key, v hkv.Value) error {
	if err := t.writable(); err != nil {
		return err
	}
	if len(k) == 0 {
		return bolt.ErrKeyRequired
	}
	if len(k[len(k)-1]) == 0 && len(v) == 0 {
		t.own.buckets = append(t.own.buckets, cloneKey(k[:len(k)-1]))
		return nil
	}
	t.buf = encodeKey(t.buf[:0], k)
	t.own.set(t.buf, v, false)
	return nil
}

// Del removes key k; a missing key is no error.
func (t *pipeTx) Del(k hkv.Key) error {
	if err := t.writable(); err != nil || len(k) == 0 {
		return err
	}
	t.buf = encodeKey(t.buf[:0], k)
	t.own.set(t.buf, nil, true)
	return nil
}

// Commit queues a writable transaction's changes for bolt and returns
// without waiting for bolt (unless maxQueued others wait already).
func (t *pipeTx) Commit(ctx context.Context) error {
	if t.ended {
		return bolt.ErrTxClosed
	}
	if t.own == nil {
		return t.Close()
	}
	// The snapshot is released before any wait: bolt, to grow its map,
	// waits for every read transaction to end.
	err := t.end()
	defer t.p.wmu.Unlock()
	if err != nil {
		return err
	}
	if t.own.empty() {
		t.p.mu.Lock()
		defer t.p.mu.Unlock()
		return t.p.err
	}
	return t.p.commit(t.own)
}

// end releases the transaction's snapshot.
func (t *pipeTx) end() error {
	t.ended = true
	return t.base.Close()
}

// Close ends the transaction, dropping the changes of a writable one not
// committed.
func (t *pipeTx) Close() error {
	if t.ended {
		return nil
	}
	err := t.end()
	if t.own != nil {
		t.p.wmu.Unlock()
	}
	return err
}

// Scan iterates over the keys that begin with pref (see boltTx.Scan),
// with the changes not in bolt yet in their places.
func (t *pipeTx) Scan(pref hkv.Key) hkv.Iterator {
	base := t.base.Scan(pref)
	seen := map[string]bool{}
	var over []keyedChange
	for _, o := range t.layers {
		for i, c := range o.changes {
			if seen[c.enc] || !o.last(i) {
				continue
			}
			if k := decodeKey(c.enc); hasPrefix(k, pref) {
				seen[c.enc] = true
				over = append(over, keyedChange{k, c})
			}
		}
	}
	if len(over) == 0 {
		return base
	}
	slices.SortFunc(over, func(a, b keyedChange) int { return compareKeys(a.key, b.key) })
	return &mergeIter{base: base, over: over}
}

// keyedChange is a change with its key decoded, as a mergeIter puts it in
// place.
type keyedChange struct {
	key hkv.Key
	change
}

// mergeIter merges a bolt scan with the changes over it.
type mergeIter struct {
	base     hkv.Iterator
	over     []keyedChange
	baseKey  hkv.Key // the base's current key; nil when it needs a Next
	baseDone bool
	k        hkv.Key
	v        []byte
}

func (it *mergeIter) Next(ctx context.Context) bool {
	for {
		if it.baseKey == nil && !it.baseDone {
			if it.base.Next(ctx) {
				it.baseKey = it.base.Key()
			} else {
				it.baseDone = true
			}
		}
		switch {
		case it.baseKey == nil && len(it.over) == 0:
			it.k, it.v = nil, nil
			return false
		case len(it.over) == 0 || it.baseKey != nil && compareKeys(it.baseKey, it.over[0].key) < 0:
			it.k, it.v = it.baseKey, it.base.Val()
			it.baseKey = nil
			return true
		}
		c := it.over[0]
		it.over = it.over[1:]
		if it.baseKey != nil && compareKeys(it.baseKey, c.key) == 0 {
			it.baseKey = nil // replaced or deleted
		}
		if !c.del {
			it.k, it.v = c.key, c.val
			return true
		}
	}
}

func (it *mergeIter) Key() hkv.Key   { return it.k }
func (it *mergeIter) Val() hkv.Value { return it.v }
func (it *mergeIter) Err() error     { return it.base.Err() }
func (it *mergeIter) Close() error   { return it.base.Close() }
