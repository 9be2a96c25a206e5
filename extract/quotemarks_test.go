package extract

import (
	"reflect"
	"testing"
)

func TestFindQuotes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"curly", "“We are sorry,” she said.", []string{"We are sorry,"}},
		{"straight", `"We are sorry," she said. "It will not happen again."`, []string{"We are sorry,", "It will not happen again."}},
		{"guillemets", "« Nous sommes désolés », a-t-il dit.", []string{"Nous sommes désolés"}},
		{"single guillemets", "He said: ‹We warned them about this›.", []string{"We warned them about this"}},
		{"german", "„Wir sind besorgt“, sagte er.", []string{"Wir sind besorgt"}},
		{"single curly", "He called it ‘a disgrace’ on Monday.", []string{"a disgrace"}},
		{"single straight", "He called it 'a disgrace' on Monday.", []string{"a disgrace"}},
		{"apostrophes are not quotes", "It's the officers' union that's angry.", nil},
		{"plural possessive inside single quotes", "She said: 'It's our members' safety that matters.'", []string{"It's our members' safety that matters."}},
		{"nested single inside double", "“He told me ‘never again’,” she said.", []string{"He told me ‘never again’,"}},
		{"unclosed runs to paragraph end", "He added: “This is the first part.\n“And this is the second.”", []string{"This is the first part.", "And this is the second."}},
		{"closing mark with no opening one", "As we speak, officers are out,” he said.", []string{"As we speak, officers are out,"}},
		{"unclosed single after colon", "The council said: 'A file was uploaded in error.", []string{"A file was uploaded in error."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, q := range findQuotes(c.body, splitParagraphs(c.body)) {
				got = append(got, c.body[q.Start:q.End])
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"abbreviations and initials", "Mr. Babu spoke to the U.K. press. J. Smith did not.", []string{"Mr. Babu spoke to the U.K. press.", "J. Smith did not."}},
		{"quote closing a sentence", "“It is over.” The force said so.", []string{"“It is over.”", "The force said so."}},
		{"question inside a quote with attribution", "“Why?” he asked. Nobody knew.", []string{"“Why?” he asked.", "Nobody knew."}},
		{"broken line joined", "The force said experts are recovering footage\n– recorded from July – of officers.", []string{"The force said experts are recovering footage\n– recorded from July – of officers."}},
		{"numbers", "It affected 1,230 people. That is 4.5 per cent.", []string{"It affected 1,230 people.", "That is 4.5 per cent."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range splitParagraphs(c.body) {
				for _, s := range p.sentences {
					got = append(got, c.body[s.Start:s.End])
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
