package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Defaults of the web reader (Config.HTTPClient nil).
const (
	// DefaultFetchTimeout bounds one request, body included.
	DefaultFetchTimeout = 30 * time.Second
	// MaxRedirects is how many redirects one request follows.
	MaxRedirects = 5
	// UserAgent names newsgraph to the sites it reads.
	UserAgent = "newsgraph/1 (news knowledge graph; reads articles and feeds a reader asked for)"
)

// ErrHTTP reports a web address that did not answer with content: an HTTP
// error status, a timeout, a redirect loop.
var ErrHTTP = errors.New("fetch failed")

// ErrNotModified is returned by Fetch when the server says the content is
// the one the validators name (HTTP 304).
var ErrNotModified = errors.New("not modified")

// IsURL reports whether s is an http or https address, which Walk and
// Fetch read from the web instead of the file system.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Validators are what a server said identifies the content it sent
// (ETag, Last-Modified); sent back, they let it answer 304 Not Modified.
type Validators struct {
	ETag, LastModified string
}

// Fetched is one web address read: its content, for a Reader, and what
// came with it.
type Fetched struct {
	// URL is the address the content came from, after redirects.
	URL string
	// Validators identify the content, for the next conditional request.
	Validators Validators
	// Feeds are the feeds an HTML page links (<link rel="alternate"
	// type="application/rss+xml" href=…>), as absolute URLs.
	Feeds []string
	data  []byte
	cfg   Config
}

// Head returns the first SniffLen bytes of the content, for Sniff.
func (f *Fetched) Head() []byte { return f.data[:min(len(f.data), SniffLen)] }

// Reader returns a Reader over the content: a page gives one article (its
// URL the page's canonical address, or the address fetched), a feed its
// items. Its ID is made from the address, as a feed item's is.
func (f *Fetched) Reader() *Reader {
	rd := NewReader(bytes.NewReader(f.data), f.URL, f.cfg)
	rd.id = itemID("", f.URL, "")
	rd.pageURL = f.URL
	return rd
}

// Fetch reads one web address with GET: the article page or feed at it,
// within Config.MaxSize and the client's timeout, following at most
// MaxRedirects redirects. With validators from an earlier Fetch it asks
// for the content only when it changed, and returns ErrNotModified when it
// has not. Errors name the address and the problem (ErrHTTP, ErrTooLarge).
func Fetch(ctx context.Context, rawURL string, prev Validators, cfg Config) (*Fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: %v", ErrHTTP, err)}
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := cfg.httpClient().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: %s", ErrHTTP, fetchProblem(err))}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, ErrNotModified
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: HTTP %s", ErrHTTP, resp.Status)}
	}
	max := cfg.maxSize()
	if resp.ContentLength > max {
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, max)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: reading the body: %s", ErrHTTP, fetchProblem(err))}
	}
	if int64(len(data)) > max {
		return nil, &ParseError{Path: rawURL, Err: fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)}
	}
	f := &Fetched{URL: resp.Request.URL.String(), data: data, cfg: cfg,
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	if Sniff(f.URL, data) == FormatHTML {
		f.Feeds = feedLinks(resp.Request.URL, data)
	}
	return f, nil
}

// httpClient is Config.HTTPClient or, when nil, a client with
// DefaultFetchTimeout that follows at most MaxRedirects http(s)
// redirects.
func (c Config) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return &http.Client{Timeout: DefaultFetchTimeout, CheckRedirect: checkRedirect}
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirected to a %s: address", req.URL.Scheme)
	}
	return nil
}

// fetchProblem words a client error without repeating the address.
func fetchProblem(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "no answer in time"
		}
		err = ue.Err
	}
	return err.Error()
}

// linkTag finds <link …> tags; the attributes are read from each.
var (
	linkTag  = regexp.MustCompile(`(?is)<link\s[^>]*>`)
	attrExpr = regexp.MustCompile(`(?is)([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
)

// feedLinks returns the feeds a page links in its <link rel="alternate">
// tags, resolved against base.
func feedLinks(base *url.URL, page []byte) []string {
	var out []string
	for _, tag := range linkTag.FindAll(page, 50) {
		attrs := map[string]string{}
		for _, m := range attrExpr.FindAllSubmatch(tag, -1) {
			attrs[strings.ToLower(string(m[1]))] = strings.Trim(string(m[2]), `"'`)
		}
		typ := strings.ToLower(attrs["type"])
		if !strings.Contains(" "+strings.ToLower(attrs["rel"])+" ", " alternate ") ||
			!(strings.Contains(typ, "rss") || strings.Contains(typ, "atom") || strings.Contains(typ, "feed+json")) {
			continue
		}
		if u, err := base.Parse(attrs["href"]); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			out = append(out, u.String())
		}
	}
	return out
}
