package corpus

import (
	"strings"
	"time"
)

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

// foldMetadata puts the title, author, publisher and URL each on one line
// with single spaces and valid UTF-8, whatever the input held (a JSON
// title with line breaks, an unclosed HTML <title> that swallowed the
// page).
func (a *Article) foldMetadata() {
	for _, f := range []*string{&a.Title, &a.Author, &a.Publisher, &a.URL} {
		*f = strings.Join(strings.Fields(strings.ToValidUTF8(*f, "")), " ")
	}
}
