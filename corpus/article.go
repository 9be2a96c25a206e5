package corpus

import "time"

// Article is one news article, whatever format it was read from.
// Body holds the article's main text with page boilerplate removed; every
// character offset produced downstream (sentences, quotes, facts) is a byte
// offset into Body.
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
	// or "path#item" for one item of a feed or JSON Lines file).
	Path string
	// Sources lists further places the same article was found (syndicated
	// copies, duplicate files); empty when it was found once.
	Sources []string
}
