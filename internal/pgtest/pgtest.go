// Package pgtest gives tests their own PostgreSQL databases on the server
// named by the NEWSGRAPH_TEST_POSTGRES environment variable.
//
// Without the variable the tests that need PostgreSQL are skipped with a
// message saying how to run them, except under CI (CI=true), where they
// fail: CI must run them. A server that is named but unreachable fails the
// test everywhere.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/newsgraph/newsgraph/internal/redact"
)

// EnvVar names the environment variable holding the server's URL, e.g.
// postgres://newsgraph@127.0.0.1:5432/postgres?sslmode=disable. Its user
// must be allowed to create databases.
const EnvVar = "NEWSGRAPH_TEST_POSTGRES"

// Server returns the URL of the test server after checking that it
// answers. It skips t when EnvVar is unset, unless CI is "true".
func Server(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(EnvVar)
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests (.ci/run starts a server)", EnvVar)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://USER@127.0.0.1:PORT/postgres?sslmode=disable (README, PostgreSQL)", EnvVar)
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("PostgreSQL at %s (%s) is not reachable: %v", redacted(dsn), EnvVar, err)
	}
	return dsn
}

// NewDSN returns the URL of a database that does not exist yet on the
// test server; whatever creates it, the database is dropped when the test
// ends.
func NewDSN(t testing.TB) string {
	t.Helper()
	base := Server(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	name := "ngtest_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		db, err := sql.Open("postgres", base)
		if err != nil {
			t.Errorf("drop test database: %v", err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// NewDatabase creates an empty database on the test server and returns
// its URL; it is dropped when the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	dsn := NewDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", Server(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + pq.QuoteIdentifier(u.Path[1:])); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return dsn
}

func redacted(dsn string) string { return redact.DSN(dsn) }
