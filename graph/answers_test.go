package graph_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// TestAnswers checks, on every backend that keeps answers, that a stored
// answer is read back whole and in parts for its stamp only, and that an
// answer open for reading stays whole while a writer replaces it, and that
// pruning removes only the answers not kept.
func TestAnswers(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.Setup != nil {
				b.Setup(t)
			}
			s := b.Open(t, b.NewDSN(t), graph.Options{Create: true})
			if _, err := s.Load(ctx, graphtest.FixtureDocs()); err != nil {
				t.Fatal(err)
			}
			stamp, ok, err := s.AnswerStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if b.Persistent {
					t.Fatalf("%s keeps no answers", b.name)
				}
				return // memory: nothing to keep answers beside
			}
			body := []byte("0123456789abcdef")
			if err := s.WriteAnswer(ctx, "test.v1", stamp, body); err != nil {
				t.Fatal(err)
			}
			if got, hit, err := s.ReadAnswer(ctx, "test.v1", stamp); err != nil || !hit || string(got) != string(body) {
				t.Fatalf("ReadAnswer = %q, %v, %v; want %q", got, hit, err, body)
			}
			for _, name := range []string{"test.v2", "other"} {
				if _, hit, err := s.ReadAnswer(ctx, name, stamp); err != nil || hit {
					t.Errorf("ReadAnswer(%q) = %v, %v; want no answer", name, hit, err)
				}
			}
			if _, hit, err := s.OpenAnswer(ctx, "test.v1", stamp+"0"); err != nil || hit {
				t.Errorf("OpenAnswer with another state's stamp = %v, %v; want no answer", hit, err)
			}

			a, hit, err := s.OpenAnswer(ctx, "test.v1", stamp)
			if err != nil || !hit {
				t.Fatalf("OpenAnswer = %v, %v", hit, err)
			}
			defer a.Close()
			if a.Size() != int64(len(body)) {
				t.Errorf("Size = %d, want %d", a.Size(), len(body))
			}
			if err := s.WriteAnswer(ctx, "test.v1", stamp, []byte("replaced")); err != nil {
				t.Fatal(err)
			}
			part := make([]byte, 4)
			if _, err := a.ReadAt(part, 10); err != nil || string(part) != "abcd" {
				t.Errorf("ReadAt(10) after a writer replaced the answer = %q, %v; want abcd", part, err)
			}
			if got, _, err := s.ReadAnswer(ctx, "test.v1", stamp); err != nil || string(got) != "replaced" {
				t.Errorf("ReadAnswer after the replacement = %q, %v", got, err)
			}
			if _, err := a.ReadAt(part, 14); err == nil {
				t.Errorf("ReadAt past the end gave no error")
			}

			// Pruning keeps the answers named, removes the others.
			if err := s.WriteAnswer(ctx, "test.v0", stamp, body); err != nil {
				t.Fatal(err)
			}
			if err := s.PruneAnswers(ctx, []string{"test.v1"}); err != nil {
				t.Fatal(err)
			}
			if _, hit, err := s.ReadAnswer(ctx, "test.v0", stamp); err != nil || hit {
				t.Errorf("answer test.v0 after pruning: %v, %v; want none", hit, err)
			}
			if _, hit, err := s.ReadAnswer(ctx, "test.v1", stamp); err != nil || !hit {
				t.Errorf("answer test.v1 after pruning: %v, %v; want kept", hit, err)
			}

		})
	}
}
