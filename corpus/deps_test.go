package corpus

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps corpus at the bottom of the layering: it may use the
// standard library and its readers' libraries, never the project's other
// packages, the graph store or the NLP model.
func TestDeps(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found (%v); skipping", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	forbidden := []string{
		"github.com/newsgraph/newsgraph/extract", "github.com/newsgraph/newsgraph/graph",
		"github.com/newsgraph/newsgraph/queries", "github.com/newsgraph/newsgraph/server",
		"github.com/newsgraph/newsgraph/cmd", "github.com/cayleygraph/", "github.com/jdkato/prose",
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if strings.HasPrefix(dep, f) {
				t.Errorf("corpus depends on %s", dep)
			}
		}
	}
}
