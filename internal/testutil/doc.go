// Package testutil holds helpers shared by newsgraph's tests: golden-file
// comparison and a small hand-written fixture of articles with their
// extraction results.
package testutil
