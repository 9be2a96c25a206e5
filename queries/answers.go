package queries

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// The canned queries (quotes, entities, breaches) answer from stored
// answers when the store keeps them (bolt and PostgreSQL; see
// graph.Store.AnswerStamp): the whole answer of each, with its sources,
// computed once for the store's state and kept beside the graph in gob.
// Filters run on the stored rows, with the semantics of the queries they
// stand for (the tests compare both on every filter). Any write to the
// store makes the stored answers stale; the next query computes them
// again. Warm computes all three, as load does at its end.

// answerVersion is part of every answer's name: a build whose rows differ
// never reads the answers of another.
const answerVersion = "v1"

const (
	quotesAnswer   = "quotes." + answerVersion
	entitiesAnswer = "entities." + answerVersion
	breachesAnswer = "breaches." + answerVersion
)

// quotesStored is the stored answer of quotes: every quote, grouped by
// speaker, so that a speaker's quotes are decoded without the others.
type quotesStored struct {
	// Speakers maps "iri:" + a speaker's entity IRI, and "name:" + its
	// lower-cased canonical name and each alias, to speaker ids.
	Speakers map[string][]string
	// Rows holds the gob of each speaker's rows, by speaker id; quotes
	// without a speaker are under "".
	Rows map[string][]byte
}

// Warm computes the canned answers of the store's current state and
// stores them, unless they are stored already; the three at once, since
// they only read. On stores that keep no answers it does nothing.
func Warm(ctx context.Context, s *graph.Store) error {
	if ok, err := Warmed(ctx, s); err != nil || ok {
		return err
	}
	if err := s.PreloadValues(ctx); err != nil {
		return err
	}
	ctx = withArticles(withValueCache(context.WithValue(ctx, preloadedKey{}, true)))
	errs := make([]error, 3)
	var wg sync.WaitGroup
	wg.Go(func() { _, errs[0] = storedQuotes(ctx, s) })
	wg.Go(func() { _, _, errs[1] = storedEntities(ctx, s) })
	wg.Go(func() { _, _, errs[2] = storedBreaches(ctx, s) })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store answers in %s: %w", s.DSN(), err)
	}
	return nil
}

// Warmed reports whether the canned answers of the store's current state
// are all stored, as Warm leaves them (false on stores that keep none).
func Warmed(ctx context.Context, s *graph.Store) (bool, error) {
	stamp, ok, err := s.AnswerStamp(ctx)
	if err != nil || !ok {
		return false, err
	}
	for _, name := range []string{quotesAnswer, entitiesAnswer, breachesAnswer} {
		if _, hit, err := s.ReadAnswer(ctx, name, stamp); err != nil || !hit {
			return false, err
		}
	}
	return true, nil
}

// preloadedKey marks a context whose store's values Warm has preloaded.
type preloadedKey struct{}

// stored returns the answer name of s's current state, computing and
// storing it with compute when it is not stored. It returns nil, false
// when s keeps no answers.
func stored(ctx context.Context, s *graph.Store, name string, compute func() ([]byte, error)) ([]byte, bool, error) {
	stamp, ok, err := s.AnswerStamp(ctx)
	if err != nil || !ok {
		return nil, false, err
	}
	if body, hit, err := s.ReadAnswer(ctx, name, stamp); err != nil {
		return nil, false, err
	} else if hit {
		return body, true, nil
	}
	// An answer reads the whole graph: its values in one go, unless Warm
	// read them for all three.
	if ctx.Value(preloadedKey{}) == nil {
		if err := s.PreloadValues(ctx); err != nil {
			return nil, false, err
		}
	}
	body, err := compute()
	if err != nil {
		return nil, false, err
	}
	if err := s.WriteAnswer(ctx, name, stamp, body); err != nil {
		// Not kept (a store the user may only read): computed again next
		// time.
		s.Logger().Debug("answer not stored", "name", name, "err", err)
	}
	return body, true, nil
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decode decodes gob b into v, a pointer, with empty slices where gob
// leaves nil ones (gob sends no empty slice): the rows come back as they
// were computed, whose lists are never nil but those JSON omits when
// empty.
func decode(b []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("stored answer: %w", err)
	}
	noNilSlices(reflect.ValueOf(v).Elem())
	return nil
}

// noNilSlices replaces every nil slice in v by an empty one.
func noNilSlices(v reflect.Value) {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		if k := v.Type().Elem().Kind(); k == reflect.Struct || k == reflect.Slice {
			for i := range v.Len() {
				noNilSlices(v.Index(i))
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Type.Kind() == reflect.Slice && strings.Contains(f.Tag.Get("json"), ",omitempty") {
				continue
			}
			noNilSlices(v.Field(i))
		}
	}
}

// storedQuotes returns the stored quotes answer, or nil when s keeps no
// answers.
func storedQuotes(ctx context.Context, s *graph.Store) (*quotesStored, error) {
	body, ok, err := stored(ctx, s, quotesAnswer, func() ([]byte, error) {
		rows, err := computeQuotes(ctx, s, QuoteFilter{})
		if err != nil {
			return nil, err
		}
		qs, err := groupQuotes(rows)
		if err != nil {
			return nil, err
		}
		return encode(qs)
	})
	if err != nil || !ok {
		return nil, err
	}
	var qs quotesStored
	if err := decode(body, &qs); err != nil {
		return nil, err
	}
	return &qs, nil
}

// groupQuotes makes the stored answer of quotes from every quote row.
func groupQuotes(rows []QuoteRow) (*quotesStored, error) {
	qs := &quotesStored{Speakers: map[string][]string{}, Rows: map[string][]byte{}}
	by := map[string][]QuoteRow{}
	add := func(key, id string) {
		if !slices.Contains(qs.Speakers[key], id) {
			qs.Speakers[key] = append(qs.Speakers[key], id)
		}
	}
	for _, r := range rows {
		by[r.SpeakerID] = append(by[r.SpeakerID], r)
		if r.SpeakerID == "" {
			continue
		}
		add("iri:"+graph.EntityIRI(r.SpeakerID).String(), r.SpeakerID)
		if r.Speaker != r.SpeakerID { // a speaker without a name shows its id
			add("name:"+strings.ToLower(r.Speaker), r.SpeakerID)
		}
		for _, a := range r.SpeakerAliases {
			add("name:"+strings.ToLower(a), r.SpeakerID)
		}
	}
	for id, rs := range by {
		b, err := encode(rs)
		if err != nil {
			return nil, err
		}
		qs.Rows[id] = b
	}
	return qs, nil
}

// quotes answers Quotes from the stored answer.
func (qs *quotesStored) quotes(f QuoteFilter) ([]QuoteRow, error) {
	speaker := strings.ToLower(strings.TrimSpace(f.Speaker))
	var ids []string
	if speaker != "" {
		ids = append(ids, qs.Speakers["iri:"+graph.EntityIRI(strings.TrimSpace(f.Speaker)).String()]...)
		ids = append(ids, qs.Speakers["name:"+speaker]...)
		slices.Sort(ids)
		ids = slices.Compact(ids)
	} else {
		for id := range qs.Rows {
			ids = append(ids, id)
		}
	}
	text := strings.ToLower(strings.TrimSpace(f.Text))
	var article, breach string
	if f.Article != "" {
		article = graph.ArticleIRI(f.Article).String()
	}
	if f.Breach != "" {
		breach = graph.EventIRI(f.Breach).String()
	}
	out := []QuoteRow{}
	for _, id := range ids {
		var rows []QuoteRow
		if err := decode(qs.Rows[id], &rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			switch {
			case text != "" && !strings.Contains(strings.ToLower(r.Text), text),
				article != "" && graph.ArticleIRI(r.Article).String() != article,
				breach != "" && (r.Breach == "" || graph.EventIRI(r.Breach).String() != breach),
				f.MinSources > 1 && r.Sources < f.MinSources:
				continue
			}
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b QuoteRow) int {
		return cmp.Or(strings.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// storedEntities returns every entity row from the stored answer, or
// false when s keeps no answers.
func storedEntities(ctx context.Context, s *graph.Store) ([]EntityRow, bool, error) {
	body, ok, err := stored(ctx, s, entitiesAnswer, func() ([]byte, error) {
		rows, err := computeEntities(ctx, s, map[string]any{"type": "", "name": ""})
		if err != nil {
			return nil, err
		}
		return encode(rows)
	})
	if err != nil || !ok {
		return nil, false, err
	}
	rows := []EntityRow{}
	return rows, true, decode(body, &rows)
}

// filterEntities is the entities query's filter on stored rows, params
// as entities takes them.
func filterEntities(rows []EntityRow, params map[string]any) []EntityRow {
	typ, _ := params["type"].(string)
	id, _ := params["id"].(string)
	name, _ := params["name"].(string)
	out := []EntityRow{}
	for _, r := range rows {
		if typ != "" && r.Type != typ || id != "" && graph.EntityIRI(r.ID).String() != id {
			continue
		}
		if name != "" {
			hit := r.Name != r.ID && strings.Contains(strings.ToLower(r.Name), name)
			for _, a := range r.Aliases {
				hit = hit || strings.Contains(strings.ToLower(a), name)
			}
			if !hit {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// storedBreaches returns every breach row from the stored answer, or
// false when s keeps no answers.
func storedBreaches(ctx context.Context, s *graph.Store) ([]BreachRow, bool, error) {
	body, ok, err := stored(ctx, s, breachesAnswer, func() ([]byte, error) {
		rows, err := computeBreaches(ctx, s, map[string]any{})
		if err != nil {
			return nil, err
		}
		return encode(rows)
	})
	if err != nil || !ok {
		return nil, false, err
	}
	rows := []BreachRow{}
	return rows, true, decode(body, &rows)
}
