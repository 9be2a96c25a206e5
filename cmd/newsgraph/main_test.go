package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// result is what one run of the command printed.
type result struct {
	code           int
	stdout, stderr string
}

// newsgraph runs the command line through run, with stdin as standard
// input.
func newsgraph(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := runWithStdin(context.Background(), append([]string{"newsgraph"}, args...), strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// copyCorpus copies testdata/corpus into a temporary folder and returns it.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/corpus", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel("testdata/corpus", p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var summaryLine = regexp.MustCompile(`(?m)^([a-z ]+):\s+(\S+)$`)

// summary parses load's summary into a map.
func summary(t *testing.T, out string) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, sm := range summaryLine.FindAllStringSubmatch(out, -1) {
		if n, err := strconv.Atoi(sm[2]); err == nil {
			m[sm[1]] = n
		}
	}
	if _, ok := m["articles read"]; !ok {
		t.Fatalf("no summary in output:\n%s", out)
	}
	return m
}

func storeSize(t *testing.T, db string) int64 {
	t.Helper()
	s, err := graph.Open(context.Background(), db, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoad(t *testing.T) {
	dir := copyCorpus(t)
	db := filepath.Join(t.TempDir(), "graph.db")

	r := newsgraph(t, "", "load", "--db", db, dir)
	if r.code != exitOK {
		t.Fatalf("load exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	s := summary(t, r.stdout)
	if s["articles read"] != 2 || s["new"] != 2 || s["skipped"] != 0 || s["quads written"] == 0 {
		t.Errorf("first load summary %v", s)
	}
	for _, key := range []string{"entities", "quotes", "events", "time"} {
		if !strings.Contains(r.stdout, key+":") {
			t.Errorf("summary lacks %q:\n%s", key, r.stdout)
		}
	}
	n := storeSize(t, db)
	if int64(s["quads written"]) != n {
		t.Errorf("summary says %d quads written, store holds %d", s["quads written"], n)
	}

	r = newsgraph(t, "", "load", "--db", db, dir)
	if s := summary(t, r.stdout); r.code != exitOK || s["new"] != 0 || s["unchanged"] != 2 || s["quads written"] != 0 {
		t.Errorf("second load exit %d, summary %v", r.code, s)
	}
	if n2 := storeSize(t, db); n2 != n {
		t.Errorf("second load changed the quad count: %d -> %d", n, n2)
	}
}

func TestLoad_badFiles(t *testing.T) {
	dir := copyCorpus(t)
	bad := map[string]string{
		"empty.txt":  "",
		"latin1.txt": "Caf\xe9 owner says \xabno\xbb\n\nThe owner of a caf\xe9 said the council was wrong.\n",
	}
	for name, body := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "graph.db")
	r := newsgraph(t, "", "load", "--db", db, dir, filepath.Join(dir, "missing.txt"))
	if r.code != exitSkipped {
		t.Errorf("exit %d, want %d (something skipped)\nstderr:\n%s", r.code, exitSkipped, r.stderr)
	}
	s := summary(t, r.stdout)
	if s["new"] != 2 || s["skipped"] != 3 {
		t.Errorf("summary %v, want 2 new and 3 skipped", s)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	for _, name := range []string{"empty.txt", "latin1.txt", "missing.txt"} {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, name) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("want one line naming %s on stderr, got:\n%s", name, r.stderr)
		}
	}
}

func TestReadCommands(t *testing.T) {
	dir := copyCorpus(t)
	db := filepath.Join(t.TempDir(), "graph.db")
	if r := newsgraph(t, "", "load", "--db", db, dir); r.code != exitOK {
		t.Fatalf("load: %d %s", r.code, r.stderr)
	}
	qfile := filepath.Join(t.TempDir(), "count.js")
	if err := os.WriteFile(qfile, []byte(`g.Emit(g.V().Has("<rdf:type>", "<schema:NewsArticle>").Count())`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   string // a substring of stdout
		stderr   string // a substring of stderr
		jsonRows bool   // stdout is one JSON array
	}{
		{name: "quotes table", args: []string{"quotes", "--db", db}, stdout: "CONFIDENCE"},
		{name: "quotes min-confidence 0", args: []string{"quotes", "--db", db, "--format", "json", "--min-confidence", "0"}, jsonRows: true},
		{name: "quotes min-confidence too high", args: []string{"quotes", "--db", db, "--min-confidence", "1.5"}, code: exitUsage, stderr: "--min-confidence"},
		{name: "quotes min-confidence not a number", args: []string{"quotes", "--db", db, "--min-confidence", "high"}, code: exitUsage, stderr: "from 0 to 1"},
		{name: "quotes json", args: []string{"quotes", "--db", db, "--format", "json"}, jsonRows: true},
		{name: "quotes filtered", args: []string{"quotes", "--db", db, "--format", "json", "--article", "nothing"}, stdout: "[]"},
		{name: "entities table", args: []string{"entities", "--db", db}, stdout: "NAME"},
		{name: "entities json", args: []string{"entities", "--db", db, "--format", "json"}, jsonRows: true},
		{name: "breaches table", args: []string{"breaches", "--db", db}, stdout: "STATUS"},
		{name: "breaches json", args: []string{"breaches", "--db", db, "--format", "json"}, jsonRows: true},
		{name: "bad format", args: []string{"quotes", "--db", db, "--format", "xml"}, code: exitUsage, stderr: "--format"},
		{name: "query arg", args: []string{"query", "--db", db, `g.Emit(g.V().Has("<rdf:type>", "<schema:NewsArticle>").Count())`}, stdout: "2"},
		{name: "query file", args: []string{"query", "--db", db, "-f", qfile}, stdout: "2"},
		{name: "query stdin", stdin: `g.V().Has("<rdf:type>", "<schema:NewsArticle>").All()`, args: []string{"query", "--db", db},
			stdout: "ng:article/northbridge"},
		{name: "query limit", args: []string{"query", "--db", db, "--limit", "1", `g.V().Has("<rdf:type>", "<schema:NewsArticle>").All()`},
			jsonRows: true},
		{name: "query syntax error", args: []string{"query", "--db", db, "g.V(.All()"}, code: exitFailed, stderr: `query "g.V(.All()": SyntaxError`},
		{name: "query file syntax error", stdin: "", args: []string{"query", "--db", db, "-f", qfile + ".missing"}, code: exitFailed, stderr: "count.js.missing"},
		{name: "query timeout", args: []string{"query", "--db", db, "--timeout", "200ms", "while (true) {}"}, code: exitFailed, stderr: "timed out"},
		{name: "query memory", args: []string{"query", "--db", db, "--query-memory", "50000000", `var a = []; while (true) { a.push([a.length, "x" + a.length]); }`}, code: exitFailed, stderr: "memory budget exceeded"},
		{name: "query memory zero", args: []string{"query", "--db", db, "--query-memory", "0", "g.V().All()"}, code: exitUsage, stderr: "--query-memory"},
		{name: "missing store", args: []string{"quotes", "--db", db + ".nope"}, code: exitFailed, stderr: db + ".nope"},
		{name: "missing store query", args: []string{"query", "--db", db + ".nope", "g.V().All()"}, code: exitFailed, stderr: "does not exist"},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage, stderr: "frobnicate"},
		{name: "entity type unknown", args: []string{"entities", "--db", db, "--type", "company"}, code: exitUsage, stderr: `want person, organization, place (companies are of type "organization")`},
		{name: "explain a name", args: []string{"explain", "--db", db, "Ada Whitlock"}, code: exitUsage, stderr: "did you mean person/ada-whitlock?"},
		{name: "explain without publishers", args: []string{"explain", "--db", db, "person/ada-whitlock"}, stdout: "1 article, no publisher named\n"},
		{name: "explain nothing", args: []string{"explain", "--db", db, "quote/none/9"}, code: exitUsage, stderr: "no such id"},
		{name: "timeline unknown entity", args: []string{"timeline", "--db", db, "--entity", "whitlock"}, code: exitUsage, stderr: "did you mean person/ada-whitlock?"},
		{name: "unknown flag", args: []string{"quotes", "--nope"}, code: exitUsage, stderr: "nope"},
		{name: "load without path", args: []string{"load", "--db", db}, code: exitUsage, stderr: "no PATH"},
		{name: "env db", args: []string{"quotes", "--format", "json"}, jsonRows: true},
	}
	t.Setenv("NEWSGRAPH_DB", db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newsgraph(t, tt.stdin, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.stderr)
			}
			if tt.code != exitOK && tt.code != exitSkipped && strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("error is not one line:\n%s", r.stderr)
			}
			if tt.jsonRows {
				var rows []any
				if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
					t.Fatalf("stdout is not a JSON array: %v\n%s", err, r.stdout)
				}
				if len(rows) == 0 {
					t.Errorf("no rows")
				}
				if strings.Contains(tt.name, "limit") && len(rows) != 1 {
					t.Errorf("--limit 1 gave %d rows", len(rows))
				}
			}
		})
	}
	if _, err := os.Stat(db + ".nope"); !os.IsNotExist(err) {
		t.Errorf("a read command created the missing store (%v)", err)
	}
}

// TestQuotes_fields checks the JSON field names other tools rely on.
func TestQuotes_fields(t *testing.T) {
	dir := copyCorpus(t)
	db := filepath.Join(t.TempDir(), "graph.db")
	if r := newsgraph(t, "", "load", "--db", db, dir); r.code != exitOK {
		t.Fatalf("load: %d %s", r.code, r.stderr)
	}
	r := newsgraph(t, "", "quotes", "--db", db, "--format", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no quotes")
	}
	for _, f := range []string{"speaker", "speaker_type", "text", "direct", "article", "breach", "breach_victim"} {
		if _, ok := rows[0][f]; !ok {
			t.Errorf("quote row lacks %q: %v", f, rows[0])
		}
	}
	var typed []queries.QuoteRow
	if err := json.Unmarshal([]byte(r.stdout), &typed); err != nil {
		t.Fatal(err)
	}
	for _, q := range typed {
		if q.Article != "northbridge" && q.Article != "harbour" {
			t.Errorf("quote from article %q, want the file name without extension", q.Article)
		}
	}
}

// TestLoad_locked checks that a second writer gets a clear error quickly
// instead of waiting for the first forever.
func TestLoad_locked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	s, err := graph.Open(context.Background(), db, graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := newsgraph(t, "", "load", "--db", db, copyCorpus(t))
	if r.code != exitFailed || !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, "in use") {
		t.Errorf("exit %d, stderr %q; want a failure naming the store in use", r.code, r.stderr)
	}
}

func TestMemoryStore(t *testing.T) {
	r := newsgraph(t, "", "load", "--db", "memory:", copyCorpus(t))
	if s := summary(t, r.stdout); r.code != exitOK || s["new"] != 2 {
		t.Errorf("load into memory: exit %d, summary %v, stderr %s", r.code, s, r.stderr)
	}
}
