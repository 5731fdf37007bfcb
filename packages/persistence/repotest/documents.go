package repotest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// Documents runs the document.Repository contract against a fresh repository from newRepo.
func Documents(t *testing.T, newRepo func(t *testing.T) document.Repository) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	add := func(t *testing.T, repo document.Repository, machineID string, typ document.Type, expires string) document.Document {
		t.Helper()
		d, err := document.New(document.Draft{MachineID: machineID, OwnerID: domain.NewID(), Type: typ, Name: "Permit",
			Number: "N-1", IssuedOn: "2026-01-01", ExpiresOn: expires}, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.Create(ctx, d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	ids := func(items []document.Document) []string {
		out := make([]string, len(items))
		for i, d := range items {
			out[i] = d.ID()
		}
		return out
	}

	t.Run("create, read back, list by machine soonest first, delete", func(t *testing.T) {
		repo := newRepo(t)
		m, other := domain.NewID(), domain.NewID()
		late := add(t, repo, m, document.TypeInsurance, "2027-06-01")
		soon := add(t, repo, m, document.TypeCustom, "2027-01-15")
		add(t, repo, other, document.TypeRegistration, "2027-01-01")
		got, err := repo.ByID(ctx, m, soon.ID())
		if err != nil {
			t.Fatal(err)
		}
		if g, w := got.Record(), soon.Record(); g != w {
			t.Fatalf("read back %+v, stored %+v", g, w)
		}
		if _, err := repo.ByID(ctx, other, soon.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("another machine's document: %v", err)
		}
		list, err := repo.ByMachine(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(list); len(got) != 2 || got[0] != soon.ID() || got[1] != late.ID() {
			t.Fatalf("ByMachine = %v, want [%s %s]", got, soon.ID(), late.ID())
		}
		if err := repo.Delete(ctx, other, late.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("delete through another machine: %v", err)
		}
		if err := repo.Delete(ctx, m, late.ID()); err != nil {
			t.Fatal(err)
		}
		if list, _ := repo.ByMachine(ctx, m); len(list) != 1 {
			t.Fatalf("after delete: %v", ids(list))
		}
	})

	t.Run("ExpiringBy pages in id order up to a date", func(t *testing.T) {
		repo := newRepo(t)
		m := domain.NewID()
		a := add(t, repo, m, document.TypeInsurance, "2027-01-01")
		b := add(t, repo, m, document.TypeInsurance, "2027-01-31")
		add(t, repo, m, document.TypeInsurance, "2027-02-01")
		by := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
		first, err := repo.ExpiringBy(ctx, by, "", 1)
		if err != nil {
			t.Fatal(err)
		}
		rest, err := repo.ExpiringBy(ctx, by, first[0].ID(), 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := append(ids(first), ids(rest)...); len(got) != 2 || got[0] != a.ID() || got[1] != b.ID() {
			t.Fatalf("ExpiringBy = %v, want [%s %s]", got, a.ID(), b.ID())
		}
	})

	t.Run("a reminder is claimed once per document and threshold, even racing", func(t *testing.T) {
		repo := newRepo(t)
		d := add(t, repo, domain.NewID(), document.TypeInsurance, "2027-01-01")
		var wg sync.WaitGroup
		var mu sync.Mutex
		won := 0
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := repo.ClaimReminder(ctx, d.ID(), 7)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					won++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if won != 1 {
			t.Fatalf("%d claims won, want 1", won)
		}
		if ok, err := repo.ClaimReminder(ctx, d.ID(), 0); err != nil || !ok {
			t.Fatalf("another threshold: %v, %v", ok, err)
		}
		// A deleted document's claims go with it.
		if err := repo.Delete(ctx, d.MachineID(), d.ID()); err != nil {
			t.Fatal(err)
		}
		if ok, err := repo.ClaimReminder(ctx, d.ID(), 7); err != nil || !ok {
			t.Fatalf("claim after delete: %v, %v", ok, err)
		}
	})

	t.Run("a file is recorded, read back, replaced and cleared", func(t *testing.T) {
		repo := newRepo(t)
		d := add(t, repo, domain.NewID(), document.TypeInsurance, "2027-03-01")
		if _, ok := d.File(); ok {
			t.Fatal("a new document has a file")
		}
		f, err := document.NewFile(domain.NewID(), "policy.pdf", "application/pdf", 1234, now)
		if err != nil {
			t.Fatal(err)
		}
		must(t, repo.SetFile(ctx, d.MachineID(), d.ID(), &f))
		got, err := repo.ByID(ctx, d.MachineID(), d.ID())
		if err != nil {
			t.Fatal(err)
		}
		if gf, ok := got.File(); !ok || gf != f {
			t.Fatalf("file read back %+v (%v), stored %+v", gf, ok, f)
		}
		list, _ := repo.ByMachine(ctx, d.MachineID())
		if gf, ok := list[0].File(); len(list) != 1 || !ok || gf != f {
			t.Fatalf("listed %+v", list)
		}
		g, _ := document.NewFile(domain.NewID(), "scan.png", "image/png", 99, now.Add(time.Minute))
		must(t, repo.SetFile(ctx, d.MachineID(), d.ID(), &g))
		if got, _ := repo.ByID(ctx, d.MachineID(), d.ID()); func() bool { gf, ok := got.File(); return !ok || gf != g }() {
			t.Fatalf("replaced: %+v", got.Record().File)
		}
		must(t, repo.SetFile(ctx, d.MachineID(), d.ID(), nil))
		if got, _ := repo.ByID(ctx, d.MachineID(), d.ID()); got.Record().File != nil {
			t.Fatalf("cleared: %+v", got.Record().File)
		}
		if err := repo.SetFile(ctx, domain.NewID(), d.ID(), &f); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("through another machine: %v", err)
		}
		if err := repo.SetFile(ctx, d.MachineID(), domain.NewID(), &f); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown document: %v", err)
		}
	})

	t.Run("DeleteByMachine removes that machine's documents and claims only, and may run again", func(t *testing.T) {
		repo := newRepo(t)
		m, other := domain.NewID(), domain.NewID()
		a := add(t, repo, m, document.TypeInsurance, "2027-01-01")
		add(t, repo, m, document.TypeRegistration, "2027-02-01")
		kept := add(t, repo, other, document.TypeInsurance, "2027-01-01")
		for _, d := range []document.Document{a, kept} {
			if ok, err := repo.ClaimReminder(ctx, d.ID(), 30); err != nil || !ok {
				t.Fatalf("claim: %v %v", ok, err)
			}
		}
		must(t, repo.DeleteByMachine(ctx, m))
		must(t, repo.DeleteByMachine(ctx, m))
		if list, err := repo.ByMachine(ctx, m); err != nil || len(list) != 0 {
			t.Fatalf("left: %v %v", ids(list), err)
		}
		if _, err := repo.ByID(ctx, m, a.ID()); !errors.Is(err, document.ErrNotFound) {
			t.Fatalf("deleted document: %v", err)
		}
		if ok, err := repo.ClaimReminder(ctx, a.ID(), 30); err != nil || !ok {
			t.Fatalf("a deleted document's claim is gone: %v, %v", ok, err)
		}
		if list, _ := repo.ByMachine(ctx, other); len(list) != 1 {
			t.Fatalf("another machine's documents: %v", ids(list))
		}
		if ok, err := repo.ClaimReminder(ctx, kept.ID(), 30); err != nil || ok {
			t.Fatalf("another machine's claim: %v, %v", ok, err)
		}
	})
}
