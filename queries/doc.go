// Package queries holds newsgraph's named Gizmo queries and runs them and
// arbitrary Gizmo against a graph.Store.
//
// The named queries live in queries/*.js, embedded in the binary; Run runs
// one by name, and Quotes, Entities and Breaches turn their results into the
// typed rows of api.go, whose JSON form the CLI and the HTTP API share.
// Gizmo runs any query with a result limit and a timeout that stops
// runaway scripts.
//
// The rows carry corroboration: how many distinct articles and outlets
// state each quote, role and breach fact, read from the labels of the
// quads that state them. Explain gives the evidence behind a quote, entity
// or breach (every article and sentence stating it), Conflicts the breach
// facts sources disagree on, Timeline events and statements in date
// order, and Export and Import write the store out and read it back.
package queries
