package graph

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// dropPages advises the kernel that the n bytes mapped at addr are not
// needed (MADV_DONTNEED). On a shared file mapping that only unmaps the
// pages from the process: their content stays in the file and the page
// cache.
func dropPages(addr uintptr, n int64) {
	if addr == 0 || n <= 0 {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(n), syscall.MADV_DONTNEED)
}

// residentFile returns the bytes of files mapped into the process that
// are resident (the third field of /proc/self/statm: shared pages), and
// whether it could tell.
func residentFile() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
