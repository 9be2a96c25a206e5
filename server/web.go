package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// webFiles holds the web page: plain HTML, CSS and JavaScript, no build step.
//
//go:embed web
var webFiles embed.FS

// webHandler serves the embedded page at /.
func webHandler() (http.Handler, error) {
	sub, err := fs.Sub(webFiles, "web")
	if err != nil {
		return nil, err
	}
	return http.FileServerFS(sub), nil
}
