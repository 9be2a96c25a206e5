// Package corpus reads news articles from files, folders, feeds and JSON
// into one Article type, drops page boilerplate and deduplicates.
package corpus
