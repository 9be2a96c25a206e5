package corpus

import "time"

// Article is one news article, whatever format it was read from.
// Body holds the article's main text with page boilerplate removed, as
// paragraphs separated by a single "\n" (no blank lines, no paragraph
// holds a line break); the title is not repeated in it. Every character
// offset produced downstream (sentences, quotes, facts) is a byte offset
// into Body.
type Article struct {
	// ID identifies the article in the graph. An article read from a file
	// has as ID its file name without extension.
	ID        string
	URL       string
	Title     string
	Publisher string
	Author    string
	Published time.Time
	Body      string
	// Path is where the article was read from (a file path, "-" for stdin,
	// or "path#N" for item N of a feed or JSON array, or line N of a JSON
	// Lines file).
	Path string
	// Sources lists further places the same article was found (syndicated
	// copies, duplicate files); empty when it was found once.
	Sources []string
}
