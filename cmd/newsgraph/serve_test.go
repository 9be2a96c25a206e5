package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/queries"
)

// freeAddr returns a local address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	if r := newsgraph(t, "", "load", "--db", db, copyCorpus(t)); r.code != exitOK {
		t.Fatalf("load: %d %s", r.code, r.stderr)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"newsgraph", "serve", "--db", db, "--addr", addr}, io.Discard, &stderr)
	}()
	var resp *http.Response
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err = http.Get("http://" + addr + "/api/quotes"); err == nil {
			break
		}
	}
	if err != nil {
		cancel()
		t.Fatalf("server did not answer: %v (stderr %s)", err, stderr.String())
	}
	var rows []queries.QuoteRow
	if err := json.NewDecoder(resp.Body).Decode(&rows); err != nil {
		t.Errorf("/api/quotes: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || len(rows) == 0 {
		t.Errorf("/api/quotes: status %d, %d rows", resp.StatusCode, len(rows))
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exit %d after shutdown; stderr %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}
