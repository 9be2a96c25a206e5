// Package corpus reads news articles from files, folders, standard input,
// feeds and JSON exports into one Article type, removes page boilerplate
// from their text and recognises copies of one story.
//
// # Reading
//
// Open (one path) and Walk (several) return a Source over files, folders
// (walked recursively, in lexical order, skipping dot-files) and "-" for
// standard input. Each file is read by a Reader, which picks the format by
// sniffing the content (see Sniff), the extension only breaking ties:
//
//   - plain text: the first line is the title when it reads as a headline
//     (or a leading block of "- " bullet lines gives the title and
//     sub-headings); a "By Name" line gives the author; a "Published:" or
//     "Updated:" line at the start or end gives the date;
//
//   - Markdown: front matter (title, date, author, url, source), the title
//     from the first heading, markup stripped;
//
//   - HTML article pages: main text by go-readability (Mozilla's
//     Readability), with title, publisher, author, canonical URL and
//     publication date from the page's metadata, and a byline or date
//     line the text opens with; a declared non-UTF-8 charset is decoded;
//
//   - RSS, Atom and JSON Feed (gofeed): one article per item, from its full
//     content where present, HTML converted to text;
//
//   - JSON (one object, an array, or an object wrapping an array under
//     "articles", "items", "data"...) and JSON Lines, one object per
//     line, with the fields
//
//     {"id": "a1", "title": "...", "text": "...", "url": "https://...",
//     "published": "2023-08-27T09:16:00Z", "source": "Example News"}
//
//     where "body" or "content" may stand for "text" and may hold HTML,
//     "id" may be a number, "published" is any form ParseDate reads or Unix
//     seconds, "source" is the publisher; other fields are ignored.
//
// An article read from a file has as ID its file name without extension
// (made safe by SafeID); a feed or JSON item has its own id or GUID, else
// a hash of its URL, else of its text, and Path "file#N" (N the item
// number, or the line number in JSON Lines). Article.Body holds
// paragraphs separated by single newlines.
//
// # Errors
//
// A bad file, line or item never stops a Source. Next returns it as a
// *ParseError naming the input and the problem on one line, wrapping one
// of the sentinels (ErrEmpty, ErrEmptyDir, ErrNotUTF8, ErrBinary,
// ErrTooLarge, ErrNoArticle, ErrSyntax, ErrTruncated, ErrUnsupported),
// and the next call goes on with the next input. Next returns io.EOF at
// the end; any other error (a cancelled context) is fatal. Inputs over
// Config.MaxSize are rejected after reading at most that many bytes; JSON
// Lines files are streamed, the cap applying to each line. A feed or JSON
// array cut off part way yields the items before the cut and one
// ErrTruncated problem.
//
// # Cleaning and duplicates
//
// Clean is the line-level boilerplate filter every reader applies ("READ
// MORE:" links, "Don't miss" link lists, sign-up and cookie notices,
// photo-credit captions, share and follow buttons...). ParseDate reads the
// date forms news uses. Dedup wraps a Source and merges copies of one
// article (same URL, same folded text, or word 5-gram Jaccard similarity
// of at least Config.Similarity), listing the copies in Sources.
package corpus
