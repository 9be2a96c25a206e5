package queries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// This file answers the entities, breaches and quotes queries in Go,
// straight from the quad store's indexes, with the same rows as their
// Gizmo sources (queries/*.js). The Gizmo versions read every quad with a
// predicate to build a map of facts (cayley's bolt backend has no index
// that starts with the predicate, so each such read is a scan of the whole
// store) and run the join in JavaScript; these look up only the nodes a
// row needs, through the subject-predicate and object-predicate indexes.

// fastStore reports whether the fast implementations serve s: bolt and
// in-memory stores. Other backends (PostgreSQL) run the Gizmo queries,
// whose shapes they translate into SQL.
func fastStore(s *graph.Store) bool {
	switch s.QuadStore().(type) {
	case *kv.QuadStore, *memstore.QuadStore:
		return true
	}
	return false
}

// reader looks facts up in a quad store, caching lookups (and, through
// its context, node values).
type reader struct {
	ctx    context.Context
	values *valueCache // the context's
	qs     cgraph.QuadStore
	refs   map[quad.Value]cgraph.Ref
	// found caches lookups: a node (a speaker, an organisation) is often
	// looked up once per row that names it.
	found map[lookup][]cgraph.Ref
	// objectIndex is a bolt store's index whose keys start with the
	// object and the predicate, if it has one.
	objectIndex *kv.QuadIndex
	// subjectIndex is a bolt store's index whose keys start with the
	// subject and the predicate, if it has one, and read the facts of the
	// nodes readSubject has read, by graph.ToKey of the node.
	subjectIndex *kv.QuadIndex
	read         map[any]*nodeFacts
}

// nodeFacts is every fact of one node: the distinct objects of each of
// its predicates, in the order a lookup by subject and predicate gives.
type nodeFacts struct {
	preds []any // graph.ToKey of each predicate
	objs  [][]cgraph.Ref
}

// of returns the objects of the predicate with key p.
func (f *nodeFacts) of(p any) []cgraph.Ref {
	if i := slices.Index(f.preds, p); i >= 0 {
		return f.objs[i]
	}
	return nil
}

func newReader(ctx context.Context, s *graph.Store) *reader {
	ctx = withValueCache(ctx)
	r := &reader{ctx: ctx, values: ctx.Value(valueCacheKey{}).(*valueCache), qs: s.QuadStore(), refs: map[quad.Value]cgraph.Ref{},
		found: map[lookup][]cgraph.Ref{}, read: map[any]*nodeFacts{}}
	if kqs, ok := r.qs.(*kv.QuadStore); ok {
		r.objectIndex = objectIndex(kqs)
		r.subjectIndex = subjectIndex(kqs)
	}
	return r
}

// objectIndex returns the index of a bolt store whose keys start with the
// object and the predicate, or nil.
//
// Cayley's shape optimizer uses an index only when the filter names every
// direction of its key, so a lookup by object and predicate (the index
// object-predicate-subject holds them) falls back to reading every quad.
// The optimizer does say which index serves a filter on all three
// directions; a scan of that index by its first two is what is wanted.
func objectIndex(qs *kv.QuadStore) *kv.QuadIndex {
	ind := chosenIndex(qs, quad.Subject, quad.Subject, quad.Predicate, quad.Object)
	if ind == nil {
		return nil
	}
	d := ind.Dirs
	if d[0] == quad.Object && d[1] == quad.Predicate || d[0] == quad.Predicate && d[1] == quad.Object {
		return ind
	}
	return nil
}

// subjectIndex returns the index of a bolt store whose keys start with
// the subject and the predicate, or nil: the one cayley's optimizer
// chooses for a lookup by subject and predicate.
func subjectIndex(qs *kv.QuadStore) *kv.QuadIndex {
	ind := chosenIndex(qs, quad.Object, quad.Subject, quad.Predicate)
	if ind == nil || ind.Dirs[0] != quad.Subject || ind.Dirs[1] != quad.Predicate {
		return nil
	}
	return ind
}

// chosenIndex returns the index, of at least two directions, that
// cayley's optimizer scans for the nodes in direction result of the quads
// with a value in each of the directions dirs, or nil.
func chosenIndex(qs *kv.QuadStore, result quad.Direction, dirs ...quad.Direction) *kv.QuadIndex {
	filter := map[quad.Direction]cgraph.Ref{}
	for _, d := range dirs {
		filter[d] = kv.Int64Value(1)
	}
	s, _ := qs.OptimizeShape(shape.QuadsAction{Result: result, Filter: filter})
	nf, ok := s.(shape.NodesFrom)
	if !ok {
		return nil
	}
	scan, ok := nf.Quads.(kv.IndexScan)
	if !ok || len(scan.Index.Dirs) < 2 {
		return nil
	}
	ind := scan.Index
	return &ind
}

// readSubject reads every quad of node n with one scan of the
// subject-predicate index, so that out answers n's facts without a scan
// per predicate (a quote's row reads eight of them). It does nothing
// where there is no such index.
func (r *reader) readSubject(n cgraph.Ref) error {
	sub, ok := n.(kv.Int64Value)
	if r.subjectIndex == nil || !ok || r.read[cgraph.ToKey(n)] != nil {
		return nil
	}
	it := kv.IndexScan{Index: *r.subjectIndex, Values: []uint64{uint64(sub)}}.BuildIterator(r.qs)
	defer it.Close()
	f := &nodeFacts{}
	for it.Next(r.ctx) {
		q := it.Result()
		p, o := r.qs.QuadDirection(q, quad.Predicate), r.qs.QuadDirection(q, quad.Object)
		pk, objKey := cgraph.ToKey(p), cgraph.ToKey(o)
		i := slices.Index(f.preds, pk)
		if i < 0 {
			i = len(f.preds)
			f.preds = append(f.preds, pk)
			f.objs = append(f.objs, nil)
		}
		if !slices.ContainsFunc(f.objs[i], func(x cgraph.Ref) bool { return cgraph.ToKey(x) == objKey }) {
			f.objs[i] = append(f.objs[i], o)
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.read[cgraph.ToKey(n)] = f
	return nil
}

// ref returns the store's reference to v, or nil when the store does not
// hold it.
func (r *reader) ref(v quad.Value) cgraph.Ref {
	if ref, ok := r.refs[v]; ok {
		return ref
	}
	ref := r.qs.ValueOf(v)
	r.refs[v] = ref
	return ref
}

// lookup is a call of nodes, as a map key.
type lookup struct {
	result                     quad.Direction
	subject, predicate, object any // graph.ToKey of the filter's values
}

// nodes returns the distinct nodes in direction result of the quads
// whose other directions hold the given values (nil values never match).
func (r *reader) nodes(result quad.Direction, filter map[quad.Direction]cgraph.Ref) ([]cgraph.Ref, error) {
	for _, v := range filter {
		if v == nil {
			return nil, nil
		}
	}
	key := lookup{result: result, subject: cgraph.ToKey(filter[quad.Subject]),
		predicate: cgraph.ToKey(filter[quad.Predicate]), object: cgraph.ToKey(filter[quad.Object])}
	if f := r.read[key.subject]; f != nil && result == quad.Object && filter[quad.Predicate] != nil && filter[quad.Label] == nil {
		// readSubject has read every quad of the subject.
		all := f.of(key.predicate)
		if o := filter[quad.Object]; o != nil {
			if !slices.ContainsFunc(all, func(x cgraph.Ref) bool { return cgraph.ToKey(x) == key.object }) {
				return nil, nil
			}
			return []cgraph.Ref{o}, nil
		}
		return all, nil
	}
	if refs, ok := r.found[key]; ok {
		return refs, nil
	}
	refs, err := r.scan(result, filter)
	if err == nil {
		r.found[key] = refs
	}
	return refs, err
}

// scan is nodes without the cache.
func (r *reader) scan(result quad.Direction, filter map[quad.Direction]cgraph.Ref) ([]cgraph.Ref, error) {
	if mem, ok := r.qs.(*memstore.QuadStore); ok {
		return r.memScan(mem, result, filter)
	}
	var s shape.Shape = shape.QuadsAction{Result: result, Filter: filter}
	if scan, ok := r.objectScan(filter); ok {
		s = shape.NodesFrom{Dir: result, Quads: scan}
	} else {
		s, _ = shape.Optimize(s, r.qs)
	}
	it := s.BuildIterator(r.qs)
	defer it.Close()
	var out []cgraph.Ref
	seen := map[any]bool{}
	for it.Next(r.ctx) {
		ref := it.Result()
		if k := cgraph.ToKey(ref); !seen[k] {
			seen[k] = true
			out = append(out, ref)
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, r.ctx.Err()
}

// memScan is scan on a memory store. Cayley intersects the quads of each
// filter value there by testing every quad of one against the other, so a
// node's facts with one predicate cost a pass over every quad with that
// predicate; this reads the quads of the node (subject, else object) and
// checks the other directions itself.
func (r *reader) memScan(qs *memstore.QuadStore, result quad.Direction, filter map[quad.Direction]cgraph.Ref) ([]cgraph.Ref, error) {
	var from quad.Direction
	for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Predicate, quad.Label} {
		if filter[d] != nil {
			from = d
			break
		}
	}
	if from == quad.Any {
		return nil, fmt.Errorf("memory scan without a filter")
	}
	it := qs.QuadIterator(from, filter[from])
	defer it.Close()
	var out []cgraph.Ref
	seen := map[any]bool{}
next:
	for it.Next(r.ctx) {
		q := it.Result()
		for d, v := range filter {
			if d != from && cgraph.ToKey(qs.QuadDirection(q, d)) != cgraph.ToKey(v) {
				continue next
			}
		}
		ref := qs.QuadDirection(q, result)
		if k := cgraph.ToKey(ref); ref != nil && !seen[k] {
			seen[k] = true
			out = append(out, ref)
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, r.ctx.Err()
}

// objectScan returns a scan of the object-predicate index for a filter
// on just those two directions.
func (r *reader) objectScan(filter map[quad.Direction]cgraph.Ref) (kv.IndexScan, bool) {
	if r.objectIndex == nil || len(filter) != 2 {
		return kv.IndexScan{}, false
	}
	scan := kv.IndexScan{Index: *r.objectIndex}
	for _, d := range r.objectIndex.Dirs[:2] {
		v, ok := filter[d].(kv.Int64Value)
		if !ok {
			return kv.IndexScan{}, false
		}
		scan.Values = append(scan.Values, uint64(v))
	}
	return scan, true
}

// out returns the distinct objects of node n's quads with predicate p.
func (r *reader) out(n cgraph.Ref, p quad.IRI) ([]cgraph.Ref, error) {
	return r.nodes(quad.Object, map[quad.Direction]cgraph.Ref{quad.Subject: n, quad.Predicate: r.ref(p)})
}

// in returns the distinct subjects of the quads with predicate p and
// object n.
func (r *reader) in(n cgraph.Ref, p quad.IRI) ([]cgraph.Ref, error) {
	return r.nodes(quad.Subject, map[quad.Direction]cgraph.Ref{quad.Object: n, quad.Predicate: r.ref(p)})
}

// value returns the value of a reference, through the context's value
// cache (see withValueCache), which newReader gives it when it has none.
func (r *reader) value(ref cgraph.Ref) quad.Value {
	return r.values.value(r.qs, ref)
}

// natives returns the values of refs the way Gizmo hands them to
// JavaScript (see native), without nils, sorted as JavaScript's sort()
// sorts them and without duplicates: what lib.js's facts() keeps for a
// node.
func (r *reader) natives(refs []cgraph.Ref) []any {
	out := make([]any, 0, len(refs))
	for _, ref := range refs {
		if v := native(r.value(ref)); v != nil {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b any) int { return compareJS(jsString(a), jsString(b)) })
	return slices.CompactFunc(out, func(a, b any) bool { return a == b })
}

// facts returns the natives of node n's objects for predicate p.
func (r *reader) facts(n cgraph.Ref, p quad.IRI) ([]any, error) {
	refs, err := r.out(n, p)
	if err != nil {
		return nil, err
	}
	return r.natives(refs), nil
}

// first returns the first of node n's facts for p as lib.js's first()
// does, or "" when it has none.
func (r *reader) first(n cgraph.Ref, p quad.IRI) (any, error) {
	fs, err := r.facts(n, p)
	if err != nil || len(fs) == 0 {
		return "", err
	}
	return fs[0], nil
}

// firstString is first for facts read as strings.
func (r *reader) firstString(n cgraph.Ref, p quad.IRI) (string, error) {
	v, err := r.first(n, p)
	s, _ := v.(string)
	return s, err
}

// strings returns node n's facts for p that are strings.
func (r *reader) strings(n cgraph.Ref, p quad.IRI) ([]string, error) {
	fs, err := r.facts(n, p)
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if s, ok := f.(string); ok {
			out = append(out, s)
		}
	}
	return out, err
}

// iri returns the N-Quads text of a node ("<ng:entity/x>"), as Gizmo
// gives node values to JavaScript.
func (r *reader) iri(ref cgraph.Ref) string {
	s, _ := native(r.value(ref)).(string)
	return s
}

// nameOr returns the first name of the node with N-Quads text iri, or iri
// when it has none: lib.js's `first(name, x) || x`.
func (r *reader) nameOr(ref cgraph.Ref) (string, error) {
	n, err := r.firstString(ref, graph.Name)
	if n == "" {
		n = r.iri(ref)
	}
	return n, err
}

// jsString returns the string JavaScript's sort() compares a value by.
func jsString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return fmt.Sprint(v)
}

// compareJS compares strings as JavaScript does: by UTF-16 code units.
func compareJS(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fastEntities is entities.js in Go.
func fastEntities(ctx context.Context, s *graph.Store, params map[string]any) ([]EntityRow, error) {
	r := newReader(ctx, s)
	typ, _ := params["type"].(string)
	id, _ := params["id"].(string)
	name, _ := params["name"].(string)
	rows := []EntityRow{}
	for _, class := range []quad.IRI{graph.Person, graph.Organization, graph.Place} {
		t := typeName(class)
		if typ != "" && typ != t {
			continue
		}
		filter := map[quad.Direction]cgraph.Ref{quad.Predicate: r.ref(graph.RDFType), quad.Object: r.ref(class)}
		if id != "" {
			filter[quad.Subject] = r.ref(quad.StringToValue(id))
		}
		ents, err := r.nodes(quad.Subject, filter)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			row, ok, err := r.entity(e, t, name)
			if err != nil {
				return nil, err
			}
			if ok {
				rows = append(rows, row)
			}
		}
	}
	slices.SortFunc(rows, func(a, b EntityRow) int {
		return cmp.Or(strings.Compare(a.Type, b.Type), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// entity builds the row of entity e of type t, or reports false when
// want (lower case) is set and neither its name nor an alias holds it.
func (r *reader) entity(e cgraph.Ref, t, want string) (EntityRow, bool, error) {
	row := EntityRow{ID: graph.ID(r.iri(e), graph.EntityPrefix), Type: t}
	var err error
	if row.Name, err = r.firstString(e, graph.Name); err != nil {
		return row, false, err
	}
	if row.Aliases, err = r.strings(e, graph.AlternateName); err != nil {
		return row, false, err
	}
	if want != "" {
		hit := strings.Contains(strings.ToLower(row.Name), want)
		for _, a := range row.Aliases {
			hit = hit || strings.Contains(strings.ToLower(a), want)
		}
		if !hit {
			return row, false, nil
		}
	}
	if row.Kind, err = r.firstString(e, graph.Kind); err != nil {
		return row, false, err
	}
	roles, err := r.out(e, graph.HasRole)
	if err != nil {
		return row, false, err
	}
	for _, ro := range roles {
		title, err := r.firstString(ro, graph.JobTitle)
		if err != nil {
			return row, false, err
		}
		role := RoleRow{Title: title}
		orgs, err := r.out(ro, graph.MemberOf)
		if err != nil {
			return row, false, err
		}
		if org := r.firstRef(orgs); org != nil {
			if role.Org, err = r.nameOr(org); err != nil {
				return row, false, err
			}
		}
		former, err := r.first(ro, graph.Former)
		if err != nil {
			return row, false, err
		}
		role.Former = former == true
		row.Roles = append(row.Roles, role)
	}
	arts, err := r.in(e, graph.Mentions)
	if err != nil {
		return row, false, err
	}
	for _, a := range arts {
		row.Articles = append(row.Articles, r.iri(a))
	}
	if row.Name == "" {
		row.Name = row.ID
	}
	row.Aliases = sorted(row.Aliases)
	row.Articles = ids(row.Articles, graph.ArticlePrefix)
	row.Roles = mergeRoles(row.Roles)
	return row, true, nil
}

// firstRef returns the ref among refs whose value sorts first as
// JavaScript sorts values, or nil: lib.js's first() on a node's links.
func (r *reader) firstRef(refs []cgraph.Ref) cgraph.Ref {
	var best cgraph.Ref
	bestS := ""
	for _, ref := range refs {
		v := native(r.value(ref))
		if v == nil {
			continue
		}
		if s := jsString(v); best == nil || compareJS(s, bestS) < 0 {
			best, bestS = ref, s
		}
	}
	return best
}

// typeName maps an entity class to newsgraph's type name, as lib.js's
// typeName does.
func typeName(class quad.IRI) string {
	switch class {
	case graph.Person:
		return "person"
	case graph.Organization:
		return "organization"
	case graph.Place:
		return "place"
	}
	return ""
}

// fastBreaches is breaches.js in Go.
func fastBreaches(ctx context.Context, s *graph.Store, params map[string]any) ([]BreachRow, error) {
	r := newReader(ctx, s)
	filter := map[quad.Direction]cgraph.Ref{quad.Predicate: r.ref(graph.RDFType), quad.Object: r.ref(graph.DataBreach)}
	if id, _ := params["id"].(string); id != "" {
		filter[quad.Subject] = r.ref(quad.StringToValue(id))
	}
	bs, err := r.nodes(quad.Subject, filter)
	if err != nil {
		return nil, err
	}
	rows := make([]BreachRow, 0, len(bs))
	for _, b := range bs {
		row, err := r.breach(b)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b BreachRow) int { return strings.Compare(a.ID, b.ID) })
	return rows, nil
}

// breach builds the row of breach b.
func (r *reader) breach(b cgraph.Ref) (BreachRow, error) {
	row := BreachRow{ID: graph.ID(r.iri(b), graph.EventPrefix)}
	var err error
	// named returns the name of the first node b links to with p (or its
	// IRI when it has no name), or "".
	named := func(p quad.IRI) string {
		if err != nil {
			return ""
		}
		var refs []cgraph.Ref
		if refs, err = r.out(b, p); err != nil {
			return ""
		}
		ref := r.firstRef(refs)
		if ref == nil {
			return ""
		}
		var n string
		n, err = r.nameOr(ref)
		return n
	}
	str := func(p quad.IRI) string {
		if err != nil {
			return ""
		}
		var v string
		v, err = r.firstString(b, p)
		return v
	}
	strs := func(p quad.IRI) []string {
		if err != nil {
			return nil
		}
		var v []string
		v, err = r.strings(b, p)
		return v
	}
	row.Name = str(graph.Name)
	row.Victim = named(graph.Victim)
	row.Via = named(graph.Via)
	row.Exposed = strs(graph.Exposed)
	row.NotExposed = strs(graph.NotExposed)
	row.Cause = str(graph.Cause)
	row.When = str(graph.When)
	row.Attacker = named(graph.Attacker)
	row.Kind = str(graph.BreachKind)
	row.Status = str(graph.BreachStatus)
	row.Discovered = str(graph.Discovered)
	row.Disclosed = str(graph.Disclosed)
	if err != nil {
		return row, err
	}
	affected, err := r.facts(b, graph.Affected)
	if err != nil {
		return row, err
	}
	row.Affected = []int{}
	for _, a := range affected {
		if n, ok := a.(int64); ok {
			row.Affected = append(row.Affected, int(n))
		}
	}
	to, err := r.out(b, graph.ReportedTo)
	if err != nil {
		return row, err
	}
	for _, t := range to {
		n, err := r.nameOr(t)
		if err != nil {
			return row, err
		}
		row.ReportedTo = append(row.ReportedTo, n)
	}
	arts, err := r.in(b, graph.Mentions)
	if err != nil {
		return row, err
	}
	for _, a := range arts {
		row.Articles = append(row.Articles, r.iri(a))
	}
	row.Exposed = sorted(row.Exposed)
	row.NotExposed = sorted(row.NotExposed)
	row.ReportedTo = sorted(row.ReportedTo)
	slices.Sort(row.Affected)
	row.Affected = slices.Compact(row.Affected)
	row.Articles = ids(row.Articles, graph.ArticlePrefix)
	return row, nil
}

// fastQuotes is quotes.js in Go. It starts from the most selective of the
// filters: the speakers' nodes (those the speaker names, and the one whose
// id it is), else the article, else the breach, else every quotation.
func fastQuotes(ctx context.Context, s *graph.Store, params map[string]any) ([]QuoteRow, error) {
	r := newReader(ctx, s)
	speaker, _ := params["speaker"].(string)
	speakerIRI, _ := params["speaker_iri"].(string)
	text, _ := params["text"].(string)
	article, _ := params["article"].(string)
	breach, _ := params["breach"].(string)

	var (
		start []cgraph.Ref
		err   error
	)
	switch {
	case speaker != "":
		var cands []cgraph.Ref
		if cands, err = r.speakers(speaker, speakerIRI); err != nil {
			return nil, err
		}
		for _, c := range cands {
			qs, err := r.in(c, graph.Creator)
			if err != nil {
				return nil, err
			}
			start = append(start, qs...)
		}
	case article != "":
		start, err = r.in(r.ref(quad.StringToValue(article)), graph.IsPartOf)
	case breach != "":
		start, err = r.in(r.ref(quad.StringToValue(breach)), graph.About)
	default:
		start, err = r.in(r.ref(graph.Quotation), graph.RDFType)
	}
	if err != nil {
		return nil, err
	}
	// has reports whether node n links to the node with N-Quads text want
	// with p (n's quads are read once, by readSubject, for the row).
	has := func(n cgraph.Ref, p quad.IRI, want string) (bool, error) {
		w := r.ref(quad.StringToValue(want))
		if w == nil {
			return false, nil
		}
		got, err := r.nodes(quad.Object, map[quad.Direction]cgraph.Ref{quad.Subject: n, quad.Predicate: r.ref(p), quad.Object: w})
		return len(got) > 0, err
	}
	rows := []QuoteRow{}
	seen := map[any]bool{}
	for _, q := range start {
		if seen[cgraph.ToKey(q)] {
			continue
		}
		seen[cgraph.ToKey(q)] = true
		if err := r.readSubject(q); err != nil {
			return nil, err
		}
		ok, err := has(q, graph.RDFType, quad.IRI(graph.Quotation).String())
		if err == nil && ok && article != "" {
			ok, err = has(q, graph.IsPartOf, article)
		}
		if err == nil && ok && breach != "" {
			ok, err = has(q, graph.About, breach)
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		row, ok, err := r.quote(q, speaker, speakerIRI, text)
		if err != nil {
			return nil, err
		}
		if ok {
			rows = append(rows, row)
		}
	}
	slices.SortFunc(rows, func(a, b QuoteRow) int {
		return cmp.Or(strings.Compare(a.Article, b.Article), cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End), strings.Compare(a.ID, b.ID))
	})
	return rows, nil
}

// quote builds the row of quote q, or reports false when it lacks its
// text, article or offsets (quotes.js's Save drops those) or fails the
// speaker or text filter.
func (r *reader) quote(q cgraph.Ref, speaker, speakerIRI, text string) (QuoteRow, bool, error) {
	var err error
	one := func(n cgraph.Ref, p quad.IRI) any {
		if err != nil || n == nil {
			return nil
		}
		var fs []any
		if fs, err = r.facts(n, p); err != nil || len(fs) == 0 {
			return nil
		}
		return fs[0]
	}
	link := func(n cgraph.Ref, p quad.IRI) cgraph.Ref {
		if err != nil || n == nil {
			return nil
		}
		var refs []cgraph.Ref
		if refs, err = r.out(n, p); err != nil {
			return nil
		}
		return r.firstRef(refs)
	}
	txt, _ := one(q, graph.Text).(string)
	art := link(q, graph.IsPartOf)
	start, end := one(q, graph.Start), one(q, graph.End)
	if err != nil || txt == "" || art == nil || start == nil || end == nil {
		return QuoteRow{}, false, err
	}
	row := QuoteRow{ID: graph.ID(r.iri(q), graph.QuotePrefix), Text: txt, Article: graph.ID(r.iri(art), graph.ArticlePrefix)}
	row.Kind, _ = one(q, graph.QuoteKind).(string)
	if n, ok := start.(int64); ok {
		row.Start = int(n)
	}
	if n, ok := end.(int64); ok {
		row.End = int(n)
	}
	row.Cue, _ = one(q, graph.Cue).(string)
	if m, _ := one(q, graph.SpeakerMention).(string); m != "" {
		row.SpeakerMention = &Mention{Text: m}
		if n, ok := one(q, graph.SpeakerStart).(int64); ok {
			row.SpeakerMention.Start = int(n)
		}
		if n, ok := one(q, graph.SpeakerEnd).(int64); ok {
			row.SpeakerMention.End = int(n)
		}
	}
	if c, ok := one(q, graph.Confidence).(float64); ok {
		row.Confidence = &c
	}
	sp := link(q, graph.Creator)
	spIRI := ""
	if sp != nil {
		spIRI = r.iri(sp)
		row.SpeakerID = graph.ID(spIRI, graph.EntityPrefix)
		row.Speaker, _ = one(sp, graph.Name).(string)
		if t, ok := one(sp, graph.RDFType).(string); ok {
			row.SpeakerType = typeName(quad.IRI(graph.ID(t, "")))
		}
		if row.SpeakerAliases, err = r.strings(sp, graph.AlternateName); err != nil {
			return row, false, err
		}
	}
	if b := link(q, graph.About); b != nil {
		row.Breach = graph.ID(r.iri(b), graph.EventPrefix)
		if v := link(b, graph.Victim); v != nil {
			row.BreachVictim, _ = one(v, graph.Name).(string)
		}
	}
	if err != nil {
		return row, false, err
	}
	if speaker != "" && spIRI != speakerIRI && !NameMatches(speaker, append([]string{row.Speaker}, row.SpeakerAliases...)...) {
		return row, false, nil
	}
	if text != "" && !strings.Contains(strings.ToLower(txt), text) {
		return row, false, nil
	}
	if row.Speaker == "" {
		row.Speaker = row.SpeakerID
	}
	row.Direct = row.Kind != "indirect"
	row.SpeakerAliases = sorted(row.SpeakerAliases)
	return row, true, nil
}

// speakers returns the people, organisations and places whose name or an
// alias speaker names (NameMatches), and the node of speakerIRI when there
// is one: where a speaker filter's quotes are.
func (r *reader) speakers(speaker, speakerIRI string) ([]cgraph.Ref, error) {
	var out []cgraph.Ref
	seen := map[any]bool{}
	add := func(n cgraph.Ref) {
		if n != nil && !seen[cgraph.ToKey(n)] {
			seen[cgraph.ToKey(n)] = true
			out = append(out, n)
		}
	}
	if speakerIRI != "" {
		add(r.ref(quad.StringToValue(speakerIRI)))
	}
	for _, class := range []quad.IRI{graph.Person, graph.Organization, graph.Place} {
		ents, err := r.nodes(quad.Subject, map[quad.Direction]cgraph.Ref{quad.Predicate: r.ref(graph.RDFType), quad.Object: r.ref(class)})
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if err := r.readSubject(e); err != nil {
				return nil, err
			}
			names, err := r.strings(e, graph.Name)
			if err != nil {
				return nil, err
			}
			aliases, err := r.strings(e, graph.AlternateName)
			if err != nil {
				return nil, err
			}
			if NameMatches(speaker, append(names, aliases...)...) {
				add(e)
			}
		}
	}
	return out, nil
}

// nameKey folds a name as lib.js's nameKey does.
func nameKey(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("\u2018", "'", "\u2019", "'", "`", "'").Replace(s)
	var words []string
	for _, w := range strings.FieldsFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c >= 0xc0)
	}) {
		if w = strings.Trim(w, "'"); w != "" {
			words = append(words, w)
		}
	}
	k := strings.Join(words, " ")
	if strings.HasPrefix(k, "the ") {
		k = k[4:]
	}
	return k
}
