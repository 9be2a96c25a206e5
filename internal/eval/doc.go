// Package eval scores newsgraph's answers against a gold annotation file.
//
// It computes the same figures, and prints the same report, as the shared
// score.py: quote recall, precision and F1 (with speaker attribution),
// whole-quote and indirect recall, the share of found quotes tied to the
// right breach, entity recall and split duplicates, role recall and breach
// facts. Its inputs are the JSON forms of the quotes, entities and
// breaches rows, so it does not depend on how they were produced.
package eval
