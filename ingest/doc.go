// Package ingest is one load of articles into a store: read a source,
// merge copies of one article, extract the new and changed articles in
// parallel, write them in input order, and close the load. load, watch,
// eval and serve's POST /api/articles all go through it.
package ingest
