// Package server serves a newsgraph store over HTTP: cayley's Gizmo query
// and quad read/write API, newsgraph's own JSON endpoints (quotes, entities,
// breaches, articles, stats) and a web page embedded in the binary.
//
// NewHandler builds the http.Handler; Serve runs it in an http.Server with
// timeouts and shuts it down gracefully when its context ends. Every query
// runs under Config.QueryTimeout and Config.ResultLimit, request bodies are
// capped at Config.MaxBodyBytes, and the server is read-only unless
// Config.AllowWrite is set, in which case writes need Config.Token as a
// bearer token.
package server
