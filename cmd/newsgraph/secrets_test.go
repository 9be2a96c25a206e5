package main

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pgtest"
)

const testPassword = "s3cret-pw"

// TestSecrets_neverPrinted runs every command that names its store in a
// message with a store URL that holds a password: none prints it.
func TestSecrets_neverPrinted(t *testing.T) {
	dir := t.TempDir()
	writeArticles(t, dir, 1, 7)
	urls := []string{
		// nothing listens on port 1
		"postgres://newsgraph:" + testPassword + "@127.0.0.1:1/news?sslmode=disable",
		"postgres://newsgraph@127.0.0.1:1/news?sslmode=disable&password=" + testPassword,
		"postgres://newsgraph:" + testPassword + "@127.0.0.1:bad port/news",
		"postgresql://newsgraph:" + testPassword + "@127.0.0.1:1/",
	}
	if pg := os.Getenv(pgtest.EnvVar); pg != "" {
		// a server that is there, a database that is not: the "load
		// articles first" hint
		u, err := url.Parse(pg)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(u.User.Username(), testPassword)
		u.Path = "/no_such_database_here"
		urls = append(urls, u.String())
	}
	for _, db := range urls {
		for _, args := range [][]string{
			{"quotes", "--db", db},
			{"entities", "--db", db},
			{"breaches", "--db", db},
			{"explain", "--db", db, "person/rick-prior"},
			{"export", "--db", db},
			{"load", "--db", db, dir},
			{"serve", "--db", db, "--addr", "127.0.0.1:0"},
		} {
			r := newsgraph(t, "", args...)
			if r.code == 0 {
				t.Errorf("%s with %s: exit 0", args[0], db)
			}
			if strings.Contains(r.stdout+r.stderr, testPassword) {
				t.Errorf("%s printed the password:\nstdout: %s\nstderr: %s", args[0], r.stdout, r.stderr)
			}
		}
	}
}

// TestSecrets_storeName checks the name a PostgreSQL store gives itself
// (the serve banner and every store message use it) has no password.
func TestSecrets_storeName(t *testing.T) {
	u, err := url.Parse(pgtest.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), testPassword)
	s, err := graph.Open(context.Background(), u.String(), graph.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	if strings.Contains(s.DSN(), testPassword) {
		t.Errorf("store name %q holds the password", s.DSN())
	}
}
