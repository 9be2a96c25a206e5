// Package benchrun is newsgraph bench's harness: it measures extraction
// against prose's pipeline, an end-to-end load, graph writes alone, the
// canned queries and a command's startup, each against its target, and
// prints the figures. The bench subcommand parses its flags and calls Run.
package benchrun

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/queries"
)

// Phases are the parts of a run, in the order they are named.
var Phases = []string{"extract", "load", "writes", "queries", "startup"}

// Options say what a run does (the bench subcommand's flags).
type Options struct {
	// Articles is the size of the synthetic corpus loaded, Seed its seed.
	Articles int
	Seed     uint64
	// Jobs is how many articles the load analyses in parallel; Batch the
	// quads written per transaction.
	Jobs, Batch int
	// Runs is how many times each query and startup is timed (the
	// median is shown, after a first run).
	Runs int
	// DB, when set, is the new bolt store the load writes and keeps.
	DB string
	// Dev is the dev-set folder for the extraction comparison
	// (synthetic articles when it has none).
	Dev string
	// ExtractTime is the time spent measuring each extractor.
	ExtractTime time.Duration
	// Phases are the phases run (names from Phases).
	Phases map[string]bool
	// CPUProfile and MemProfile, when set, are files for a CPU profile of
	// the run and a heap profile taken at the load's memory peak.
	CPUProfile, MemProfile string
	// Check makes a missed target an error (ErrMissed).
	Check bool
}

// Harness is what a run needs of the program it measures.
type Harness struct {
	// Out receives the report.
	Out io.Writer
	// Load loads the article files in dir into a new store at db as the
	// program's load command does, with jobs extractions at once and
	// batch quads per write.
	Load func(ctx context.Context, db, dir string, jobs, batch int) (ingest.Stats, error)
	// Exe is the program's executable, run as "EXE quotes --db STORE
	// --format json" to time its startup.
	Exe string
}

// ErrMissed is returned (wrapped, naming them) when Options.Check is set
// and a figure missed its target.
var ErrMissed = errors.New("targets missed")

// ErrStoreExists is returned when Options.DB names a store that exists:
// a run loads into a new one.
var ErrStoreExists = errors.New("exists; bench loads into a new store")

// The targets bench checks its figures against (issue 6).
const (
	targetRatio          = 10    // extract vs prose's pipeline, tokens/s
	targetArticlesPerMin = 10000 // load, end to end
	targetPeakRSS        = 1536  // MiB, during the load
	targetQuadsPerSec    = 50000 // graph writes
	targetQuery          = 50    // ms, each canned query
	targetStartup        = 300   // ms, newsgraph quotes on a small store
	startupArticles      = 20    // articles in the store of the startup phase
	mib                  = 1 << 20
)

// benchReport prints bench's figures, each target met or missed.
type benchReport struct {
	w      io.Writer
	missed []string
}

func (r *benchReport) section(format string, args ...any) {
	fmt.Fprintf(r.w, "\n"+format+"\n", args...)
}

func (r *benchReport) line(label, format string, args ...any) {
	fmt.Fprintf(r.w, "  %-28s %s\n", label, fmt.Sprintf(format, args...))
}

// target prints whether a figure met its target.
func (r *benchReport) target(name string, ok bool, format string, args ...any) {
	verdict := "met"
	if !ok {
		verdict = "MISSED"
		r.missed = append(r.missed, name)
	}
	r.line("target "+name, "%s (%s)", verdict, fmt.Sprintf(format, args...))
}

func Run(ctx context.Context, h Harness, opts Options) (err error) {
	r := &benchReport{w: h.Out}
	fmt.Fprintf(r.w, "newsgraph bench: %s %s/%s, %d CPUs, GOMAXPROCS %d, load average %s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), loadAverage())

	tmp, err := os.MkdirTemp("", "newsgraph-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if rerr := os.RemoveAll(tmp); rerr != nil && err == nil {
			err = rerr
		}
	}()
	db := opts.DB
	if db == "" {
		db = filepath.Join(tmp, "graph.db")
	} else if _, serr := os.Stat(db); !errors.Is(serr, fs.ErrNotExist) {
		return fmt.Errorf("bench: --db %s: %w", db, ErrStoreExists)
	}

	if opts.CPUProfile != "" {
		f, err := os.Create(opts.CPUProfile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("bench: cpu profile: %w", err)
		}
		defer func() {
			pprof.StopCPUProfile()
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("bench: cpu profile: %w", cerr)
			}
		}()
	}
	cfg := synth.Config{Articles: opts.Articles, Seed: opts.Seed}
	// The load runs first, so that its peak memory is its own.
	if opts.Phases["load"] || opts.Phases["writes"] || opts.Phases["queries"] {
		// The generated corpus is dropped during the load, so that the
		// load's memory is its own, and generated again after.
		speaker, quoted := mostQuoted(synth.Generate(cfg))
		if opts.Phases["load"] || opts.Phases["queries"] {
			if err := benchLoad(ctx, h, r, opts, synth.Corpus(cfg), filepath.Join(tmp, "corpus"), db); err != nil {
				return err
			}
		}
		if opts.Phases["writes"] {
			if err := benchWrites(ctx, r, synth.Generate(cfg), filepath.Join(tmp, "writes.db"), opts.Batch); err != nil {
				return err
			}
		}
		if opts.Phases["queries"] {
			if err := benchQueries(ctx, r, opts, speaker, quoted, db); err != nil {
				return err
			}
		}
	}
	if opts.Phases["extract"] {
		if err := benchExtract(ctx, r, opts); err != nil {
			return err
		}
	}
	if opts.Phases["startup"] {
		if err := benchStartup(ctx, h, r, opts, tmp); err != nil {
			return err
		}
	}
	fmt.Fprintf(r.w, "\nload average %s at the end", loadAverage())
	if len(r.missed) == 0 {
		fmt.Fprintln(r.w, "; every target met")
	} else {
		fmt.Fprintf(r.w, "; targets missed: %s\n", strings.Join(r.missed, ", "))
		if opts.Check {
			return fmt.Errorf("bench: %w: %s", ErrMissed, strings.Join(r.missed, ", "))
		}
	}
	return nil
}

// benchLoad writes the corpus to dir and loads it into a new store at db
// the way newsgraph load does.
func benchLoad(ctx context.Context, h Harness, r *benchReport, opts Options, arts []corpus.Article, dir, db string) error {
	size := 0
	for _, a := range arts {
		size += len(a.Title) + 2 + len(a.Body)
	}
	if err := synth.WriteFiles(dir, arts); err != nil {
		return err
	}
	n := len(arts) // arts is not used below: the collector may free it during the load
	r.section("load: %d synthetic articles (%.1f MB of text, seed %d) into a new bolt store, --jobs %d",
		n, float64(size)/1e6, opts.Seed, opts.Jobs)
	// Start the peak-memory count here: free what generating took.
	debug.FreeOSMemory()
	resetPeakRSS()
	mem := sampleRSS(100*time.Millisecond, opts.MemProfile)
	start, cpu, written := time.Now(), cpuTime(), bytesWritten()
	st, err := h.Load(ctx, db, dir, opts.Jobs, opts.Batch)
	if err != nil {
		return err
	}
	d, cpu, written := time.Since(start), cpuTime()-cpu, bytesWritten()-written
	peak := peakRSS()
	if err := mem.stop(); err != nil {
		return err
	}
	rep := st.Report
	perMin := float64(rep.New) / d.Minutes()
	quadsPerSec := float64(rep.Added) / d.Seconds()
	r.line("time", "%s (store opening, model, reading, extraction, writes, stored answers, closing)", d.Round(time.Millisecond))
	if cpu > 0 {
		r.line("CPU time", "%s (%.2f cores busy on average)", cpu.Round(time.Millisecond), cpu.Seconds()/d.Seconds())
	}
	r.line("articles", "%d read, %d new, %d skipped, %d duplicates", st.Read, rep.New, st.Skipped, st.Duplicates)
	r.line("found", "%d entities, %d quotes, %d events", rep.Entities, rep.Quotes, rep.Events)
	r.line("articles/minute", "%.0f", perMin)
	r.line("quads written", "%d, %.0f quads/s end to end", rep.Added, quadsPerSec)
	if sz, err := dirSize(db); err == nil {
		r.line("store size", "%.1f MB", float64(sz)/1e6)
	}
	if written > 0 {
		r.line("written to disk", "%.1f GB (the store rewrites B-tree pages at every commit)", float64(written)/1e9)
	}
	r.line("peak RSS", "%s (peak anonymous %s, peak file-backed %s: the store's memory map)",
		formatMiB(peak), formatMiB(mem.anon), formatMiB(mem.file))
	r.target("load articles/minute", perMin >= targetArticlesPerMin, "%.0f, want >= %d", perMin, targetArticlesPerMin)
	if peak > 0 {
		r.target("load peak RSS", peak <= targetPeakRSS*mib, "%s, want <= %d MiB", formatMiB(peak), targetPeakRSS)
	}
	return nil
}

// benchWrites writes the corpus's known extraction results into a new
// store, with the options load gives a new store: graph writes alone.
func benchWrites(ctx context.Context, r *benchReport, docs []synth.Doc, db string, batch int) (err error) {
	gdocs := make([]graph.Doc, len(docs))
	for i, d := range docs {
		gdocs[i] = graph.Doc{Article: d.Article, Result: d.Truth}
	}
	r.section("graph writes: the same %d articles' extraction results (known, not extracted) into a new bolt store", len(docs))
	debug.FreeOSMemory()
	resetPeakRSS()
	start, cpu, written := time.Now(), cpuTime(), bytesWritten()
	s, err := graph.Open(ctx, db, graph.Options{Create: true, BatchSize: batch, NoSync: true, Pipelined: true})
	if err != nil {
		return err
	}
	rep, err := s.Load(ctx, gdocs)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	d, cpu, written := time.Since(start), cpuTime()-cpu, bytesWritten()-written
	qps := float64(rep.Added) / d.Seconds()
	r.line("time", "%s", d.Round(time.Millisecond))
	if cpu > 0 {
		r.line("CPU time", "%s (%.0f quads per CPU second)", cpu.Round(time.Millisecond), float64(rep.Added)/cpu.Seconds())
	}
	r.line("quads written", "%d, %.0f quads/s", rep.Added, qps)
	if written > 0 {
		r.line("written to disk", "%.1f GB", float64(written)/1e9)
	}
	r.line("peak RSS", "%s", formatMiB(peakRSS()))
	r.target("graph writes", qps >= targetQuadsPerSec, "%.0f quads/s, want >= %d", qps, targetQuadsPerSec)
	return nil
}

// writeHeapProfile writes the live heap to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("bench: heap profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("bench: heap profile: %w", err)
	}
	return nil
}

// mostQuoted returns the name of the person the corpus quotes most.
func mostQuoted(docs []synth.Doc) (string, int) {
	count := map[string]int{}
	names := map[string]string{}
	for _, d := range docs {
		for _, e := range d.Truth.Entities {
			if e.Type == extract.Person {
				names[e.Key] = e.Name
			}
		}
		for _, q := range d.Truth.Quotes {
			count[q.Speaker]++
		}
	}
	best := ""
	for k, n := range count {
		if names[k] != "" && (best == "" || n > count[best] || n == count[best] && k < best) {
			best = k
		}
	}
	return names[best], count[best]
}

// benchQueries times the canned queries on the loaded store, opened
// read-only as the query commands open it.
func benchQueries(ctx context.Context, r *benchReport, opts Options, speaker string, n int, db string) (err error) {
	r.section("queries on the loaded store, opened read-only (first run, then median of %d)", opts.Runs)
	s, err := graph.Open(ctx, db, graph.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, q := range []struct {
		name string
		run  func() (int, error)
	}{
		{fmt.Sprintf("quotes --speaker %q", speaker), func() (int, error) {
			rows, err := queries.Quotes(ctx, s, queries.QuoteFilter{Speaker: speaker})
			return len(rows), err
		}},
		{"entities", func() (int, error) {
			rows, err := queries.Entities(ctx, s, queries.EntityFilter{})
			return len(rows), err
		}},
		{"breaches", func() (int, error) {
			rows, err := queries.Breaches(ctx, s)
			return len(rows), err
		}},
	} {
		var times []time.Duration
		rows := 0
		for range opts.Runs + 1 {
			start := time.Now()
			var err error
			if rows, err = q.run(); err != nil {
				return err
			}
			times = append(times, time.Since(start))
		}
		med := median(times[1:])
		r.line(q.name, "%s first, %s median, %d rows", ms(times[0]), ms(med), rows)
		r.target(strings.Fields(q.name)[0]+" query", med < targetQuery*time.Millisecond, "%s, want < %d ms", ms(med), targetQuery)
	}
	r.line("(speaker quoted", "%d times in the corpus's truth)", n)
	return nil
}

// benchExtract compares prose's full pipeline with newsgraph's extraction
// on one goroutine, alternating between them so that both see the same
// machine load.
func benchExtract(ctx context.Context, r *benchReport, opts Options) error {
	arts, from, err := benchDevSet(opts)
	if err != nil {
		return err
	}
	pm := prose.ModelFromData("en")
	tokens := 0
	for _, a := range arts {
		d, err := prose.NewDocument(a.Body, prose.UsingModel(pm), prose.WithSegmentation(false))
		if err != nil {
			return fmt.Errorf("bench: prose: %s: %w", a.ID, err)
		}
		tokens += len(d.Tokens())
	}
	r.section("extraction: %s (%d articles, %d tokens as prose counts them), one goroutine", from, len(arts), tokens)
	modelStart := time.Now()
	x := extract.New(extract.Config{Model: extract.NewModel()})
	modelTime := time.Since(modelStart)
	proseRound := func() error {
		for _, a := range arts {
			if _, err := prose.NewDocument(a.Body, prose.UsingModel(pm), prose.WithSegmentation(false)); err != nil {
				return fmt.Errorf("bench: prose: %s: %w", a.ID, err)
			}
		}
		return nil
	}
	oursRound := func() error {
		for _, a := range arts {
			if _, err := x.Extract(ctx, a); err != nil && !errors.Is(err, extract.ErrEmptyArticle) {
				return fmt.Errorf("bench: extract: %s: %w", a.ID, err)
			}
		}
		return nil
	}
	// Warm both up, then alternate slices of a fifth of the time each.
	if err := errors.Join(proseRound(), oursRound()); err != nil {
		return err
	}
	var proseTime, oursTime time.Duration
	var proseRounds, oursRounds int
	slice := max(opts.ExtractTime/5, time.Millisecond)
	for range 5 {
		for _, m := range []struct {
			round  func() error
			total  *time.Duration
			rounds *int
		}{{proseRound, &proseTime, &proseRounds}, {oursRound, &oursTime, &oursRounds}} {
			start := time.Now()
			for time.Since(start) < slice {
				if err := m.round(); err != nil {
					return err
				}
				*m.rounds++
			}
			*m.total += time.Since(start)
		}
	}
	proseTPS := float64(tokens*proseRounds) / proseTime.Seconds()
	oursTPS := float64(tokens*oursRounds) / oursTime.Seconds()
	ratio := oursTPS / proseTPS
	r.line("prose pipeline (model reused)", "%.0f tokens/s", proseTPS)
	r.line("newsgraph extract", "%.0f tokens/s (whole extraction: tags, names, quotes, breaches)", oursTPS)
	r.line("ratio", "%.1fx", ratio)
	r.line("newsgraph model build", "%s", ms(modelTime))
	r.target("extract vs prose", ratio >= targetRatio, "%.1fx, want >= %dx", ratio, targetRatio)
	return nil
}

// benchDevSet returns the dev-set articles, or synthetic ones when the
// dev set is absent, and says which.
func benchDevSet(opts Options) ([]corpus.Article, string, error) {
	files, err := filepath.Glob(filepath.Join(opts.Dev, "*.txt"))
	if err != nil {
		return nil, "", fmt.Errorf("bench: --dev %s: %w", opts.Dev, err)
	}
	if len(files) == 0 {
		arts := synth.Corpus(synth.Config{Articles: 10, Seed: opts.Seed})
		return arts, fmt.Sprintf("10 synthetic articles (no dev set at %s)", opts.Dev), nil
	}
	var arts []corpus.Article
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, "", fmt.Errorf("bench: %w", err)
		}
		arts = append(arts, corpus.Article{ID: filepath.Base(f), Body: string(body)})
	}
	return arts, "dev set " + opts.Dev, nil
}

// benchStartup times newsgraph quotes in a child process on a small
// store: what a user waits for.
func benchStartup(ctx context.Context, h Harness, r *benchReport, opts Options, tmp string) error {
	exe := h.Exe
	dir, db := filepath.Join(tmp, "small"), filepath.Join(tmp, "small.db")
	if err := synth.WriteFiles(dir, synth.Corpus(synth.Config{Articles: startupArticles, Seed: opts.Seed})); err != nil {
		return err
	}
	if _, err := h.Load(ctx, db, dir, 1, opts.Batch); err != nil {
		return err
	}
	r.section("startup: %s quotes --db STORE --format json, %d-article store (first run, then median of %d)",
		filepath.Base(exe), startupArticles, opts.Runs)
	var times []time.Duration
	for range opts.Runs + 1 {
		cmd := exec.CommandContext(ctx, exe, "quotes", "--db", db, "--format", "json")
		cmd.Env = append(os.Environ(), "NEWSGRAPH_DB=")
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("bench: startup: %s quotes: %w: %s", exe, err, strings.Join(strings.Fields(stderr.String()), " "))
		}
		times = append(times, time.Since(start))
	}
	med := median(times[1:])
	r.line("wall time", "%s first, %s median", ms(times[0]), ms(med))
	r.target("startup", med < targetStartup*time.Millisecond, "%s, want < %d ms", ms(med), targetStartup)
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

func formatMiB(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/mib)
}

// loadAverage returns the 1, 5 and 15 minute load averages, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// peakRSS returns the process's peak resident set size in bytes (VmHWM in
// /proc/self/status), or 0 where that is not available.
func peakRSS() int64 { return procStatus("VmHWM")["VmHWM"] }

// procStatus returns the named sizes of /proc/self/status in bytes; those
// it cannot read are missing.
func procStatus(names ...string) map[string]int64 {
	out := map[string]int64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(v) // "123456 kB"
		if !ok || !slices.Contains(names, name) || len(fields) != 2 || fields[1] != "kB" {
			continue
		}
		if n, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
			out[name] = n << 10
		}
	}
	return out
}

// rssSampler records the largest anonymous and file-backed resident
// sizes (RssAnon, RssFile in /proc/self/status) seen while it runs, and
// can write a heap profile whenever the anonymous size peaks.
type rssSampler struct {
	done       chan struct{}
	stopped    chan struct{}
	anon, file int64 // bytes; read them after stop
	err        error // from writing the heap profile
}

// sampleRSS starts sampling every interval. With a profile path, it
// writes a heap profile there each time the anonymous size grows by a
// tenth over that of the last profile.
func sampleRSS(every time.Duration, profile string) *rssSampler {
	s := &rssSampler{done: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(s.stopped)
		t := time.NewTicker(every)
		defer t.Stop()
		var profiled int64
		for {
			st := procStatus("RssAnon", "RssFile")
			s.anon, s.file = max(s.anon, st["RssAnon"]), max(s.file, st["RssFile"])
			if profile != "" && s.err == nil && st["RssAnon"] > profiled+profiled/10 {
				profiled = st["RssAnon"]
				s.err = writeHeapProfile(profile)
			}
			select {
			case <-s.done:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the error of writing the profile.
func (s *rssSampler) stop() error {
	close(s.done)
	<-s.stopped
	return s.err
}

// bytesWritten returns the bytes the process has caused to be written to
// storage (write_bytes in /proc/self/io), or 0 where that is not known.
func bytesWritten() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "write_bytes:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return 0
}

// resetPeakRSS starts the peak resident set size count afresh from the
// current size (Linux: "5" to /proc/self/clear_refs). Where that is not
// possible, the peak stays the process's since it started.
func resetPeakRSS() {
	f, err := os.OpenFile("/proc/self/clear_refs", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString("5") // best effort: the figure is then the process's peak
}

// dirSize returns the bytes of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	return n, err
}
