package extract

import (
	"reflect"
	"testing"
)

func TestFindCategories(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"the code captured card numbers, expiration dates and security codes", []string{"card numbers", "card expiry dates", "security codes"}},
		{"names, home addresses and bank account details of members", []string{"names", "home addresses", "bank account details"}},
		{"patients' NHS numbers and details of hospital appointments", []string{"NHS numbers", "appointment details"}},
		{"student ID numbers and course details", []string{"student ID numbers", "course details"}},
		{"her tenancy details and notes about her rent arrears", []string{"tenancy details", "rent arrears"}},
		{"health information of carers; billing addresses", []string{"health information", "billing addresses"}},
		{"email addresses but not postal addresses", []string{"email addresses", "addresses"}},
	}
	for _, c := range cases {
		var got []string
		for _, m := range findCategories(lowerASCII(c.text)) {
			got = append(got, m.label)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("findCategories(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
