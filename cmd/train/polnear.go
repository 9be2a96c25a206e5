package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsgraph/newsgraph/internal/learn"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// polnearRun is what a trainer on PolNeAR starts from: its flags and the
// train split.
type polnearRun struct {
	root         string // the ../shared/eval directory
	train        []polnear.Article
	epochs, bits int
	out          string // the weights file to write
}

// startPolnear parses the flags every PolNeAR trainer takes (-shared,
// -epochs, -bits and -out, whose default is extract/NAME.bin) and loads
// PolNeAR train.
func startPolnear(ctx context.Context, name string, args []string, stderr io.Writer, epochs int, epochsUsage string, bits int) (polnearRun, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	shared := fs.String("shared", "", "the ../shared/eval directory (default: found above the working directory)")
	ep := fs.Int("epochs", epochs, epochsUsage)
	b := fs.Int("bits", bits, "log2 of the feature buckets")
	out := fs.String("out", filepath.Join("extract", name+".bin"), "the weights file to write")
	if err := fs.Parse(args); err != nil {
		return polnearRun{}, err
	}
	root, err := polnear.Root(*shared)
	if err != nil {
		return polnearRun{}, err
	}
	train, err := polnear.Load(ctx, root, "train")
	if err != nil {
		return polnearRun{}, err
	}
	return polnearRun{root: root, train: train, epochs: *ep, bits: *b, out: *out}, nil
}

// writeWeights writes m's weights to path and says so on stdout.
func writeWeights(m *learn.Model, path string, stdout io.Writer) error {
	data, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", path, len(data))
	return nil
}
