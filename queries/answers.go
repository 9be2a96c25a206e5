package queries

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"maps"
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
const answerVersion = "v3"

const (
	quotesAnswer   = "quotes." + answerVersion
	entitiesAnswer = "entities." + answerVersion
	breachesAnswer = "breaches." + answerVersion
)

// The stored answer of quotes keeps each speaker's quotes apart, so that
// quotes --speaker reads and decodes only the rows it returns: an 8-byte
// little-endian length, the gob of a quotesIndex of that length, then
// the gob of each speaker's rows, one after another.

// quotesIndex is the head of the stored quotes answer.
type quotesIndex struct {
	// Keys maps "iri:" + a speaker's entity IRI, and "name:" + its
	// lower-cased canonical name and each alias, to speaker ids; sorted by
	// Key.
	Keys []speakerKey
	// Parts are where each speaker's rows lie after the index, sorted by
	// Speaker; quotes without a speaker are under "".
	Parts []quotesPart
}

type speakerKey struct {
	Key      string
	Speakers []string
}

type quotesPart struct {
	Speaker  string
	Off, Len int64
}

// quotesStored is the stored quotes answer, its index read.
type quotesStored struct {
	quotesIndex
	a    answerReader
	base int64 // where the parts start in a
}

// answerNames are the names of the answers this version stores.
var answerNames = []string{quotesAnswer, entitiesAnswer, breachesAnswer}

// Warm computes the canned answers of the store's current state and
// stores them, unless they are stored already; the three at once, since
// they only read. It removes the answers of other versions. On stores
// that keep no answers it does nothing.
func Warm(ctx context.Context, s *graph.Store) error {
	if ok, err := Warmed(ctx, s); err != nil {
		return err
	} else if !ok {
		if err := warm(ctx, s); err != nil {
			return err
		}
	}
	if err := s.PruneAnswers(ctx, answerNames); err != nil {
		// Left in place: harmless, since this version never reads them.
		s.Logger().Debug("old answers not removed", "err", err)
	}
	return nil
}

// warm is Warm's computing and storing.
func warm(ctx context.Context, s *graph.Store) error {
	if err := s.PreloadValues(ctx); err != nil {
		return err
	}
	ctx = withArticles(withValueCache(context.WithValue(ctx, preloadedKey{}, true)))
	answers := []struct {
		name    string
		compute func(context.Context, *graph.Store) ([]byte, error)
	}{{quotesAnswer, quotesBody}, {entitiesAnswer, entitiesBody}, {breachesAnswer, breachesBody}}
	errs := make([]error, len(answers))
	var wg sync.WaitGroup
	for i, ans := range answers {
		wg.Go(func() {
			a, _, err := stored(ctx, s, ans.name, func() ([]byte, error) { return ans.compute(ctx, s) })
			if a != nil {
				a.Close()
			}
			errs[i] = err
		})
	}
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
	for _, name := range answerNames {
		a, hit, err := s.OpenAnswer(ctx, name, stamp)
		if err != nil || !hit {
			return false, err
		}
		a.Close()
	}
	return true, nil
}

// preloadedKey marks a context whose store's values Warm has preloaded.
type preloadedKey struct{}

// answerReader is a stored answer open for reading, or one just computed.
type answerReader interface {
	io.ReaderAt
	Size() int64
	Close() error
}

// computedAnswer is an answer just computed, read from memory.
type computedAnswer struct{ *bytes.Reader }

func (computedAnswer) Close() error { return nil }

// stored opens the answer name of s's current state, computing and
// storing it with compute when it is not stored. It returns nil, false
// when s keeps no answers. The caller closes the answer.
func stored(ctx context.Context, s *graph.Store, name string, compute func() ([]byte, error)) (answerReader, bool, error) {
	stamp, ok, err := s.AnswerStamp(ctx)
	if err != nil || !ok {
		return nil, false, err
	}
	if a, hit, err := s.OpenAnswer(ctx, name, stamp); err != nil {
		return nil, false, err
	} else if hit {
		return a, true, nil
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
	return computedAnswer{bytes.NewReader(body)}, true, nil
}

// readPart reads n bytes of a from offset off.
func readPart(a answerReader, off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off+n > a.Size() {
		return nil, fmt.Errorf("stored answer: part %d+%d outside its %d bytes", off, n, a.Size())
	}
	b := make([]byte, n)
	if _, err := a.ReadAt(b, off); err != nil && n > 0 {
		return nil, fmt.Errorf("stored answer: %w", err)
	}
	return b, nil
}

// decodeAnswer decodes the whole answer a into v and closes it.
func decodeAnswer(a answerReader, v any) error {
	defer a.Close()
	b, err := readPart(a, 0, a.Size())
	if err != nil {
		return err
	}
	return decode(b, v)
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

// storedQuotes opens the stored quotes answer and reads its index, or
// returns nil when s keeps no answers. The caller closes it.
func storedQuotes(ctx context.Context, s *graph.Store) (*quotesStored, error) {
	a, ok, err := stored(ctx, s, quotesAnswer, func() ([]byte, error) { return quotesBody(ctx, s) })
	if err != nil || !ok {
		return nil, err
	}
	head, err := readPart(a, 0, 8)
	if err == nil {
		var index []byte
		n := int64(binary.LittleEndian.Uint64(head))
		if index, err = readPart(a, 8, n); err == nil {
			qs := &quotesStored{a: a, base: 8 + n}
			if err = decode(index, &qs.quotesIndex); err == nil {
				return qs, nil
			}
		}
	}
	a.Close()
	return nil, err
}

func (qs *quotesStored) close() error { return qs.a.Close() }

// quotesBody computes the stored answer of quotes.
func quotesBody(ctx context.Context, s *graph.Store) ([]byte, error) {
	rows, err := computeQuotes(ctx, s, QuoteFilter{})
	if err != nil {
		return nil, err
	}
	return encodeQuotes(rows)
}

// encodeQuotes makes the stored answer of quotes from every quote row.
func encodeQuotes(rows []QuoteRow) ([]byte, error) {
	by := map[string][]QuoteRow{}
	keys := map[string][]string{}
	add := func(key, id string) {
		if !slices.Contains(keys[key], id) {
			keys[key] = append(keys[key], id)
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
	var index quotesIndex
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		index.Keys = append(index.Keys, speakerKey{Key: k, Speakers: keys[k]})
	}
	var parts bytes.Buffer
	for _, id := range slices.Sorted(maps.Keys(by)) {
		b, err := encode(by[id])
		if err != nil {
			return nil, err
		}
		index.Parts = append(index.Parts, quotesPart{Speaker: id, Off: int64(parts.Len()), Len: int64(len(b))})
		parts.Write(b)
	}
	head, err := encode(index)
	if err != nil {
		return nil, err
	}
	out := binary.LittleEndian.AppendUint64(make([]byte, 0, 8+len(head)+parts.Len()), uint64(len(head)))
	out = append(out, head...)
	return append(out, parts.Bytes()...), nil
}

// speakers returns the ids of the speakers key names.
func (qs *quotesStored) speakers(key string) []string {
	i, ok := slices.BinarySearchFunc(qs.Keys, key, func(k speakerKey, key string) int { return strings.Compare(k.Key, key) })
	if !ok {
		return nil
	}
	return qs.Keys[i].Speakers
}

// named returns the ids of the speakers whose name or an alias speaker
// names (NameMatches).
func (qs *quotesStored) named(speaker string) []string {
	var ids []string
	i, _ := slices.BinarySearchFunc(qs.Keys, "name:", func(k speakerKey, key string) int { return strings.Compare(k.Key, key) })
	for ; i < len(qs.Keys) && strings.HasPrefix(qs.Keys[i].Key, "name:"); i++ {
		if NameMatches(speaker, strings.TrimPrefix(qs.Keys[i].Key, "name:")) {
			ids = append(ids, qs.Keys[i].Speakers...)
		}
	}
	return ids
}

// rows reads the rows of speaker id.
func (qs *quotesStored) rows(id string) ([]QuoteRow, error) {
	i, ok := slices.BinarySearchFunc(qs.Parts, id, func(p quotesPart, id string) int { return strings.Compare(p.Speaker, id) })
	if !ok {
		return nil, nil
	}
	b, err := readPart(qs.a, qs.base+qs.Parts[i].Off, qs.Parts[i].Len)
	if err != nil {
		return nil, err
	}
	var rows []QuoteRow
	return rows, decode(b, &rows)
}

// quotes answers Quotes from the stored answer.
func (qs *quotesStored) quotes(f QuoteFilter) ([]QuoteRow, error) {
	speaker := strings.ToLower(strings.TrimSpace(f.Speaker))
	var ids []string
	if speaker != "" {
		ids = append(ids, qs.speakers("iri:"+graph.EntityIRI(strings.TrimSpace(f.Speaker)).String())...)
		ids = append(ids, qs.named(speaker)...)
		slices.Sort(ids)
		ids = slices.Compact(ids)
	} else {
		for _, p := range qs.Parts {
			ids = append(ids, p.Speaker)
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
		rows, err := qs.rows(id)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			switch {
			case text != "" && !strings.Contains(strings.ToLower(r.Text), text),
				article != "" && graph.ArticleIRI(r.Article).String() != article,
				breach != "" && (r.Breach == "" || graph.EventIRI(r.Breach).String() != breach),
				f.MinSources > 1 && r.Sources < f.MinSources,
				!r.Confident(f.MinConfidence):
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
	a, ok, err := stored(ctx, s, entitiesAnswer, func() ([]byte, error) { return entitiesBody(ctx, s) })
	if err != nil || !ok {
		return nil, false, err
	}
	rows := []EntityRow{}
	return rows, true, decodeAnswer(a, &rows)
}

// entitiesBody computes the stored answer of entities: every entity.
func entitiesBody(ctx context.Context, s *graph.Store) ([]byte, error) {
	rows, err := computeEntities(ctx, s, map[string]any{"type": "", "name": ""})
	if err != nil {
		return nil, err
	}
	return encode(rows)
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
	a, ok, err := stored(ctx, s, breachesAnswer, func() ([]byte, error) { return breachesBody(ctx, s) })
	if err != nil || !ok {
		return nil, false, err
	}
	rows := []BreachRow{}
	return rows, true, decodeAnswer(a, &rows)
}

// breachesBody computes the stored answer of breaches.
func breachesBody(ctx context.Context, s *graph.Store) ([]byte, error) {
	rows, err := computeBreaches(ctx, s, map[string]any{})
	if err != nil {
		return nil, err
	}
	return encode(rows)
}
