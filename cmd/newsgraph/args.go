package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// normalizeArgs rewrites a command line so that urfave/cli reads it the
// way people type it: flags after the positional arguments are still flags
// ("newsgraph load DIR --db X" loads into X, not into ./newsgraph.db with a
// file named --db), "help CMD" is "CMD --help", and an unknown command is
// an error that suggests the nearest one. "--" ends the flags.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	// the global flags, then the command
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" {
		name, hasValue := flagName(args[i])
		i++
		if !hasValue && !isBoolFlag(app.Flags, name) && i < len(args) {
			i++ // the flag's value
		}
	}
	if i >= len(args) {
		return args, nil
	}
	out := append([]string(nil), args[:i]...)
	name := args[i]
	if name == "help" {
		if i+1 >= len(args) {
			return append(out, "--help"), nil
		}
		name = args[i+1]
		if app.Command(name) == nil {
			return nil, unknownCommand(app, name)
		}
		return append(out, name, "--help"), nil
	}
	cmd := app.Command(name)
	if cmd == nil {
		return nil, unknownCommand(app, name)
	}
	out = append(out, name)
	var flags, positional []string
	rest := args[i+1:]
	for k := 0; k < len(rest); k++ {
		a := rest[k]
		switch {
		case a == "--":
			positional = append(positional, rest[k+1:]...)
			k = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			n, hasValue := flagName(a)
			if !hasValue && !isBoolFlag(cmd.Flags, n) && n != "h" && n != "help" && k+1 < len(rest) {
				k++
				flags = append(flags, rest[k])
			}
		default:
			positional = append(positional, a)
		}
	}
	out = append(out, flags...)
	if len(positional) > 0 {
		out = append(out, "--")
		out = append(out, positional...)
	}
	return out, nil
}

// flagName returns the name of a flag argument ("--db=x" → "db") and
// whether the argument holds its value.
func flagName(arg string) (string, bool) {
	n := strings.TrimLeft(arg, "-")
	if k := strings.IndexByte(n, '='); k >= 0 {
		return n[:k], true
	}
	return n, false
}

// isBoolFlag reports whether the flag named name among flags takes no value.
// An unknown flag is taken as one: cli then reports it.
func isBoolFlag(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return isBool
			}
		}
	}
	return true
}

// unknownCommand is the error for a command newsgraph does not have, with
// the nearest command as a suggestion.
func unknownCommand(app *cli.App, name string) error {
	best, dist := "", 1<<30
	for _, c := range app.Commands {
		for _, n := range c.Names() {
			if d := editDistance(name, n); d < dist {
				best, dist = n, d
			}
		}
	}
	if best != "" && dist <= (len(name)+2)/3 {
		return usageError{fmt.Errorf("unknown command %q: did you mean %q? (newsgraph --help lists the commands)", name, best)}
	}
	return usageError{fmt.Errorf("unknown command %q (newsgraph --help lists the commands)", name)}
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// version is the module's version and the commit it was built from, as
// the Go toolchain recorded them in the binary.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " with local changes"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (commit " + rev + modified + ")"
	}
	return v + ", " + bi.GoVersion
}
