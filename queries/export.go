package queries

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
)

// Errors of Export and Import.
var (
	// ErrFormat means an export or import format newsgraph does not know.
	ErrFormat = errors.New("unknown format")
	// ErrNotEmpty means Import was given a store that holds quads.
	ErrNotEmpty = errors.New("store is not empty")
)

// ExportFormats returns the formats Export writes: nquads and jsonld
// (every quad, with its label: what Import reads back), graphml and dot
// (the graph of entities, articles, quotes, roles and events as nodes with
// types and labels), csv (the same as two tables; see ExportCSV).
func ExportFormats() []string { return []string{"nquads", "jsonld", "graphml", "dot", "csv"} }

// Export writes the whole store to w in format (see ExportFormats; csv
// needs two writers: ExportCSV).
//
// N-Quads and JSON-LD are written with cayley's quad formats, sorted, and
// hold every quad with its label, so Import into an empty store gives the
// same graph. GraphML (for Gephi, yEd, networkx) and DOT (for Graphviz)
// show the property graph: one node per article, entity, quote, role and
// event, with its class as "type", its name, headline, title or words as
// "label" and its literal facts as attributes; one edge per link between
// nodes, with the predicate as "label" and the number of articles stating
// it as "weight". Evidence nodes and bookkeeping (content hashes, merge
// keys) are left out of these views.
func Export(ctx context.Context, s *graph.Store, format string, w io.Writer) error {
	qs, err := s.Dump(ctx)
	if err != nil {
		return err
	}
	switch format {
	case "nquads":
		return writeQuads(nquads.NewWriter(w), qs)
	case "jsonld":
		return writeQuads(jsonld.NewWriter(w), qs)
	case "graphml":
		return writeGraphML(w, propertyGraphOf(qs))
	case "dot":
		return writeDOT(w, propertyGraphOf(qs))
	case "csv":
		return fmt.Errorf("export csv: %w (it writes two tables: use ExportCSV)", ErrFormat)
	}
	return fmt.Errorf("export %q: %w (want %s)", format, ErrFormat, strings.Join(ExportFormats(), ", "))
}

// ExportCSV writes the property graph Export's graphml and dot formats
// show as two CSV tables: nodes (id, type, label, then one column per
// literal fact) and edges (source, target, predicate, weight, articles).
func ExportCSV(ctx context.Context, s *graph.Store, nodes, edges io.Writer) error {
	qs, err := s.Dump(ctx)
	if err != nil {
		return err
	}
	g := propertyGraphOf(qs)
	nw := csv.NewWriter(nodes)
	attrs := g.attrNames()
	if err := nw.Write(append([]string{"id", "type", "label"}, attrs...)); err != nil {
		return err
	}
	for _, n := range g.nodes {
		row := []string{n.id, n.typ, n.label}
		for _, a := range attrs {
			row = append(row, strings.Join(n.attrs[a], "; "))
		}
		if err := nw.Write(row); err != nil {
			return err
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}
	ew := csv.NewWriter(edges)
	if err := ew.Write([]string{"source", "target", "predicate", "weight", "articles"}); err != nil {
		return err
	}
	for _, e := range g.edges {
		if err := ew.Write([]string{e.source, e.target, e.predicate, strconv.Itoa(len(e.articles)), strings.Join(e.articles, " ")}); err != nil {
			return err
		}
	}
	ew.Flush()
	return ew.Error()
}

// Import reads quads in format (nquads or jsonld, as Export writes them)
// from r into s, which must be empty: an export restored as it was. It
// returns the number of quads read.
func Import(ctx context.Context, s *graph.Store, format string, r io.Reader) (int, error) {
	n, err := s.Size(ctx)
	if err != nil {
		return 0, err
	}
	if n > 0 {
		return 0, fmt.Errorf("%s: %w (it holds %d quads; import restores an export into a new store)", s.DSN(), ErrNotEmpty, n)
	}
	var qr quad.Reader
	switch format {
	case "nquads":
		qr = nquads.NewReader(r, false)
	case "jsonld":
		qr = jsonld.NewReader(r)
	default:
		return 0, fmt.Errorf("import %q: %w (want nquads or jsonld)", format, ErrFormat)
	}
	const batch = 10000
	buf := make([]quad.Quad, 0, batch)
	total := 0
	flush := func() error {
		if err := s.AddQuads(ctx, buf); err != nil {
			return err
		}
		total += len(buf)
		buf = buf[:0]
		return nil
	}
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return total, fmt.Errorf("quad %d: %w", total+len(buf)+1, err)
		}
		q.Subject, q.Object, q.Label = plainString(q.Subject), plainString(q.Object), plainString(q.Label)
		buf = append(buf, q)
		if len(buf) == batch {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	return total, flush()
}

// xsdString is the datatype JSON-LD gives plain strings.
const xsdString = quad.IRI("http://www.w3.org/2001/XMLSchema#string")

// plainString turns a literal typed as xsd:string, as JSON-LD reads plain
// strings, into the plain string newsgraph stores.
func plainString(v quad.Value) quad.Value {
	if ts, ok := v.(quad.TypedString); ok && ts.Type.Full() == xsdString.Full() {
		return ts.Value
	}
	return v
}

// writeQuads writes quads with a cayley quad writer and closes it.
func writeQuads(w quad.WriteCloser, qs []quad.Quad) error {
	if _, err := w.WriteQuads(qs); err != nil {
		return err
	}
	return w.Close()
}

// propertyGraph is the store seen as nodes with attributes and edges.
type propertyGraph struct {
	nodes []*pgNode
	edges []*pgEdge
}

type pgNode struct {
	id, typ, label string
	attrs          map[string][]string
}

type pgEdge struct {
	source, target, predicate string
	articles                  []string
}

// hiddenPredicates are bookkeeping, left out of the property graph.
var hiddenPredicates = []quad.IRI{graph.ContentHash, graph.NameKey, graph.PendingHash, graph.LoadState}

// propertyGraphOf builds the property graph of the quads.
func propertyGraphOf(qs []quad.Quad) *propertyGraph {
	byID := map[string]*pgNode{}
	node := func(v quad.Value) *pgNode {
		id := iriText(v)
		n := byID[id]
		if n == nil {
			n = &pgNode{id: id, attrs: map[string][]string{}}
			byID[id] = n
		}
		return n
	}
	// A sentence node is no node of the property graph: a quote shows
	// its sentence as attributes, as stores written before sentence
	// nodes held it.
	sentences := map[quad.Value]map[string]string{}
	for _, q := range qs {
		if graph.ID(q.Subject, graph.SentencePrefix) == "" {
			continue
		}
		attrs := sentences[q.Subject]
		if attrs == nil {
			attrs = map[string]string{}
			sentences[q.Subject] = attrs
		}
		switch q.Predicate {
		case graph.Text:
			attrs["sentence"] = literal(q.Object)
		case graph.Start:
			attrs["sentenceStart"] = literal(q.Object)
		case graph.End:
			attrs["sentenceEnd"] = literal(q.Object)
		}
	}
	edges := map[string]*pgEdge{}
	for _, q := range qs {
		p, ok := q.Predicate.(quad.IRI)
		if !ok || slices.Contains(hiddenPredicates, p) {
			continue
		}
		if _, isIRI := q.Subject.(quad.IRI); !isIRI || graph.ID(q.Subject, graph.EvidencePrefix) != "" || graph.ID(q.Subject, graph.SentencePrefix) != "" {
			continue
		}
		_, objIRI := q.Object.(quad.IRI)
		switch {
		case p == graph.InSentence:
			n := node(q.Subject)
			for name, v := range sentences[q.Object] {
				if !slices.Contains(n.attrs[name], v) {
					n.attrs[name] = append(n.attrs[name], v)
				}
			}
		case p == graph.RDFType && objIRI:
			node(q.Subject).typ = localName(iriText(q.Object))
		case objIRI:
			if graph.ID(q.Object, graph.EvidencePrefix) != "" {
				continue
			}
			node(q.Subject)
			node(q.Object)
			k := quad.StringOf(q.Subject) + " " + quad.StringOf(p) + " " + quad.StringOf(q.Object)
			e := edges[k]
			if e == nil {
				e = &pgEdge{source: iriText(q.Subject), target: iriText(q.Object), predicate: localName(string(p))}
				edges[k] = e
			}
			if a := graph.LabelArticle(q.Label); a != "" && !slices.Contains(e.articles, a) {
				e.articles = append(e.articles, a)
			}
		default:
			n := node(q.Subject)
			name := localName(string(p))
			if v := literal(q.Object); !slices.Contains(n.attrs[name], v) {
				n.attrs[name] = append(n.attrs[name], v)
			}
		}
	}
	g := &propertyGraph{}
	for _, n := range byID {
		for _, vs := range n.attrs {
			slices.Sort(vs)
		}
		n.label = nodeLabel(n)
		g.nodes = append(g.nodes, n)
	}
	slices.SortFunc(g.nodes, func(a, b *pgNode) int { return strings.Compare(a.id, b.id) })
	for _, e := range edges {
		slices.Sort(e.articles)
		g.edges = append(g.edges, e)
	}
	slices.SortFunc(g.edges, func(a, b *pgEdge) int {
		return cmp.Or(strings.Compare(a.source, b.source), strings.Compare(a.predicate, b.predicate), strings.Compare(a.target, b.target))
	})
	return g
}

// nodeLabel picks the text a node is shown by: its name, headline, job
// title or words (shortened), else its id.
func nodeLabel(n *pgNode) string {
	for _, a := range []string{"name", "headline", "jobTitle", "text"} {
		if vs := n.attrs[a]; len(vs) > 0 {
			return shorten(vs[0], 80)
		}
	}
	return n.id
}

// attrNames returns the names of the attributes any node has, sorted.
func (g *propertyGraph) attrNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range g.nodes {
		for a := range n.attrs {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	slices.Sort(out)
	return out
}

// iriText returns an IRI without its brackets, other values as N-Quads.
func iriText(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri)
	}
	return quad.StringOf(v)
}

// localName returns the part of a short IRI after its prefix:
// "schema:Person" -> "Person".
func localName(iri string) string {
	if i := strings.IndexByte(iri, ':'); i >= 0 && !strings.Contains(iri[:i], "/") {
		return iri[i+1:]
	}
	return iri
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// GraphML, as Gephi reads it: attributes declared as keys, node labels in
// the "label" attribute.
type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	XMLNS   string   `xml:"xmlns,attr"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func writeGraphML(w io.Writer, g *propertyGraph) error {
	doc := gmlDoc{XMLNS: "http://graphml.graphdrawing.org/xmlns",
		Graph: gmlGraph{ID: "newsgraph", EdgeDefault: "directed"}}
	doc.Keys = []gmlKey{
		{ID: "label", For: "node", Name: "label", Type: "string"},
		{ID: "type", For: "node", Name: "type", Type: "string"},
	}
	attrs := g.attrNames()
	for i, a := range attrs {
		doc.Keys = append(doc.Keys, gmlKey{ID: "a" + strconv.Itoa(i), For: "node", Name: a, Type: "string"})
	}
	doc.Keys = append(doc.Keys,
		gmlKey{ID: "elabel", For: "edge", Name: "label", Type: "string"},
		gmlKey{ID: "weight", For: "edge", Name: "weight", Type: "double"},
		gmlKey{ID: "articles", For: "edge", Name: "articles", Type: "string"})
	for _, n := range g.nodes {
		gn := gmlNode{ID: n.id, Data: []gmlData{{"label", n.label}, {"type", n.typ}}}
		for i, a := range attrs {
			if vs := n.attrs[a]; len(vs) > 0 {
				gn.Data = append(gn.Data, gmlData{"a" + strconv.Itoa(i), strings.Join(vs, "; ")})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range g.edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gmlEdge{ID: "e" + strconv.Itoa(i), Source: e.source, Target: e.target,
			Data: []gmlData{{"elabel", e.predicate}, {"weight", strconv.Itoa(max(1, len(e.articles)))}, {"articles", strings.Join(e.articles, " ")}}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write graphml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// dotStyle gives each node type a shape and colour.
func dotStyle(typ string) (shape, color string) {
	switch typ {
	case "Person":
		return "ellipse", "#cfe2ff"
	case "Organization":
		return "box", "#d1e7dd"
	case "Place":
		return "house", "#e2e3e5"
	case "NewsArticle":
		return "note", "#fff3cd"
	case "Quotation":
		return "plaintext", "#ffffff"
	case "DataBreach", "Event":
		return "octagon", "#f8d7da"
	case "Role":
		return "component", "#e0cffc"
	}
	return "ellipse", "#ffffff"
}

// dotQuote quotes a string for DOT.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s) + `"`
}

func writeDOT(w io.Writer, g *propertyGraph) error {
	var b strings.Builder
	b.WriteString("digraph newsgraph {\n\trankdir=LR;\n\tnode [style=filled, fontname=\"Helvetica\"];\n\tedge [fontname=\"Helvetica\", fontsize=10];\n")
	for _, n := range g.nodes {
		shape, color := dotStyle(n.typ)
		fmt.Fprintf(&b, "\t%s [label=%s, shape=%s, fillcolor=%s, tooltip=%s];\n",
			dotQuote(n.id), dotQuote(n.label), shape, dotQuote(color), dotQuote(n.typ))
	}
	for _, e := range g.edges {
		fmt.Fprintf(&b, "\t%s -> %s [label=%s, weight=%d];\n",
			dotQuote(e.source), dotQuote(e.target), dotQuote(e.predicate), max(1, len(e.articles)))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
