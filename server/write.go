package server

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/corpus"
)

// authorize checks the request's bearer token against Config.Token.
func (h *handler) authorize(r *http.Request) error {
	const prefix = "bearer "
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return errorf(http.StatusUnauthorized, "writes need a bearer token (Authorization: Bearer TOKEN)")
	}
	if len(auth) <= len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) {
		return errorf(http.StatusUnauthorized, "authorization must be a bearer token")
	}
	// Compare digests so that the comparison takes the same time whatever
	// the length of the presented token.
	got := sha256.Sum256([]byte(strings.TrimSpace(auth[len(prefix):])))
	want := sha256.Sum256([]byte(h.token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return errorf(http.StatusUnauthorized, "invalid token")
	}
	return nil
}

// serveWrite hands /api/v2/write to cayley after reading the body under the
// size cap, so that an oversized body is answered with 413 rather than with
// cayley's 500 halfway through a write.
func (h *handler) serveWrite(w http.ResponseWriter, r *http.Request) error {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	return h.exclusive(func() error {
		h.api.ServeWrite(w, r)
		return nil
	})
}

// articleInput is the JSON body of POST /api/articles.
type articleInput struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Author    string `json:"author"`
	// Published is an RFC 3339 time or a date (2006-01-02); optional.
	Published string `json:"published"`
	Body      string `json:"body"`
}

// articleCreated is the answer to a successful POST /api/articles.
type articleCreated struct {
	ID       string `json:"id"`
	Location string `json:"location"`
}

// postArticle runs Config.Ingest on a posted article.
func (h *handler) postArticle(w http.ResponseWriter, r *http.Request) error {
	if h.ingest == nil {
		return errorf(http.StatusNotImplemented, "this server cannot extract articles (no ingest function configured)")
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errorf(http.StatusUnsupportedMediaType, "post the article as application/json, not %s", ct)
	}
	a, err := decodeArticle(r.Body)
	if err != nil {
		return err
	}
	ctx, cancel := contextWithTimeout(r, h.queryTimeout)
	defer cancel()
	if err := h.exclusive(func() error { return h.ingest(ctx, a) }); err != nil {
		if errors.Is(err, ctx.Err()) && ctx.Err() != nil {
			return fmt.Errorf("ingest article %s: %w", a.ID, ErrQueryTimeout)
		}
		return fmt.Errorf("ingest article %s: %w", a.ID, err)
	}
	h.logger.Info("article ingested", "article_id", a.ID)
	// Answer once the JSON endpoints show the article, so that the poster
	// can open it; if re-indexing takes longer than the query timeout, it
	// shows up when it is done.
	wctx, wcancel := contextWithTimeout(r, h.queryTimeout)
	defer wcancel()
	if _, err := h.snaps.fresh(wctx); err != nil {
		h.logger.Debug("article ingested; index not yet rebuilt", "article_id", a.ID, "err", err)
	}
	loc := "/api/articles/" + pathEscape(a.ID)
	w.Header().Set("Location", loc)
	return writeJSON(w, http.StatusCreated, articleCreated{ID: a.ID, Location: loc})
}

// decodeArticle reads and checks a posted article.
func decodeArticle(body io.Reader) (corpus.Article, error) {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	var in articleInput
	if err := dec.Decode(&in); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return corpus.Article{}, err
		}
		return corpus.Article{}, errorf(http.StatusBadRequest, "article: %v", err)
	}
	if dec.More() {
		return corpus.Article{}, errorf(http.StatusBadRequest, "article: post one JSON object")
	}
	in.ID = strings.TrimSpace(in.ID)
	switch {
	case in.ID == "":
		return corpus.Article{}, errorf(http.StatusBadRequest, "article: id is required")
	case strings.TrimSpace(in.Body) == "":
		return corpus.Article{}, errorf(http.StatusBadRequest, "article %s: body is empty", in.ID)
	case !utf8.ValidString(in.Body) || !utf8.ValidString(in.Title):
		return corpus.Article{}, errorf(http.StatusBadRequest, "article %s: not valid UTF-8", in.ID)
	}
	a := corpus.Article{
		ID: in.ID, URL: in.URL, Title: in.Title, Publisher: in.Publisher,
		Author: in.Author, Body: in.Body, Path: "POST /api/articles",
	}
	if in.Published != "" {
		t, err := parseTime(in.Published)
		if err != nil {
			return corpus.Article{}, errorf(http.StatusBadRequest, "article %s: published: %v", in.ID, err)
		}
		a.Published = t
	}
	return a, nil
}

func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither an RFC 3339 time nor a date (2006-01-02)", s)
	}
	return t, nil
}
