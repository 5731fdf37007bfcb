package repotest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// newImportRow makes the row of a new machine of ownerID with serial, its
// first reading at hours and the named plans.
func newImportRow(t testing.TB, ownerID, serial string, hours float64, now time.Time, plans ...string) importjob.Row {
	t.Helper()
	m, err := machine.New(ownerID, machine.Details{SerialNumber: serial, Name: "Machine " + serial, Brand: "Cat"}, hours, now)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := machine.NewReading(m.ID(), ownerID, hours, now)
	if err != nil {
		t.Fatal(err)
	}
	row := importjob.Row{Machine: m, Reading: &rd}
	for _, name := range plans {
		h := 250.0
		p, err := maintenance.New(m.ID(), ownerID, maintenance.Spec{Name: name, IntervalHours: &h}, hours, now)
		if err != nil {
			t.Fatal(err)
		}
		row.Plans = append(row.Plans, p)
	}
	return row
}

// ImportRows runs the importjob.RowRepository contract against fresh
// repositories from newRepos, all three on one store: machines and plans
// read back what the rows wrote.
func ImportRows(t *testing.T, newRepos func(t *testing.T) (importjob.RowRepository, machine.Repository, maintenance.Repository)) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)

	// stored reports how much of a row is stored: the machine (0 or 1), its readings and its plans.
	stored := func(t *testing.T, machines machine.Repository, plans maintenance.Repository, row importjob.Row) (int, int, int) {
		t.Helper()
		n := 1
		if _, err := machines.ByID(ctx, row.Machine.ID()); errors.Is(err, domain.ErrNotFound) {
			n = 0
		} else if err != nil {
			t.Fatal(err)
		}
		rs, err := machines.Readings(ctx, row.Machine.ID(), 100)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := plans.ByMachine(ctx, row.Machine.ID())
		if err != nil {
			t.Fatal(err)
		}
		return n, len(rs), len(ps)
	}

	t.Run("a new machine is stored whole with its first reading and its plans", func(t *testing.T) {
		rows, machines, plans := newRepos(t)
		owner := domain.NewID()
		row := newImportRow(t, owner, "IMP-1", 1200.5, now, "Engine oil", "Hydraulics")
		out, err := rows.WriteRows(ctx, []importjob.Row{row})
		if err != nil || len(out) != 1 || out[0].Err != nil {
			t.Fatalf("write: %v %+v", err, out)
		}
		got, err := machines.ByID(ctx, row.Machine.ID())
		if err != nil {
			t.Fatal(err)
		}
		if got.OwnerID() != owner || got.Details() != row.Machine.Details() || got.OperatingHours() != 1200.5 ||
			!got.CreatedAt().Equal(now) || !got.UpdatedAt().Equal(now) {
			t.Fatalf("read back %+v, wrote %+v", got.Record(), row.Machine.Record())
		}
		if w := out[0].Machine; w.ID() != got.ID() || w.OperatingHours() != got.OperatingHours() || !w.UpdatedAt().Equal(got.UpdatedAt()) {
			t.Fatalf("returned %+v, stored %+v", w.Record(), got.Record())
		}
		rs, _ := machines.Readings(ctx, got.ID(), 10)
		if len(rs) != 1 || rs[0].ID() != row.Reading.ID() || rs[0].OperatingHours() != 1200.5 || rs[0].AuthorID() != owner {
			t.Fatalf("readings %+v", rs)
		}
		ps, _ := plans.ByMachine(ctx, got.ID())
		if len(ps) != 2 || ps[0].ID() != row.Plans[0].ID() || ps[1].Name() != "Hydraulics" || ps[0].OwnerID() != owner ||
			ps[0].Record().StartHours != 1200.5 {
			t.Fatalf("plans %+v", ps)
		}
	})

	t.Run("a failing row leaves nothing and the rows around it are stored", func(t *testing.T) {
		rows, machines, plans := newRepos(t)
		owner := domain.NewID()
		taken := newImportRow(t, owner, "TAKEN", 1, now)
		if out, err := rows.WriteRows(ctx, []importjob.Row{taken}); err != nil || out[0].Err != nil {
			t.Fatalf("%v %+v", err, out)
		}
		// Enough rows for several transactions of any size a store picks,
		// failing ones among them: a taken serial, and a serial twice.
		var batch []importjob.Row
		fails := map[int]bool{}
		for i := 0; i < 70; i++ {
			serial := fmt.Sprintf("B-%02d", i)
			switch i {
			case 0, 33, 64, 69:
				serial = "TAKEN"
				fails[i] = true
			case 41:
				serial = "B-40"
				fails[i] = true
			}
			batch = append(batch, newImportRow(t, owner, serial, float64(i), now, "Oil"))
		}
		out, err := rows.WriteRows(ctx, batch)
		if err != nil || len(out) != len(batch) {
			t.Fatalf("write: %v, %d results", err, len(out))
		}
		for i, row := range batch {
			m, readings, ps := stored(t, machines, plans, row)
			if fails[i] {
				if !errors.Is(out[i].Err, machine.ErrSerialTaken) || !errors.Is(out[i].Err, domain.ErrConflict) {
					t.Errorf("row %d: %v, want the serial taken", i, out[i].Err)
				}
				if m+readings+ps != 0 {
					t.Errorf("row %d failed and left machine %d, readings %d, plans %d", i, m, readings, ps)
				}
				continue
			}
			if out[i].Err != nil || out[i].Machine.ID() != row.Machine.ID() || m != 1 || readings != 1 || ps != 1 {
				t.Errorf("row %d: %v, machine %d, readings %d, plans %d", i, out[i].Err, m, readings, ps)
			}
		}
		if all, _ := machines.ForUser(ctx, owner); len(all) != 1+len(batch)-len(fails) {
			t.Fatalf("%d machines", len(all))
		}
	})

	t.Run("a duplicate serial: an existing machine is updated, a new one refused", func(t *testing.T) {
		rows, machines, plans := newRepos(t)
		owner := domain.NewID()
		first := newImportRow(t, owner, "DUP-1", 100, now, "Oil")
		second := newImportRow(t, owner, "DUP-2", 100, now)
		if out, err := rows.WriteRows(ctx, []importjob.Row{first, second}); err != nil || out[0].Err != nil || out[1].Err != nil {
			t.Fatalf("%v %+v", err, out)
		}
		later := now.Add(time.Minute)
		// onDuplicate=update: new details, a higher reading, a plan it lacked.
		renamed, _ := first.Machine.WithDetails(machine.Details{SerialNumber: "DUP-1", Name: "Renamed", Brand: "Volvo"}, later)
		higher, _ := machine.NewReading(first.Machine.ID(), owner, 150, later)
		h := 500.0
		grease, _ := maintenance.New(first.Machine.ID(), owner, maintenance.Spec{Name: "Grease", IntervalHours: &h}, 150, later)
		update := importjob.Row{Machine: renamed, Existing: true, Details: true, Reading: &higher, Plans: []maintenance.Plan{grease}}
		// A reading below the stored hours (another reading came first) is not stored; the plan is.
		lower, _ := machine.NewReading(second.Machine.ID(), owner, 50, later)
		grease2, _ := maintenance.New(second.Machine.ID(), owner, maintenance.Spec{Name: "Grease", IntervalHours: &h}, 100, later)
		behind := importjob.Row{Machine: second.Machine, Existing: true, Reading: &lower, Plans: []maintenance.Plan{grease2}}
		// A new machine with a serial the owner has is refused.
		again := newImportRow(t, owner, "dup-1", 1, now, "Oil")
		// An existing machine that is gone leaves nothing, with new details or without.
		gone := newImportRow(t, owner, "GONE", 1, now, "Oil")
		gone.Existing = true
		goneRenamed := newImportRow(t, owner, "GONE-2", 1, now, "Oil")
		goneRenamed.Existing, goneRenamed.Details = true, true
		out, err := rows.WriteRows(ctx, []importjob.Row{update, behind, again, gone, goneRenamed})
		if err != nil {
			t.Fatal(err)
		}
		if out[0].Err != nil || out[1].Err != nil || !errors.Is(out[2].Err, machine.ErrSerialTaken) ||
			!errors.Is(out[3].Err, machine.ErrNotFound) || !errors.Is(out[4].Err, machine.ErrNotFound) {
			t.Fatalf("results %v %v %v %v %v", out[0].Err, out[1].Err, out[2].Err, out[3].Err, out[4].Err)
		}
		got, _ := machines.ByID(ctx, first.Machine.ID())
		if got.Name() != "Renamed" || got.Details().Brand != "Volvo" || got.OperatingHours() != 150 || !got.UpdatedAt().Equal(later) {
			t.Fatalf("updated %+v", got.Record())
		}
		if w := out[0].Machine; w.Name() != "Renamed" || w.OperatingHours() != 150 {
			t.Fatalf("returned %+v", w.Record())
		}
		if rs, _ := machines.Readings(ctx, got.ID(), 10); len(rs) != 2 || rs[0].OperatingHours() != 150 {
			t.Fatalf("readings %+v", rs)
		}
		if ps, _ := plans.ByMachine(ctx, got.ID()); len(ps) != 2 {
			t.Fatalf("plans %+v", ps)
		}
		kept, _ := machines.ByID(ctx, second.Machine.ID())
		if kept.OperatingHours() != 100 || kept.Name() != second.Machine.Name() || out[1].Machine.OperatingHours() != 100 {
			t.Fatalf("behind %+v", kept.Record())
		}
		if rs, _ := machines.Readings(ctx, kept.ID(), 10); len(rs) != 1 {
			t.Fatalf("a reading below the hours was stored: %+v", rs)
		}
		if ps, _ := plans.ByMachine(ctx, kept.ID()); len(ps) != 1 {
			t.Fatalf("plans of the machine behind %+v", ps)
		}
		for _, row := range []importjob.Row{again, gone, goneRenamed} {
			if m, readings, ps := stored(t, machines, plans, row); m+readings+ps != 0 {
				t.Fatalf("%s left machine %d, readings %d, plans %d", row.Machine.SerialNumber(), m, readings, ps)
			}
		}
	})

	t.Run("the same rows written again are stored once", func(t *testing.T) {
		rows, machines, plans := newRepos(t)
		owner := domain.NewID()
		batch := []importjob.Row{newImportRow(t, owner, "R-1", 10, now, "Oil", "Grease"), newImportRow(t, owner, "R-2", 20, now)}
		for i := 0; i < 2; i++ {
			out, err := rows.WriteRows(ctx, batch)
			if err != nil || out[0].Err != nil || out[1].Err != nil {
				t.Fatalf("write %d: %v %+v", i, err, out)
			}
			if out[0].Machine.ID() != batch[0].Machine.ID() || out[1].Machine.OperatingHours() != 20 {
				t.Fatalf("write %d returned %+v", i, out)
			}
		}
		for i, want := range [][3]int{{1, 1, 2}, {1, 1, 0}} {
			if m, readings, ps := stored(t, machines, plans, batch[i]); [3]int{m, readings, ps} != want {
				t.Fatalf("row %d: machine %d, readings %d, plans %d", i, m, readings, ps)
			}
		}
		if all, _ := machines.ForUser(ctx, owner); len(all) != 2 {
			t.Fatalf("%d machines", len(all))
		}
	})

	t.Run("other users' machines are untouched", func(t *testing.T) {
		rows, machines, plans := newRepos(t)
		owner, other := domain.NewID(), domain.NewID()
		theirs := newImportRow(t, other, "SAME", 500, now, "Oil")
		if out, err := rows.WriteRows(ctx, []importjob.Row{theirs}); err != nil || out[0].Err != nil {
			t.Fatalf("%v %+v", err, out)
		}
		mine := newImportRow(t, owner, "SAME", 1, now.Add(time.Second), "Oil", "Grease")
		if out, err := rows.WriteRows(ctx, []importjob.Row{mine}); err != nil || out[0].Err != nil {
			t.Fatalf("the same serial of another owner: %v %+v", err, out)
		}
		got, _ := machines.ByID(ctx, theirs.Machine.ID())
		if got.OwnerID() != other || got.Name() != theirs.Machine.Name() || got.OperatingHours() != 500 || !got.UpdatedAt().Equal(now) {
			t.Fatalf("theirs changed: %+v", got.Record())
		}
		if m, readings, ps := stored(t, machines, plans, theirs); m != 1 || readings != 1 || ps != 1 {
			t.Fatalf("theirs: machine %d, readings %d, plans %d", m, readings, ps)
		}
		for user, want := range map[string]string{owner: mine.Machine.ID(), other: theirs.Machine.ID()} {
			if ms, _ := machines.ForUser(ctx, user); len(ms) != 1 || ms[0].ID() != want {
				t.Fatalf("%s sees %d machines", user, len(ms))
			}
		}
		if ps, _ := plans.Page(ctx, maintenance.PageQuery{OwnerID: other, Limit: 100}); len(ps) != 1 || ps[0].MachineID() != theirs.Machine.ID() {
			t.Fatalf("other's plans %+v", ps)
		}
	})
}
