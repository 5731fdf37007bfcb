package repotest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// NewMachine makes a valid machine of ownerID with a unique serial number.
func NewMachine(t testing.TB, ownerID string, hours float64) machine.Machine {
	t.Helper()
	m, err := machine.New(ownerID, machine.Details{SerialNumber: "SN-" + domain.NewID()[20:], Name: "Excavator",
		Brand: "Cat", Model: "320", Type: "excavator"}, hours, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustReading(t testing.TB, m machine.Machine, author string, hours float64, at time.Time) machine.Reading {
	t.Helper()
	r, err := machine.NewReading(m.ID(), author, hours, at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Machines runs the machine.Repository contract against a fresh repository from newRepo.
func Machines(t *testing.T, newRepo func(t *testing.T) machine.Repository) {
	ctx := context.Background()

	t.Run("create and read back", func(t *testing.T) {
		repo := newRepo(t)
		owner := domain.NewID()
		m := NewMachine(t, owner, 120.5)
		if err := repo.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		got, err := repo.ByID(ctx, m.ID())
		if err != nil {
			t.Fatal(err)
		}
		if got.ID() != m.ID() || got.OwnerID() != owner || got.Details() != m.Details() ||
			got.OperatingHours() != 120.5 || len(got.OperatorIDs()) != 0 ||
			!got.CreatedAt().Equal(m.CreatedAt()) || !got.UpdatedAt().Equal(m.UpdatedAt()) {
			t.Fatalf("read back %+v, stored %+v", got.Record(), m.Record())
		}
		if _, err := repo.ByID(ctx, domain.NewID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown id: %v", err)
		}
		byIDs, err := repo.ByIDs(ctx, []string{m.ID(), domain.NewID()})
		if err != nil || len(byIDs) != 1 || byIDs[0].ID() != m.ID() {
			t.Fatalf("ByIDs: %v %v", byIDs, err)
		}
	})

	t.Run("serial numbers are unique per owner", func(t *testing.T) {
		repo := newRepo(t)
		owner, other := domain.NewID(), domain.NewID()
		m := NewMachine(t, owner, 0)
		if err := repo.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		dup, _ := machine.New(owner, machine.Details{SerialNumber: m.SerialNumber(), Name: "Twin"}, 0, time.Now())
		if err := repo.Create(ctx, dup); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate serial: %v", err)
		}
		elsewhere, _ := machine.New(other, machine.Details{SerialNumber: m.SerialNumber(), Name: "Twin"}, 0, time.Now())
		if err := repo.Create(ctx, elsewhere); err != nil {
			t.Fatalf("same serial, other owner: %v", err)
		}
		second := NewMachine(t, owner, 0)
		if err := repo.Create(ctx, second); err != nil {
			t.Fatal(err)
		}
		renamed, _ := second.WithDetails(machine.Details{SerialNumber: m.SerialNumber(), Name: "Renamed"}, time.Now())
		if err := repo.UpdateDetails(ctx, renamed); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("update to a taken serial: %v", err)
		}
	})

	t.Run("update details and delete", func(t *testing.T) {
		repo := newRepo(t)
		m := NewMachine(t, domain.NewID(), 10)
		if err := repo.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		later := m.CreatedAt().Add(time.Minute)
		upd, err := m.WithDetails(machine.Details{SerialNumber: "new-1", Name: "Loader", Brand: "Volvo", Model: "L60", Type: "loader"}, later)
		if err != nil {
			t.Fatal(err)
		}
		if err := repo.UpdateDetails(ctx, upd); err != nil {
			t.Fatal(err)
		}
		got, _ := repo.ByID(ctx, m.ID())
		if got.Details() != upd.Details() || got.SerialNumber() != "NEW-1" || !got.UpdatedAt().Equal(later.UTC().Truncate(time.Millisecond)) {
			t.Fatalf("after update %+v", got.Record())
		}
		if _, err := repo.RecordReading(ctx, mustReading(t, m, m.OwnerID(), 20, time.Now())); err != nil {
			t.Fatal(err)
		}
		if err := repo.Delete(ctx, m.ID()); err != nil {
			t.Fatal(err)
		}
		if _, err := repo.ByID(ctx, m.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
		if rs, err := repo.Readings(ctx, m.ID(), 10); err != nil || len(rs) != 0 {
			t.Fatalf("readings outlive the machine: %v %v", rs, err)
		}
		if err := repo.Delete(ctx, m.ID()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("delete twice: %v", err)
		}
		if err := repo.UpdateDetails(ctx, upd); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("update deleted: %v", err)
		}
	})

	t.Run("operators and ForUser", func(t *testing.T) {
		repo := newRepo(t)
		owner, op1, op2, stranger := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
		a, b := NewMachine(t, owner, 0), NewMachine(t, owner, 0)
		c := NewMachine(t, op1, 0) // op1 owns one machine too
		for _, m := range []machine.Machine{a, b, c} {
			if err := repo.Create(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 2; i++ { // idempotent
			if err := repo.AddOperator(ctx, a.ID(), op1); err != nil {
				t.Fatal(err)
			}
		}
		if err := repo.AddOperator(ctx, a.ID(), op2); err != nil {
			t.Fatal(err)
		}
		got, _ := repo.ByID(ctx, a.ID())
		want := []string{op1, op2}
		slices.Sort(want)
		if !slices.Equal(got.OperatorIDs(), want) || got.RoleOf(op1) != machine.RoleOperator || got.RoleOf(stranger) != machine.RoleNone {
			t.Fatalf("operators %v, want %v", got.OperatorIDs(), want)
		}
		ids := func(ms []machine.Machine) []string {
			out := make([]string, len(ms))
			for i, m := range ms {
				out[i] = m.ID()
			}
			return out
		}
		mine, _ := repo.ForUser(ctx, owner)
		if !slices.Equal(ids(mine), []string{a.ID(), b.ID()}) {
			t.Fatalf("owner's machines %v", ids(mine))
		}
		ops, _ := repo.ForUser(ctx, op1)
		if !slices.Equal(ids(ops), []string{a.ID(), c.ID()}) {
			t.Fatalf("operator's machines %v", ids(ops))
		}
		if none, _ := repo.ForUser(ctx, stranger); len(none) != 0 {
			t.Fatalf("stranger sees %v", ids(none))
		}
		for i := 0; i < 2; i++ {
			if err := repo.RemoveOperator(ctx, a.ID(), op1); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = repo.ByID(ctx, a.ID())
		if !slices.Equal(got.OperatorIDs(), []string{op2}) {
			t.Fatalf("after removal %v", got.OperatorIDs())
		}
		if err := repo.AddOperator(ctx, domain.NewID(), op1); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("add to unknown machine: %v", err)
		}
	})

	t.Run("readings never go backwards", func(t *testing.T) {
		repo := newRepo(t)
		m := NewMachine(t, domain.NewID(), 100)
		if err := repo.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		author := domain.NewID()
		base := time.Now().Add(-time.Hour)
		after, err := repo.RecordReading(ctx, mustReading(t, m, author, 150, base))
		if err != nil || after.OperatingHours() != 150 {
			t.Fatalf("reading: %v %v", after.OperatingHours(), err)
		}
		if _, err := repo.RecordReading(ctx, mustReading(t, m, author, 150, base.Add(time.Minute))); err != nil {
			t.Fatalf("equal hours: %v", err)
		}
		if _, err := repo.RecordReading(ctx, mustReading(t, m, author, 149.9, base.Add(2*time.Minute))); !errors.Is(err, domain.ErrInvalid) {
			t.Fatalf("backwards: %v", err)
		}
		if _, err := repo.RecordReading(ctx, mustReading(t, NewMachine(t, domain.NewID(), 0), author, 1, base)); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown machine: %v", err)
		}
		rs, err := repo.Readings(ctx, m.ID(), 10)
		if err != nil || len(rs) != 2 || !rs[0].RecordedAt().After(rs[1].RecordedAt()) || rs[0].AuthorID() != author {
			t.Fatalf("readings %v %v", rs, err)
		}
		if got, _ := repo.ByID(ctx, m.ID()); got.OperatingHours() != 150 {
			t.Fatalf("hours %v", got.OperatingHours())
		}
	})

	t.Run("concurrent readings: the hours end at the highest", func(t *testing.T) {
		repo := newRepo(t)
		m := NewMachine(t, domain.NewID(), 0)
		if err := repo.Create(ctx, m); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := 1; i <= 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := repo.RecordReading(ctx, mustReading(t, m, m.OwnerID(), float64(i*10), time.Now()))
				if err != nil && !errors.Is(err, domain.ErrInvalid) {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		got, _ := repo.ByID(ctx, m.ID())
		if got.OperatingHours() != 200 {
			t.Fatalf("hours %v, want 200", got.OperatingHours())
		}
		rs, _ := repo.Readings(ctx, m.ID(), 100)
		for _, r := range rs {
			if r.OperatingHours() > got.OperatingHours() {
				t.Fatalf("stored reading %v above the machine's hours", r.OperatingHours())
			}
		}
	})
}
