// Command train trains newsgraph's learned models from the annotated
// corpora in ../shared/eval and writes their weights into the repository.
//
//	go run ./cmd/train MODEL [flags]
//
// Run it from the repository's root. Each model's trainer is deterministic:
// the same data gives the same weights, byte for byte. `go run ./cmd/train`
// alone lists the models.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// trainer trains one model; args are the flags after the model's name.
type trainer struct {
	about string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// trainers lists the models by name.
var trainers = map[string]trainer{
	"antecedents": {about: "the pronoun resolver of speakers: who \"he said\" is (PolNeAR train; extract/antecedents.bin)", run: trainAntecedents},
	"breach":      {about: "breach sentence classifier (extract/breach.bin) from CASIE ids ending 0-4", run: trainBreach},
	"names":       {about: "the name tagger: people, organisations, places (PolNeAR train's CoreNLP labels; extract/names.bin)", run: trainNames},
	"reported":    {about: "the reported-speech classifier: which sentences report what someone said (PolNeAR train; extract/reported.bin)", run: trainReported},
	"speakers":    {about: "the attribution ranker: who said each quote (PolNeAR train; extract/speakers.bin)", run: trainSpeakers},
	"victims":     {about: "the victim ranker: which organisation a breach article says was breached (extract/victims.bin) from CASIE ids ending 0-4", run: trainVictims},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run trains the model named by args[1]: exit 0 on success, 1 when training
// failed, 2 for a bad command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || trainers[args[1]].run == nil {
		if len(args) >= 2 && args[1] != "-h" && args[1] != "--help" && args[1] != "help" {
			fmt.Fprintf(stderr, "train: unknown model %q\n", args[1])
		}
		fmt.Fprintln(stderr, "usage: go run ./cmd/train MODEL [flags]\nmodels:")
		names := make([]string, 0, len(trainers))
		for n := range trainers {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(stderr, "  %-10s %s\n", n, trainers[n].about)
		}
		return 2
	}
	if err := trainers[args[1]].run(ctx, args[2:], stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "train %s: %v\n", args[1], err)
		return 1
	}
	return 0
}
