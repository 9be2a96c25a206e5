// Package fastprose is a fast re-implementation of the analysis pipeline of
// github.com/jdkato/prose/v2 v2.0.0: its tokenizer, its averaged-perceptron
// part-of-speech tagger, its maximum-entropy named-entity classifier and its
// entity chunker.
//
// It reads prose's own model files through prose's public API (prose.Asset)
// and scores them with interned feature ids and flat weight tables instead of
// building feature strings for every token, which makes it more than ten
// times faster than prose on one core while producing the same tokens, tags,
// labels and entities.
//
// # Usage
//
// Load the shared model once and analyse any number of documents with it,
// from any number of goroutines:
//
//	m, err := fastprose.Load()
//	if err != nil { ... }
//	doc := m.Analyze(text)
//	for _, t := range doc.Tokens {
//		fmt.Println(text[t.Start:t.End], t.Tag, t.Label)
//	}
//	for _, e := range doc.Entities {
//		fmt.Println(e.Label, text[e.Start:e.End])
//	}
//
// The step-by-step methods Tokenize, Tag, Label and Entities do the same work
// in stages for callers that need only part of it.
//
// # Relation to prose
//
// Every Token carries byte offsets into the original text, which prose's
// tokens lack. Token.Text is the text prose gives the token: prose replaces
// curly quotes (U+2018, U+2019, U+201C, U+201D) and "&rsquo;" by ASCII quotes
// before it tokenizes, so Text can differ from text[Start:End].
//
// prose shares one token object among all occurrences of a repeated
// whitespace-delimited word, so after tagging every occurrence reports the
// tag and label computed for the last one, and its entity classifier reads
// those overwritten tags as features of the neighbouring words. Analyze does
// not: it tags and labels every occurrence in its own context, exactly as
// prose computes it before the overwrite. AnalyzeProse reproduces prose's
// output including the overwrite, for callers that must match a stock prose
// run bit for bit.
//
// The tests check both against prose: AnalyzeProse on whole articles (the
// dev set, extract's test articles, seeded word salad and fuzzed text) must
// give prose's tokens, tags, labels and entities exactly; Analyze must give
// prose's output on every window of those articles in which no word repeats
// (where prose shares no token), and those windows cover every token.
//
// The known differences, all in corner cases where prose itself has no single
// answer, are:
//
//   - Ties. Where two tags (or two entity labels) score the same, prose picks
//     one at random (it iterates a Go map), and its tagger also adds the
//     weights of a token in random order, so tags whose scores differ only in
//     the last bits of a float64 come out either way. fastprose always picks
//     the tag or label that comes first in the model's class list.
//   - Panics. On a word where lower-casing lengthens the bytes before a
//     clitic such as "'s" (for example "ȺȺȺ's"), prose slices out of range
//     and panics; fastprose clamps the index and goes on.
//
// Labels never come out empty: where every label scores -Inf or NaN prose
// would return "" (impossible with its finite weights); fastprose returns O.
//
// # Performance
//
// On one core, over the dev set, Analyze runs at about 0.9 to 1.2 million
// tokens per second, prose at about 12,000 to 14,000 with its model reused:
// 75 to 90 times faster (go test -bench 'Prose$|Fastprose$' -cpu 1
// ./internal/fastprose runs both side by side). AnalyzeProse costs about 10%
// more than Analyze. Load takes about half a second (half of it decoding
// prose's gob files) and the model keeps about 40 MB.
package fastprose
