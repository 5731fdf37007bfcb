package app

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

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
