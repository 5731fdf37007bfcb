package fleetapp

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// TestDocumentRemindersGoOutOncePerThreshold walks the clock towards a
// document's expiry: each of 30, 7 and 0 days sends one reminder, however
// many runs (and runners) look, and the expiry day's is EXPIRED and HIGH.
func TestDocumentRemindersGoOutOncePerThreshold(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	owner := f.user(t, "Owner")
	m := f.machine(t, owner, 10)
	newJob := func() *CheckDocumentExpiryHandler {
		return NewCheckDocumentExpiryHandler(sqlite.NewDocumentRepository(f.db), sqlite.NewMachineRepository(f.db), f.notifier, f.clock,
			slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	}
	job, other := newJob(), newJob()
	job.pageSize = 1 // every walk crosses pages
	docs := NewDocumentDeps(f.machines, sqlite.NewDocumentRepository(f.db), nil, nil, f.clock, nil)
	expires := t0.AddDate(0, 0, 39).Format(document.DateLayout)
	d, err := NewAddDocumentHandler(docs).Handle(ctx, AddDocument{UserID: owner, MachineID: m.ID(), Draft: document.Draft{Type: document.TypeInsurance, ExpiresOn: expires}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewAddDocumentHandler(docs).Handle(ctx, AddDocument{UserID: owner, MachineID: m.ID(), Draft: document.Draft{Type: document.TypeRegistration,
		ExpiresOn: t0.AddDate(1, 0, 0).Format(document.DateLayout)}}); err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		days     int // days to advance before the runs
		sent     int // reminders expected in total after the runs
		status   string
		priority string
	}{
		{0, 0, "", ""},
		{9, 1, "DUE_SOON", "NORMAL"},  // 30 days left
		{10, 1, "", ""},               // 20 left: still the 30-day threshold
		{13, 2, "DUE_SOON", "NORMAL"}, // 7 left
		{7, 3, "EXPIRED", "HIGH"},     // the day itself
		{5, 3, "", ""},                // after it
	}
	for i, s := range steps {
		f.clock.Advance(time.Duration(s.days) * 24 * time.Hour)
		for _, j := range []*CheckDocumentExpiryHandler{job, other, job} {
			if _, err := j.Handle(ctx, CheckDocumentExpiry{}); err != nil {
				t.Fatal(err)
			}
		}
		sent := f.notifier.all()
		if len(sent) != s.sent {
			t.Fatalf("step %d: %d reminders, want %d", i, len(sent), s.sent)
		}
		if s.status == "" {
			continue
		}
		last := sent[len(sent)-1]
		if last.UserID != owner || last.Metadata["documentId"] != d.ID() || last.Metadata["status"] != s.status ||
			string(last.Priority) != s.priority {
			t.Fatalf("step %d: reminder %+v, want %s %s", i, last, s.status, s.priority)
		}
	}
}
