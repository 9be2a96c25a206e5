//go:build !linux

package graph

// dropPages does nothing where newsgraph does not call madvise.
func dropPages(addr uintptr, n int64) {}

// residentFile reports that the process cannot tell how much of its
// mapped files is resident.
func residentFile() (int64, bool) { return 0, false }
