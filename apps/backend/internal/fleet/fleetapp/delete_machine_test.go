package fleetapp

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/persistence/diskfiles"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// flakyDependents fails its first DeleteByMachine, as a store that cannot answer would.
type flakyDependents struct {
	MachineDependents
	failed bool
}

func (f *flakyDependents) DeleteByMachine(ctx context.Context, machineID string) error {
	if !f.failed {
		f.failed = true
		return errStoreDown
	}
	return f.MachineDependents.DeleteByMachine(ctx, machineID)
}

// TestDeleteMachineFinishesWhenRetried: a delete that fails half-way (here at
// the document files) leaves the machine in place, so the owner still sees it
// and sending the delete again finishes the work: nothing of it is left.
func TestDeleteMachineFinishesWhenRetried(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	owner := f.user(t, "Owner")
	m := f.machine(t, owner, 10)
	issues, docsRepo := sqlite.NewIssueRepository(f.db), sqlite.NewDocumentRepository(f.db)
	root := filepath.Join(t.TempDir(), "documents")
	files, err := diskfiles.New(root)
	if err != nil {
		t.Fatal(err)
	}
	flaky := &flakyDependents{MachineDependents: files}
	f.machines.CascadeDeleteTo(MachineCascade{WorkOrders: sqlite.NewWorkOrderRepository(f.db), Issues: issues,
		Documents: docsRepo, DocumentFiles: flaky})
	iss := NewIssueUseCases(f.machines, issues, f.notifier, f.clock, nil)
	if _, err := iss.Open.Handle(ctx, OpenIssue{UserID: owner, MachineID: m.ID(),
		Spec: issue.Spec{Title: "Mirror", Severity: issue.SeverityLow}}); err != nil {
		t.Fatal(err)
	}
	docs := NewDocumentDeps(f.machines, docsRepo, files, nil, f.clock, nil)
	d, err := NewAddDocumentHandler(docs).Handle(ctx, AddDocument{UserID: owner, MachineID: m.ID(), Draft: document.Draft{Type: document.TypeInsurance, ExpiresOn: "2030-01-01"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewAttachDocumentFileHandler(docs).Handle(ctx, AttachDocumentFile{UserID: owner, MachineID: m.ID(), DocumentID: d.ID(), Upload: FileUpload{Name: "a.txt", Content: strings.NewReader("policy")}}); err != nil {
		t.Fatal(err)
	}

	if _, err := os.Stat(filepath.Join(root, m.ID())); err != nil {
		t.Fatalf("the file is not on disk: %v", err)
	}

	if err := NewDeleteMachineHandler(f.machines).Handle(ctx, DeleteMachine{UserID: owner, MachineID: m.ID()}); !errors.Is(err, errStoreDown) {
		t.Fatalf("first delete: %v, want the store's error", err)
	}
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: owner, MachineID: m.ID()}); err != nil {
		t.Fatalf("after a failed delete the machine is gone: %v", err)
	}
	if err := NewDeleteMachineHandler(f.machines).Handle(ctx, DeleteMachine{UserID: owner, MachineID: m.ID()}); err != nil {
		t.Fatalf("retried delete: %v", err)
	}
	if got, _ := issues.List(ctx, issue.ListQuery{MachineIDs: []string{m.ID()}, Limit: 10}); len(got) != 0 {
		t.Fatalf("issues left: %d", len(got))
	}
	if got, _ := docsRepo.ByMachine(ctx, m.ID()); len(got) != 0 {
		t.Fatalf("documents left: %d", len(got))
	}
	if _, err := os.Stat(filepath.Join(root, m.ID())); !os.IsNotExist(err) {
		t.Fatalf("the machine's files are still on disk: %v", err)
	}
	if _, err := NewGetMachineHandler(f.machines).Handle(ctx, GetMachine{UserID: owner, MachineID: m.ID()}); !errors.Is(err, machine.ErrNotFound) {
		t.Fatalf("the machine after the retried delete: %v", err)
	}
}
