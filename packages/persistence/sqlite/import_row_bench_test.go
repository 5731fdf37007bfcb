package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// benchImportRow is the row of a new machine with one plan, as the import makes it.
func benchImportRow(b *testing.B, owner string, n int, now time.Time) importjob.Row {
	m, err := machine.New(owner, machine.Details{SerialNumber: fmt.Sprintf("BENCH-%07d", n), Name: "Machine", Brand: "Caterpillar",
		Model: "320 GC", Type: "excavator"}, float64(n%5000), now)
	if err != nil {
		b.Fatal(err)
	}
	rd, _ := machine.NewReading(m.ID(), owner, m.OperatingHours(), now)
	h, d := 250.0, 180
	p, err := maintenance.New(m.ID(), owner, maintenance.Spec{Name: "Engine oil", Type: "OIL_CHANGE", IntervalHours: &h,
		IntervalDays: &d}, m.OperatingHours(), now)
	if err != nil {
		b.Fatal(err)
	}
	return importjob.Row{Machine: m, Reading: &rd, Plans: []maintenance.Plan{p}}
}

// BenchmarkImportRows is the store's cost of one imported row (a new machine,
// its first reading, one plan), one op a row:
//
//	go test ./packages/persistence/sqlite -run '^$' -bench ImportRows -benchtime 20000x
//
// rows: WriteRows in the runner's batches of 250 (transactions of rowsPerTx
// rows, a savepoint each); three-transactions: the machine, its reading and
// its plan each in a transaction of its own (Create, RecordReading,
// maintenance Create), as rows were written before WriteRows.
func BenchmarkImportRows(b *testing.B) {
	ctx := context.Background()
	b.Run("rows", func(b *testing.B) {
		repo := NewImportRowRepository(openBenchDB(b))
		owner, now := domain.NewID(), time.Now()
		b.ResetTimer()
		for done := 0; done < b.N; {
			batch := make([]importjob.Row, 0, 250)
			for ; len(batch) < 250 && done < b.N; done++ {
				batch = append(batch, benchImportRow(b, owner, done, now))
			}
			out, err := repo.WriteRows(ctx, batch)
			if err != nil || out[len(out)-1].Err != nil {
				b.Fatal(err, out[len(out)-1].Err)
			}
		}
	})
	b.Run("three-transactions", func(b *testing.B) {
		db := openBenchDB(b)
		machines, plans := NewMachineRepository(db), NewMaintenanceRepository(db)
		owner, now := domain.NewID(), time.Now()
		b.ResetTimer()
		for n := 0; n < b.N; n++ {
			row := benchImportRow(b, owner, n, now)
			if err := machines.Create(ctx, row.Machine); err != nil {
				b.Fatal(err)
			}
			if _, err := machines.RecordReading(ctx, *row.Reading); err != nil {
				b.Fatal(err)
			}
			if err := plans.Create(ctx, row.Plans[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
