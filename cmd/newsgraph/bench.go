package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/benchrun"
)

func benchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure extraction, loading, queries and startup on a synthetic corpus",
		Description: "Prints, in one run:\n" +
			"  extract  prose's full pipeline and newsgraph's extraction over the dev set\n" +
			"           (--dev, else synthetic articles), tokens/s on one goroutine, and the ratio;\n" +
			"  load     --articles synthetic articles written to a temporary folder and loaded\n" +
			"           into a fresh bolt store as newsgraph load --jobs N does (reading,\n" +
			"           extraction, writes): articles/minute, quads/s, peak RSS;\n" +
			"  writes   the same articles' known extraction results written into another\n" +
			"           fresh store, without extraction: quads/s of graph writes alone;\n" +
			"  queries  quotes --speaker, entities and breaches on the loaded store (median);\n" +
			"  startup  wall time of a newsgraph quotes child process on a small store.\n" +
			"The corpus is the same for the same --articles and --seed. Each figure is\n" +
			"marked met or MISSED against its target; the exit code is 0 either way,\n" +
			"unless --check is given: then a missed target exits 1.",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "articles", Value: 10000, Usage: "synthetic articles to load"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: 2, Usage: "articles analysed in parallel while loading"},
			&cli.StringFlag{Name: "db", Usage: "load into this new bolt store `DIR` and keep it (default: a temporary one)"},
			&cli.StringFlag{Name: "dev", Value: filepath.Join("..", "shared", "corpus", "met-breach"),
				Usage: "the dev-set `DIR` for the extraction comparison; synthetic articles when absent"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the synthetic corpus"},
			&cli.IntFlag{Name: "runs", Value: 5, Usage: "runs per query and startup measurement (the median is shown)"},
			&cli.DurationFlag{Name: "extract-time", Value: 3 * time.Second, Usage: "time spent measuring each extractor"},
			&cli.StringFlag{Name: "phases", Value: strings.Join(benchrun.Phases, ","), Usage: "the phases to run, comma-separated"},
			&cli.IntFlag{Name: "batch-size", Value: defaultLoadBatch, Usage: "quads written per transaction while loading"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the phases run to `FILE` (go tool pprof)"},
			&cli.BoolFlag{Name: "check", Usage: "exit 1 when a target is missed"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile of the load, taken when its memory peaks, to `FILE`"},
		},
		Action: func(c *cli.Context) error {
			opts := benchrun.Options{
				Articles: c.Int("articles"), Jobs: c.Int("jobs"), DB: c.String("db"), Dev: c.String("dev"),
				Seed: c.Uint64("seed"), Runs: c.Int("runs"), ExtractTime: c.Duration("extract-time"),
				Phases: map[string]bool{}, CPUProfile: c.String("cpuprofile"), Batch: c.Int("batch-size"),
				MemProfile: c.String("memprofile"), Check: c.Bool("check"),
			}
			for _, p := range strings.Split(c.String("phases"), ",") {
				if p = strings.TrimSpace(p); !slices.Contains(benchrun.Phases, p) {
					return usageError{fmt.Errorf("bench: --phases: unknown phase %q (have %s)", p, strings.Join(benchrun.Phases, ", "))}
				}
				opts.Phases[p] = true
			}
			for name, n := range map[string]int{"articles": opts.Articles, "jobs": opts.Jobs, "runs": opts.Runs, "batch-size": opts.Batch} {
				if n < 1 {
					return usageError{fmt.Errorf("bench: --%s %d: want 1 or more", name, n)}
				}
			}
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			h := benchrun.Harness{Out: e.stdout, Exe: exe,
				Load: func(ctx context.Context, db, dir string, jobs, batch int) (ingest.Stats, error) {
					return e.loadPaths(ctx, loadOptions{db: db, paths: []string{dir}, jobs: jobs, quiet: true, batch: batch})
				}}
			err = benchrun.Run(c.Context, h, opts)
			if errors.Is(err, benchrun.ErrStoreExists) {
				return usageError{err}
			}
			return err
		},
	}
}
