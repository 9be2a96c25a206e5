// Package graph maps extracted articles to quads and stores them in Cayley.
//
// The mapping is pure: Quads turns one corpus.Article and its
// extract.Result into a sorted list of quads, every one labelled with the
// article's IRI so that provenance is one Gizmo step away. The schema uses
// schema.org terms stored as short IRIs (<schema:name>, <schema:Quotation>,
// ...) and newsgraph's own terms under <ng:...>; schema.go lists them all.
// Where a sentence states a fact, an evidence node (see Evidence), one per
// article and fact, links to the node of the sentence, which holds its
// text and offsets.
//
// Store wraps a Cayley quad store: Open picks the backend from a DSN with a
// plain switch ("memory:" for an in-memory store, a path or "bolt:///path"
// for an embedded bolt store). Store.Load writes articles idempotently
// (an article whose content hash is already stored is skipped) and merges
// entities across articles: one node per real-world entity, matched on its
// key and on its normalised names and aliases.
package graph
