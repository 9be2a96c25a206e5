package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/queries"
)

// writeArticles writes n short news stories, generated for these tests,
// into dir as story-NNNN.txt. Every story has its own numbers, people and
// wording, so that none is taken for a copy of another.
func writeArticles(t *testing.T, dir string, n int, seed uint64) {
	t.Helper()
	firsts := []string{"Alice", "Ben", "Chloe", "David", "Esther", "Farid", "Grace", "Hugo", "Imogen", "Jonah", "Keira", "Liam"}
	lasts := []string{"Marlow", "Okafor", "Pendry", "Quist", "Rowntree", "Sandoval", "Thwaite", "Ulverston", "Varga", "Whitcombe"}
	orgs := []string{"Harbourside Water", "Kestrel Bank", "Millbrook Council", "Northgate Hospital Trust", "Orchard Telecom",
		"Pinewood University", "Quayside Energy", "Redfern Insurance", "Saltmarsh Rail", "Tidewater Housing"}
	titles := []string{"chief executive", "head of security", "data protection officer", "spokesperson", "finance director"}
	exposed := []string{"names and email addresses", "home addresses", "bank details", "dates of birth", "phone numbers"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	verbs := []string{"said", "told reporters", "added", "warned"}
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		org, org2 := pick(orgs), pick(orgs)
		person := pick(firsts) + " " + pick(lasts)
		other := pick(firsts) + " " + pick(lasts)
		count := 1000 + r.IntN(90000)
		title := fmt.Sprintf("%s says %d people caught up in breach (report %d)", org, count, i)
		body := fmt.Sprintf("%s said on %s that an attack on its systems in week %d had exposed the %s of %d customers.\n"+
			"\"We are contacting everyone affected and we apologise for case %d,\" said %s, %s of %s.\n"+
			"%s, %s of %s, %s that the incident numbered %d was \"a serious failure\".\n"+
			"The company said %s were not exposed and that it had reported the breach to the Information Commissioner's Office on day %d.\n",
			org, pick(days), 1+r.IntN(52), pick(exposed), count,
			i, person, pick(titles), org,
			other, pick(titles), org2, pick(verbs), 7000+i,
			pick(exposed), 1+r.IntN(28))
		path := filepath.Join(dir, fmt.Sprintf("story-%04d.txt", i))
		if err := os.WriteFile(path, []byte(title+"\n\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// dumpStore returns the store's quads as sorted N-Quads lines.
func dumpStore(t *testing.T, db string) []string {
	t.Helper()
	s, err := graph.Open(context.Background(), db, graph.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	qs, err := s.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return out
}

// dumpDiff describes how got differs from want, or returns "".
func dumpDiff(want, got []string) string {
	if slices.Equal(want, got) {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d quads, want %d\n", len(got), len(want))
	n := 0
	for _, l := range want {
		if _, ok := slices.BinarySearch(got, l); !ok && n < 10 {
			fmt.Fprintf(&b, "- %s\n", l)
			n++
		}
	}
	for _, l := range got {
		if _, ok := slices.BinarySearch(want, l); !ok && n < 20 {
			fmt.Fprintf(&b, "+ %s\n", l)
			n++
		}
	}
	return b.String()
}

func TestLoad_jobs(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: loads a generated corpus twice")
	}
	dir := t.TempDir()
	writeArticles(t, dir, 80, 1)
	var dumps [][]string
	for _, jobs := range []string{"1", "4"} {
		db := filepath.Join(t.TempDir(), "graph.db")
		r := newsgraph(t, "", "load", "--db", db, "--jobs", jobs, dir)
		if s := summary(t, r.stdout); r.code != exitOK || s["new"] != 80 || s["duplicates"] != 0 {
			t.Fatalf("--jobs %s: exit %d, summary %v\n%s", jobs, r.code, s, r.stderr)
		}
		dumps = append(dumps, dumpStore(t, db))
	}
	if d := dumpDiff(dumps[0], dumps[1]); d != "" {
		t.Errorf("--jobs 4 gives another store than --jobs 1:\n%s", d)
	}
	if !slices.ContainsFunc(dumps[0], func(l string) bool { return strings.Contains(l, "<schema:Quotation>") }) {
		t.Error("the generated corpus gave no quotes")
	}
}

// TestLoad_answers checks that load leaves the canned queries' answers
// stored for the state it wrote, after a first load and after another
// into the same store, so that the first query after a load is fast.
func TestLoad_answers(t *testing.T) {
	dir, more := t.TempDir(), t.TempDir()
	writeArticles(t, dir, 6, 1)
	writeArticles(t, more, 3, 2)
	db := filepath.Join(t.TempDir(), "graph.db")
	for _, in := range []string{dir, more} {
		if r := newsgraph(t, "", "load", "--db", db, in); r.code != exitOK {
			t.Fatalf("load %s: exit %d\n%s", in, r.code, r.stderr)
		}
		s, err := graph.Open(context.Background(), db, graph.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		ok, err := queries.Warmed(context.Background(), s)
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		if err != nil || !ok {
			t.Fatalf("after load %s: answers stored %v, %v; want stored", in, ok, err)
		}
	}
}

func TestLoad_flags(t *testing.T) {
	dir := copyCorpus(t)
	db := filepath.Join(t.TempDir(), "graph.db")
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"no jobs", []string{"--jobs", "0"}, exitUsage},
		{"no batch", []string{"--batch-size", "-1"}, exitUsage},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newsgraph(t, "", append(append([]string{"load", "--db", db}, tt.args...), dir)...)
			if r.code != tt.code || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
		})
	}
	r := newsgraph(t, "", "load", "--quiet", "--db", db, dir)
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = newsgraph(t, "", "--log-format", "json", "load", "--db", db, dir)
	if s := summary(t, r.stdout); r.code != exitOK || s["new"] != 0 || s["unchanged"] != 2 {
		t.Errorf("second load: exit %d, summary %v", r.code, s)
	}
	if !strings.Contains(r.stdout, "new:            0\n") {
		t.Errorf("the second load does not say 0 new articles:\n%s", r.stdout)
	}
}

// TestLoad_copies loads one story from two files and another from two
// JSON Lines items with one URL: each is one article with its copies as
// further sources, and dates read from the input are published dates.
func TestLoad_copies(t *testing.T) {
	dir := t.TempDir()
	story := "Kestrel Bank said on Monday that a cyber attack had exposed the bank details of 3,200 customers.\n" +
		"\"We are deeply sorry,\" said Hugo Varga, chief executive of Kestrel Bank.\n" +
		"The bank said it had reported the breach to the Information Commissioner's Office.\n" +
		"Customers were told to watch their accounts for unusual payments and to be wary of calls claiming to come from the bank.\n" +
		"The attack was first noticed by staff in the bank's payments team late on Friday evening, according to people familiar with the matter.\n" +
		"Hugo Varga said the bank would pay for credit monitoring for every customer affected for two years.\n"
	files := map[string]string{
		"wire.txt": "Bank hit by cyber attack\n\n" + story,
		"syndicated/copy.md": "# Kestrel Bank customers' details exposed\n\n" + story +
			"\nSupplied by an agency.\n",
		"export.jsonl": `{"id": "ferry", "title": "Ferry cancelled", "text": "Saltmarsh Rail said the ferry link would close for a week while the pier was repaired. \"It is the only safe option,\" said Grace Pendry, the operator's spokesperson.", "url": "https://news.example.org/ferry", "published": "2024-05-01T10:00:00Z"}` + "\n" +
			`{"id": "ferry-again", "title": "Ferry link to close", "text": "The ferry link will close for a week, Saltmarsh Rail said.", "url": "https://www.news.example.org/ferry/?utm_source=feed", "published": "2024-05-01T11:00:00Z"}` + "\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "graph.db")
	r := newsgraph(t, "", "load", "--db", db, dir)
	s := summary(t, r.stdout)
	if r.code != exitOK || s["articles read"] != 4 || s["duplicates"] != 2 || s["new"] != 2 {
		t.Fatalf("exit %d, summary %v, want 4 read, 2 duplicates, 2 new\n%s", r.code, s, r.stderr)
	}
	dump := strings.Join(dumpStore(t, db), "\n")
	for _, want := range []string{
		// Folders are read in name order: the copy in syndicated/ comes
		// before wire.txt.
		`<ng:article/copy> <ng:source> "` + filepath.Join(dir, "wire.txt") + `"`,
		// The same URL once normalised is not a further source; the
		// item is.
		`<ng:article/ferry> <ng:source> "` + filepath.Join(dir, "export.jsonl") + `#2"`,
		`<ng:article/ferry> <schema:datePublished> "2024-05-01T10:00:00Z"^^<schema:DateTime>`,
		`<ng:article/ferry> <schema:url> "https://news.example.org/ferry"`,
	} {
		if !strings.Contains(dump, want) {
			t.Errorf("store lacks %s", want)
		}
	}
	if n := strings.Count(dump, "<rdf:type> <schema:NewsArticle>"); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}

	// A further copy found later is a further source: the article is
	// written again with it.
	if err := os.WriteFile(filepath.Join(dir, "wire-later.txt"), []byte("Kestrel Bank breach\n\n"+story), 0o644); err != nil {
		t.Fatal(err)
	}
	r = newsgraph(t, "", "load", "--db", db, dir)
	if s := summary(t, r.stdout); r.code != exitOK || s["replaced"] != 1 || s["unchanged"] != 1 || s["new"] != 0 {
		t.Errorf("load with a new copy: exit %d, summary %v\n%s", r.code, s, r.stderr)
	}
	if dump := strings.Join(dumpStore(t, db), "\n"); !strings.Contains(dump, "wire-later.txt") {
		t.Error("the new copy is not a source")
	}

	// The same files by another path, or in a copy of the folder under
	// another name, are the same articles: nothing is written.
	before := dumpStore(t, db)
	moved := filepath.Join(t.TempDir(), "renamed")
	if err := os.CopyFS(moved, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{rel, moved, dir + string(filepath.Separator) + "." + string(filepath.Separator)} {
		r = newsgraph(t, "", "load", "--db", db, path)
		if s := summary(t, r.stdout); r.code != exitOK || s["unchanged"] != 2 || s["replaced"] != 0 || s["new"] != 0 || s["quads written"] != 0 {
			t.Errorf("load of %s: exit %d, summary %v, want 2 unchanged and nothing written\n%s", path, r.code, s, r.stderr)
		}
	}
	if diff := dumpDiff(before, dumpStore(t, db)); diff != "" {
		t.Errorf("loading by other paths changed the store:\n%s", diff)
	}
}

// TestLoad_changed edits an article between loads: its facts are
// replaced, with none of the old version's left.
func TestLoad_changed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "council.txt")
	write := func(quote string) {
		t.Helper()
		text := "Council apologises for data breach\n\n" +
			"Millbrook Council said on Tuesday that the home addresses of 900 residents had been exposed.\n" +
			"\"" + quote + ",\" said Esther Quist, chief executive of Millbrook Council.\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "graph.db")
	write("We got this badly wrong and we are sorry")
	if r := newsgraph(t, "", "load", "--db", db, dir); r.code != exitOK {
		t.Fatalf("load: %d\n%s", r.code, r.stderr)
	}
	write("We are writing to every resident today")
	r := newsgraph(t, "", "load", "--db", db, dir)
	if s := summary(t, r.stdout); r.code != exitOK || s["replaced"] != 1 || s["new"] != 0 || s["quads removed"] == 0 {
		t.Fatalf("reload: exit %d, summary %v\n%s", r.code, s, r.stderr)
	}
	dump := strings.Join(dumpStore(t, db), "\n")
	if strings.Contains(dump, "badly wrong") {
		t.Error("the old quote is still stored")
	}
	if !strings.Contains(dump, "every resident today") {
		t.Error("the new quote is not stored")
	}
	for _, marker := range []string{string(graph.LoadState), string(graph.PendingHash), "<ng:article/council> ."} {
		if strings.Contains(dump, marker) {
			t.Errorf("store holds %s after the replacement", marker)
		}
	}
	r = newsgraph(t, "", "load", "--db", db, dir)
	if s := summary(t, r.stdout); s["new"] != 0 || s["replaced"] != 0 || s["quads written"] != 0 {
		t.Errorf("third load: summary %v", s)
	}
}

// TestLoad_badInput loads a folder holding every kind of bad input next
// to good articles: each problem is one line naming its file, the load
// goes on, the summary counts them, and the exit code says so.
func TestLoad_badInput(t *testing.T) {
	dir := t.TempDir()
	writeArticles(t, filepath.Join(dir, "good"), 3, 2)
	files := map[string][]byte{
		"good/harbour.md":  []byte("# Harbour wall to be rebuilt\n\nTidewater Housing said the harbour wall would be rebuilt next spring.\n"),
		"image.png":        append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 512)...),
		"latin1.txt":       []byte("Caf\xe9 owner says \xabno\xbb\n\nThe owner of a caf\xe9 said the council was wrong.\n"),
		"sitemap.html":     []byte("<!DOCTYPE html>\n<html><head><title>Sitemap</title></head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav></body></html>\n"),
		"cut.xml":          []byte("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Gazette</title>\n<item><title>Pier reopens</title><link>https://gazette.example.net/pier</link><description>The pier reopened on Saturday after repairs, Saltmarsh Rail said. \"It looks better than ever,\" said Liam Okafor, the operator's spokesperson.</description></item>\n<item><title>Second story</title><description>This item is cut o"),
		"lines.jsonl":      []byte("{\"id\": \"ok-1\", \"title\": \"Rail fares\", \"text\": \"Saltmarsh Rail said fares would rise by three per cent in March.\"}\n{\"id\": \"broken\", \"title\": \n{\"id\": \"ok-2\", \"title\": \"Bank branch\", \"text\": \"Kestrel Bank said its branch in the high street would close in June.\"}\n"),
		"empty-file.txt":   nil,
		"nested/.hidden":   []byte("not read"),
		"nested/notes.txt": []byte("Library hours\n\nPinewood University said its library would open until midnight during exams.\n"),
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 200 MB of text, written sparsely: a real paragraph, then a hole.
	big := filepath.Join(dir, "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(strings.Repeat("The council met again on Tuesday to discuss the budget. ", 20000)); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	// Under the 50 MiB file limit but over what one article's analysis
	// may take: one 2 MB line, and one quoted sentence repeated.
	hostile := map[string]string{
		"oneline.txt":  strings.Repeat("police said the data of officers was exposed and ", 40000),
		"repeated.txt": strings.Repeat("\"We are investigating,\" said Rick Prior of the Police Federation. ", 25000),
	}
	for name, text := range hostile {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty-folder")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "graph.db")
	start := time.Now()
	r := newsgraph(t, "", "load", "--db", db, dir, empty)
	t.Logf("load took %s", time.Since(start))
	if r.code != exitSkipped {
		t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, exitSkipped, r.stderr)
	}
	bad := []string{"image.png", "latin1.txt", "sitemap.html", "cut.xml", "lines.jsonl", "empty-file.txt", "huge.txt", "empty-folder", "oneline.txt", "repeated.txt"}
	// A slow (shared) machine may also log progress every few seconds:
	// those lines are not about the bad input.
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.Contains(l, "msg=progress") {
			lines = append(lines, l)
		}
	}
	for _, name := range bad {
		var hits []string
		for _, l := range lines {
			if strings.Contains(l, name) {
				hits = append(hits, l)
			}
		}
		if len(hits) != 1 {
			t.Errorf("want one line naming %s on stderr, got %q", name, hits)
		}
		if hostile[name] != "" && len(hits) == 1 && !strings.Contains(hits[0], "over the 1 MiB limit") {
			t.Errorf("the line for %s does not name the bound: %s", name, hits[0])
		}
	}
	if len(lines) != len(bad) {
		t.Errorf("%d lines on stderr, want %d:\n%s", len(lines), len(bad), r.stderr)
	}
	s := summary(t, r.stdout)
	// Good: 3 generated stories, harbour.md, notes.txt, the feed's first
	// item, two JSON lines.
	if s["skipped"] != len(bad) || s["new"] != 8 {
		t.Errorf("summary %v, want %d skipped and 8 new\n%s", s, len(bad), r.stderr)
	}
	dump := strings.Join(dumpStore(t, db), "\n")
	for _, id := range []string{"story-0000", "story-0002", "harbour", "notes", "ok-1", "ok-2"} {
		if !strings.Contains(dump, "<ng:article/"+id+"> <rdf:type> <schema:NewsArticle>") {
			t.Errorf("article %s was not loaded", id)
		}
	}
	if !strings.Contains(dump, `"Pier reopens"`) {
		t.Error("the truncated feed's complete item was not loaded")
	}
}

// The crash test runs load in a child process: the test binary itself,
// started with loadChildEnv set to the arguments.
const loadChildEnv = "NEWSGRAPH_TEST_LOAD_ARGS"

func TestLoadChild(t *testing.T) {
	args := os.Getenv(loadChildEnv)
	if args == "" {
		t.Skip("helper process for TestLoad_crash")
	}
	os.Exit(run(context.Background(), append([]string{"newsgraph"}, strings.Split(args, "\x1f")...), os.Stdout, os.Stderr))
}

// child is a load running in a child process.
type child struct {
	cmd     *exec.Cmd
	batches chan struct{} // receives once per batch the load starts writing
	done    chan struct{} // closed when the output ends
}

// startLoad starts newsgraph load in a child process, with debug logs on
// its standard error, from which it counts the batches written.
func startLoad(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadChild$")
	all := append([]string{"--log-level", "debug", "load"}, args...)
	cmd.Env = append(os.Environ(), loadChildEnv+"="+strings.Join(all, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, batches: make(chan struct{}, 1<<16), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			if strings.Contains(sc.Text(), `msg="writing articles"`) {
				c.batches <- struct{}{}
			}
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill() // the test failed before waiting for it
			_ = cmd.Wait()
		}
	})
	return c
}

// wait waits for the child to end and reports how many batches it
// started.
func (c *child) wait(t *testing.T) (int, error) {
	t.Helper()
	<-c.done
	err := c.cmd.Wait()
	return len(c.batches), err
}

// killAfter kills the child with SIGKILL once it has started writing n
// batches and delay has passed, or leaves it be if it ends first.
func (c *child) killAfter(t *testing.T, n int, delay time.Duration) {
	t.Helper()
	for range n {
		select {
		case <-c.batches:
		case <-c.done:
			return
		}
	}
	time.Sleep(delay)
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
}

// TestLoad_crash kills loads with SIGKILL at many points while they write,
// loads again, and compares the store with the one a clean load gives.
func TestLoad_crash(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs a dozen loads in child processes")
	}
	dir := t.TempDir()
	const n = 240
	writeArticles(t, dir, n, 3)
	// Small transactions, so that the load spends its time writing.
	args := func(db string) []string {
		return []string{"--db", db, "--quiet", "--batch-size", "150", "--jobs", "2", dir}
	}

	cleanDB := filepath.Join(t.TempDir(), "clean.db")
	start := time.Now()
	batches, err := startLoad(t, args(cleanDB)...).wait(t)
	if err != nil {
		t.Fatalf("clean load: %v", err)
	}
	want := dumpStore(t, cleanDB)
	t.Logf("clean load: %s, %d batches, %d quads", time.Since(start).Round(time.Millisecond), batches, len(want))
	if batches < 10 {
		t.Fatalf("the clean load wrote %d batches; the test wants many", batches)
	}

	partial := 0
	for i, cut := range []struct {
		at    float64 // fraction of the batches started
		delay time.Duration
		twice bool // kill the load after the kill too
	}{
		{at: 0.02}, {at: 0.1, delay: 2 * time.Millisecond}, {at: 0.25, delay: 5 * time.Millisecond},
		{at: 0.4, delay: 10 * time.Millisecond, twice: true}, {at: 0.55, delay: time.Millisecond},
		{at: 0.7, delay: 3 * time.Millisecond}, {at: 0.85, delay: 20 * time.Millisecond}, {at: 1, delay: 0},
	} {
		k := max(1, int(cut.at*float64(batches)))
		t.Run(fmt.Sprintf("%d: batch %d + %s", i, k, cut.delay), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "graph.db")
			c := startLoad(t, args(db)...)
			c.killAfter(t, k, cut.delay)
			if _, err := c.wait(t); err == nil {
				t.Logf("the load finished before it was killed")
			}
			if killedState(t, db, len(want)) {
				partial++
			}
			if cut.twice {
				c := startLoad(t, args(db)...)
				c.killAfter(t, max(1, k/2), cut.delay)
				_, _ = c.wait(t) // killed, or finished first
				killedState(t, db, len(want))
			}
			r := newsgraph(t, "", append([]string{"load"}, args(db)...)...)
			if r.code != exitOK {
				t.Fatalf("load after the kill: exit %d\n%s", r.code, r.stderr)
			}
			if d := dumpDiff(want, dumpStore(t, db)); d != "" {
				t.Errorf("store after a kill and a load differs from a clean load:\n%s", d)
			}
			r = newsgraph(t, "", "load", "--db", db, dir)
			if s := summary(t, r.stdout); s["new"] != 0 || s["quads written"] != 0 || s["unchanged"] != n {
				t.Errorf("a further load: summary %v", s)
			}
		})
	}
	if partial < 4 {
		t.Errorf("only %d kills left a partly written store", partial)
	}
}

// killedState logs what a killed load left in the store and reports
// whether it had written part of what a clean load writes.
func killedState(t *testing.T, db string, want int) bool {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		t.Logf("killed before the store was created")
		return false
	}
	got := dumpStore(t, db)
	marks := 0
	for _, l := range got {
		if strings.Contains(l, string(graph.LoadState)) {
			marks++
		}
	}
	t.Logf("killed with %d of %d quads stored, %d versions pending", len(got)-2*marks, want, marks)
	return len(got) > 0 && (marks > 0 || len(got) < want)
}

func TestNewProgress(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		logger *slog.Logger
		want   []string
	}{
		{"text", slog.New(slog.NewTextHandler(io.Discard, nil)), []string{"msg=progress phase=loading done=1 total=3"}},
		{"json", slog.New(slog.NewJSONHandler(io.Discard, nil)), []string{`"msg":"progress","phase":"loading","done":1,"total":3`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			p, ok := newProgress(&buf, tt.logger).(*logProgress)
			if !ok {
				t.Fatal("a buffer is not a terminal, but got a progress bar")
			}
			p.every = 0
			p.Start("loading", 3)
			p.Add(1)
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("progress line %q lacks %q", buf.String(), w)
				}
			}
			p.every = time.Hour
			p.Add(1)
			if n := strings.Count(buf.String(), "\n"); n != 1 {
				t.Errorf("%d lines within the interval, want 1", n)
			}
		})
	}
}

// TestLoad_ids checks that load says the id of each file whose id is not
// its name: names with other characters, long ones, a second of a name.
func TestLoad_ids(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("police-data-breach-", 5) + "report"
	files := map[string]string{
		"plain-name.txt":       "Kestrel Bank said its branch would close in June.\n",
		"Met Breach (1).txt":   "Saltmarsh Rail said the ferry link would close for a week.\n",
		long + ".txt":          "Pinewood University said its library would open until midnight.\n",
		"other/plain-name.txt": "Tidewater Housing said the harbour wall would be rebuilt.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := newsgraph(t, "", "load", "--db", filepath.Join(t.TempDir(), "graph.db"), dir)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"id Met_Breach_1 for " + filepath.Join(dir, "Met Breach (1).txt"),
		"for " + filepath.Join(dir, long+".txt"),
		"id plain-name-2 for " + filepath.Join(dir, "plain-name.txt"),
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// folders are read in name order: other/ first, which keeps the name
	if strings.Contains(r.stderr, "for "+filepath.Join(dir, "other", "plain-name.txt")) {
		t.Errorf("the first file of a name keeps its name as id:\n%s", r.stderr)
	}
}
