package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// updating reports whether go test was given -update (the flag testutil
// defines for its golden files): then the README's samples are rewritten.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// readmePath is the README, from this package's folder.
const readmePath = "../../README.md"

// readmeSample is one sample of output in the README: a fenced block
// whose first line is "$ newsgraph ARGS" and whose other lines are what
// the command prints.
type readmeSample struct {
	args   []string
	output string
	// start and end are the byte offsets of the output in the README.
	start, end int
}

var sampleBlock = regexp.MustCompile("(?m)^```\n\\$ newsgraph ([^\n]*)\n((?:[^`][^\n]*\n|\n)*?)```$")

// readmeSamples returns the README's samples of output.
func readmeSamples(t *testing.T, readme string) []readmeSample {
	t.Helper()
	var out []readmeSample
	for _, m := range sampleBlock.FindAllStringSubmatchIndex(readme, -1) {
		out = append(out, readmeSample{
			args:   strings.Fields(readme[m[2]:m[3]]),
			output: readme[m[4]:m[5]],
			start:  m[4], end: m[5],
		})
	}
	return out
}

// elapsed is the line of load's summary that differs from run to run.
var elapsed = regexp.MustCompile(`(?m)^time: .*$`)

// TestREADME_samples runs every command the README shows the output of
// and wants the output the README shows: the samples on the evidence
// corpus (--db ev.db) always, the load of the shared dev set when
// ../shared is there. Load's time is not compared. go test -update
// rewrites the samples with what the commands print now.
func TestREADME_samples(t *testing.T) {
	t.Setenv("COLUMNS", "") // tables as printed to a pipe
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	samples := readmeSamples(t, readme)
	if len(samples) < 5 {
		t.Fatalf("the README has %d samples of output, want at least 5 (load, explain, quotes, conflicts, timeline)", len(samples))
	}
	var evidenceDB string
	got := make([]string, len(samples))
	for i, s := range samples {
		args := append([]string(nil), s.args...)
		switch {
		case len(args) > 2 && args[1] == "--db" && args[2] == "ev.db":
			if evidenceDB == "" {
				evidenceDB = loadEvidence(t)
			}
			args[2] = evidenceDB
		case len(args) == 2 && args[0] == "load" && strings.HasPrefix(args[1], "../shared/"):
			dir := filepath.Join("../..", args[1])
			if _, err := os.Stat(dir); err != nil {
				t.Logf("skipping the sample of %q: %s is not there (%v)", strings.Join(s.args, " "), dir, err)
				got[i] = s.output
				continue
			}
			args = []string{"load", "--db", filepath.Join(t.TempDir(), "sample.db"), dir}
		default:
			t.Errorf("README sample %q: the test does not know what store it reads (give --db ev.db, or load ../shared/...)", strings.Join(s.args, " "))
			got[i] = s.output
			continue
		}
		r := newsgraph(t, "", args...)
		if r.code != exitOK {
			t.Errorf("README sample %q: exit %d\n%s", strings.Join(s.args, " "), r.code, r.stderr)
		}
		got[i] = r.stdout
		if want := elapsed.FindString(s.output); want != "" {
			got[i] = elapsed.ReplaceAllLiteralString(got[i], want) // keep the README's time
		}
		if got[i] != s.output && !updating() {
			t.Errorf("README sample %q is stale (go test ./cmd/newsgraph -run TestREADME_samples -update rewrites it):\n--- README\n%s--- now\n%s",
				strings.Join(s.args, " "), s.output, got[i])
		}
	}
	if updating() {
		var b strings.Builder
		at := 0
		for i, s := range samples {
			b.WriteString(readme[at:s.start])
			b.WriteString(got[i])
			at = s.end
		}
		b.WriteString(readme[at:])
		if b.String() != readme {
			if err := os.WriteFile(readmePath, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote the README's samples")
		}
	}
}
