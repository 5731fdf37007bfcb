package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// ImportOptions tune the import runner; zero values take the defaults.
type ImportOptions struct {
	// BatchSize rows are imported between two saves of the job (default
	// 250); their writes go to the store together (RowRepository.WriteRows),
	// so no more than a batch of rows is held to be written.
	BatchSize int
	// Lease is how long a job whose runner stopped writing stays its runner's
	// before another runner (this instance after a restart, or another
	// instance) resumes it (default 30 s). A running job is saved after every batch.
	Lease time.Duration
	// ProgressEvery is the least time between two import.progress events of a job (default 250 ms).
	ProgressEvery time.Duration
	// MaxAttempts is how many runs in a row may stop without saving a batch
	// (the store failing to write the rows, to save the job or to list the
	// owner's machines, or a server stop) before the job is marked FAILED
	// (default 5). A run that saves a batch starts the count again.
	MaxAttempts int
	// Instance names this process in runner tokens (logs only).
	Instance string
}

const sourceImport = "import"

// Imports are what the import use cases share, and their runner: StartImport
// stores the upload as a queued job, Run (one per instance) claims jobs and imports
// them in batches, announcing progress on the owner's stream, and a
// job whose runner died is resumed from its last saved batch.
type Imports struct {
	jobs     importjob.Repository
	rows     importjob.RowRepository
	machines *Deps
	plans    maintenance.Repository
	notifier Notifier
	announce Announcer
	clock    Clock
	log      *slog.Logger
	opts     ImportOptions
	kick     chan struct{}
}

// NewImports builds the import use cases' dependencies on the fleet's: rows
// stores the imported rows, plans is read for the plans a machine has.
// announce may be nil (no progress events).
func NewImports(jobs importjob.Repository, rows importjob.RowRepository, machines *Deps, plans maintenance.Repository, notifier Notifier,
	announce Announcer, clock Clock, log *slog.Logger, opts ImportOptions) *Imports {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 250
	}
	if opts.Lease <= 0 {
		opts.Lease = 30 * time.Second
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 250 * time.Millisecond
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 5
	}
	return &Imports{jobs: jobs, rows: rows, machines: machines, plans: plans, notifier: notifier, announce: announce,
		clock: clock, log: log, opts: opts, kick: make(chan struct{}, 1)}
}

// MaxImportsListed caps List.
const MaxImportsListed = 50

// Run claims and imports jobs, one at a time, until ctx ends: new ones at
// once (Start wakes it), abandoned ones once their lease has run out. A job
// interrupted by ctx stays RUNNING and is resumed after its lease.
func (uc *Imports) Run(ctx context.Context) {
	t := time.NewTicker(max(uc.opts.Lease/3, 10*time.Millisecond))
	defer t.Stop()
	for {
		for ctx.Err() == nil {
			now := uc.clock.Now()
			token := uc.opts.Instance + "/" + domain.NewID()
			j, ok, err := uc.jobs.Claim(ctx, token, now.Add(-uc.opts.Lease), now)
			if err != nil {
				if ctx.Err() == nil {
					uc.log.Warn("import claim failed", "err", err)
				}
				break
			}
			if !ok {
				break
			}
			uc.runJob(ctx, j, token)
		}
		select {
		case <-ctx.Done():
			return
		case <-uc.kick:
		case <-t.C:
		}
	}
}

// ImportEvent is the data of import.progress and import.finished.
type ImportEvent struct {
	ID         string     `json:"id"`
	Status     string     `json:"status"`
	Total      int        `json:"total"`
	Processed  int        `json:"processed"`
	Created    int        `json:"created"`
	Updated    int        `json:"updated"`
	Skipped    int        `json:"skipped"`
	Failed     int        `json:"failed"`
	Reason     string     `json:"reason,omitempty"`
	FinishedAt *time.Time `json:"finishedAt"`
}

func importEvent(j importjob.Job) ImportEvent {
	c := j.Counts()
	return ImportEvent{ID: j.ID(), Status: string(j.Status()), Total: c.Total, Processed: c.Processed, Created: c.Created,
		Updated: c.Updated, Skipped: c.Skipped, Failed: c.Failed, Reason: j.Reason(), FinishedAt: j.FinishedAt()}
}

// importRun is one runner's state of a job.
type importRun struct {
	job      importjob.Job
	bySerial map[string]machine.Machine // the owner's machines, and those this job created
	firstRow map[string]int             // serial → the file row that first had it
	ours     map[string]bool            // created by this job in a batch that was not saved (a resume)
	audience map[string]bool            // operators of updated machines, told at the end
	lastNews time.Time
	changed  bool // rows written since the last fleet.changed
}

func (uc *Imports) runJob(ctx context.Context, j importjob.Job, token string) {
	log := uc.log.With("import", j.ID(), "runner", token, "attempt", j.Attempts())
	if j.Attempts() > uc.opts.MaxAttempts { // the last run could not even record its failure
		uc.finish(ctx, j.Start(token, uc.clock.Now()).Fail(uc.gaveUpReason("running it"), uc.clock.Now()), nil)
		return
	}
	file, err := uc.jobs.File(ctx, j.ID())
	if err != nil {
		if errors.Is(err, importjob.ErrNotFound) {
			uc.finish(ctx, j.Start(token, uc.clock.Now()).Fail("the uploaded file is no longer stored: upload it again", uc.clock.Now()), nil)
			return
		}
		log.Warn("import file unreadable", "err", err)
		uc.stopped(ctx, j.Attempts(), j.Start(token, uc.clock.Now()), nil, "reading the uploaded file")
		return
	}
	f, err := parseImportFile(file)
	if err != nil {
		uc.finish(ctx, j.Start(token, uc.clock.Now()).Fail("the file can no longer be read: "+fieldMessage(err), uc.clock.Now()), nil)
		return
	}
	resumed := j.StartedAt()
	run := &importRun{job: j.Start(token, uc.clock.Now()), firstRow: map[string]int{}, ours: map[string]bool{}, audience: map[string]bool{}}
	if err := uc.jobs.Save(ctx, run.job); err != nil {
		log.Warn("import not started", "err", err)
		uc.stopped(ctx, j.Attempts(), run.job, nil, "saving the import")
		return
	}
	if resumed != nil {
		log.Info("import resumed", "processed", run.job.Counts().Processed, "total", run.job.Counts().Total)
	}
	if err := uc.loadOwnerMachines(ctx, run, f, resumed); err != nil {
		log.Warn("import: owner's machines unreadable", "err", err)
		uc.stopped(ctx, j.Attempts(), run.job, nil, "reading your machines")
		return
	}
	uc.progress(ctx, run, true)
	for run.job.Counts().Processed < len(f.rows) {
		if ctx.Err() != nil {
			return // stopped: resumed after the lease
		}
		start := run.job.Counts().Processed
		batch := f.rows[start:min(start+uc.opts.BatchSize, len(f.rows))]
		counts, rowErrs, err := uc.importBatch(ctx, run, batch)
		if err != nil {
			log.Warn("import batch not stored", "row", batch[0].line, "err", err)
			uc.stopped(ctx, run.job.Attempts(), run.job, run, "storing the rows")
			return
		}
		advanced := run.job.Advance(counts, rowErrs, uc.clock.Now())
		if err := uc.jobs.Save(ctx, advanced); err != nil {
			log.Warn("import progress not saved", "err", err)
			uc.stopped(ctx, run.job.Attempts(), advanced, run, "saving the progress") // its rows are written
			return
		}
		run.job = advanced
		uc.progress(ctx, run, false)
	}
	uc.finish(ctx, run.job.Complete(uc.clock.Now()), run)
}

// stopped ends a run that the store failed (what names the step): the job
// is claimed again once its lease has run out, unless this run was the
// MaxAttempts-th in a row without a saved batch (attempts, the job's count
// as stored); then j, the job as far as its rows were written, is marked
// FAILED. A run stopped because ctx ended (a server stop) just ends; its
// claim counted all the same.
func (uc *Imports) stopped(ctx context.Context, attempts int, j importjob.Job, run *importRun, what string) {
	if ctx.Err() != nil {
		return
	}
	if attempts < uc.opts.MaxAttempts {
		uc.log.Warn("import stopped; it is claimed again after its lease", "import", j.ID(), "attempt", attempts,
			"maxAttempts", uc.opts.MaxAttempts, "step", what)
		return
	}
	uc.finish(ctx, j.Fail(uc.gaveUpReason(what), uc.clock.Now()), run)
}

func (uc *Imports) gaveUpReason(what string) string {
	return fmt.Sprintf("the import stopped %d times in a row without progress (the server failed %s); "+
		"the rows imported so far stay: upload the file again with onDuplicate=skip to import the rest",
		uc.opts.MaxAttempts, what)
}

// loadOwnerMachines indexes the owner's machines by serial number. On a
// resume, the machines this job created in the batch that was not saved
// (created since the job started, with a serial first seen at or after the
// resume point) count as this job's, not as duplicates.
func (uc *Imports) loadOwnerMachines(ctx context.Context, run *importRun, f importFile, resumed *time.Time) error {
	ms, err := uc.machines.machines.ForUser(ctx, run.job.OwnerID())
	if err != nil {
		return err
	}
	run.bySerial = make(map[string]machine.Machine, len(ms)+len(f.rows))
	for _, m := range ms {
		if m.OwnerID() == run.job.OwnerID() {
			run.bySerial[m.SerialNumber()] = m
		}
	}
	processed := run.job.Counts().Processed
	for i, r := range f.rows {
		if r.err != nil {
			continue
		}
		s := serialKey(r.details.SerialNumber)
		if _, seen := run.firstRow[s]; seen {
			continue
		}
		run.firstRow[s] = r.line
		if i < processed {
			continue
		}
		if m, ok := run.bySerial[s]; ok && resumed != nil && !m.CreatedAt().Before(resumed.Truncate(time.Millisecond)) {
			run.ours[s] = true
		}
	}
	// firstRow is rebuilt as rows are imported (a serial counts as the file's once a row took it).
	clear(run.firstRow)
	for i, r := range f.rows[:processed] {
		if r.err == nil {
			if _, seen := run.firstRow[serialKey(r.details.SerialNumber)]; !seen {
				run.firstRow[serialKey(r.details.SerialNumber)] = f.rows[i].line
			}
		}
	}
	return nil
}

func serialKey(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// importBatch imports rows in order. Each row's outcome is decided on the
// owner's serial index; the rows that write are stored together (WriteRows:
// each row whole or not at all, so a row that fails leaves nothing behind),
// and a row whose serial number a row still to be written has waits until
// that one is stored. An error (the store failing) stops the batch, which is
// done again on resume.
func (uc *Imports) importBatch(ctx context.Context, run *importRun, batch []importRow) (importjob.Counts, []importjob.RowError, error) {
	w := batchWriter{uc: uc, run: run, outcomes: make([]rowOutcome, len(batch)), pending: map[string]bool{}}
	for k, r := range batch {
		if r.err != nil {
			w.outcomes[k] = rowOutcome{kind: outcomeFailed, err: r.err}
			continue
		}
		serial := serialKey(r.details.SerialNumber)
		if w.pending[serial] {
			if err := w.flush(ctx); err != nil {
				return importjob.Counts{}, nil, err
			}
		}
		if err := w.decide(ctx, k, serial, r); err != nil {
			return importjob.Counts{}, nil, err
		}
	}
	if err := w.flush(ctx); err != nil {
		return importjob.Counts{}, nil, err
	}
	c := importjob.Counts{Processed: len(batch)}
	var errs []importjob.RowError
	for _, o := range w.outcomes {
		switch o.kind {
		case outcomeFailed:
			c.Failed++
			errs = append(errs, *o.err)
		case outcomeSkipped:
			c.Skipped++
		case outcomeCreated:
			c.Created++
		case outcomeUpdated:
			c.Updated++
		}
	}
	return c, errs, nil
}

type outcomeKind int

const (
	outcomeFailed outcomeKind = iota
	outcomeSkipped
	outcomeCreated
	outcomeUpdated
)

// rowOutcome is what became of one row of a batch.
type rowOutcome struct {
	kind outcomeKind
	err  *importjob.RowError // outcomeFailed
}

// batchWriter gathers the rows of a batch that write, and applies what the
// store answers to the runner's indexes.
type batchWriter struct {
	uc       *Imports
	run      *importRun
	outcomes []rowOutcome
	rows     []importjob.Row
	waiting  []waitingRow    // rows[i] is waiting[i]'s
	pending  map[string]bool // serial numbers of the rows gathered
}

// waitingRow is a gathered row: its place in the batch, its file row and serial.
type waitingRow struct {
	slot   int
	line   int
	serial string
}

// decide sets the outcome of the row at slot k, or gathers the row to write.
func (w *batchWriter) decide(ctx context.Context, k int, serial string, r importRow) error {
	uc, run := w.uc, w.run
	existing, dup := run.bySerial[serial]
	var row importjob.Row
	var rowErr *importjob.RowError
	kind := outcomeCreated
	switch {
	case dup && run.ours[serial]: // a row of this job that a batch not saved wrote
		delete(run.ours, serial)
		missing, err := uc.missingPlans(ctx, existing, r, existing.OperatingHours(), uc.clock.Now())
		if err != nil {
			return err
		}
		run.firstRow[serial] = r.line
		if len(missing) == 0 {
			w.outcomes[k] = rowOutcome{kind: outcomeCreated}
			return nil
		}
		row = importjob.Row{Machine: existing, Existing: true, Plans: missing}
	case dup && run.job.OnDuplicate() == importjob.DuplicateSkip:
		w.outcomes[k] = rowOutcome{kind: outcomeSkipped}
		return nil
	case dup && run.job.OnDuplicate() == importjob.DuplicateFail:
		msg := "is already registered (onDuplicate=fail)"
		if first, inFile := run.firstRow[serial]; inFile {
			msg = fmt.Sprintf("repeats row %d of this file (onDuplicate=fail)", first)
		}
		rowErr = &importjob.RowError{Row: r.line, Field: "serialNumber", Message: msg}
	case dup: // onDuplicate=update
		kind = outcomeUpdated
		var write bool
		var err error
		if row, write, rowErr, err = uc.updateRow(ctx, run.job.OwnerID(), existing, r); err != nil {
			return err
		}
		if rowErr == nil && !write { // nothing changes
			for _, op := range existing.OperatorIDs() {
				run.audience[op] = true
			}
			run.changed = true
			w.outcomes[k] = rowOutcome{kind: outcomeUpdated}
			return nil
		}
	default:
		row, rowErr = uc.newMachineRow(run.job.OwnerID(), r)
	}
	if rowErr != nil {
		w.outcomes[k] = rowOutcome{kind: outcomeFailed, err: rowErr}
		return nil
	}
	w.outcomes[k] = rowOutcome{kind: kind}
	w.rows = append(w.rows, row)
	w.waiting = append(w.waiting, waitingRow{slot: k, line: r.line, serial: serial})
	w.pending[serial] = true
	return nil
}

// flush writes the gathered rows and applies the outcome of each.
func (w *batchWriter) flush(ctx context.Context) error {
	if len(w.rows) == 0 {
		return nil
	}
	written, err := w.uc.rows.WriteRows(ctx, w.rows)
	if err != nil {
		return err
	}
	run := w.run
	for i, wr := range w.waiting {
		res := written[i]
		o := &w.outcomes[wr.slot]
		switch {
		case res.Err == nil:
			run.bySerial[wr.serial] = res.Machine
			run.changed = true
			if o.kind == outcomeCreated {
				run.firstRow[wr.serial] = wr.line
			} else {
				for _, op := range res.Machine.OperatorIDs() {
					run.audience[op] = true
				}
			}
		case errors.Is(res.Err, machine.ErrSerialTaken):
			*o = rowOutcome{kind: outcomeFailed, err: &importjob.RowError{Row: wr.line, Field: "serialNumber", Message: "is already registered"}}
		case errors.Is(res.Err, machine.ErrNotFound):
			delete(run.bySerial, wr.serial)
			*o = rowOutcome{kind: outcomeFailed, err: &importjob.RowError{Row: wr.line, Field: "serialNumber",
				Message: "the machine with this serial number was deleted during the import"}}
		default:
			return res.Err
		}
	}
	w.rows, w.waiting = w.rows[:0], w.waiting[:0]
	clear(w.pending)
	return nil
}

// newMachineRow makes the row of a new machine: the machine, its first
// reading and its plans; a value the domain refuses is the row's error.
func (uc *Imports) newMachineRow(ownerID string, r importRow) (importjob.Row, *importjob.RowError) {
	now := uc.clock.Now()
	m, err := machine.New(ownerID, r.details, r.hours, now)
	if err != nil {
		return importjob.Row{}, &importjob.RowError{Row: r.line, Field: fieldOf(err), Message: fieldMessage(err)}
	}
	plans := make([]maintenance.Plan, 0, len(r.plans))
	for _, spec := range r.plans {
		p, err := maintenance.New(m.ID(), ownerID, spec, r.hours, now)
		if err != nil {
			return importjob.Row{}, &importjob.RowError{Row: r.line, Field: fieldOf(err), Message: fieldMessage(err)}
		}
		plans = append(plans, p)
	}
	reading, err := machine.NewReading(m.ID(), ownerID, r.hours, now)
	if err != nil {
		return importjob.Row{}, &importjob.RowError{Row: r.line, Field: "operatingHours", Message: fieldMessage(err)}
	}
	return importjob.Row{Machine: m, Reading: &reading, Plans: plans}, nil
}

// updateRow makes the row that applies r to an existing machine
// (onDuplicate=update): its details, its hours when higher (a reading), and
// the plans it lacks by name. write is false when nothing would change.
func (uc *Imports) updateRow(ctx context.Context, ownerID string, m machine.Machine, r importRow) (
	row importjob.Row, write bool, rowErr *importjob.RowError, err error) {
	now := uc.clock.Now()
	if r.hours < m.OperatingHours() {
		return row, false, &importjob.RowError{Row: r.line, Field: "operatingHours", Message: machine.ErrHoursBackwards.Message}, nil
	}
	upd, err := m.WithDetails(r.details, now)
	if err != nil {
		return row, false, &importjob.RowError{Row: r.line, Field: fieldOf(err), Message: fieldMessage(err)}, nil
	}
	missing, err := uc.missingPlans(ctx, m, r, max(r.hours, m.OperatingHours()), now)
	if err != nil {
		return row, false, nil, err
	}
	row = importjob.Row{Machine: upd, Existing: true, Details: upd.Details() != m.Details(), Plans: missing}
	if r.hours > m.OperatingHours() {
		reading, err := machine.NewReading(m.ID(), ownerID, r.hours, now)
		if err != nil {
			return row, false, &importjob.RowError{Row: r.line, Field: "operatingHours", Message: fieldMessage(err)}, nil
		}
		row.Reading = &reading
	}
	return row, row.Details || row.Reading != nil || len(missing) > 0, nil, nil
}

func (uc *Imports) missingPlans(ctx context.Context, m machine.Machine, r importRow, hours float64, now time.Time) ([]maintenance.Plan, error) {
	if len(r.plans) == 0 {
		return nil, nil
	}
	have, err := uc.plans.ByMachine(ctx, m.ID())
	if err != nil {
		return nil, err
	}
	var out []maintenance.Plan
outer:
	for _, spec := range r.plans {
		for _, p := range have {
			if strings.EqualFold(p.Name(), strings.TrimSpace(spec.Name)) {
				continue outer
			}
		}
		p, err := maintenance.New(m.ID(), m.OwnerID(), spec, hours, now)
		if err != nil {
			continue // validated when the file was read
		}
		out = append(out, p)
	}
	return out, nil
}

func fieldOf(err error) string {
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

// progress announces import.progress (at most every ProgressEvery unless
// forced) and, when rows were written, fleet.changed to the owner.
func (uc *Imports) progress(ctx context.Context, run *importRun, force bool) {
	now := time.Now()
	if uc.announce == nil || (!force && now.Sub(run.lastNews) < uc.opts.ProgressEvery) {
		return
	}
	run.lastNews = now
	owner := run.job.OwnerID()
	if err := uc.announce.Announce(ctx, owner, EventImportProgress, importEvent(run.job)); err != nil {
		uc.log.Warn("import progress not announced", "import", run.job.ID(), "err", err)
	}
	if run.changed {
		run.changed = false
		uc.machines.changes.users(ctx, []string{owner}, FleetChange{Reason: ChangeImport})
	}
}

// finish saves the final job, drops its file and tells the owner: the
// import.finished event, a persisted IMPORT_FINISHED notification, and
// fleet.changed (to the operators of updated machines too).
func (uc *Imports) finish(ctx context.Context, j importjob.Job, run *importRun) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if err := uc.jobs.Save(ctx, j); err != nil {
		uc.log.Warn("import end not saved", "import", j.ID(), "err", err)
		return
	}
	if err := uc.jobs.DeleteFile(ctx, j.ID()); err != nil {
		uc.log.Warn("import file not deleted", "import", j.ID(), "err", err)
	}
	owner := j.OwnerID()
	if uc.announce != nil {
		if err := uc.announce.Announce(ctx, owner, EventImportFinished, importEvent(j)); err != nil {
			uc.log.Warn("import end not announced", "import", j.ID(), "err", err)
		}
	}
	c := j.Counts()
	key, priority := "notification.importFinished", notification.PriorityNormal
	if j.Status() == importjob.StatusFailed {
		key, priority = "notification.importFailed", notification.PriorityHigh
	} else if c.Failed > 0 {
		key = "notification.importFinishedWithErrors"
	}
	if _, err := uc.notifier.Create(ctx, notification.Draft{UserID: owner, Type: notification.TypeImportFinished,
		Title: key + ".title", Message: key + ".body",
		Metadata: map[string]any{"importId": j.ID(), "fileName": j.FileName(), "status": string(j.Status()),
			"total": c.Total, "created": c.Created, "updated": c.Updated, "skipped": c.Skipped, "failed": c.Failed,
			"reason": j.Reason()},
		ActionURL: "/imports/" + j.ID(), Priority: priority, Source: sourceImport}); err != nil {
		uc.log.Error("import notification not delivered", "import", j.ID(), "err", err)
	}
	users := []string{owner}
	if run != nil {
		for u := range run.audience {
			users = append(users, u)
		}
	}
	uc.machines.changes.users(ctx, users, FleetChange{Reason: ChangeImport})
	uc.log.Info("import finished", "import", j.ID(), "status", j.Status(), "total", c.Total, "created", c.Created,
		"updated", c.Updated, "skipped", c.Skipped, "failed", c.Failed)
}
