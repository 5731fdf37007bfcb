package bootstrap_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// apiBase is the spec's basePath: every API route is mounted under it.
const apiBase = "/api/v1"

// Routes outside the API that are no operation of the spec: Swagger UI itself.
var undocumented = []string{"/swagger/*any"}

// TestEveryRouteIsInTheSpecAndEverySpecPathIsARoute compares the routes the
// composition root mounts with docs/swagger.json, both ways: a handler
// without swag annotations (or a spec entry of a route that is gone) fails,
// whatever module it is in. Operations outside the base path (/healthz,
// /readyz, /metrics) must be described in the spec's description.
func TestEveryRouteIsInTheSpecAndEverySpecPathIsARoute(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		BasePath string `json:"basePath"`
		Info     struct {
			Description string `json:"description"`
		} `json:"info"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.BasePath != apiBase {
		t.Fatalf("basePath %q, want %q", spec.BasePath, apiBase)
	}
	documented := map[string]bool{} // "GET /notifications/{id}"
	for path, ops := range spec.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}

	mounted := map[string]bool{}
	for _, r := range mountedRoutes(t) {
		switch {
		case strings.HasPrefix(r.Path, apiBase+"/"):
			key := routeKey(r)
			mounted[key] = true
			if !documented[key] {
				t.Errorf("route %s %s is not in docs/swagger.json: add swag annotations and run `make swagger`", r.Method, r.Path)
			}
		default:
			if !strings.Contains(spec.Info.Description, r.Method+" "+r.Path+" ") {
				t.Errorf("route %s %s (outside %s) is not described in the spec's description (main.go)", r.Method, r.Path, apiBase)
			}
		}
	}
	if len(mounted) < len(documented)/2 || !mounted["GET /notifications/stream"] {
		t.Fatalf("only %d API routes found: the engine's routes were not read", len(mounted))
	}
	for key := range documented {
		if !mounted[key] {
			t.Errorf("the spec documents %s, which no route serves", key)
		}
	}
}

// mountedRoutes are the routes a real server's composition root mounts,
// but for the undocumented ones (Swagger UI).
func mountedRoutes(t *testing.T) []gin.RouteInfo {
	t.Helper()
	s := testkit.NewServer(t)
	engine, ok := s.App.Handler().(*gin.Engine)
	if !ok {
		t.Fatalf("the handler is a %T, not the gin engine", s.App.Handler())
	}
	var out []gin.RouteInfo
	for _, r := range engine.Routes() {
		if !slices.Contains(undocumented, r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// routeKey names a route as the docs do: "GET /machines/{id}" for one under
// the API base (written without it), "GET /healthz" for one outside.
func routeKey(r gin.RouteInfo) string {
	if !strings.HasPrefix(r.Path, apiBase+"/") {
		return r.Method + " " + r.Path
	}
	return r.Method + " " + specPath(strings.TrimPrefix(r.Path, apiBase))
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// specPath writes a gin path in the spec's form: /machines/:id → /machines/{id}.
func specPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }
