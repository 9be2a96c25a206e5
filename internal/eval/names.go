package eval

import (
	"fmt"
	"sort"
	"strings"
)

// NameMention is a typed name in one article: a half-open byte range of
// its body, the words there, and the entity type ("person",
// "organization" or "place").
type NameMention struct {
	Article    string
	Start, End int
	Type       string
	Text       string
}

// NameTypes are the entity types the names measure scores, in report
// order, with the short names of the SCORE line.
var NameTypes = []struct{ Type, Short string }{{"person", "person"}, {"organization", "org"}, {"place", "loc"}}

// NameCounts are the mention counts of one type: right (same span, same
// type), spurious (the system's, not in the reference) and missed.
type NameCounts struct{ Right, Spurious, Missed int }

// Precision, Recall and F1 of the counts.
func (c NameCounts) Precision() float64 { return ratio(c.Right, c.Right+c.Spurious) }

// Recall is the share of the reference's mentions found.
func (c NameCounts) Recall() float64 { return ratio(c.Right, c.Right+c.Missed) }

// F1 is the harmonic mean of precision and recall.
func (c NameCounts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// NamesReport is the outcome of ScoreNames.
type NamesReport struct {
	// Lines is the human-readable report, ending with the SCORE line.
	Lines []string
	// Counts holds each type's counts.
	Counts map[string]NameCounts
	// Errors counts the errors by kind: "boundary" (the other side has an
	// overlapping mention of the type with other ends), "type" (the same
	// span with another type), "missed" and "spurious" (nothing
	// overlapping of the type), each prefixed by the type.
	Errors map[string]int
}

// String returns the report, one line per line.
func (r NamesReport) String() string { return strings.Join(r.Lines, "\n") + "\n" }

// ScoreNames scores the system's mentions against the reference's by
// exact span and type, per type. With verbose the report lists every
// error.
func ScoreNames(ref, sys []NameMention, verbose bool) NamesReport {
	type key struct {
		art        string
		start, end int
	}
	dedupe := func(ms []NameMention) map[key]NameMention {
		out := map[key]NameMention{}
		for _, m := range ms {
			if m.End > m.Start {
				out[key{m.Article, m.Start, m.End}] = m
			}
		}
		return out
	}
	rs, ss := dedupe(ref), dedupe(sys)
	byArt := func(ms map[key]NameMention) map[string][]NameMention {
		out := map[string][]NameMention{}
		for _, m := range ms {
			out[m.Article] = append(out[m.Article], m)
		}
		return out
	}
	rArt, sArt := byArt(rs), byArt(ss)
	rep := NamesReport{Counts: map[string]NameCounts{}, Errors: map[string]int{}}
	var errs []string
	// classify names why m (of one side) has no exact match of its type on
	// the other side, others.
	classify := func(m NameMention, others []NameMention, none string) string {
		kind := none
		for _, o := range others {
			if o.Start == m.Start && o.End == m.End {
				return "type"
			}
			if o.Type == m.Type && o.Start < m.End && m.Start < o.End {
				kind = "boundary"
			}
		}
		return kind
	}
	for k, m := range rs {
		c := rep.Counts[m.Type]
		if s, ok := ss[k]; ok && s.Type == m.Type {
			c.Right++
		} else {
			c.Missed++
			kind := classify(m, sArt[m.Article], "missed")
			rep.Errors[m.Type+" "+kind]++
			errs = append(errs, fmt.Sprintf("%s\t%d\tmissed %s (%s)\t%q", m.Article, m.Start, m.Type, kind, m.Text))
		}
		rep.Counts[m.Type] = c
	}
	for k, m := range ss {
		if r, ok := rs[k]; ok && r.Type == m.Type {
			continue
		}
		c := rep.Counts[m.Type]
		c.Spurious++
		rep.Counts[m.Type] = c
		kind := classify(m, rArt[m.Article], "spurious")
		rep.Errors[m.Type+" "+kind]++
		errs = append(errs, fmt.Sprintf("%s\t%d\tspurious %s (%s)\t%q", m.Article, m.Start, m.Type, kind, m.Text))
	}
	if verbose {
		sort.Strings(errs)
		rep.Lines = append(rep.Lines, errs...)
	}
	rep.Lines = append(rep.Lines, fmt.Sprintf("%-13s %6s %6s %6s %9s %6s %6s", "type", "right", "spur.", "missed", "precision", "recall", "F1"))
	var score []string
	for _, t := range NameTypes {
		c := rep.Counts[t.Type]
		rep.Lines = append(rep.Lines, fmt.Sprintf("%-13s %6d %6d %6d %9.3f %6.3f %6.3f", t.Type, c.Right, c.Spurious, c.Missed, c.Precision(), c.Recall(), c.F1()))
		score = append(score, fmt.Sprintf("%s_f1=%.3f %s_precision=%.3f %s_recall=%.3f", t.Short, c.F1(), t.Short, c.Precision(), t.Short, c.Recall()))
	}
	kinds := make([]string, 0, len(rep.Errors))
	for k := range rep.Errors {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var el []string
	for _, k := range kinds {
		el = append(el, fmt.Sprintf("%s %d", k, rep.Errors[k]))
	}
	rep.Lines = append(rep.Lines, "errors: "+strings.Join(el, ", "))
	rep.Lines = append(rep.Lines, "SCORE "+strings.Join(score, " "))
	return rep
}
