// Package queries holds newsgraph's named Gizmo queries and runs them and
// arbitrary Gizmo against a graph.Store.
//
// The named queries live in queries/*.js, embedded in the binary; Run runs
// one by name, and Quotes, Entities and Breaches turn their results into the
// typed rows of api.go, whose JSON form the CLI and the HTTP API share.
// Gizmo runs any query with a result limit and a timeout that stops
// runaway scripts.
package queries
