package diskfiles

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/repotest"
)

func TestDocumentFileStore(t *testing.T) {
	repotest.DocumentFiles(t, func(t *testing.T) document.FileStore {
		s, err := New(filepath.Join(t.TempDir(), "documents"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestKeysNeverLeaveTheFolder: a key that is not an id names no path.
func TestKeysNeverLeaveTheFolder(t *testing.T) {
	root := t.TempDir()
	s, err := New(filepath.Join(root, "documents"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range [][2]string{{"..", "x"}, {"../../etc", "passwd"}, {"0123456789abcdef0123456789abcdef", "../escape"}} {
		if p, err := s.path(k[0], k[1]); err == nil {
			t.Errorf("%v: path %s", k, p)
		}
	}
	if err := s.DeleteByMachine(t.Context(), ".."); err == nil {
		t.Error("DeleteByMachine(..) answered no error")
	}
	if _, err := os.Stat(root); err != nil {
		t.Fatalf("the parent folder: %v", err)
	}
}
