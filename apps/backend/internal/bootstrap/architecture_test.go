package bootstrap_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/fleetman/fleetman/"

// TestDependenciesPointOneWay keeps the layers of docs/DEVELOPING.md (Rules the tests enforce): the domain imports
// the standard library and itself only; persistence never imports the apps;
// use cases (internal/<module>/<module>app) never import gin, HTTP, a driver,
// an HTTP adapter (internal/<module>/<module>http), the hub or the bus.
func TestDependenciesPointOneWay(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}|{{join .Imports " "}}`,
		module+"packages/...", module+"apps/backend/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	forbiddenInUseCases := []string{"github.com/gin-gonic/", "net/http", "go.mongodb.org/", "modernc.org/",
		"github.com/redis/", "database/sql", module + "packages/persistence", "/hub", "/bus"}
	checked := 0
	useCases := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, importList, _ := strings.Cut(line, "|")
		for _, imp := range strings.Fields(importList) {
			switch {
			case strings.HasPrefix(pkg, module+"packages/domain"):
				checked++
				if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") && !strings.HasPrefix(imp, module+"packages/domain") {
					t.Errorf("%s imports %s: the domain depends on the standard library only", pkg, imp)
				}
			case strings.HasPrefix(pkg, module+"packages/"):
				if strings.HasPrefix(imp, module+"apps/") {
					t.Errorf("%s imports %s: persistence must not depend on the apps", pkg, imp)
				}
			case isModulePackage(pkg, "app"):
				checked++
				useCases[pkg] = true
				for _, bad := range forbiddenInUseCases {
					if strings.HasPrefix(imp, bad) || (strings.HasPrefix(bad, "/") && strings.HasPrefix(imp, module) && strings.HasSuffix(imp, bad)) {
						t.Errorf("%s imports %s: use cases depend on ports only", pkg, imp)
					}
				}
				if isModulePackage(imp, "http") {
					t.Errorf("%s imports %s: use cases depend on ports only", pkg, imp)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no package was checked: the go list pattern is wrong")
	}
	for _, m := range []string{"account", "contacts", "fleet", "messaging", "notification"} {
		if pkg := module + "apps/backend/internal/" + m + "/" + m + "app"; !useCases[pkg] {
			t.Errorf("%s was not checked: the use-case package naming rule is wrong", pkg)
		}
	}
}

// isModulePackage reports whether pkg is a module's package of the given
// kind: apps/backend/internal/<module>/<module><kind>, e.g. fleet/fleetapp.
func isModulePackage(pkg, kind string) bool {
	rest, ok := strings.CutPrefix(pkg, module+"apps/backend/internal/")
	if !ok {
		return false
	}
	mod, name, ok := strings.Cut(rest, "/")
	return ok && name == mod+kind
}
