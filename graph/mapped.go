package graph

import (
	"sync"
	"time"
)

// mappedBudget is how much of a writable bolt store's file may stay
// resident in the process through its memory map before keepMapped
// releases it.
const mappedBudget = 576 << 20

// keepMapped starts a goroutine that, twenty times a second, releases the
// pages of the bolt file this process holds through the file's memory map
// once they exceed budget bytes (see dropMapped), and returns the function
// that stops it and waits for it (at its first call). bolt reads every
// page through a shared, read-only map of the whole file, so a load, which
// reads the indexes it writes to, and the canned answers computed after it
// would end with nearly the whole file resident, counted in the process's
// memory although the kernel may drop those pages at any time. It does nothing where the process
// cannot tell how much of a file it holds.
func (s *Store) keepMapped(budget int64) (stop func()) {
	if _, ok := residentFile(); !ok {
		return func() {}
	}
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if n, _ := residentFile(); n > budget {
					s.dropMapped()
				}
			}
		}
	}()
	return sync.OnceFunc(func() {
		close(done)
		<-ended
	})
}

// dropMapped tells the kernel that the process no longer needs the pages
// of the bolt file it has read through the file's memory map. The pages
// stay in the page cache: the next read of one is a minor fault, not a
// disk read. A read transaction is held meanwhile, so that bolt cannot
// remap the file (it remaps only when no transaction is open).
func (s *Store) dropMapped() {
	db := s.bolt.DB()
	tx, err := db.Begin(false)
	if err != nil {
		return
	}
	defer tx.Rollback()
	dropPages(db.Info().Data, tx.Size())
}
