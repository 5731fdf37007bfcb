package fleetapp

import (
	"context"
	"io"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// DocumentDeps are what the document use cases share (on top of the fleet's
// Deps): add and delete, attach, replace and remove a file (the machine's
// owner), list and download (the owner and the machine's operators).
type DocumentDeps struct {
	machines *Deps
	docs     document.Repository
	files    document.FileStore
	expiry   *CheckDocumentExpiryHandler // checks a new document at once; nil: the scheduled run only
	clock    Clock
	log      *slog.Logger
}

// NewDocumentDeps builds the document use cases' dependencies.
func NewDocumentDeps(machines *Deps, docs document.Repository, files document.FileStore, expiry *CheckDocumentExpiryHandler,
	clock Clock, log *slog.Logger) *DocumentDeps {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &DocumentDeps{machines: machines, docs: docs, files: files, expiry: expiry, clock: clock, log: log}
}

// document loads one of the machine's documents for userID: with edit, the
// owner only (an operator gets 403); else the owner or an operator. A
// stranger gets 404 either way.
func (s *DocumentDeps) document(ctx context.Context, userID, machineID, documentID string, edit bool) (machine.Machine, document.Document, error) {
	var m machine.Machine
	var err error
	if edit {
		m, err = s.machines.authorize(ctx, userID, machineID, machine.ActionEdit)
	} else {
		m, _, err = s.machines.access(ctx, userID, machineID)
	}
	if err != nil {
		return machine.Machine{}, document.Document{}, err
	}
	if !domain.ValidID(documentID) {
		return machine.Machine{}, document.Document{}, document.ErrNotFound
	}
	doc, err := s.docs.ByID(ctx, m.ID(), documentID)
	if err != nil {
		return machine.Machine{}, document.Document{}, err
	}
	return m, doc, nil
}

// dropFile removes bytes no document points at any more. A failure is logged,
// not returned: nothing can reach them, and deleting the machine removes
// every file of it.
func (s *DocumentDeps) dropFile(ctx context.Context, machineID string, f document.File) {
	if err := s.files.Delete(context.WithoutCancel(ctx), machineID, f.ID); err != nil {
		s.log.Warn("document file not removed; deleting the machine removes it", "machine", machineID, "file", f.ID, "err", err)
	}
}

// FileUpload is a file as a client sends it: a name (kept only as a cleaned
// display name, see document.FileName) and the bytes, read once.
type FileUpload struct {
	Name    string
	Content io.Reader
}

// capReader fails with document.ErrFileTooLarge once more than max bytes came through.
type capReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n, document.ErrFileTooLarge
	}
	return n, err
}
