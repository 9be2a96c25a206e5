// Command newsgraph turns news articles into a knowledge graph of who said
// what about which event, stored in Cayley and queried with Gizmo.
//
// Run "newsgraph help" for the commands; the README shows examples.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
