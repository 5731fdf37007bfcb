package app

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
//	go test ./apps/backend/internal/fleet/app -run '^$' -bench Import100k -benchtime 1x
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
		j, err := uc.Start(context.Background(), StartImport{OwnerID: owner, File: data})
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

// BenchmarkParseXLSX100kRows reads a 100,000-row workbook in the benchmark
// import's columns (written by excelize's stream writer, as a spreadsheet
// program would store it) through the import's file check:
//
//	go test ./apps/backend/internal/fleet/app -run '^$' -bench ParseXLSX -benchtime 1x
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
