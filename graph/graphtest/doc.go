// Package graphtest is the conformance suite of newsgraph's stores: every
// backend's tests run RunConformanceTests with a Harness saying how to make
// a fresh store of that backend, and the backend must pass all of it, as
// go-cloud's drivertest.RunConformanceTests does for blob drivers.
//
// The suite loads the fixture of internal/testutil and checks, on the
// backend, idempotent loads, entity merging across loads, change
// detection, duplicate-free quad writes and that the named queries answer
// as they do on a memory store; on persistent backends, that a store
// reopens read-only; on file stores, locking and missing files; on shared
// (server) stores, one writer with many readers, missing databases and
// concurrent loads. Every backend stores the same graph for the fixture:
// testdata/northbridge.store.nq, beside this package's sources (go test
// -update rewrites it).
package graphtest
