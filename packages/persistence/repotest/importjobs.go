package repotest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// ImportJobs runs the importjob.Repository contract against a fresh repository from newRepo.
func ImportJobs(t *testing.T, newRepo func(t *testing.T) importjob.Repository) {
	ctx := context.Background()
	base := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

	newJob := func(t *testing.T, owner string, total int, at time.Time) importjob.Job {
		t.Helper()
		j, err := importjob.New(owner, "machines.csv", importjob.DuplicateSkip, total, at)
		if err != nil {
			t.Fatal(err)
		}
		return j
	}

	t.Run("create, read back, file, list newest first", func(t *testing.T) {
		repo := newRepo(t)
		owner := domain.NewID()
		a := newJob(t, owner, 3, base)
		b := newJob(t, owner, 5, base.Add(time.Second))
		other := newJob(t, domain.NewID(), 1, base)
		for _, j := range []importjob.Job{a, b, other} {
			if err := repo.Create(ctx, j, []byte("serialNumber,name\nA,1\n")); err != nil {
				t.Fatal(err)
			}
		}
		got, err := repo.ByID(ctx, a.ID())
		if err != nil {
			t.Fatal(err)
		}
		r := got.Record()
		if r.OwnerID != owner || r.FileName != "machines.csv" || r.OnDuplicate != importjob.DuplicateSkip ||
			r.Status != importjob.StatusQueued || r.Counts.Total != 3 || !r.CreatedAt.Equal(base) || r.StartedAt != nil ||
			r.FinishedAt != nil || len(r.Errors) != 0 {
			t.Fatalf("read back %+v", r)
		}
		if f, err := repo.File(ctx, a.ID()); err != nil || string(f) != "serialNumber,name\nA,1\n" {
			t.Fatalf("file %q %v", f, err)
		}
		list, err := repo.ForOwner(ctx, owner, 10)
		if err != nil || len(list) != 2 || list[0].ID() != b.ID() || list[1].ID() != a.ID() {
			t.Fatalf("list %v %v", list, err)
		}
		if one, _ := repo.ForOwner(ctx, owner, 1); len(one) != 1 {
			t.Fatalf("limit: %d", len(one))
		}
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, importjob.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
		if err := repo.DeleteFile(ctx, a.ID()); err != nil {
			t.Fatal(err)
		}
		if err := repo.DeleteFile(ctx, a.ID()); err != nil {
			t.Fatalf("not idempotent: %v", err)
		}
		if _, err := repo.File(ctx, a.ID()); !errors.Is(err, importjob.ErrNotFound) {
			t.Fatalf("deleted file: %v", err)
		}
	})

	t.Run("claim, save by the runner only, finish", func(t *testing.T) {
		repo := newRepo(t)
		j := newJob(t, domain.NewID(), 4, base)
		if err := repo.Create(ctx, j, []byte("x")); err != nil {
			t.Fatal(err)
		}
		// A new job (no runner) is claimed at once, whatever its heartbeat.
		got, ok, err := repo.Claim(ctx, "r1", base.Add(-time.Hour), base.Add(time.Second))
		if err != nil || !ok || got.ID() != j.ID() || got.Runner() != "r1" || !got.HeartbeatAt().Equal(base.Add(time.Second)) {
			t.Fatalf("claim: %+v %v %v", got.Record(), ok, err)
		}
		// Held with a fresh heartbeat: not claimed again.
		if _, ok, err := repo.Claim(ctx, "r9", base.Add(time.Second), base.Add(2*time.Second)); err != nil || ok {
			t.Fatalf("a held job was claimed: %v %v", ok, err)
		}
		running := got.Start("r1", base.Add(2*time.Second)).Advance(importjob.Counts{Processed: 2, Created: 1, Failed: 1},
			[]importjob.RowError{{Row: 3, Field: "operatingHours", Message: "must be between 0 and 1000000"}}, base.Add(2*time.Second))
		if err := repo.Save(ctx, running); err != nil {
			t.Fatal(err)
		}
		back, _ := repo.ByID(ctx, j.ID())
		r := back.Record()
		if r.Status != importjob.StatusRunning || r.Counts != (importjob.Counts{Total: 4, Processed: 2, Created: 1, Failed: 1}) ||
			len(r.Errors) != 1 || r.Errors[0] != (importjob.RowError{Row: 3, Field: "operatingHours", Message: "must be between 0 and 1000000"}) ||
			r.StartedAt == nil || !r.StartedAt.Equal(base.Add(2*time.Second)) {
			t.Fatalf("saved %+v", r)
		}
		// Another runner takes over a stale job; the first one's saves are refused.
		taken, ok, err := repo.Claim(ctx, "r2", base.Add(time.Minute), base.Add(time.Minute))
		if err != nil || !ok || taken.Counts().Processed != 2 {
			t.Fatalf("take over: %v %v", ok, err)
		}
		if err := repo.Save(ctx, running.Advance(importjob.Counts{Processed: 1}, nil, base.Add(time.Minute))); !errors.Is(err, importjob.ErrNotRunner) {
			t.Fatalf("old runner saved: %v", err)
		}
		done := taken.Start("r2", base.Add(time.Minute)).Complete(base.Add(2 * time.Minute))
		if err := repo.Save(ctx, done); err != nil {
			t.Fatal(err)
		}
		back, _ = repo.ByID(ctx, j.ID())
		if back.Status() != importjob.StatusCompleted || back.FinishedAt() == nil || !back.FinishedAt().Equal(base.Add(2*time.Minute)) {
			t.Fatalf("finished %+v", back.Record())
		}
		if _, ok, _ := repo.Claim(ctx, "r3", base.Add(time.Hour), base.Add(time.Hour)); ok {
			t.Fatal("a finished job was claimed")
		}
		ghost := newJob(t, domain.NewID(), 1, base)
		if err := repo.Save(ctx, ghost); !errors.Is(err, importjob.ErrNotFound) {
			t.Fatalf("save of a missing job: %v", err)
		}
	})

	t.Run("attempts: each claim adds one, Save keeps the job's, a saved batch resets them", func(t *testing.T) {
		repo := newRepo(t)
		j := newJob(t, domain.NewID(), 10, base)
		if err := repo.Create(ctx, j, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if back, _ := repo.ByID(ctx, j.ID()); back.Attempts() != 0 {
			t.Fatalf("a new job has %d attempts", back.Attempts())
		}
		// Three runners in turn claim it and stop without saving a batch.
		var got importjob.Job
		for i := 1; i <= 3; i++ {
			at := base.Add(time.Duration(i) * time.Hour)
			var ok bool
			var err error
			got, ok, err = repo.Claim(ctx, fmt.Sprintf("r%d", i), at, at)
			if err != nil || !ok || got.Attempts() != i {
				t.Fatalf("claim %d: %d attempts, %v %v", i, got.Attempts(), ok, err)
			}
			// A save that makes no progress (the start) keeps the count.
			if err := repo.Save(ctx, got.Start(fmt.Sprintf("r%d", i), at)); err != nil {
				t.Fatal(err)
			}
			if back, _ := repo.ByID(ctx, j.ID()); back.Attempts() != i {
				t.Fatalf("after claim %d and a start: %d attempts stored", i, back.Attempts())
			}
		}
		// The third runner saves a batch: its claim is the only one that counts.
		at := base.Add(3 * time.Hour)
		if err := repo.Save(ctx, got.Start("r3", at).Advance(importjob.Counts{Processed: 5, Created: 5}, nil, at)); err != nil {
			t.Fatal(err)
		}
		if back, _ := repo.ByID(ctx, j.ID()); back.Attempts() != 1 || back.Counts().Processed != 5 {
			t.Fatalf("after a batch: %d attempts, %+v", back.Attempts(), back.Counts())
		}
		if next, ok, err := repo.Claim(ctx, "r4", base.Add(5*time.Hour), base.Add(5*time.Hour)); err != nil || !ok || next.Attempts() != 2 {
			t.Fatalf("claim after the batch: %d attempts, %v %v", next.Attempts(), ok, err)
		}
	})

	t.Run("concurrent claimers: one wins", func(t *testing.T) {
		repo := newRepo(t)
		j := newJob(t, domain.NewID(), 1, base)
		if err := repo.Create(ctx, j, []byte("x")); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := repo.Claim(ctx, domain.NewID(), base.Add(time.Minute), base.Add(time.Minute))
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d claimers won", wins)
		}
	})

	t.Run("errors are capped, counts are not", func(t *testing.T) {
		repo := newRepo(t)
		j := newJob(t, domain.NewID(), 2000, base)
		if err := repo.Create(ctx, j, []byte("x")); err != nil {
			t.Fatal(err)
		}
		j, _, _ = repo.Claim(ctx, "r", base.Add(time.Minute), base.Add(time.Minute))
		errs := make([]importjob.RowError, 1500)
		for i := range errs {
			errs[i] = importjob.RowError{Row: i + 2, Field: "name", Message: "must be 1 to 100 characters"}
		}
		j = j.Start("r", base).Advance(importjob.Counts{Processed: 1500, Failed: 1500}, errs, base)
		if err := repo.Save(ctx, j); err != nil {
			t.Fatal(err)
		}
		back, _ := repo.ByID(ctx, j.ID())
		if len(back.Errors()) != importjob.MaxStoredErrors || back.Counts().Failed != 1500 || back.Errors()[999].Row != 1001 {
			t.Fatalf("%d errors, %d failed", len(back.Errors()), back.Counts().Failed)
		}
	})
}
