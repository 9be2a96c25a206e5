package graph

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"testing"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

func openKVs(t *testing.T) (ours, theirs hkv.KV) {
	t.Helper()
	dir := t.TempDir()
	a, err := bolt.Open(filepath.Join(dir, "ours.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := hbolt.Open(filepath.Join(dir, "theirs.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return &boltKV{db: a}, b
}

// dump returns every key and value of a scan of pref, in order.
func dump(t *testing.T, db hkv.KV, pref hkv.Key) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	err := hkv.View(db, func(tx hkv.Tx) error {
		it := tx.Scan(pref)
		defer it.Close()
		for it.Next(ctx) {
			out = append(out, fmt.Sprintf("%q=%q", it.Key(), it.Val()))
		}
		return it.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBoltKV_AgreesWithHidalgo runs the same random puts, deletes, gets and
// scans, over keys of one to three parts shaped like cayley's (a bucket
// name, then a key), on boltKV and on hidalgo's bolt adapter, and expects
// the same answers: cayley's quad store reads what it wrote either way.
func TestBoltKV_AgreesWithHidalgo(t *testing.T) {
	ours, theirs := openKVs(t)
	ctx := context.Background()
	rng := rand.New(rand.NewSource(1))
	buckets := []string{"log", "sp", "ops", "meta", "v\x01\x02", "n\x01\x02", "lo"}
	var keys []hkv.Key
	for round := 0; round < 20; round++ {
		for _, db := range []hkv.KV{ours, theirs} {
			r := rand.New(rand.NewSource(int64(round)))
			err := hkv.Update(ctx, db, func(tx hkv.Tx) error {
				for i := 0; i < 100; i++ {
					k := randKeyFrom(r, buckets)
					if r.Intn(5) == 0 {
						if err := tx.Del(k); err != nil {
							return fmt.Errorf("%T: delete %q: %w", db, k, err)
						}
						continue
					}
					if err := tx.Put(k, []byte(fmt.Sprint(r.Int()))); err != nil {
						return fmt.Errorf("%T: put %q: %w", db, k, err)
					}
					// A put is seen by a get in the same transaction.
					if v, err := tx.Get(ctx, k); err != nil || v == nil {
						return fmt.Errorf("get %q after put: %q, %v", k, v, err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		keys = append(keys, randKeyFrom(rng, buckets))
	}
	keys = append(keys, hkv.Key{[]byte("nope"), []byte("k")}, hkv.Key{[]byte("log")}, hkv.Key{[]byte("nest"), []byte("sub0"), []byte("k001")}, hkv.Key{[]byte("nest"), []byte("sub0")})
	get := func(db hkv.KV) []string {
		var out []string
		hkv.View(db, func(tx hkv.Tx) error {
			vals, err := tx.GetBatch(ctx, keys)
			if err != nil {
				t.Fatal(err)
			}
			for i, k := range keys {
				v, err := tx.Get(ctx, k)
				out = append(out, fmt.Sprintf("%q: %q %v %q", k, v, err, vals[i]))
			}
			return nil
		})
		return out
	}
	if a, b := get(ours), get(theirs); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("gets differ:\nboltKV  %v\nhidalgo %v", a, b)
	}
	prefixes := []hkv.Key{
		nil, {[]byte("log")}, {[]byte("lo")}, {[]byte("log"), nil}, {[]byte("log"), []byte("k1")},
		{[]byte("nest")}, {[]byte("nest"), []byte("sub")}, {[]byte("nest"), []byte("sub1"), []byte("k0")}, {[]byte("nope")},
		{[]byte("nope"), []byte("k")}, {[]byte("v")},
	}
	for _, p := range prefixes {
		a, b := dump(t, ours, p), dump(t, theirs, p)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("scan %q differs:\nboltKV  %v\nhidalgo %v", p, a, b)
		}
	}
	if n := len(dump(t, ours, nil)); n < 100 {
		t.Fatalf("only %d keys written: the test writes too little to compare", n)
	}
}

// randKeyFrom returns a key in one of buckets or, one time in ten, in a
// bucket nested in "nest" (which holds only buckets: bolt 1.3.1 refuses to
// delete a missing key that sorts before a bucket's name, whatever the
// adapter, and cayley never mixes keys and buckets in one bucket).
func randKeyFrom(r *rand.Rand, buckets []string) hkv.Key {
	k := hkv.Key{[]byte(buckets[r.Intn(len(buckets))])}
	if r.Intn(10) == 0 {
		k = hkv.Key{[]byte("nest"), []byte(fmt.Sprintf("sub%d", r.Intn(2)))}
	}
	return append(k, []byte(fmt.Sprintf("k%03d", r.Intn(200))))
}

// TestBoltKV_AppendBucketsFilled checks what boltKV is for: keys written in
// order into cayley's log bucket fill its pages (bolt's default leaves
// them half empty), while other buckets keep bolt's default.
func TestBoltKV_AppendBucketsFilled(t *testing.T) {
	ours, theirs := openKVs(t)
	ctx := context.Background()
	for _, db := range []hkv.KV{ours, theirs} {
		for batch := 0; batch < 20; batch++ {
			err := hkv.Update(ctx, db, func(tx hkv.Tx) error {
				for i := 0; i < 500; i++ {
					id := uint64(batch*500 + i)
					k := []byte{byte(id >> 56), byte(id >> 48), byte(id >> 40), byte(id >> 32), byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)}
					if err := tx.Put(hkv.Key{[]byte("log"), k}, make([]byte, 40)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	leafPages := func(db *bolt.DB) int {
		var n int
		db.View(func(tx *bolt.Tx) error {
			n = tx.Bucket([]byte("log")).Stats().LeafPageN
			return nil
		})
		return n
	}
	a, b := leafPages(ours.(*boltKV).DB()), leafPages(theirs.(*hbolt.DB).DB())
	if a*3 > b*2 {
		t.Errorf("log bucket: %d leaf pages through boltKV, %d through hidalgo's adapter: want at most two thirds", a, b)
	}
}

// TestPipe_AgreesWhileQueued runs the same random transactions on a
// pipelined boltKV and a plain one and expects the same reads, inside the
// transactions and between them, while the pipelined one's commits still
// wait for bolt (the test holds bolt's writer lock meanwhile) and after
// they reach it.
func TestPipe_AgreesWhileQueued(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pdb, err := bolt.Open(filepath.Join(dir, "piped.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	rdb, err := bolt.Open(filepath.Join(dir, "plain.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	piped, plain := &boltKV{db: pdb, pipe: newPipe(pdb)}, &boltKV{db: rdb}
	defer plain.Close()
	buckets := []string{"log", "sp", "ops", "meta", "v\x01\x02", "lo"}
	prefixes := []hkv.Key{
		nil, {[]byte("log")}, {[]byte("lo")}, {[]byte("log"), nil}, {[]byte("log"), []byte("k1")},
		{[]byte("nest")}, {[]byte("nest"), []byte("sub")}, {[]byte("nest"), []byte("sub1"), []byte("k0")},
		{[]byte("made")}, {[]byte("v")},
	}
	rng := rand.New(rand.NewSource(7))
	// same reads the same keys and scans through both transactions.
	same := func(what string, ptx, rtx hkv.Tx) {
		t.Helper()
		for range 20 {
			k := randKeyFrom(rng, buckets)
			pv, perr := ptx.Get(ctx, k)
			rv, rerr := rtx.Get(ctx, k)
			if string(pv) != string(rv) || (perr == nil) != (rerr == nil) {
				t.Fatalf("%s: get %q: pipelined %q, %v; plain %q, %v", what, k, pv, perr, rv, rerr)
			}
		}
		for _, p := range prefixes {
			a, b := scanAll(t, ptx, p), scanAll(t, rtx, p)
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("%s: scan %q:\npipelined %v\nplain     %v", what, p, a, b)
			}
		}
	}
	queued := false
	for round := range 12 {
		hold, err := pdb.Begin(true) // the pipe's writes wait for it
		if err != nil {
			t.Fatal(err)
		}
		for step := range maxQueued {
			ptx, err := piped.Tx(true)
			if err != nil {
				t.Fatal(err)
			}
			rtx, err := plain.Tx(true)
			if err != nil {
				t.Fatal(err)
			}
			for range 60 {
				k := randKeyFrom(rng, buckets)
				switch rng.Intn(8) {
				case 0:
					err = errors.Join(ptx.Del(k), rtx.Del(k))
				case 1:
					// Creates bucket "made" and writes no key.
					err = errors.Join(ptx.Put(hkv.Key{[]byte("made"), nil}, nil), rtx.Put(hkv.Key{[]byte("made"), nil}, nil))
				default:
					v := []byte(fmt.Sprint(rng.Int()))
					err = errors.Join(ptx.Put(k, v), rtx.Put(k, v))
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			same(fmt.Sprintf("round %d, inside transaction %d", round, step), ptx, rtx)
			if step == 1 {
				// Dropped, not committed.
				if err := errors.Join(ptx.Close(), rtx.Close()); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := errors.Join(ptx.Commit(ctx), rtx.Commit(ctx)); err != nil {
				t.Fatal(err)
			}
			ptx.Close()
			rtx.Close()
			ptx, err = piped.Tx(false)
			if err != nil {
				t.Fatal(err)
			}
			rtx, err = plain.Tx(false)
			if err != nil {
				t.Fatal(err)
			}
			same(fmt.Sprintf("round %d, after transaction %d", round, step), ptx, rtx)
			// Bolt itself does not have the commits yet.
			queued = queued || fmt.Sprint(scanAll(t, &boltTx{tx: hold}, nil)) != fmt.Sprint(scanAll(t, rtx, nil))
			ptx.Close()
			rtx.Close()
		}
		if err := hold.Rollback(); err != nil {
			t.Fatal(err)
		}
		// The queue holds maxQueued commits at most: the next round's
		// would wait for a writer it holds.
		if err := piped.wait(); err != nil {
			t.Fatal(err)
		}
	}
	if !queued {
		t.Error("the pipelined store's bolt file always held every commit: the reads of queued writes were not tested")
	}
	if err := piped.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	// Everything committed is in the file, and only that.
	pdb, err = bolt.Open(filepath.Join(dir, "piped.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	reopened := &boltKV{db: pdb}
	defer reopened.Close()
	if a, b := dump(t, reopened, nil), dump(t, plain, nil); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("file written through the pipe differs:\npipelined %v\nplain     %v", a, b)
	} else if len(a) < 100 {
		t.Errorf("only %d keys written: the test writes too little to compare", len(a))
	}
	err = hkv.View(reopened, func(tx hkv.Tx) error {
		if b, err := tx.(*boltTx).bucket(hkv.Key{[]byte("made")}, false); b == nil || err != nil {
			return fmt.Errorf("bucket made is missing (%v)", err)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// scanAll returns every key and value of a scan of pref in tx, in order.
func scanAll(t *testing.T, tx hkv.Tx, pref hkv.Key) []string {
	t.Helper()
	it := tx.Scan(pref)
	defer it.Close()
	var out []string
	for it.Next(context.Background()) {
		out = append(out, fmt.Sprintf("%q=%q", it.Key(), it.Val()))
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPipe_WriteErrorReported checks that a commit bolt refuses after the
// pipe took it is not lost silently: waiting for the writes, the next
// transaction and Close report it.
func TestPipe_WriteErrorReported(t *testing.T) {
	ctx := context.Background()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "piped.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	kv := &boltKV{db: db, pipe: newPipe(db)}
	if err := hkv.Update(ctx, kv, func(tx hkv.Tx) error { return tx.Put(hkv.Key{[]byte("b"), []byte("k")}, []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	// Bolt refuses to delete a bucket as a key, but only when it writes.
	if err := hkv.Update(ctx, kv, func(tx hkv.Tx) error { return tx.Del(hkv.Key{[]byte("b")}) }); err != nil {
		t.Fatalf("commit: %v (the pipe reports bolt's errors later)", err)
	}
	if err := kv.wait(); !errors.Is(err, bolt.ErrIncompatibleValue) {
		t.Errorf("wait = %v, want bolt's %v", err, bolt.ErrIncompatibleValue)
	}
	if _, err := kv.Tx(true); !errors.Is(err, bolt.ErrIncompatibleValue) {
		t.Errorf("next transaction: %v, want bolt's %v", err, bolt.ErrIncompatibleValue)
	}
	if err := kv.Close(); !errors.Is(err, bolt.ErrIncompatibleValue) {
		t.Errorf("Close = %v, want bolt's %v", err, bolt.ErrIncompatibleValue)
	}
}
