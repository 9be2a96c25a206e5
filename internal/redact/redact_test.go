package redact

import (
	"strings"
	"testing"
)

func TestDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://newsgraph:s3cret@127.0.0.1:5432/news?sslmode=disable", "postgres://newsgraph:xxxxx@127.0.0.1:5432/news?sslmode=disable"},
		{"postgres://newsgraph@127.0.0.1/news", "postgres://newsgraph@127.0.0.1/news"},
		{"postgresql://u@h/db?password=s3cret&sslmode=disable", "postgresql://u@h/db?password=xxxxx&sslmode=disable"},
		{"host=db user=u password=s3cret dbname=news", "host=db user=u password=xxxxx dbname=news"},
		{"postgres://u:s3cret@h:bad port/db", "postgres://u:xxxxx@h:bad port/db"},
		{"bolt:///var/lib/newsgraph.db", "bolt:///var/lib/newsgraph.db"},
		{"./newsgraph.db", "./newsgraph.db"},
		{"memory:", "memory:"},
	} {
		got := DSN(tc.in)
		if got != tc.want {
			t.Errorf("DSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.Contains(got, "s3cret") {
			t.Errorf("DSN(%q) keeps the password: %q", tc.in, got)
		}
	}
}
