package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/corpus"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/eval"
	"github.com/newsgraph/newsgraph/queries"
)

func evalCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction on a corpus against a gold annotation file",
		ArgsUsage: "CORPUS...",
		Description: "Loads CORPUS into an in-memory store, asks the quotes, entities and breaches\n" +
			"queries, and prints the same report and SCORE line as shared/eval/score.py.\n" +
			"With --corenlp instead of --gold it scores the names newsgraph finds (people,\n" +
			"organisations, places) against CoreNLP's entity spans, mention by mention.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "the gold annotation `FILE` (JSON)"},
			&cli.StringFlag{Name: "corenlp", Usage: "score names against the CoreNLP entities of `FILE` (corenlp.jsonl.gz)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "with --corenlp, list every wrong or missed name"},
		},
		Action: func(c *cli.Context) (err error) {
			if c.NArg() == 0 {
				return usageError{errors.New("eval: no CORPUS given")}
			}
			if (c.String("gold") == "") == (c.String("corenlp") == "") {
				return usageError{errors.New("eval: give one of --gold and --corenlp")}
			}
			if c.String("corenlp") != "" {
				return evalNames(c, e)
			}
			gold, err := eval.ReadGold(c.String("gold"))
			if err != nil {
				return err
			}
			ctx := c.Context
			s, err := graph.Open(ctx, graph.DSNMemory, graph.Options{Logger: e.logger})
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			x := extract.New(extract.Config{Model: extract.NewModel(), Logger: e.logger})
			src := corpus.Walk(c.Args().Slice(), corpus.Config{Logger: e.logger, Stdin: e.stdin})
			defer src.Close()
			st, err := ingest.Load(ctx, s, x, src, e.ingestConfig(1))
			if err != nil {
				return err
			}
			var ans eval.Answers
			qs, err := queries.Quotes(ctx, s, queries.QuoteFilter{})
			if err != nil {
				return err
			}
			ents, err := queries.Entities(ctx, s, queries.EntityFilter{})
			if err != nil {
				return err
			}
			bs, err := queries.Breaches(ctx, s)
			if err != nil {
				return err
			}
			for _, conv := range []struct{ in, out any }{{qs, &ans.Quotes}, {ents, &ans.Entities}, {bs, &ans.Breaches}} {
				if err := eval.Convert(conv.in, conv.out); err != nil {
					return fmt.Errorf("eval: %w", err)
				}
			}
			fmt.Fprint(e.stdout, eval.Score(gold, ans).String())
			if st.Skipped > 0 {
				return errSkipped
			}
			return nil
		},
	}
}
