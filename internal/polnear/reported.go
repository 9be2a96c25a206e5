package polnear

// ReportedGold reports whether sentence sent of article a is reported
// speech whose speaker mention is mention: an attribution with a source
// that mention overlaps has its cue in the sentence and at least 80% of
// its content inside it, and the sentence is not much longer than that
// content (the scorers match a reported statement by its words).
func ReportedGold(a Article, sent, mention Span) bool {
	for _, at := range a.Attr {
		if len(at.Source) == 0 || !OverlapsAny(sent.Start, sent.End, at.Cue) || !OverlapsAny(mention.Start, mention.End, at.Source) {
			continue
		}
		in, all := 0, 0
		for _, c := range at.Content {
			all += c.End - c.Start
			in += max(0, min(sent.End, c.End)-max(sent.Start, c.Start))
		}
		if all > 0 && 5*in >= 4*all && sent.End-sent.Start <= 4*all+60 {
			return true
		}
	}
	return false
}
