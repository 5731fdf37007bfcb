package fleetapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/notification"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

type recordedAnnouncement struct {
	user, event string
	payload     any
}

type fakeAnnouncer struct {
	mu     sync.Mutex
	events []recordedAnnouncement
	hook   func(event string, payload any)
}

func (a *fakeAnnouncer) Announce(_ context.Context, user, event string, payload any) error {
	a.mu.Lock()
	a.events = append(a.events, recordedAnnouncement{user, event, payload})
	hook := a.hook
	a.mu.Unlock()
	if hook != nil {
		hook(event, payload)
	}
	return nil
}

func (a *fakeAnnouncer) of(event string) []recordedAnnouncement {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []recordedAnnouncement
	for _, e := range a.events {
		if e.event == event {
			out = append(out, e)
		}
	}
	return out
}

func (f *fixture) importer(t testing.TB, ann Announcer, opts ImportOptions) *Imports {
	t.Helper()
	return NewImports(sqlite.NewImportJobRepository(f.db), sqlite.NewImportRowRepository(f.db), f.machines, sqlite.NewMaintenanceRepository(f.db),
		f.notifier, ann, f.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), opts)
}

// importWait bounds runUntilFinished (the benchmark raises it).
var importWait = 20 * time.Second

// runUntilFinished runs the importer until the job ends.
func runUntilFinished(t testing.TB, uc *Imports, owner, id string) importjob.Job {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); uc.Run(ctx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(importWait)
	for time.Now().Before(deadline) {
		j, err := NewGetImportHandler(uc).Handle(context.Background(), GetImport{UserID: owner, ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status().Final() {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the import did not finish")
	return importjob.Job{}
}

const importHeader = "serialNumber,name,brand,model,type,operatingHours,plan1Name,plan1Type,plan1IntervalHours,plan1IntervalDays,plan1DueSoonHours,plan1DueSoonDays\n"

func TestImportFileErrorsAreRefusedBeforeAnythingIsStored(t *testing.T) {
	f := newFixture(t)
	uc := f.importer(t, nil, ImportOptions{})
	owner := f.user(t, "owner")
	many := &strings.Builder{}
	many.WriteString("serialNumber,name\n")
	for i := 0; i <= MaxImportRows; i++ {
		fmt.Fprintf(many, "S%d,M\n", i)
	}
	for _, c := range []struct {
		name string
		file []byte
		want error
		msg  string
	}{
		{"empty", []byte(""), domain.ErrInvalid, "is empty"},
		{"header only", []byte("serialNumber,name\n"), domain.ErrInvalid, "no rows"},
		{"xlsx", []byte("PK\x03\x04rest"), domain.ErrInvalid, "XLSX"},
		{"binary", []byte("a,b\x00c\n"), domain.ErrInvalid, "not a CSV"},
		{"latin-1", []byte("serialNumber,name\nA,M\xe9\n"), domain.ErrInvalid, "not a CSV"},
		{"no name column", []byte("serialNumber,brand\nA,B\n"), domain.ErrInvalid, "no name column"},
		{"broken quotes", []byte("serialNumber,name\n\"A,B\n"), domain.ErrInvalid, "not valid CSV"},
		{"too many rows", []byte(many.String()), ErrImportTooLarge, "more than 100000 rows"},
		{"too many bytes", bytes.Repeat([]byte("a"), MaxImportBytes+1), ErrImportTooLarge, "over 10 MiB"},
	} {
		_, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: c.file})
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if _, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte("serialNumber,name\nA,B\n"), OnDuplicate: "merge"}); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("bad rule: %v", err)
	}
	if js, _ := NewListImportsHandler(uc).Handle(ctx, ListImports{UserID: owner}); len(js) != 0 {
		t.Fatalf("%d jobs stored", len(js))
	}
}

func TestImportRowsWithErrorsProgressAndTheFinishedNotification(t *testing.T) {
	f := newFixture(t)
	ann := &fakeAnnouncer{}
	f.machines.AnnounceChangesTo(ann)
	uc := f.importer(t, ann, ImportOptions{BatchSize: 2, ProgressEvery: time.Nanosecond})
	owner := f.user(t, "owner")
	existing := f.machine(t, owner, 10)

	file := importHeader +
		"EX-1,Excavator 1,Cat,320,excavator,1200,Oil,OIL,250,180,25,14\n" + // row 2 ok
		"EX-2,Excavator 2,,,,-5,,,,,,\n" + // 3 negative hours
		"EX-3,Excavator 3,,,,abc,,,,,,\n" + // 4 not a number
		"EX-4,Excavator 4,,,,10,Grease,,,,,\n" + // 5 plan with neither interval
		"ex-1,Twin,,,,1,,,,,,\n" + // 6 duplicate in the file (skip)
		existing.SerialNumber() + ",Again,,,,1,,,,,,\n" + // 7 duplicate of a machine (skip)
		",No serial,,,,1,,,,,,\n" + // 8 missing serial
		"EX-5\n" + // 9 short row: no name
		"EX-6,\"=HYPERLINK(\"\"http://evil\"\")\",@SUM(A1),+1,-2,0,,,,,,\n" + // 10 formula-like text: stored as text
		"EX-7,Dozer,,,,5,Filters,,,30,,40\n" // 11 margin not below the interval
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, FileName: "fleet.csv", File: []byte(file)})
	if err != nil {
		t.Fatal(err)
	}
	if j.Status() != importjob.StatusQueued || j.Counts().Total != 10 {
		t.Fatalf("queued %+v", j.Record())
	}
	j = runUntilFinished(t, uc, owner, j.ID())
	c := j.Counts()
	if j.Status() != importjob.StatusCompleted || c != (importjob.Counts{Total: 10, Processed: 10, Created: 2, Skipped: 2, Failed: 6}) {
		t.Fatalf("finished %+v", j.Record())
	}
	want := map[int]string{3: "operatingHours", 4: "operatingHours", 5: "plan1IntervalHours", 8: "serialNumber", 9: "name", 11: "plan1DueSoonDays"}
	if len(j.Errors()) != len(want) {
		t.Fatalf("errors %+v", j.Errors())
	}
	for _, e := range j.Errors() {
		if want[e.Row] != e.Field || e.Message == "" {
			t.Errorf("row error %+v, want field %q", e, want[e.Row])
		}
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner})
	bySerial := map[string]string{}
	for _, m := range ms {
		bySerial[m.SerialNumber()] = m.Name()
	}
	if len(ms) != 3 || bySerial["EX-6"] != `=HYPERLINK("http://evil")` || bySerial["EX-1"] != "Excavator 1" {
		t.Fatalf("machines %v", bySerial)
	}
	for _, m := range ms {
		if m.SerialNumber() == "EX-1" {
			plans, _ := NewListMaintenancePlansHandler(f.plans).Handle(ctx, ListMaintenancePlans{UserID: owner, MachineID: m.ID()})
			if len(plans) != 1 || plans[0].Plan.Name() != "Oil" || m.OperatingHours() != 1200 {
				t.Fatalf("plans of EX-1: %+v", plans)
			}
			if rs, _ := NewListReadingsHandler(f.machines).Handle(ctx, ListReadings{UserID: owner, MachineID: m.ID(), Limit: 10}); len(rs) != 1 {
				t.Fatalf("readings %d", len(rs))
			}
		}
	}
	// Progress: one at the start, one per batch; then finished; and the inbox.
	progress := ann.of(EventImportProgress)
	if len(progress) < 2 || progress[0].payload.(ImportEvent).Processed != 0 || progress[len(progress)-1].payload.(ImportEvent).Processed != 10 {
		t.Fatalf("progress %+v", progress)
	}
	fin := ann.of(EventImportFinished)
	if len(fin) != 1 || fin[0].user != owner || fin[0].payload.(ImportEvent).Status != "COMPLETED" || fin[0].payload.(ImportEvent).FinishedAt == nil {
		t.Fatalf("finished %+v", fin)
	}
	var inbox []notification.Draft
	for _, d := range f.notifier.all() {
		if d.Type == notification.TypeImportFinished {
			inbox = append(inbox, d)
		}
	}
	if len(inbox) != 1 || inbox[0].UserID != owner || inbox[0].Metadata["created"] != 2 || inbox[0].Metadata["failed"] != 6 ||
		inbox[0].Title != "notification.importFinishedWithErrors.title" || inbox[0].ActionURL != "/imports/"+j.ID() {
		t.Fatalf("notification %+v", inbox)
	}
	if changes := ann.of(EventFleetChanged); len(changes) == 0 || changes[len(changes)-1].payload.(FleetChange).Reason != ChangeImport {
		t.Fatalf("fleet.changed %+v", changes)
	}
	if _, err := sqlite.NewImportJobRepository(f.db).File(ctx, j.ID()); !errors.Is(err, importjob.ErrNotFound) {
		t.Fatalf("the file of a finished job is kept: %v", err)
	}
	// Another user cannot read it.
	if _, err := NewGetImportHandler(uc).Handle(ctx, GetImport{UserID: f.user(t, "stranger"), ID: j.ID()}); !errors.Is(err, importjob.ErrNotFound) {
		t.Fatalf("stranger: %v", err)
	}
}

func TestImportTwiceWithSkipCreatesNothingAndUpdateAndFailRules(t *testing.T) {
	f := newFixture(t)
	uc := f.importer(t, nil, ImportOptions{BatchSize: 3})
	owner := f.user(t, "owner")
	file := importHeader + "A-1,One,,,,10,Oil,,100,,,\nA-2,Two,,,,20,,,,,,\nA-3,Three,,,,30,,,,,,\n"
	first, _ := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(file), OnDuplicate: "skip"})
	if j := runUntilFinished(t, uc, owner, first.ID()); j.Counts().Created != 3 {
		t.Fatalf("first %+v", j.Record())
	}
	again, _ := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(file), OnDuplicate: "skip"})
	if j := runUntilFinished(t, uc, owner, again.ID()); j.Counts() != (importjob.Counts{Total: 3, Processed: 3, Skipped: 3}) {
		t.Fatalf("again %+v", j.Record())
	}
	fail, _ := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(file), OnDuplicate: "fail"})
	if j := runUntilFinished(t, uc, owner, fail.ID()); j.Counts().Failed != 3 || j.Errors()[0].Field != "serialNumber" {
		t.Fatalf("fail %+v", j.Record())
	}
	upd := importHeader + "A-1,One renamed,Cat,,,15,Oil,,100,,,\nA-2,Two,,,,5,,,,,,\nA-3,Three,,,,30,Grease,,,90,,\n"
	u, _ := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(upd), OnDuplicate: "update"})
	j := runUntilFinished(t, uc, owner, u.ID())
	if j.Counts().Updated != 2 || j.Counts().Failed != 1 || j.Errors()[0].Row != 3 || j.Errors()[0].Field != "operatingHours" {
		t.Fatalf("update %+v", j.Record())
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner})
	if len(ms) != 3 {
		t.Fatalf("%d machines", len(ms))
	}
	for _, m := range ms {
		plans, _ := NewListMaintenancePlansHandler(f.plans).Handle(ctx, ListMaintenancePlans{UserID: owner, MachineID: m.ID()})
		switch m.SerialNumber() {
		case "A-1":
			if m.Name() != "One renamed" || m.Details().Brand != "Cat" || m.OperatingHours() != 15 || len(plans) != 1 {
				t.Errorf("A-1 %+v, %d plans", m.Record(), len(plans))
			}
		case "A-2":
			if m.OperatingHours() != 20 {
				t.Errorf("A-2 went backwards: %v", m.OperatingHours())
			}
		case "A-3":
			if len(plans) != 1 || plans[0].Plan.Name() != "Grease" {
				t.Errorf("A-3 plans %+v", plans)
			}
		}
	}
}

func TestAnInterruptedImportResumesWithoutDuplicates(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	var b strings.Builder
	b.WriteString(importHeader)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "R-%d,Machine %d,,,,%d,Oil,,250,,,\n", i, i, i)
	}
	stopped, stop := context.WithCancel(context.Background())
	ann := &fakeAnnouncer{}
	ann.hook = func(event string, payload any) {
		if e, ok := payload.(ImportEvent); ok && event == EventImportProgress && e.Processed >= 20 {
			stop() // the server goes down after a few batches
		}
	}
	uc := f.importer(t, ann, ImportOptions{BatchSize: 7, ProgressEvery: time.Nanosecond, Lease: time.Minute})
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(b.String())})
	if err != nil {
		t.Fatal(err)
	}
	uc.Run(stopped)
	mid, _ := NewGetImportHandler(uc).Handle(ctx, GetImport{UserID: owner, ID: j.ID()})
	if mid.Status() != importjob.StatusRunning || mid.Counts().Processed == 0 || mid.Counts().Processed == 50 {
		t.Fatalf("interrupted %+v", mid.Record())
	}
	// Simulate a batch written but not saved: the next rows' machines exist already.
	parsed, err := parseImportFile([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range parsed.rows[mid.Counts().Processed : mid.Counts().Processed+3] {
		row, rowErr := uc.newMachineRow(owner, r)
		if rowErr != nil {
			t.Fatal(rowErr)
		}
		if w, err := uc.rows.WriteRows(ctx, []importjob.Row{row}); err != nil || w[0].Err != nil {
			t.Fatal(err, w)
		}
	}
	// A restarted server (a new importer) waits for the lease, then resumes.
	again := f.importer(t, nil, ImportOptions{BatchSize: 7, Lease: time.Minute})
	f.clock.Advance(2 * time.Minute)
	done := runUntilFinished(t, again, owner, j.ID())
	if done.Status() != importjob.StatusCompleted || done.Counts().Created != 50 || done.Counts().Failed != 0 {
		t.Fatalf("resumed %+v", done.Record())
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner})
	if len(ms) != 50 {
		t.Fatalf("%d machines", len(ms))
	}
}

func TestExportImportRoundTripIsLossless(t *testing.T) {
	f := newFixture(t)
	uc := f.importer(t, nil, ImportOptions{})
	a, b := f.user(t, "a"), f.user(t, "b")
	file := importHeader +
		"RT-1,=cmd|' /C calc'!A0,'quoted,@brand,-model,12.75,Oil,OIL,250,,25,\n" +
		"RT-2,\"Comma, and \"\"quotes\"\"\",,,,0,Annual,,,365,,30\n" +
		"RT-3,Plain,Cat,320,excavator,1000000,,,,,,\n"
	j, _ := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: a, File: []byte(file)})
	if j = runUntilFinished(t, uc, a, j.ID()); j.Counts().Created != 3 {
		t.Fatalf("%+v", j.Record())
	}
	var first bytes.Buffer
	if err := NewExportMachinesHandler(f.machines).Handle(ctx, ExportMachines{UserID: a, To: &first}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first.String(), `'=cmd|' /C calc'!A0`) || !strings.Contains(first.String(), "'@brand") ||
		!strings.Contains(first.String(), ",'-model,") || strings.Contains(first.String(), ",=") {
		t.Fatalf("export not escaped:\n%s", first.String())
	}
	j2, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: b, File: first.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	if j2 = runUntilFinished(t, uc, b, j2.ID()); j2.Counts().Created != 3 || j2.Counts().Failed != 0 {
		t.Fatalf("%+v", j2.Record())
	}
	var second bytes.Buffer
	if err := NewExportMachinesHandler(f.machines).Handle(ctx, ExportMachines{UserID: b, To: &second}); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Fatalf("round trip differs:\n%s\n---\n%s", first.String(), second.String())
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: b})
	if ms[0].Name() != "=cmd|' /C calc'!A0" || ms[0].Details().Brand != "'quoted" || ms[0].Details().Model != "@brand" {
		t.Fatalf("read back %+v", ms[0].Record())
	}
}

// recordingRows records the number of rows of every write.
type recordingRows struct {
	importjob.RowRepository
	mu    sync.Mutex
	sizes []int
}

func (r *recordingRows) WriteRows(ctx context.Context, rows []importjob.Row) ([]importjob.Written, error) {
	r.mu.Lock()
	r.sizes = append(r.sizes, len(rows))
	r.mu.Unlock()
	return r.RowRepository.WriteRows(ctx, rows)
}

func TestImportWritesBoundedBatchesWhereARowWaitsForTheRowWithItsSerial(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	rows := &recordingRows{RowRepository: sqlite.NewImportRowRepository(f.db)}
	plans := sqlite.NewMaintenanceRepository(f.db)
	var taken string
	ann := &fakeAnnouncer{}
	ann.hook = func(event string, _ any) {
		// Once the runner has indexed the owner's machines, another request registers TAKEN.
		if event == EventImportProgress && taken == "" {
			m, err := NewCreateMachineHandler(f.machines).Handle(ctx, CreateMachine{OwnerID: owner, Details: machine.Details{SerialNumber: "TAKEN", Name: "Theirs"}})
			if err != nil {
				t.Error(err)
			}
			taken = m.ID()
		}
	}
	uc := NewImports(sqlite.NewImportJobRepository(f.db), rows, f.machines, plans, f.notifier, ann, f.clock,
		slog.New(slog.NewTextHandler(io.Discard, nil)), ImportOptions{BatchSize: 4})
	file := importHeader +
		"U-1,Loader,,,,10,Oil,,250,,,\n" + // row 2: created
		"u-1,Loader,,,,20,Grease,,500,,,\n" + // 3: the same batch: updates the machine row 2 wrote
		"U-1,Loader,,,,15,,,,,,\n" + // 4: below row 3's hours
		"TAKEN,Mine,,,,1,Oil,,250,,,\n" // 5: registered meanwhile: the store refuses it
	for i := 0; i < 8; i++ {
		file += fmt.Sprintf("N-%d,New %d,,,,%d,Oil,,250,,,\n", i, i, i)
	}
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: []byte(file), OnDuplicate: "update"})
	if err != nil {
		t.Fatal(err)
	}
	j = runUntilFinished(t, uc, owner, j.ID())
	if c := j.Counts(); c != (importjob.Counts{Total: 12, Processed: 12, Created: 9, Updated: 1, Failed: 2}) {
		t.Fatalf("counts %+v, errors %+v", c, j.Errors())
	}
	errs := j.Errors()
	if len(errs) != 2 || errs[0].Row != 4 || errs[0].Field != "operatingHours" ||
		errs[1].Row != 5 || errs[1].Field != "serialNumber" || errs[1].Message != "is already registered" {
		t.Fatalf("errors %+v", errs)
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner})
	if len(ms) != 10 {
		t.Fatalf("%d machines", len(ms))
	}
	for _, m := range ms {
		ps, _ := plans.ByMachine(ctx, m.ID())
		switch m.SerialNumber() {
		case "U-1":
			if m.OperatingHours() != 20 || len(ps) != 2 {
				t.Errorf("U-1: %v hours, %d plans", m.OperatingHours(), len(ps))
			}
		case "TAKEN":
			if m.ID() != taken || m.Name() != "Theirs" || len(ps) != 0 {
				t.Errorf("the refused row left %+v with %d plans", m.Record(), len(ps))
			}
		}
	}
	if all, _ := plans.Page(ctx, maintenance.PageQuery{OwnerID: owner, Limit: 100}); len(all) != 10 {
		t.Fatalf("%d plans stored, want 10 (2 of U-1, 8 of the new ones)", len(all))
	}
	rows.mu.Lock()
	defer rows.mu.Unlock()
	written := 0
	for _, n := range rows.sizes {
		if n > 4 {
			t.Errorf("a write of %d rows, more than a batch", n)
		}
		written += n
	}
	if written != 11 {
		t.Fatalf("writes %v: %d rows, want 11 (all but row 4)", rows.sizes, written)
	}
}

// slowRows takes a while per write, as a loaded store does.
type slowRows struct {
	importjob.RowRepository
	delay time.Duration
	mu    sync.Mutex
	calls int
}

func (r *slowRows) WriteRows(ctx context.Context, rows []importjob.Row) ([]importjob.Written, error) {
	r.mu.Lock()
	r.calls++
	r.mu.Unlock()
	time.Sleep(r.delay)
	return r.RowRepository.WriteRows(ctx, rows)
}

func TestImportProgressWithTheDefaultIntervalIsAFewEventsASecond(t *testing.T) {
	f := newFixture(t)
	owner := f.user(t, "owner")
	var mu sync.Mutex
	var at []time.Time
	ann := &fakeAnnouncer{}
	ann.hook = func(event string, _ any) {
		if event == EventImportProgress {
			mu.Lock()
			at = append(at, time.Now())
			mu.Unlock()
		}
	}
	// 300 batches of 10 rows, 5 ms a write: about 1.5 s of import, a
	// batch every few milliseconds, with the default ProgressEvery.
	rows := &slowRows{RowRepository: sqlite.NewImportRowRepository(f.db), delay: 5 * time.Millisecond}
	uc := NewImports(sqlite.NewImportJobRepository(f.db), rows, f.machines, sqlite.NewMaintenanceRepository(f.db), f.notifier, ann, f.clock,
		slog.New(slog.NewTextHandler(io.Discard, nil)), ImportOptions{BatchSize: 10})
	every := uc.opts.ProgressEvery
	if every != 250*time.Millisecond {
		t.Fatalf("the default ProgressEvery is %v", every)
	}
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: csvOfMachines(3000)})
	if err != nil {
		t.Fatal(err)
	}
	if j = runUntilFinished(t, uc, owner, j.ID()); j.Status() != importjob.StatusCompleted || j.Counts().Created != 3000 {
		t.Fatalf("job %+v", j.Record())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(at) < 2 {
		t.Fatalf("%d progress events", len(at))
	}
	elapsed := at[len(at)-1].Sub(at[0])
	// The first event is the start's; after it, at most one per ProgressEvery window.
	if limit := 1 + int(elapsed/every) + 1; len(at) > limit {
		t.Fatalf("%d progress events in %v (%d batches): more than %d, one per %v", len(at), elapsed, rows.calls, limit, every)
	}
	for i := 1; i < len(at); i++ { // stamped just after each event is sent: a little slack
		if gap := at[i].Sub(at[i-1]); gap < every-every/10 {
			t.Fatalf("progress events %d and %d only %v apart (ProgressEvery %v)", i-1, i, gap, every)
		}
	}
	if rows.calls < 10*len(at) {
		t.Fatalf("%d batches and %d progress events: the events are not thinned", rows.calls, len(at))
	}
	t.Logf("%d batches, %d progress events over %v", rows.calls, len(at), elapsed)
}
