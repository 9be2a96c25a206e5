package queries

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// ArticleFilter keeps what articles of some dates and outlet report: the
// quotes, entities, breaches and timeline items of those articles. Its
// zero value keeps everything.
type ArticleFilter struct {
	// Since and Until bound the article's date, inclusive: YYYY-MM-DD or
	// YYYY-MM (an until month runs to its end); "" is no bound. An
	// article of unknown date is outside every bound.
	Since, Until string
	// Publisher is the article's outlet (its publisher, else the host of
	// its URL), ignoring case.
	Publisher string
}

// DateError is an ArticleFilter bound that is not a date.
type DateError struct {
	Bound string // "since" or "until"
	Value string
}

func (e DateError) Error() string {
	return fmt.Sprintf("%s %q: want YYYY-MM-DD or YYYY-MM", e.Bound, e.Value)
}

// Zero reports whether f keeps everything.
func (f ArticleFilter) Zero() bool {
	return strings.TrimSpace(f.Since) == "" && strings.TrimSpace(f.Until) == "" && strings.TrimSpace(f.Publisher) == ""
}

// Check returns a DateError for a bound that is not a date.
func (f ArticleFilter) Check() error {
	_, _, err := f.bounds()
	return err
}

// bounds returns Since and Until as RFC 3339 prefixes to compare article
// dates with: until is past every time of its day or month.
func (f ArticleFilter) bounds() (since, until string, err error) {
	if since, err = dateBound("since", f.Since, false); err != nil {
		return "", "", err
	}
	until, err = dateBound("until", f.Until, true)
	return since, until, err
}

func dateBound(name, v string, end bool) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if _, err := time.Parse(layout, v); err == nil {
			if end {
				return v + "\uffff", nil
			}
			return v, nil
		}
	}
	return "", DateError{Bound: name, Value: v}
}

// Matcher returns a function reporting whether f keeps an article, or
// the DateError of a bound that is not a date.
func (f ArticleFilter) Matcher() (func(ArticleInfo) bool, error) {
	since, until, err := f.bounds()
	if err != nil {
		return nil, err
	}
	pub := strings.TrimSpace(f.Publisher)
	return func(a ArticleInfo) bool {
		switch {
		case since != "" && (a.Published == "" || a.Published < since):
			return false
		case until != "" && (a.Published == "" || a.Published > until):
			return false
		case pub != "" && !strings.EqualFold(a.Publisher, pub) && !strings.EqualFold(a.outletName(), pub):
			return false
		}
		return true
	}, nil
}

// ArticleIDs returns the ids of the store's articles that f keeps.
func (f ArticleFilter) ArticleIDs(ctx context.Context, s *graph.Store) (map[string]bool, error) {
	keep, err := f.Matcher()
	if err != nil {
		return nil, err
	}
	arts, err := Articles(ctx, s)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, a := range arts {
		if keep(a) {
			ids[a.ID] = true
		}
	}
	return ids, nil
}

// Outlet returns the name of the article's outlet, as ArticleFilter's
// Publisher takes it: its publisher, else the host of its URL, else "".
func (a ArticleInfo) Outlet() string { return a.outletName() }
