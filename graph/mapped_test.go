package graph

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// A load releases the pages of the bolt file it has read once they
// exceed the budget, and the store reads the same afterwards.
func TestDropMapped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("releasing mapped pages is implemented for Linux only")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "graph.db")
	s, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var docs []Doc
	for _, d := range synth.Generate(synth.Config{Articles: 150, Seed: 3}) {
		docs = append(docs, Doc{Article: d.Article, Result: d.Truth})
	}
	if _, err := s.Load(ctx, docs); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, boltFile))
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		n := 0
		if err := s.allQuads(ctx, func(quad.Quad) { n++ }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	s.dropMapped()
	base, _ := residentFile() // the program's own text and what else is mapped
	before := count()         // reads every quad: its pages are resident now
	full, _ := residentFile()
	read := full - base
	if read < 1<<20 {
		t.Fatalf("reading every quad made %d bytes of a %d-byte store resident: too few to test releasing them", read, fi.Size())
	}
	s.dropMapped()
	dropped, _ := residentFile()
	if full-dropped < read*3/4 {
		t.Errorf("dropMapped released %d of the %d bytes read of a %d-byte store (resident %d -> %d)", full-dropped, read, fi.Size(), full, dropped)
	}
	if after := count(); after != before {
		t.Errorf("after dropMapped the store reads %d quads, before %d", after, before)
	}

	stop := s.keepMapped(1) // any resident page is over budget
	defer stop()
	count()
	for range 100 { // up to 5 s: the goroutine looks every 50 ms
		if n, _ := residentFile(); n < full-read/2 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("keepMapped did not release the store's pages")
}
