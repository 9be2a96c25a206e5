// Package synth generates synthetic news corpora for benchmarks and load
// tests: deterministic, realistic-looking articles about invented data
// breaches, written so that newsgraph's extractor finds quotes, people,
// organisations, roles and breach facts in them.
//
// Every name, organisation and sentence comes from small word lists in
// this package, combined by a seeded random generator: the same Config
// always gives the same articles, byte for byte.
package synth
