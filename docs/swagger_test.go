package docs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/swaggo/swag"
	"github.com/swaggo/swag/gen"
)

// TestSpecMatchesAnnotations regenerates the spec from the handlers' swag
// annotations, exactly as `make swagger` does (with --requiredByDefault), and
// fails when the committed docs/swagger.json differs: run `make swagger` and
// commit the result.
func TestSpecMatchesAnnotations(t *testing.T) {
	out := t.TempDir()
	err := gen.New().Build(&gen.Config{
		SearchDir:           "../apps/backend/cmd/fleetman,../apps/backend/internal",
		MainAPIFile:         "main.go",
		PropNamingStrategy:  swag.CamelCase,
		OutputDir:           out,
		OutputTypes:         []string{"json"},
		ParseDepth:          100,
		ParseInternal:       true,
		RequiredByDefault:   true,
		ParseGoList:         true,
		LeftTemplateDelim:   "{{",
		RightTemplateDelim:  "}}",
		CollectionFormat:    "csv",
		Debugger:            quiet{},
		OverridesFile:       ".swaggo",
		CodeExampleFilesDir: "",
	})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	fresh, err := os.ReadFile(filepath.Join(out, "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("swagger.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(fresh), bytes.TrimSpace(committed)) {
		t.Fatal("docs/swagger.json is stale: run `make swagger` and commit docs/")
	}
	if !bytes.Contains(committed, []byte(`"BearerAuth"`)) {
		t.Fatal("the spec lacks the BearerAuth security definition")
	}
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}
