package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBench(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kept.db")
	r := newsgraph(t, "", "bench", "--articles", "20", "--runs", "1", "--extract-time", "20ms",
		"--dev", filepath.Join(t.TempDir(), "absent"), "--db", db,
		"--phases", "load,writes,queries,extract")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", r.code, r.stderr, r.stdout)
	}
	for _, want := range []string{
		`(?m)^load: 20 synthetic articles`,
		`(?m)^  articles +20 read, 20 new, 0 skipped`,
		`(?m)^  articles/minute +\d+$`,
		`(?m)^  quads written +\d+, \d+ quads/s end to end$`,
		`(?m)^  peak RSS +\d+ MiB`,
		`(?m)^graph writes: the same 20 articles`,
		`(?m)^  quotes --speaker "[^"]+" +[\d.]+ ms first, [\d.]+ ms median, [1-9]\d* rows$`,
		`(?m)^  entities +[\d.]+ ms first, [\d.]+ ms median, [1-9]\d* rows$`,
		`(?m)^  breaches +[\d.]+ ms first, [\d.]+ ms median, [1-9]\d* rows$`,
		`(?m)^extraction: 10 synthetic articles \(no dev set at `,
		`(?m)^  ratio +[\d.]+x$`,
		`(?m)^  target graph writes +(met|MISSED) `,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("output lacks %s:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "startup:") {
		t.Errorf("the startup phase ran though --phases left it out:\n%s", r.stdout)
	}
	// The store asked for is kept, and a second run refuses to reuse it.
	if r := newsgraph(t, "", "quotes", "--db", db, "--format", "json"); r.code != exitOK || !strings.Contains(r.stdout, `"speaker"`) {
		t.Errorf("the kept store: exit %d, %s%s", r.code, r.stdout, r.stderr)
	}
	if r := newsgraph(t, "", "bench", "--articles", "5", "--db", db, "--phases", "load"); r.code != exitUsage || !strings.Contains(r.stderr, "exists") {
		t.Errorf("bench into an existing store: exit %d, %s", r.code, r.stderr)
	}
}

func TestBench_badFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--phases", "load,nope"},
		{"--articles", "0"},
		{"--jobs", "-1"},
		{"--runs", "0"},
	} {
		if r := newsgraph(t, "", append([]string{"bench"}, args...)...); r.code != exitUsage {
			t.Errorf("bench %v: exit %d, want %d (%s)", args, r.code, exitUsage, r.stderr)
		}
	}
}

// TestBench_check checks that with --check the exit code says whether a
// target was missed, as the report does.
func TestBench_check(t *testing.T) {
	r := newsgraph(t, "", "bench", "--check", "--articles", "20", "--runs", "1", "--phases", "load")
	missed := strings.Contains(r.stdout, "MISSED")
	switch {
	case missed && (r.code != exitFailed || !strings.Contains(r.stderr, "targets missed")):
		t.Errorf("a target missed, yet exit %d, stderr %q", r.code, r.stderr)
	case !missed && r.code != exitOK:
		t.Errorf("every target met, yet exit %d, stderr %q", r.code, r.stderr)
	}
	t.Logf("missed: %v\n%s", missed, r.stdout)
}
