package extract

import "testing"

// Offsets found in a lower-cased text are used on the text itself, so
// lower-casing must keep every byte where it was.
func TestLowerKeep_keepsOffsets(t *testing.T) {
	for _, s := range []string{
		"Reported To The ICO",
		"reported the \xd2\xd2\xd2 error to",
		"\u212a\u212aent Police told", // Kelvin sign: lower case is one byte
		"\u0130stanbul Police said",   // dotted capital I: lower case is three bytes
		"Ä Ö Ü ẞ said",
	} {
		l := lowerKeep(s)
		if len(l) != len(s) {
			t.Errorf("lowerKeep(%q) = %q: %d bytes, want %d", s, l, len(l), len(s))
		}
	}
	if got := lowerKeep("Reported To The ICO, Ä"); got != "reported to the ico, ä" {
		t.Errorf("lowerKeep lower-cases %q, want %q", got, "reported to the ico, ä")
	}
}

func TestSameLengthUTF8(t *testing.T) {
	in := "the\xd2\xd2 error"
	got := sameLengthUTF8(in)
	if got != "the   error" {
		t.Errorf("sameLengthUTF8(%q) = %q, want %q", in, got, "the   error")
	}
	if s := "valid ünïcode"; sameLengthUTF8(s) != s {
		t.Errorf("sameLengthUTF8 changed valid text %q", s)
	}
}
