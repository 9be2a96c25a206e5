package server

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/queries"
)

// Article is an article's metadata, as /api/articles/{id} and the sources
// of entities and breaches give it.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Author    string `json:"author"`
	// Published is RFC 3339, "" when unknown.
	Published string `json:"published"`
}

// Stats counts what the store holds; /api/stats answers it.
type Stats struct {
	Quads    int64 `json:"quads"`
	Articles int   `json:"articles"`
	Entities int   `json:"entities"`
	Quotes   int   `json:"quotes"`
	Breaches int   `json:"breaches"`
}

// EntityDetail answers /api/entities/{id}: the entity row with what it
// said, the breaches it is part of (as victim, supplier, body reported to,
// or speaker about them) and the articles it appears in.
type EntityDetail struct {
	queries.EntityRow
	// Roles shadows EntityRow.Roles, adding the organisation's id.
	Roles    []Role              `json:"roles"`
	Quotes   []queries.QuoteRow  `json:"quotes"`
	Breaches []queries.BreachRow `json:"breaches"`
	Sources  []Article           `json:"sources"`
}

// Role is a queries.RoleRow with the id of its organisation ("" when the
// organisation is not an entity of the store).
type Role struct {
	queries.RoleRow
	OrgID string `json:"org_id"`
}

// BreachDetail answers /api/breaches/{id}: the breach row with the ids of
// the entities it names, every quote about it and its source articles.
type BreachDetail struct {
	queries.BreachRow
	VictimID      string             `json:"victim_id"`
	ViaID         string             `json:"via_id"`
	AttackerID    string             `json:"attacker_id"`
	ReportedToIDs []string           `json:"reported_to_ids"`
	Quotes        []queries.QuoteRow `json:"quotes"`
	Sources       []Article          `json:"sources"`
}

// ArticleDetail answers /api/articles/{id}: the article's metadata with the
// quotes in it and the entities and breaches it mentions.
type ArticleDetail struct {
	Article
	Quotes   []queries.QuoteRow  `json:"quotes"`
	Entities []queries.EntityRow `json:"entities"`
	Breaches []queries.BreachRow `json:"breaches"`
}

// health is the answer of /healthz.
type health struct {
	// Status is "ok" whenever the server answers.
	Status string `json:"status"`
	// Index is "ready" when the JSON endpoints answer from memory,
	// "building" while the store is being read, or why reading failed.
	Index string `json:"index"`
}

// healthz answers as long as the process serves requests; it does not touch
// the store, so it still answers while queries saturate it.
func (h *handler) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, health{Status: "ok", Index: h.snaps.state()})
}

// snapshot returns the current snapshot, waiting for it within the query
// timeout.
func (h *handler) snapshot(r *http.Request) (*snapshot, error) {
	ctx, cancel := contextWithTimeout(r, h.queryTimeout)
	defer cancel()
	return h.snaps.get(ctx)
}

func (h *handler) stats(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.stats)
}

// page is the limit and offset of a list request.
type page struct{ limit, offset int }

// pageOf reads limit and offset; limit defaults to and is capped at the
// result limit.
func (h *handler) pageOf(r *http.Request) (page, error) {
	p := page{limit: h.resultLimit}
	q := r.URL.Query()
	for _, f := range []struct {
		name string
		dst  *int
	}{{"limit", &p.limit}, {"offset", &p.offset}} {
		s := q.Get(f.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return page{}, errorf(http.StatusBadRequest, "%s must be a non-negative integer, not %q", f.name, s)
		}
		*f.dst = n
	}
	if p.limit > h.resultLimit || p.limit == 0 {
		p.limit = h.resultLimit
	}
	return p, nil
}

// writeList writes one page of rows as a JSON array, with the full length
// in X-Total-Count.
func writeList[T any](w http.ResponseWriter, p page, rows []T) error {
	w.Header().Set("X-Total-Count", strconv.Itoa(len(rows)))
	start := min(p.offset, len(rows))
	end := min(start+p.limit, len(rows))
	out := rows[start:end]
	if out == nil {
		out = []T{}
	}
	return writeJSON(w, http.StatusOK, out)
}

// writeRawList writes one page of encoded rows as a JSON array, with the
// full length in X-Total-Count.
func writeRawList(w http.ResponseWriter, p page, rows []json.RawMessage) error {
	w.Header().Set("X-Total-Count", strconv.Itoa(len(rows)))
	start := min(p.offset, len(rows))
	end := min(start+p.limit, len(rows))
	n := 3
	for _, r := range rows[start:end] {
		n += len(r) + 1
	}
	buf := make([]byte, 0, n)
	buf = append(buf, '[')
	for i, r := range rows[start:end] {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, r...)
	}
	buf = append(buf, ']', '\n')
	return writeRaw(w, http.StatusOK, buf)
}

// writeRaw writes encoded JSON.
func writeRaw(w http.ResponseWriter, status int, body []byte) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

// quotes answers /api/quotes. Filters: speaker (entity id, or words of a
// name or alias as queries.NameMatches takes them: "Prior" finds Rick
// Prior), org (quotes by organisations whose name or
// alias contains it and by people holding roles at them), breach (event
// id), article (article id), q (words in the text, case-insensitive),
// min_sources (reported by at least this many articles), min_confidence
// (a speaker right with at least this probability, 0 to 1).
func (h *handler) quotes(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	s, idx, err := h.quoteSelection(r)
	if err != nil {
		return err
	}
	return writeRawList(w, p, pick(s.quoteJSON, idx))
}

// orgSpeakers returns the ids of the organisations whose name or alias
// contains org (lower case), and of the people holding roles at them.
func orgSpeakers(ents []queries.EntityRow, org string) map[string]bool {
	ids := map[string]bool{}
	names := map[string]bool{}
	for _, e := range ents {
		if e.Type == "organization" && nameMatches(e, org) {
			ids[e.ID] = true
			names[e.Name] = true
		}
	}
	for _, e := range ents {
		for _, role := range e.Roles {
			if role.Org != "" && (names[role.Org] || strings.Contains(strings.ToLower(role.Org), org)) {
				ids[e.ID] = true
			}
		}
	}
	return ids
}

// nameMatches reports whether the entity's name or an alias contains the
// lower-cased term, or its id is the term.
func nameMatches(e queries.EntityRow, term string) bool {
	if strings.Contains(strings.ToLower(e.Name), term) || strings.ToLower(e.ID) == term {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(strings.ToLower(a), term) {
			return true
		}
	}
	return false
}

// entities answers /api/entities. Filters: q (name or alias contains it,
// case-insensitive; best matches first), type (person, organization,
// place), kind, and since, until and publisher (named in an article of
// those dates and outlet, as in quoteSelection).
func (h *handler) entities(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	term := strings.ToLower(strings.TrimSpace(q.Get("q")))
	typ := strings.TrimSpace(q.Get("type"))
	kind := strings.TrimSpace(q.Get("kind"))
	inArticles, err := articleMatcher(q)
	if err != nil {
		return err
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	var idx []int
	for i, e := range s.entities {
		if (term == "" || nameMatches(e, term)) &&
			(typ == "" || strings.EqualFold(e.Type, typ)) &&
			(kind == "" || strings.EqualFold(e.Kind, kind)) &&
			s.anyArticle(e.Articles, inArticles) {
			idx = append(idx, i)
		}
	}
	if term != "" {
		// Exact names first, then names starting with the term, then the
		// rest; entities in more articles first within each.
		slices.SortStableFunc(idx, func(a, b int) int {
			ea, eb := s.entities[a], s.entities[b]
			if c := matchRank(ea, term) - matchRank(eb, term); c != 0 {
				return c
			}
			return len(eb.Articles) - len(ea.Articles)
		})
	}
	return writeRawList(w, p, pick(s.entityJSON, idx))
}

// anyArticle reports whether keep keeps one of the articles (ids), or
// keep is nil.
func (s *snapshot) anyArticle(ids []string, keep func(Article) bool) bool {
	if keep == nil {
		return true
	}
	for _, id := range ids {
		if keep(s.articles[id]) {
			return true
		}
	}
	return false
}

func matchRank(e queries.EntityRow, term string) int {
	n := strings.ToLower(e.Name)
	switch {
	case n == term:
		return 0
	case strings.HasPrefix(n, term):
		return 1
	case strings.Contains(n, term):
		return 2
	}
	return 3
}

// entity answers /api/entities/{id}.
func (h *handler) entity(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	body, err := s.detail(detailKey{'e', id}, func() (any, error) {
		i, err := s.entity(id)
		if err != nil {
			return nil, err
		}
		e := s.entities[i]
		d := EntityDetail{EntityRow: e, Roles: []Role{}, Quotes: s.quoteRows(s.bySpeaker[e.ID]), Sources: s.sources(e.Articles)}
		for _, r := range e.Roles {
			d.Roles = append(d.Roles, Role{RoleRow: r, OrgID: s.entityByName[r.Org]})
		}
		// The breaches it spoke about, and those naming it.
		var bs []int
		for _, q := range d.Quotes {
			if j, ok := s.breachByID[q.Breach]; ok {
				bs = append(bs, j)
			}
		}
		bs = append(bs, s.breachesByName[e.Name]...)
		slices.Sort(bs)
		d.Breaches = []queries.BreachRow{}
		for _, j := range slices.Compact(bs) {
			d.Breaches = append(d.Breaches, s.breaches[j])
		}
		return d, nil
	})
	if err != nil {
		return err
	}
	return writeRaw(w, http.StatusOK, body)
}

// breaches answers /api/breaches. Filters: q (the name, victim, supplier
// or id holds it, case-insensitive), and since, until and publisher
// (reported by an article of those dates and outlet, as in
// quoteSelection).
func (h *handler) breaches(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	inArticles, err := articleMatcher(r.URL.Query())
	if err != nil {
		return err
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	term := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("q")))
	if term == "" && inArticles == nil {
		return writeRawList(w, p, s.breachJSON)
	}
	var idx []int
	for i, b := range s.breaches {
		if (term == "" || breachMatches(b, term)) && s.anyArticle(b.Articles, inArticles) {
			idx = append(idx, i)
		}
	}
	return writeRawList(w, p, pick(s.breachJSON, idx))
}

// breach answers /api/breaches/{id}.
func (h *handler) breach(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	body, err := s.detail(detailKey{'b', id}, func() (any, error) {
		i, err := s.breach(id)
		if err != nil {
			return nil, err
		}
		b := s.breaches[i]
		d := BreachDetail{
			BreachRow:     b,
			VictimID:      s.entityByName[b.Victim],
			ViaID:         s.entityByName[b.Via],
			AttackerID:    s.entityByName[b.Attacker],
			ReportedToIDs: make([]string, len(b.ReportedTo)),
			Quotes:        s.quoteRows(s.byBreach[b.ID]),
			Sources:       s.sources(b.Articles),
		}
		for i, n := range b.ReportedTo {
			d.ReportedToIDs[i] = s.entityByName[n]
		}
		return d, nil
	})
	if err != nil {
		return err
	}
	return writeRaw(w, http.StatusOK, body)
}

// articles answers /api/articles: the metadata of every article, or of
// those named by id parameters (unknown ids are left out), sorted by id.
func (h *handler) articles(w http.ResponseWriter, r *http.Request) error {
	p, err := h.pageOf(r)
	if err != nil {
		return err
	}
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	ids := r.URL.Query()["id"]
	if len(ids) == 0 {
		ids = slices.Sorted(maps.Keys(s.articles))
	} else {
		ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	}
	return writeList(w, p, s.sources(ids))
}

// article answers /api/articles/{id}.
func (h *handler) article(w http.ResponseWriter, r *http.Request) error {
	s, err := h.snapshot(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	body, err := s.detail(detailKey{'a', id}, func() (any, error) {
		a, err := s.article(id)
		if err != nil {
			return nil, err
		}
		d := ArticleDetail{
			Article:  a,
			Quotes:   s.quoteRows(s.byArticle[id]),
			Entities: []queries.EntityRow{},
			Breaches: []queries.BreachRow{},
		}
		for _, i := range s.entitiesByArticle[id] {
			d.Entities = append(d.Entities, s.entities[i])
		}
		for _, i := range s.breachesByArticle[id] {
			d.Breaches = append(d.Breaches, s.breaches[i])
		}
		return d, nil
	})
	if err != nil {
		return err
	}
	return writeRaw(w, http.StatusOK, body)
}
