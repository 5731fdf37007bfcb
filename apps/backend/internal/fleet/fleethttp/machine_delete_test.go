package fleethttp_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/workorder"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// TestDeletingAMachineRemovesEverythingOfIt: after the owner deletes a
// machine, none of its issues (and comments), work orders, documents or
// document files is left in the store or on disk, and the API finds none;
// another machine of the owner keeps all of its own. A second delete is 404.
func TestDeletingAMachineRemovesEverythingOfIt(t *testing.T) {
	s, owner, op, stranger, m, planID := workSetup(t)
	kept := createMachine(t, owner, "KEEP-1", 10)
	var page issuePage
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/issues", nil).Expect(t, http.StatusOK).JSON(t, &page)
	issueID := page.Items[0].ID
	owner.Do(t, "POST", "/api/v1/issues/"+issueID+"/comments", map[string]any{"body": "ordered hoses"}).Expect(t, http.StatusCreated)
	var wo workOrderBody
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", map[string]any{"title": "Fix hoses", "planId": planID,
		"issueIds": []string{issueID}, "lines": []map[string]any{{"kind": "PART", "description": "Hose", "quantity": 2,
			"unitCost": 1500, "currency": "EUR"}}}).Expect(t, http.StatusCreated).JSON(t, &wo)
	var keptIssue issueBody
	owner.Do(t, "POST", "/api/v1/machines/"+kept.ID+"/issues", map[string]any{"title": "Mirror", "severity": "LOW"}).
		Expect(t, http.StatusCreated).JSON(t, &keptIssue)
	var doc, keptDoc documentFileBody
	for _, d := range []struct {
		machineID string
		into      *documentFileBody
	}{{m.ID, &doc}, {kept.ID, &keptDoc}} {
		owner.Do(t, "POST", "/api/v1/machines/"+d.machineID+"/documents", map[string]any{"type": "INSURANCE", "expiresOn": day(100)}).
			Expect(t, http.StatusCreated).JSON(t, d.into)
		uploadFile(t, s, owner, "/api/v1/machines/"+d.machineID+"/documents/"+d.into.ID+"/file", "policy.pdf", "application/pdf", pdfBytes).
			Expect(t, http.StatusOK)
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 1 {
		t.Fatalf("before: files on disk %v", on)
	}

	op.Do(t, "DELETE", "/api/v1/machines/"+m.ID, nil).Expect(t, http.StatusForbidden)
	stranger.Do(t, "DELETE", "/api/v1/machines/"+m.ID, nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "DELETE", "/api/v1/machines/"+m.ID, nil).Expect(t, http.StatusNoContent)
	owner.Do(t, "DELETE", "/api/v1/machines/"+m.ID, nil).Expect(t, http.StatusNotFound)

	// The API finds nothing of it.
	owner.Do(t, "GET", "/api/v1/issues/"+issueID, nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "GET", "/api/v1/work-orders/"+wo.ID, nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/documents", nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/documents/"+doc.ID+"/file", nil).Expect(t, http.StatusNotFound)
	var fleetIssues issuePage
	owner.Do(t, "GET", "/api/v1/issues", nil).Expect(t, http.StatusOK).JSON(t, &fleetIssues)
	if len(fleetIssues.Items) != 1 || fleetIssues.Items[0].ID != keptIssue.ID {
		t.Fatalf("the fleet's issues %+v, want only the other machine's", fleetIssues)
	}

	// Nor is anything left in the store or on disk, read as the store sees it.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, s.Config.SQLitePath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	issues := sqlite.NewIssueRepository(db)
	if got, err := issues.List(ctx, issue.ListQuery{MachineIDs: []string{m.ID}, Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("issues left: %d %v", len(got), err)
	}
	if cs, err := issues.Comments(ctx, issueID, 10); err != nil || len(cs) != 0 {
		t.Fatalf("comments left: %v %v", cs, err)
	}
	if got, err := sqlite.NewWorkOrderRepository(db).List(ctx, workorder.ListQuery{MachineIDs: []string{m.ID}, Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("work orders left: %d %v", len(got), err)
	}
	docs := sqlite.NewDocumentRepository(db)
	if got, err := docs.ByMachine(ctx, m.ID); err != nil || len(got) != 0 {
		t.Fatalf("documents left: %d %v", len(got), err)
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 0 {
		t.Fatalf("files left on disk: %v", on)
	}
	// The other machine keeps its own.
	if got, _ := docs.ByMachine(ctx, kept.ID); len(got) != 1 {
		t.Fatalf("the other machine's documents: %d", len(got))
	}
	if on := filesOnDisk(t, s, kept.ID); len(on) != 1 {
		t.Fatalf("the other machine's files: %v", on)
	}
	owner.Do(t, "GET", "/api/v1/machines/"+kept.ID+"/documents/"+keptDoc.ID+"/file", nil).Expect(t, http.StatusOK)
}
