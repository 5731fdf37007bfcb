package importjob

import (
	"context"
	"time"
)

// Repository stores import jobs and the files they read.
type Repository interface {
	// Create stores a new job with its file (kept until DeleteFile, so that
	// another runner can resume the job).
	Create(ctx context.Context, j Job, file []byte) error
	// ByID returns ErrNotFound when there is no such job.
	ByID(ctx context.Context, id string) (Job, error)
	// ForOwner returns up to limit of the owner's jobs, newest first.
	ForOwner(ctx context.Context, ownerID string, limit int) ([]Job, error)
	// File returns the job's file; ErrNotFound when it was deleted.
	File(ctx context.Context, id string) ([]byte, error)
	// DeleteFile drops the file of a finished job (idempotent).
	DeleteFile(ctx context.Context, id string) error
	// Save stores j's status, counts, errors, reason, attempts, heartbeat and times,
	// provided the stored job is still run by j.Runner(); else ErrNotRunner.
	// ErrNotFound when the job is gone.
	Save(ctx context.Context, j Job) error
	// Claim atomically hands runner the oldest unfinished job (QUEUED or
	// RUNNING) that no runner holds (a new one) or whose heartbeat is before
	// staleBefore (its runner stopped), setting its runner and heartbeat to
	// now and adding one to its attempts, and returns it; ok is false when
	// there is none. Of several concurrent claimers of a job, one gets it.
	Claim(ctx context.Context, runner string, staleBefore, now time.Time) (j Job, ok bool, err error)
}
