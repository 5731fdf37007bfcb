package bootstrap_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// apiDocRow is a route row of docs/api.md's tables: | GET | `/notifications` | …
var apiDocRow = regexp.MustCompile("(?m)^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|")

// TestEveryRouteIsInTheAPIDoc fails when a mounted route has no row in
// docs/api.md (paths under the API base are written without it, in the
// spec's {param} form; the operations outside it as mounted).
func TestEveryRouteIsInTheAPIDoc(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, m := range apiDocRow.FindAllStringSubmatch(string(raw), -1) {
		named[m[1]+" "+m[2]] = true
	}
	checked := 0
	for _, r := range mountedRoutes(t) {
		key := routeKey(r)
		checked++
		if !named[key] {
			t.Errorf("route %s %s has no row in docs/api.md (| %s |)", r.Method, r.Path, strings.ReplaceAll(key, " ", " | `")+"`")
		}
	}
	if checked < 20 {
		t.Fatalf("only %d routes checked: the engine's routes were not read", checked)
	}
}
