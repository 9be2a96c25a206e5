// Package polnear reads the PolNeAR attribution corpus kept in
// ../shared/eval/polnear (research data, never copied into the
// repository) for training and measuring newsgraph's attribution: each
// article as newsgraph reads it, with its source, cue and content spans
// mapped onto that body's byte offsets.
package polnear
