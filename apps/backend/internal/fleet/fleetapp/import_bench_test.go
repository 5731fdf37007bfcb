package fleetapp

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// BenchmarkImport100kRows imports a 100,000-row file (every row with one
// plan) on the embedded store, through the same runner as the server:
//
//	go test ./apps/backend/internal/fleet/fleetapp -run '^$' -bench Import100k -benchtime 1x
//
// It reports rows/s and the process's peak RSS (the file, the parsed rows and
// the owner's serial index are held in memory while the job runs).
func BenchmarkImport100kRows(b *testing.B) {
	var file strings.Builder
	file.WriteString(importHeader)
	for i := 0; i < MaxImportRows; i++ {
		fmt.Fprintf(&file, "BENCH-%06d,Machine %d,Caterpillar,320 GC,excavator,%d,Engine oil,OIL_CHANGE,250,180,25,14\n", i, i, i%5000)
	}
	data := []byte(file.String())
	importWait = 30 * time.Minute
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
	for n := 0; n < b.N; n++ {
		f := newFixture(b)
		uc := f.importer(b, nil, ImportOptions{})
		owner := f.user(b, "owner")
		b.StartTimer()
		start := time.Now()
		j, err := NewStartImportHandler(uc).Handle(context.Background(), StartImport{OwnerID: owner, File: data})
		if err != nil {
			b.Fatal(err)
		}
		done := runUntilFinished(b, uc, owner, j.ID())
		elapsed := time.Since(start)
		b.StopTimer()
		if done.Status() != importjob.StatusCompleted || done.Counts().Created != MaxImportRows {
			b.Fatalf("%+v", done.Record().Counts)
		}
		b.ReportMetric(float64(MaxImportRows)/elapsed.Seconds(), "rows/s")
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}

// benchRowsFile is a file of n rows with one plan each (the benchmarks'
// columns); hours adds to every row's operating hours and plan names the plan.
func benchRowsFile(n int, hours int, plan string) []byte {
	var file strings.Builder
	file.WriteString(importHeader)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&file, "BENCH-%06d,Machine %d,Caterpillar,320 GC,excavator,%d,%s,OIL_CHANGE,250,180,25,14\n", i, i, hours+i%5000, plan)
	}
	return []byte(file.String())
}

// BenchmarkImportRow is the runner's cost per row on the embedded store, 5,000
// rows a file (every row with one plan), in its default batches:
//
//	go test ./apps/backend/internal/fleet/fleetapp -run '^$' -bench ImportRow -benchtime 5x -benchmem
//
// create: each file creates 5,000 machines (of a new owner each time, in one
// store that grows); update: a second file (onDuplicate=update) renames those
// machines, raises their hours and adds a second plan to each. It reports
// ns/row and rows/s; allocs/op and B/op are of a whole file (all goroutines).
// The machine is shared: compare before and after in one sitting.
func BenchmarkImportRow(b *testing.B) {
	const rows = 5000
	first := benchRowsFile(rows, 0, "Engine oil")
	second := benchRowsFile(rows, 100, "Hydraulics")
	for _, mode := range []string{"create", "update"} {
		b.Run(mode, func(b *testing.B) {
			f := newFixture(b)
			uc := f.importer(b, nil, ImportOptions{})
			b.ResetTimer()
			var spent time.Duration
			for n := 0; n < b.N; n++ {
				b.StopTimer()
				owner := f.user(b, "owner")
				file, rule := first, "skip"
				if mode == "update" {
					j, err := NewStartImportHandler(uc).Handle(context.Background(), StartImport{OwnerID: owner, File: first})
					if err != nil {
						b.Fatal(err)
					}
					runUntilFinished(b, uc, owner, j.ID())
					file, rule = second, "update"
				}
				b.StartTimer()
				start := time.Now()
				j, err := NewStartImportHandler(uc).Handle(context.Background(), StartImport{OwnerID: owner, File: file, OnDuplicate: rule})
				if err != nil {
					b.Fatal(err)
				}
				done := runUntilFinished(b, uc, owner, j.ID())
				spent += time.Since(start)
				if c := done.Counts(); done.Status() != importjob.StatusCompleted || c.Created+c.Updated != rows {
					b.Fatalf("%+v", done.Record())
				}
			}
			b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N*rows), "ns/row")
			b.ReportMetric(float64(b.N*rows)/spent.Seconds(), "rows/s")
		})
	}
}

// BenchmarkParseXLSX100kRows reads a 100,000-row workbook in the benchmark
// import's columns (written by excelize's stream writer, as a spreadsheet
// program would store it) through the import's file check:
//
//	go test ./apps/backend/internal/fleet/fleetapp -run '^$' -bench ParseXLSX -benchtime 1x
//
// It reports the workbook's size, what it unpacks to (against
// MaxImportXLSXUnzipped) and rows/s of the check alone.
func BenchmarkParseXLSX100kRows(b *testing.B) {
	wb := excelize.NewFile()
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"serialNumber", "name", "brand", "model", "type", "operatingHours", "plan1Name", "plan1Type",
		"plan1IntervalHours", "plan1IntervalDays", "plan1DueSoonHours", "plan1DueSoonDays"})
	for i := 0; i < MaxImportRows; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("BENCH-%06d", i), fmt.Sprintf("Machine %d", i), "Caterpillar", "320 GC",
			"excavator", i % 5000, "Engine oil", "OIL_CHANGE", 250, 180, 25, 14}); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := wb.Write(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	var unzipped uint64
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
	}
	b.ResetTimer()
	start := time.Now()
	for n := 0; n < b.N; n++ {
		f, err := parseImportFile(data)
		if err != nil || len(f.rows) != MaxImportRows || f.rows[MaxImportRows-1].err != nil {
			b.Fatalf("%v %d", err, len(f.rows))
		}
	}
	b.ReportMetric(float64(b.N*MaxImportRows)/time.Since(start).Seconds(), "rows/s")
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
	b.ReportMetric(float64(unzipped)/(1<<20), "unzipped-MiB")
}
