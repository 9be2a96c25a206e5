package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArgs_flagsAnywhere checks flags after the positional arguments are
// flags: a load never writes into another store than the one asked.
func TestArgs_flagsAnywhere(t *testing.T) {
	corpus := copyCorpus(t)
	t.Chdir(t.TempDir()) // a load into ./newsgraph.db would land here
	db := filepath.Join(t.TempDir(), "asked.db")
	r := newsgraph(t, "", "load", corpus, "--db", db, "--quiet")
	if r.code != exitOK {
		t.Fatalf("load DIR --db X: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the store asked for was not written: %v", err)
	}
	if _, err := os.Stat(defaultDB); err == nil {
		t.Errorf("load wrote into %s instead", defaultDB)
	}
	r = newsgraph(t, "", "query", `g.Emit(g.V().Has("<rdf:type>", "<schema:NewsArticle>").Count())`, "--db", db, "--timeout", "5s")
	if r.code != exitOK || !strings.Contains(r.stdout, "2") {
		t.Errorf("query Q --db X --timeout D: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, "--timeout") {
		t.Errorf("the flag was read as part of the query: %s", r.stderr)
	}
	// after "--", a word that looks like a flag is an argument
	r = newsgraph(t, "", "load", "--db", db, "--", "--not-a-flag")
	if r.code != exitSkipped || !strings.Contains(r.stderr, "--not-a-flag") {
		t.Errorf("load -- --not-a-flag: exit %d, stderr %q; want the path skipped", r.code, r.stderr)
	}
}

func TestArgs_help(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"help command", []string{"help", "quotes"}, exitOK, "newsgraph quotes - ", ""},
		{"help alone", []string{"help"}, exitOK, "COMMANDS:", ""},
		{"help unknown", []string{"help", "qoutes"}, exitUsage, "", `did you mean "quotes"`},
		{"unknown command", []string{"entites"}, exitUsage, "", `unknown command "entites": did you mean "entities"`},
		{"far from any", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate" (newsgraph --help`},
		{"version", []string{"--version"}, exitOK, "newsgraph version ", ""},
		{"completion", []string{"completion", "bash"}, exitOK, "complete -o default -F _newsgraph_complete newsgraph", ""},
		{"completion other shell", []string{"completion", "tcsh"}, exitUsage, "", "want one shell, bash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newsgraph(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, %q, %q", r.code, r.stdout, r.stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}
