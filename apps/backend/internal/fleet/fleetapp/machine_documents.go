package fleetapp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// DocumentFileStore keeps the bytes of documents' files, by machine and file
// id (a new id per upload). Every removal is idempotent.
type DocumentFileStore interface {
	// Put writes r's bytes as the file and returns their count; when r fails
	// nothing is kept and r's error is returned, wrapped.
	Put(ctx context.Context, machineID, fileID string, r io.Reader) (int64, error)
	// Open returns the bytes; document.ErrFileNotFound when there are none.
	Open(ctx context.Context, machineID, fileID string) (io.ReadCloser, error)
	Delete(ctx context.Context, machineID, fileID string) error
	// DeleteByMachine removes every file of the machine.
	DeleteByMachine(ctx context.Context, machineID string) error
}

// MachineDocuments runs the document use cases: add and delete, attach,
// replace and remove a file (the machine's owner), list and download (the
// owner and the machine's operators).
type MachineDocuments struct {
	machines *Machines
	docs     document.Repository
	files    DocumentFileStore
	expiry   *CheckDocumentExpiry // checks a new document at once; nil: the scheduled run only
	clock    Clock
	log      *slog.Logger
}

// NewMachineDocuments builds the document use cases.
func NewMachineDocuments(machines *Machines, docs document.Repository, files DocumentFileStore, expiry *CheckDocumentExpiry,
	clock Clock, log *slog.Logger) *MachineDocuments {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &MachineDocuments{machines: machines, docs: docs, files: files, expiry: expiry, clock: clock, log: log}
}

// Add stores a document of the machine (owner only: an operator gets 403, a
// stranger 404) and, when it already reached a reminder threshold, sends
// that reminder at once rather than at the next scheduled check.
func (s *MachineDocuments) Add(ctx context.Context, userID, machineID string, d document.Draft) (document.Document, error) {
	m, err := s.machines.authorize(ctx, userID, machineID, machine.ActionEdit)
	if err != nil {
		return document.Document{}, err
	}
	d.MachineID, d.OwnerID = m.ID(), m.OwnerID()
	doc, err := document.New(d, s.clock.Now())
	if err != nil {
		return document.Document{}, err
	}
	if err := s.docs.Create(ctx, doc); err != nil {
		return document.Document{}, fmt.Errorf("add document: %w", err)
	}
	if s.expiry != nil {
		if _, err := s.expiry.checkDocument(ctx, m, doc); err != nil {
			s.expiry.log.Warn("document reminder check failed; the scheduled run retries", "document", doc.ID(), "err", err)
		}
	}
	return doc, nil
}

// List returns the machine's documents, soonest expiry first.
func (s *MachineDocuments) List(ctx context.Context, userID, machineID string) ([]document.Document, error) {
	m, _, err := s.machines.access(ctx, userID, machineID)
	if err != nil {
		return nil, err
	}
	docs, err := s.docs.ByMachine(ctx, m.ID())
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}

// Delete removes one of the machine's documents (owner only).
func (s *MachineDocuments) Delete(ctx context.Context, userID, machineID, documentID string) error {
	m, doc, err := s.document(ctx, userID, machineID, documentID, true)
	if err != nil {
		return err
	}
	if err := s.docs.Delete(ctx, m.ID(), documentID); err != nil {
		return fmt.Errorf("delete document: %w", err)
	}
	// The document no longer points at its file: remove the bytes after it.
	if f, ok := doc.File(); ok {
		s.dropFile(ctx, m.ID(), f)
	}
	return nil
}

// document loads one of the machine's documents for userID: with edit, the
// owner only (an operator gets 403); else the owner or an operator. A
// stranger gets 404 either way.
func (s *MachineDocuments) document(ctx context.Context, userID, machineID, documentID string, edit bool) (machine.Machine, document.Document, error) {
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
func (s *MachineDocuments) dropFile(ctx context.Context, machineID string, f document.File) {
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

// AttachFile attaches a file to one of the machine's documents, or replaces
// its file (owner only). The type is decided from the first bytes
// (document.SniffType), never from the client; the bytes are written to the
// store under a new id before the document points at them, and the replaced
// file's bytes are removed after: a reader always gets a whole file that
// matches what the document says.
func (s *MachineDocuments) AttachFile(ctx context.Context, userID, machineID, documentID string, up FileUpload) (document.Document, error) {
	m, doc, err := s.document(ctx, userID, machineID, documentID, true)
	if err != nil {
		return document.Document{}, err
	}
	head := make([]byte, document.SniffBytes)
	n, err := io.ReadFull(up.Content, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return document.Document{}, fmt.Errorf("attach file: read: %w", err)
	}
	typ, err := document.SniffType(head[:n])
	if err != nil {
		return document.Document{}, err
	}
	fileID := domain.NewID()
	size, err := s.files.Put(ctx, m.ID(), fileID, &capReader{r: io.MultiReader(bytes.NewReader(head[:n]), up.Content), max: document.MaxFileBytes})
	if errors.Is(err, document.ErrFileTooLarge) {
		return document.Document{}, document.ErrFileTooLarge
	}
	if err != nil {
		return document.Document{}, fmt.Errorf("attach file: %w", err)
	}
	f, err := document.NewFile(fileID, up.Name, typ, size, s.clock.Now())
	if err == nil {
		err = s.docs.SetFile(ctx, m.ID(), doc.ID(), &f)
	}
	if err != nil {
		s.dropFile(ctx, m.ID(), document.File{ID: fileID})
		if errors.Is(err, domain.ErrInvalid) || errors.Is(err, domain.ErrNotFound) {
			return document.Document{}, err
		}
		return document.Document{}, fmt.Errorf("attach file: %w", err)
	}
	if prev, ok := doc.File(); ok {
		s.dropFile(ctx, m.ID(), prev)
	}
	return doc.WithFile(f), nil
}

// OpenFile returns a document's file and its bytes, for the owner and the
// machine's operators; the caller closes them. document.ErrFileNotFound when
// the document has none.
func (s *MachineDocuments) OpenFile(ctx context.Context, userID, machineID, documentID string) (document.File, io.ReadCloser, error) {
	m, doc, err := s.document(ctx, userID, machineID, documentID, false)
	if err != nil {
		return document.File{}, nil, err
	}
	f, ok := doc.File()
	if !ok {
		return document.File{}, nil, document.ErrFileNotFound
	}
	rc, err := s.files.Open(ctx, m.ID(), f.ID)
	if err != nil {
		return document.File{}, nil, fmt.Errorf("open document file: %w", err)
	}
	return f, rc, nil
}

// RemoveFile takes the file off a document (owner only): the document stops
// pointing at it first, then its bytes are removed.
func (s *MachineDocuments) RemoveFile(ctx context.Context, userID, machineID, documentID string) (document.Document, error) {
	m, doc, err := s.document(ctx, userID, machineID, documentID, true)
	if err != nil {
		return document.Document{}, err
	}
	f, ok := doc.File()
	if !ok {
		return document.Document{}, document.ErrFileNotFound
	}
	if err := s.docs.SetFile(ctx, m.ID(), doc.ID(), nil); err != nil {
		return document.Document{}, fmt.Errorf("remove document file: %w", err)
	}
	s.dropFile(ctx, m.ID(), f)
	return doc.WithoutFile(), nil
}
