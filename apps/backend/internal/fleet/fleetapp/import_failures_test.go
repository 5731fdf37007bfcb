package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// failingRows fails WriteRows when fail says so, moving the clock past the
// lease so that the runner's next claim finds the job abandoned at once.
type failingRows struct {
	importjob.RowRepository
	clock *fakeClock
	lease time.Duration
	mu    sync.Mutex
	calls int
	fail  func(call int) bool
}

func (r *failingRows) WriteRows(ctx context.Context, rows []importjob.Row) ([]importjob.Written, error) {
	r.mu.Lock()
	r.calls++
	fail := r.fail(r.calls)
	r.mu.Unlock()
	if fail {
		r.clock.Advance(2 * r.lease)
		return nil, errStoreDown
	}
	return r.RowRepository.WriteRows(ctx, rows)
}

func (r *failingRows) count() int { r.mu.Lock(); defer r.mu.Unlock(); return r.calls }

// failingSaves refuses to save a running job that advanced (the progress),
// never the start or the end.
type failingSaves struct {
	importjob.Repository
	clock *fakeClock
	lease time.Duration
	mu    sync.Mutex
	fails int
}

func (r *failingSaves) Save(ctx context.Context, j importjob.Job) error {
	if j.Status() == importjob.StatusRunning && j.Counts().Processed > 0 {
		r.mu.Lock()
		r.fails++
		r.mu.Unlock()
		r.clock.Advance(2 * r.lease)
		return errStoreDown
	}
	return r.Repository.Save(ctx, j)
}

func csvOfMachines(n int) []byte {
	var b strings.Builder
	b.WriteString(importHeader)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "F-%d,Machine %d,,,,%d,,,,,,\n", i, i, i)
	}
	return []byte(b.String())
}

// importNotices returns the IMPORT_FINISHED drafts of the job.
func (f *fixture) importNotices(id string) []notification.Draft {
	var out []notification.Draft
	for _, d := range f.notifier.all() {
		if d.Type == notification.TypeImportFinished && d.Metadata["importId"] == id {
			out = append(out, d)
		}
	}
	return out
}

func TestAnImportWhoseStoreKeepsFailingIsMarkedFailedAfterMaxAttempts(t *testing.T) {
	const lease, maxAttempts = time.Minute, 3
	for _, c := range []struct {
		name, step string
		build      func(f *fixture) (importjob.Repository, importjob.RowRepository, func() int)
	}{
		{"rows not written", "storing the rows", func(f *fixture) (importjob.Repository, importjob.RowRepository, func() int) {
			rows := &failingRows{RowRepository: sqlite.NewImportRowRepository(f.db), clock: f.clock, lease: lease,
				fail: func(int) bool { return true }}
			return sqlite.NewImportJobRepository(f.db), rows, rows.count
		}},
		{"progress not saved", "saving the progress", func(f *fixture) (importjob.Repository, importjob.RowRepository, func() int) {
			jobs := &failingSaves{Repository: sqlite.NewImportJobRepository(f.db), clock: f.clock, lease: lease}
			return jobs, sqlite.NewImportRowRepository(f.db), func() int { jobs.mu.Lock(); defer jobs.mu.Unlock(); return jobs.fails }
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			owner := f.user(t, "owner")
			jobs, rows, failures := c.build(f)
			ann := &fakeAnnouncer{}
			uc := NewImports(jobs, rows, f.machines, sqlite.NewMaintenanceRepository(f.db), f.notifier, ann, f.clock,
				slog.New(slog.NewTextHandler(io.Discard, nil)), ImportOptions{BatchSize: 4, Lease: lease, MaxAttempts: maxAttempts})
			j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: csvOfMachines(10)})
			if err != nil {
				t.Fatal(err)
			}
			j = runUntilFinished(t, uc, owner, j.ID())
			if j.Status() != importjob.StatusFailed || j.FinishedAt() == nil ||
				!strings.Contains(j.Reason(), "3 times in a row") || !strings.Contains(j.Reason(), c.step) {
				t.Fatalf("job %+v", j.Record())
			}
			if n := failures(); n != maxAttempts {
				t.Fatalf("the store failed %d times, want %d runs and no more", n, maxAttempts)
			}
			if fin := ann.of(EventImportFinished); len(fin) != 1 || fin[0].payload.(ImportEvent).Status != "FAILED" ||
				fin[0].payload.(ImportEvent).Reason != j.Reason() {
				t.Fatalf("import.finished %+v", fin)
			}
			if ds := f.importNotices(j.ID()); len(ds) != 1 || ds[0].Title != "notification.importFailed.title" ||
				ds[0].Priority != notification.PriorityHigh || ds[0].Metadata["reason"] != j.Reason() {
				t.Fatalf("notification %+v", ds)
			}
			if _, err := jobs.File(ctx, j.ID()); !errors.Is(err, importjob.ErrNotFound) {
				t.Fatalf("the failed job's file is kept: %v", err)
			}
			// Nothing claims it again.
			f.clock.Advance(time.Hour)
			if _, ok, err := jobs.Claim(ctx, "later", f.clock.Now().Add(-lease), f.clock.Now()); err != nil || ok {
				t.Fatalf("a failed job was claimed again: %v %v", ok, err)
			}
		})
	}
}

func TestAnImportThatMovesOnBetweenFailuresIsNotCapped(t *testing.T) {
	const lease = time.Minute
	f := newFixture(t)
	owner := f.user(t, "owner")
	// Every batch fails once before it is written: 5 failures, more than
	// MaxAttempts, but each run saves a batch, so the job completes.
	rows := &failingRows{RowRepository: sqlite.NewImportRowRepository(f.db), clock: f.clock, lease: lease,
		fail: func(call int) bool { return call%2 == 1 }}
	uc := NewImports(sqlite.NewImportJobRepository(f.db), rows, f.machines, sqlite.NewMaintenanceRepository(f.db), f.notifier, nil, f.clock,
		slog.New(slog.NewTextHandler(io.Discard, nil)), ImportOptions{BatchSize: 2, Lease: lease, MaxAttempts: 2})
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: csvOfMachines(10)})
	if err != nil {
		t.Fatal(err)
	}
	j = runUntilFinished(t, uc, owner, j.ID())
	if j.Status() != importjob.StatusCompleted || j.Counts().Created != 10 || rows.count() != 10 {
		t.Fatalf("job %+v after %d writes", j.Record(), rows.count())
	}
}

func TestAnImportClaimedMoreThanMaxAttemptsTimesFailsAtOnce(t *testing.T) {
	// Runs that died without recording anything (a crash each time) still
	// counted their claims: the next run fails the job before it starts.
	const lease = time.Minute
	f := newFixture(t)
	owner := f.user(t, "owner")
	jobs := sqlite.NewImportJobRepository(f.db)
	rows := &failingRows{RowRepository: sqlite.NewImportRowRepository(f.db), clock: f.clock, lease: lease, fail: func(int) bool { return false }}
	uc := NewImports(jobs, rows, f.machines, sqlite.NewMaintenanceRepository(f.db), f.notifier, nil, f.clock,
		slog.New(slog.NewTextHandler(io.Discard, nil)), ImportOptions{Lease: lease, MaxAttempts: 2})
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: csvOfMachines(3)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		f.clock.Advance(2 * lease)
		if _, ok, err := jobs.Claim(ctx, fmt.Sprintf("crashed-%d", i), f.clock.Now().Add(-lease), f.clock.Now()); err != nil || !ok {
			t.Fatal(ok, err)
		}
	}
	f.clock.Advance(2 * lease)
	j = runUntilFinished(t, uc, owner, j.ID())
	if j.Status() != importjob.StatusFailed || !strings.Contains(j.Reason(), "2 times in a row") || rows.count() != 0 || j.Counts().Processed != 0 {
		t.Fatalf("job %+v after %d writes", j.Record(), rows.count())
	}
}

func TestAnImportWhoseFileIsNoLongerStoredFailsWithThatReason(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	ann := &fakeAnnouncer{}
	uc := f.importer(t, ann, ImportOptions{})
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: csvOfMachines(3)})
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewImportJobRepository(f.db).DeleteFile(ctx, j.ID()); err != nil {
		t.Fatal(err)
	}
	j = runUntilFinished(t, uc, owner, j.ID())
	if j.Status() != importjob.StatusFailed || j.Reason() != "the uploaded file is no longer stored: upload it again" ||
		j.FinishedAt() == nil || j.Counts().Processed != 0 {
		t.Fatalf("job %+v", j.Record())
	}
	if ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner}); len(ms) != 0 {
		t.Fatalf("%d machines created", len(ms))
	}
	if fin := ann.of(EventImportFinished); len(fin) != 1 || fin[0].user != owner || fin[0].payload.(ImportEvent).Status != "FAILED" ||
		fin[0].payload.(ImportEvent).Reason != j.Reason() {
		t.Fatalf("import.finished %+v", fin)
	}
	if ds := f.importNotices(j.ID()); len(ds) != 1 || ds[0].UserID != owner || ds[0].Title != "notification.importFailed.title" ||
		ds[0].Metadata["status"] != "FAILED" || ds[0].Metadata["reason"] != j.Reason() {
		t.Fatalf("notification %+v", ds)
	}
}
