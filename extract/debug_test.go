package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugDoc(t *testing.T) {
	path := os.Getenv("NG_DEBUG")
	if path == "" {
		t.Skip("set NG_DEBUG to a text file to print its analysis")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(string(b), newOrgIndex())
	d.findEntities()
	d.findAppositiveRoles()
	for _, m := range d.ments {
		name := "?"
		if m.ent >= 0 {
			name = d.ents[m.ent].name
		}
		fmt.Printf("M %d-%d %q -> %s (how=%d word=%s q=%v)\n", m.Start, m.End, d.body[m.Start:m.End], name, m.how, m.word, m.inQuote)
	}
	for _, e := range d.ents {
		fmt.Printf("E %s %s %v %v\n", e.key, e.kind, e.roles, e.aliases)
	}
	d.attribute()
	for _, q := range d.quotes {
		sp := "-"
		if q.speaker >= 0 {
			sp = d.ents[q.speaker].name
		}
		fmt.Printf("Q [%s] %q\n", sp, d.body[q.Start:q.End])
	}
}
