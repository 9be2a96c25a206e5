package eval_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/eval"
	"github.com/newsgraph/newsgraph/internal/testutil"
)

// answerSets builds answers of several qualities from a gold file: perfect,
// empty, and with typical mistakes (wrong speakers, fragments, junk and
// split entities, wrong breach facts).
func answerSets(g eval.Gold) map[string]eval.Answers {
	var perfect, flawed eval.Answers
	for i, q := range g.Quotes {
		sp := q.Speaker
		if sp == "" && len(q.Speakers) > 0 {
			sp = q.Speakers[0]
		}
		victim := ""
		for _, b := range g.Breaches {
			if b.ID == q.Breach {
				victim = b.Victim
			}
		}
		perfect.Quotes = append(perfect.Quotes, eval.Quote{Article: q.Article, Speaker: sp, Text: q.Text, BreachVictim: victim})
		switch i % 4 {
		case 0: // wrong speaker
			flawed.Quotes = append(flawed.Quotes, eval.Quote{Article: q.Article, Speaker: "Somebody Else", Text: q.Text})
		case 1: // half the words, speaker given by alias
			w := strings.Fields(q.Text)
			flawed.Quotes = append(flawed.Quotes, eval.Quote{Article: q.Article, Speaker: "x",
				SpeakerAliases: []string{strings.ToUpper(sp)}, Text: strings.Join(w[:len(w)/2+1], " ")})
		case 2: // right, with a breach victim that is wrong
			flawed.Quotes = append(flawed.Quotes, eval.Quote{Article: q.Article, Speaker: sp, Text: "“" + q.Text + "”", BreachVictim: "Nobody’s Office"})
		}
	}
	flawed.Quotes = append(flawed.Quotes, eval.Quote{Article: g.Articles[0], Speaker: "Junk", Text: "words nobody said"})
	for i, e := range g.Entities {
		var roles []eval.Role
		for _, r := range g.Roles {
			if r.Person == e.Name {
				roles = append(roles, eval.Role{Title: r.Title, Org: r.Org})
			}
		}
		perfect.Entities = append(perfect.Entities, eval.Entity{Name: e.Name, Type: e.Type, Aliases: e.Aliases, Roles: roles})
		if i%3 == 0 {
			continue
		}
		en := eval.Entity{Name: e.Name, Type: e.Type}
		if len(roles) > 0 {
			en.Roles = []eval.Role{{Title: "former " + roles[0].Title, Org: strings.ToLower(roles[0].Org)}}
		}
		flawed.Entities = append(flawed.Entities, en)
		if len(e.Aliases) > 0 {
			flawed.Entities = append(flawed.Entities, eval.Entity{Name: e.Aliases[0], Type: e.Type})
		}
	}
	for _, n := range g.NotEntities {
		flawed.Entities = append(flawed.Entities, eval.Entity{Name: n, Type: "person"})
	}
	for i, b := range g.Breaches {
		var aff []json.RawMessage
		for _, n := range b.Affected {
			aff = append(aff, json.RawMessage(strings.TrimSpace(string(mustJSON(n)))))
		}
		perfect.Breaches = append(perfect.Breaches, eval.Breach{Victim: b.Victim, Exposed: b.Exposed, Affected: aff, ReportedTo: b.ReportedTo})
		fb := eval.Breach{Victim: b.Victim, Affected: []json.RawMessage{json.RawMessage(`"12"`), json.RawMessage(`1.5`), json.RawMessage(`null`)}}
		if i%2 == 0 && len(b.Exposed) > 0 {
			fb.Exposed = []string{b.Exposed[0] + "s", "other data"}
			fb.ReportedTo = b.ReportedTo[:len(b.ReportedTo)/2]
		}
		flawed.Breaches = append(flawed.Breaches, fb)
	}
	return map[string]eval.Answers{"perfect": perfect, "empty": {}, "flawed": flawed}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := os.WriteFile(path, mustJSON(v), 0o644); err != nil {
		t.Fatal(err)
	}
}

// scorePy runs the shared score.py on answers and returns its output.
func scorePy(t *testing.T, script, goldPath string, a eval.Answers) string {
	t.Helper()
	dir := t.TempDir()
	files := []string{goldPath}
	for name, v := range map[string]any{"q.json": nonNil(a.Quotes), "e.json": nonNil(a.Entities), "b.json": nonNil(a.Breaches)} {
		writeJSON(t, filepath.Join(dir, name), v)
	}
	files = append(files, filepath.Join(dir, "q.json"), filepath.Join(dir, "e.json"), filepath.Join(dir, "b.json"))
	out, err := exec.Command("python3", append([]string{script}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, out)
	}
	return string(out)
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// TestScore_sameAsScorePy checks that Score prints exactly what the shared
// score.py prints, on the shared gold file and on this package's own.
func TestScore_sameAsScorePy(t *testing.T) {
	script := "../../../shared/eval/score.py"
	if _, err := os.Stat(script); err != nil {
		t.Skipf("skipping: %s not found (the shared eval folder is not beside the repository)", script)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("skipping: python3 not installed")
	}
	golds := []string{"testdata/gold.json", "../../../shared/eval/met-breach.gold.json"}
	for _, gp := range golds {
		g, err := eval.ReadGold(gp)
		if err != nil {
			if os.IsNotExist(err) || strings.Contains(err.Error(), "no such file") {
				t.Logf("skipping %s: not found", gp)
				continue
			}
			t.Fatal(err)
		}
		for name, a := range answerSets(g) {
			t.Run(filepath.Base(gp)+"/"+name, func(t *testing.T) {
				want := scorePy(t, script, gp, a)
				if got := eval.Score(g, a).String(); got != want {
					t.Errorf("Score differs from score.py\n--- Go:\n%s--- Python:\n%s", got, want)
				}
			})
		}
	}
}

// TestScore checks the report on this package's own small gold file.
func TestScore(t *testing.T) {
	g, err := eval.ReadGold("testdata/gold.json")
	if err != nil {
		t.Fatal(err)
	}
	sets := answerSets(g)
	perfect := eval.Score(g, sets["perfect"])
	if perfect.QuoteF1 != 1 || perfect.EntityRecall != 1 || perfect.Roles != 1 || perfect.BreachFacts != 1 || perfect.About != 1 {
		t.Errorf("perfect answers scored %+v", perfect)
	}
	empty := eval.Score(g, sets["empty"])
	if empty.QuoteF1 != 0 || empty.EntityRecall != 0 {
		t.Errorf("empty answers scored %+v", empty)
	}
	for _, name := range []string{"perfect", "empty", "flawed"} {
		testutil.Golden(t, "testdata/gold."+name+".txt", []byte(eval.Score(g, sets[name]).String()))
	}
}

func TestNorm(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"The Met’s “vetting”  levels!", "the met's vetting levels"},
		{"ﬁle No.１", "file no 1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := eval.Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
