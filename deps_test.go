package newsgraph_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/newsgraph/newsgraph"

// mayImport lists, for each package, the newsgraph packages it may import
// directly (the layering of DEVELOPERS.md: cmd -> server, queries -> graph
// -> extract -> corpus), internal packages each at their own level: the
// leaves (relit, learn, fastprose, redact, membudget, eval) under
// everything, the helpers that build corpora and results (synth,
// testutil, polnear) beside extract's users, benchrun under the command;
// graph/graphtest, the store conformance suite that the stores' tests
// run, above queries, whose answers it compares across stores.
var mayImport = map[string][]string{
	"internal/relit":     {},
	"internal/learn":     {},
	"internal/fastprose": {},
	"internal/redact":    {},
	"internal/membudget": {},
	"internal/eval":      {},
	"internal/pgtest":    {"internal/redact"},
	"corpus":             {"internal/relit"},
	"extract":            {"corpus", "internal/fastprose", "internal/learn", "internal/relit"},
	"internal/polnear":   {"corpus"},
	"internal/synth":     {"extract", "corpus"},
	"internal/testutil":  {"extract", "corpus"},
	"graph":              {"extract", "corpus", "internal/redact"},
	"queries":            {"graph"},
	"graph/graphtest":    {"graph", "queries", "extract", "corpus", "internal/synth", "internal/testutil"},
	"server":             {"queries", "graph", "corpus", "internal/membudget"},
	"ingest":             {"graph", "extract", "corpus"},
	"internal/benchrun":  {"ingest", "queries", "graph", "extract", "corpus", "internal/synth"},
	"cmd/newsgraph": {"server", "ingest", "queries", "graph", "extract", "corpus",
		"internal/benchrun", "internal/eval", "internal/membudget", "internal/redact", "internal/polnear"},
	"cmd/train": {"extract", "corpus", "internal/learn", "internal/polnear"},
}

// mustNotDependOn lists, for each package, import path prefixes it must not
// depend on even indirectly.
var mustNotDependOn = map[string][]string{
	"corpus":  {module + "/extract", module + "/graph", "github.com/cayleygraph/", "github.com/jdkato/prose"},
	"extract": {module + "/graph", module + "/queries", module + "/server", "github.com/cayleygraph/"},
	"graph":   {module + "/queries", module + "/server", module + "/ingest", "github.com/cayleygraph/cayley/server"},
	"ingest":  {module + "/queries", module + "/server"},
	"queries": {module + "/server"},
}

// goList runs go list with a template over the module's packages.
func goList(t *testing.T, format string, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-f", format}, args...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestImports(t *testing.T) {
	for _, line := range goList(t, "{{.ImportPath}} {{join .Imports \" \"}}", "./...") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		if pkg == "" {
			continue
		}
		allowed, ok := mayImport[pkg]
		if !ok {
			t.Errorf("package %s is not in the layering table of deps_test.go", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			dep, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			if !contains(allowed, dep) {
				t.Errorf("%s imports %s; it may import only %v", pkg, dep, allowed)
			}
		}
	}
}

func TestDeps(t *testing.T) {
	for pkg, banned := range mustNotDependOn {
		for _, dep := range goList(t, "{{.ImportPath}}", "-deps", "./"+pkg) {
			for _, b := range banned {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
