package corpus

import (
	"context"
	"errors"
	"hash/fnv"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Deduper recognises copies of one article: the same URL, the same text
// (compared after folding case, punctuation and white space), or a near
// copy such as a syndicated wire story with a changed headline or an added
// line (word 5-gram Jaccard similarity at least Config.Similarity). Of each
// group it keeps the first article seen, fills its empty fields from the
// copies, and lists the copies' paths and URLs in Sources.
//
// As a Source (see Dedup) it must see every article before it can say
// which to keep: it passes problems through as they come, and yields the
// kept articles, in first-seen order, once its source is exhausted. It
// holds the articles in memory meanwhile.
type Deduper struct {
	src Source
	cfg Config
	log *slog.Logger

	articles []Article
	byURL    map[string]int
	byHash   map[string]int
	shingles [][]uint64       // sorted, distinct 5-gram hashes per article
	bands    map[uint64][]int // LSH band key -> articles
	drained  bool
	emitted  int
}

// Dedup returns a Source yielding src's articles with copies merged.
func Dedup(src Source, cfg Config) *Deduper {
	d := NewDeduper(cfg)
	d.src = src
	return d
}

// NewDeduper returns a Deduper to be fed with Add.
func NewDeduper(cfg Config) *Deduper {
	return &Deduper{
		cfg:    cfg,
		log:    cfg.logger(),
		byURL:  map[string]int{},
		byHash: map[string]int{},
		bands:  map[uint64][]int{},
	}
}

// Next returns the next problem from the source as it comes, then, once
// the source is exhausted, the kept articles; io.EOF after the last.
func (d *Deduper) Next(ctx context.Context) (Article, error) {
	for d.src != nil && !d.drained {
		a, err := d.src.Next(ctx)
		switch {
		case errors.Is(err, io.EOF):
			d.drained = true
		case err != nil:
			return Article{}, err
		default:
			d.Add(a)
		}
	}
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}
	if d.emitted >= len(d.articles) {
		return Article{}, io.EOF
	}
	a := d.articles[d.emitted]
	d.articles[d.emitted] = Article{} // let the caller own it
	d.emitted++
	return a, nil
}

// Add records a and reports whether it is a copy of an article added
// before; keptID is the ID of the article it was merged into, or a's own.
func (d *Deduper) Add(a Article) (keptID string, dup bool) {
	urlKey := NormalizeURL(a.URL)
	hash := ContentHash(a.Body)
	sh := shingleSet(a.Body)
	reason := ""
	i := -1
	switch {
	case urlKey != "" && d.has(d.byURL, urlKey):
		i, reason = d.byURL[urlKey], "same URL"
	case d.has(d.byHash, hash):
		i, reason = d.byHash[hash], "same text"
	default:
		if j, sim := d.nearest(sh); j >= 0 {
			i, reason = j, "near copy"
			d.log.Debug("near copy", "article_id", a.ID, "kept_id", d.articles[j].ID, "similarity", sim)
		}
	}
	if i >= 0 {
		d.merge(i, a)
		d.log.Debug("merged duplicate article", "article_id", a.ID, "path", a.Path, "kept_id", d.articles[i].ID, "reason", reason)
		if urlKey != "" && !d.has(d.byURL, urlKey) {
			d.byURL[urlKey] = i
		}
		return d.articles[i].ID, true
	}
	i = len(d.articles)
	d.articles = append(d.articles, a)
	d.shingles = append(d.shingles, sh)
	if urlKey != "" {
		d.byURL[urlKey] = i
	}
	d.byHash[hash] = i
	if d.cfg.similarity() <= 1 {
		for _, key := range bandKeys(sh) {
			d.bands[key] = append(d.bands[key], i)
		}
	}
	return a.ID, false
}

func (d *Deduper) has(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// Articles returns the kept articles in first-seen order.
func (d *Deduper) Articles() []Article {
	return slices.Clone(d.articles[d.emitted:])
}

// merge folds copy a into kept article i.
func (d *Deduper) merge(i int, a Article) {
	k := &d.articles[i]
	add := func(s string) {
		if s != "" && s != k.Path && s != k.URL && !slices.Contains(k.Sources, s) {
			k.Sources = append(k.Sources, s)
		}
	}
	setIfEmpty(&k.URL, a.URL)
	add(a.Path)
	if NormalizeURL(a.URL) != NormalizeURL(k.URL) {
		add(a.URL)
	}
	for _, s := range a.Sources {
		add(s)
	}
	setIfEmpty(&k.Title, a.Title)
	setIfEmpty(&k.Publisher, a.Publisher)
	setIfEmpty(&k.Author, a.Author)
	if k.Published.IsZero() {
		k.Published = a.Published
	}
}

// nearest returns the kept article most similar to shingle set sh, if any
// reaches the threshold, and its similarity.
func (d *Deduper) nearest(sh []uint64) (int, float64) {
	th := d.cfg.similarity()
	if th > 1 || len(sh) == 0 {
		return -1, 0
	}
	best, bestSim := -1, 0.0
	seen := map[int]bool{}
	for _, key := range bandKeys(sh) {
		for _, j := range d.bands[key] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if sim := jaccard(sh, d.shingles[j]); sim >= th && sim > bestSim {
				best, bestSim = j, sim
			}
		}
	}
	return best, bestSim
}

// shingleLen is the number of words in a shingle.
const shingleLen = 5

// shingleSet returns the sorted distinct hashes of text's word 5-grams
// (of the whole text when it is shorter).
func shingleSet(text string) []uint64 {
	words := strings.Fields(normalizeText(text))
	if len(words) == 0 {
		return nil
	}
	n := max(1, len(words)-shingleLen+1)
	set := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		h := fnv.New64a()
		for _, w := range words[i:min(len(words), i+shingleLen)] {
			_, _ = h.Write([]byte(w)) // hash.Hash writes never fail
			_, _ = h.Write([]byte{0})
		}
		set = append(set, h.Sum64())
	}
	sort.Slice(set, func(i, j int) bool { return set[i] < set[j] })
	return slices.Compact(set)
}

// jaccard returns |a∩b| / |a∪b| of two sorted distinct sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// MinHash locality-sensitive hashing: 16 bands of 8 hashes find, with
// probability above 0.999, every pair with similarity 0.9, and rarely pairs
// below 0.5, which jaccard then checks exactly.
const (
	lshBands = 16
	lshRows  = 8
)

// bandKeys returns the LSH band keys of shingle set sh.
func bandKeys(sh []uint64) []uint64 {
	if len(sh) == 0 {
		return nil
	}
	var sig [lshBands * lshRows]uint64
	for k := range sig {
		sig[k] = ^uint64(0)
	}
	for _, s := range sh {
		for k := range sig {
			if h := mix(s ^ seeds(k)); h < sig[k] {
				sig[k] = h
			}
		}
	}
	keys := make([]uint64, lshBands)
	for b := range keys {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for r := 0; r < lshRows; r++ {
			h = mix(h ^ sig[b*lshRows+r])
		}
		keys[b] = h
	}
	return keys
}

// seeds returns the k-th MinHash seed.
func seeds(k int) uint64 { return mix(uint64(k+1) * 0xbf58476d1ce4e5b9) }

// mix is the splitmix64 finaliser, a fast 64-bit hash of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// trackingParams are query parameters that do not change which article a
// URL names.
var trackingParams = []string{"utm_", "fbclid", "gclid", "ocid", "cmpid", "mc_cid", "mc_eid", "ref", "ref_src", "smid", "at_medium", "at_campaign", "guccounter", "cid", "rss", "ito", "xtor"}

// NormalizeURL folds a URL for comparison, not display: scheme and host
// in lower case with "http" taken as "https" and "www." dropped, default
// port, fragment, tracking parameters (utm_*, fbclid...) and trailing
// slash removed, remaining parameters sorted. It returns "" for a string
// that is not an absolute http(s) URL.
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		for _, t := range trackingParams {
			if lk == t || strings.HasSuffix(t, "_") && strings.HasPrefix(lk, t) {
				q.Del(k)
			}
		}
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	out := "https://" + host + path
	if enc := q.Encode(); enc != "" {
		out += "?" + enc
	}
	return out
}
