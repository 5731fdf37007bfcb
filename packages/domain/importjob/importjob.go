// Package importjob holds the Job of a bulk machine import (its counts, its
// row errors, who runs it) and its repository port.
package importjob

import (
	"slices"
	"strings"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

// Errors of this aggregate.
var (
	ErrNotFound = domain.NewError(domain.ErrNotFound, "import not found")
	// ErrNotRunner: another runner claimed the job (a lease that ran out); this one must stop.
	ErrNotRunner = domain.NewError(domain.ErrConflict, "the import is run by someone else now")
)

// Status is where a job stands.
type Status string

// The statuses; COMPLETED and FAILED are final.
const (
	StatusQueued    Status = "QUEUED"
	StatusRunning   Status = "RUNNING"
	StatusCompleted Status = "COMPLETED"
	StatusFailed    Status = "FAILED"
)

// Final reports whether nothing more happens to a job of this status.
func (s Status) Final() bool { return s == StatusCompleted || s == StatusFailed }

// OnDuplicate says what a row does whose serial number the owner already has
// (or an earlier row of the same file had).
type OnDuplicate string

// The duplicate rules.
const (
	DuplicateSkip   OnDuplicate = "skip"
	DuplicateUpdate OnDuplicate = "update"
	DuplicateFail   OnDuplicate = "fail"
)

// ParseOnDuplicate validates a rule; empty means skip.
func ParseOnDuplicate(s string) (OnDuplicate, error) {
	switch OnDuplicate(strings.ToLower(strings.TrimSpace(s))) {
	case "", DuplicateSkip:
		return DuplicateSkip, nil
	case DuplicateUpdate:
		return DuplicateUpdate, nil
	case DuplicateFail:
		return DuplicateFail, nil
	}
	return "", domain.Invalid("onDuplicate", "must be skip, update or fail")
}

// MaxStoredErrors caps the row errors a job keeps; Failed still counts them all.
const MaxStoredErrors = 1000

// RowError is why one row of the file was not imported. Row is the line's
// number in the file (the header is row 1).
type RowError struct {
	Row     int
	Field   string
	Message string
}

// Counts are a job's progress.
type Counts struct {
	Total     int // data rows in the file
	Processed int // rows done, in file order: the resume point
	Created   int
	Updated   int
	Skipped   int
	Failed    int
}

// Job is one upload being imported.
type Job struct {
	id          string
	ownerID     string
	fileName    string
	onDuplicate OnDuplicate
	status      Status
	counts      Counts
	errors      []RowError
	reason      string // why a job failed as a whole
	runner      string // the runner holding the job; empty when none
	attempts    int    // claims since the job last advanced (Claim adds one, Advance resets it to one)
	heartbeatAt time.Time
	createdAt   time.Time
	startedAt   *time.Time
	finishedAt  *time.Time
}

// New validates a queued job of ownerID for a file of total data rows.
func New(ownerID, fileName string, rule OnDuplicate, total int, now time.Time) (Job, error) {
	if !domain.ValidID(ownerID) {
		return Job{}, domain.Invalid("ownerId", "must be a user id")
	}
	if _, err := ParseOnDuplicate(string(rule)); err != nil {
		return Job{}, err
	}
	if total < 0 {
		return Job{}, domain.Invalid("total", "must not be negative")
	}
	name := strings.TrimSpace(fileName)
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	now = now.UTC().Truncate(time.Millisecond)
	return Job{id: domain.NewID(), ownerID: ownerID, fileName: name, onDuplicate: rule, status: StatusQueued,
		counts: Counts{Total: total}, errors: []RowError{}, heartbeatAt: now, createdAt: now}, nil
}

// StoreRecord carries every field of a Job between an adapter and FromStore.
type StoreRecord struct {
	ID          string
	OwnerID     string
	FileName    string
	OnDuplicate OnDuplicate
	Status      Status
	Counts      Counts
	Errors      []RowError
	Reason      string
	Runner      string
	Attempts    int
	HeartbeatAt time.Time
	CreatedAt   time.Time
	StartedAt   *time.Time
	FinishedAt  *time.Time
}

// FromStore rebuilds a Job read from a store.
func FromStore(r StoreRecord) Job {
	errs := slices.Clone(r.Errors)
	if errs == nil {
		errs = []RowError{}
	}
	return Job{id: r.ID, ownerID: r.OwnerID, fileName: r.FileName, onDuplicate: r.OnDuplicate, status: r.Status,
		counts: r.Counts, errors: errs, reason: r.Reason, runner: r.Runner, attempts: r.Attempts, heartbeatAt: r.HeartbeatAt.UTC(),
		createdAt: r.CreatedAt.UTC(), startedAt: utcPtr(r.StartedAt), finishedAt: utcPtr(r.FinishedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Record returns every field, for adapters and DTOs.
func (j Job) Record() StoreRecord {
	return StoreRecord{ID: j.id, OwnerID: j.ownerID, FileName: j.fileName, OnDuplicate: j.onDuplicate,
		Status: j.status, Counts: j.counts, Errors: slices.Clone(j.errors), Reason: j.reason, Runner: j.runner, Attempts: j.attempts,
		HeartbeatAt: j.heartbeatAt, CreatedAt: j.createdAt, StartedAt: utcPtr(j.startedAt), FinishedAt: utcPtr(j.finishedAt)}
}

// Start marks the job running by runner (a first start or a resume).
func (j Job) Start(runner string, now time.Time) Job {
	now = now.UTC().Truncate(time.Millisecond)
	j.status, j.runner, j.heartbeatAt = StatusRunning, runner, now
	if j.startedAt == nil {
		j.startedAt = &now
	}
	j.errors = slices.Clone(j.errors)
	return j
}

// Advance records one batch: its counts (added to the job's) and its row errors.
func (j Job) Advance(batch Counts, errs []RowError, now time.Time) Job {
	j.counts.Processed += batch.Processed
	j.counts.Created += batch.Created
	j.counts.Updated += batch.Updated
	j.counts.Skipped += batch.Skipped
	j.counts.Failed += batch.Failed
	j.errors = slices.Clone(j.errors)
	if room := MaxStoredErrors - len(j.errors); room > 0 {
		j.errors = append(j.errors, errs[:min(room, len(errs))]...)
	}
	j.heartbeatAt = now.UTC().Truncate(time.Millisecond)
	if batch.Processed > 0 {
		j.attempts = min(j.attempts, 1) // the claim that made progress is the only one that counts
	}
	return j
}

// Complete marks every row done.
func (j Job) Complete(now time.Time) Job {
	return j.finish(StatusCompleted, "", now)
}

// Fail ends the job with reason; the rows already imported stay.
func (j Job) Fail(reason string, now time.Time) Job {
	return j.finish(StatusFailed, reason, now)
}

func (j Job) finish(s Status, reason string, now time.Time) Job {
	now = now.UTC().Truncate(time.Millisecond)
	j.status, j.reason, j.heartbeatAt, j.finishedAt = s, reason, now, &now
	j.errors = slices.Clone(j.errors)
	return j
}

// ID returns the job's id.
func (j Job) ID() string { return j.id }

// OwnerID returns who uploaded the file.
func (j Job) OwnerID() string { return j.ownerID }

// FileName returns the uploaded file's name.
func (j Job) FileName() string { return j.fileName }

// OnDuplicate returns the duplicate rule.
func (j Job) OnDuplicate() OnDuplicate { return j.onDuplicate }

// Status returns where the job stands.
func (j Job) Status() Status { return j.status }

// Counts returns the progress.
func (j Job) Counts() Counts { return j.counts }

// Errors returns the stored row errors (at most MaxStoredErrors), in row order.
func (j Job) Errors() []RowError { return slices.Clone(j.errors) }

// Reason returns why the job failed as a whole; empty otherwise.
func (j Job) Reason() string { return j.reason }

// Runner returns who runs the job.
func (j Job) Runner() string { return j.runner }

// Attempts returns how many times the job was claimed since it last
// advanced (a batch saved): the store's Claim adds one, so a job whose runs
// keep failing before their first batch is saved counts up, and one that
// moves on counts from one again.
func (j Job) Attempts() int { return j.attempts }

// HeartbeatAt returns when the runner last wrote the job.
func (j Job) HeartbeatAt() time.Time { return j.heartbeatAt }

// CreatedAt returns when the file was uploaded.
func (j Job) CreatedAt() time.Time { return j.createdAt }

// StartedAt returns when a runner first started the job.
func (j Job) StartedAt() *time.Time { return utcPtr(j.startedAt) }

// FinishedAt returns when the job ended.
func (j Job) FinishedAt() *time.Time { return utcPtr(j.finishedAt) }
