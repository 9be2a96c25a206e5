package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersion_commit builds newsgraph as the README installs it (go build
// -buildvcs=auto, whatever GOFLAGS says) and checks that --version names
// the commit checked out.
func TestVersion_commit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed: no commit to stamp")
	}
	head, err := exec.Command(git, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (git rev-parse HEAD: %v): no commit to stamp", err)
	}
	bin := filepath.Join(t.TempDir(), "newsgraph")
	if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build -buildvcs=auto: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("newsgraph --version: %v", err)
	}
	want := "(commit " + strings.TrimSpace(string(head))[:12]
	if !strings.HasPrefix(string(out), "newsgraph version ") || !strings.Contains(string(out), want) {
		t.Errorf("newsgraph --version = %q, want the commit: %q", out, want)
	}
}
