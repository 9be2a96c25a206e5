// Package extract finds entities, quotations and events in news articles.
//
// It is pure analysis: it takes corpus.Article values and returns plain
// Result values with byte offsets into the article body. It never touches
// storage.
package extract
