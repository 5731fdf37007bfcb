package app

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/machine"
)

// MachineDocuments runs the document use cases: add and delete (the
// machine's owner), list (the owner and the machine's operators).
type MachineDocuments struct {
	machines *Machines
	docs     document.Repository
	expiry   *CheckDocumentExpiry // checks a new document at once; nil: the scheduled run only
	clock    Clock
}

// NewMachineDocuments builds the document use cases.
func NewMachineDocuments(machines *Machines, docs document.Repository, expiry *CheckDocumentExpiry, clock Clock) *MachineDocuments {
	if clock == nil {
		clock = SystemClock{}
	}
	return &MachineDocuments{machines: machines, docs: docs, expiry: expiry, clock: clock}
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
	m, err := s.machines.authorize(ctx, userID, machineID, machine.ActionEdit)
	if err != nil {
		return err
	}
	if !domain.ValidID(documentID) {
		return document.ErrNotFound
	}
	if err := s.docs.Delete(ctx, m.ID(), documentID); err != nil {
		return fmt.Errorf("delete document: %w", err)
	}
	return nil
}
