package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/server"
)

func serveCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the store read-only over HTTP: web page, JSON API and Gizmo",
		Flags: []cli.Flag{
			dbFlag(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on this `HOST:PORT`"},
			&cli.DurationFlag{Name: "query-timeout", Value: server.DefaultQueryTimeout, Usage: "stop each query after this long"},
		},
		Action: func(c *cli.Context) (err error) {
			s, err := e.openRead(c)
			if err != nil {
				return err
			}
			defer closeStore(s, &err)
			h, err := server.NewHandler(server.Config{Store: s, QueryTimeout: c.Duration("query-timeout"), Logger: e.logger})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "serving %s on http://%s\n", s.DSN(), c.String("addr"))
			err = server.Serve(c.Context, c.String("addr"), h)
			if errors.Is(err, c.Context.Err()) {
				return nil
			}
			return err
		},
	}
}
