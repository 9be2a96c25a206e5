package fastprose_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/fastprose"
)

func ExampleModel_Analyze() {
	m, err := fastprose.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Sir Mark Rowley said the Metropolitan Police was \u201cconcerned\u201d."
	doc := m.Analyze(text)
	for _, t := range doc.Tokens[:4] {
		fmt.Printf("%s %s %s %d-%d\n", t.Text, t.Tag, t.Label, t.Start, t.End)
	}
	for _, e := range doc.Entities {
		fmt.Printf("%s %q at %d-%d\n", e.Label, text[e.Start:e.End], e.Start, e.End)
	}
	// Output:
	// Sir NNP B-PERSON 0-3
	// Mark NNP B-PERSON 4-8
	// Rowley NNP B-PERSON 9-15
	// said VBD O 16-20
	// PERSON "Sir Mark Rowley" at 0-15
	// GPE "Metropolitan Police" at 25-44
}
