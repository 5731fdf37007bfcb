package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// CheckDocumentExpiryHandler is the sibling of CheckMaintenanceAlarmsHandler for machine
// documents, run by the same scheduler: each document that has reached a
// reminder threshold (days before expiry; 30, 7 and 0 by default) sends its
// machine's owner one DOCUMENT_EXPIRY notification — DUE_SOON before the
// expiry date, EXPIRED from it on. The store claims each (document,
// threshold) before anything is sent, so a reminder goes out once across
// runs, instances and racing runners; a document that reaches several
// thresholds at once (added 5 days before it expires) sends only the most
// urgent one.
type CheckDocumentExpiryHandler struct {
	docs       document.Repository
	machines   machine.Repository
	notifier   Notifier
	clock      Clock
	log        *slog.Logger
	thresholds []int
	pageSize   int
}

// NewCheckDocumentExpiryHandler builds the handler; no thresholds means document.DefaultThresholds.
func NewCheckDocumentExpiryHandler(docs document.Repository, machines machine.Repository, notifier Notifier, clock Clock,
	log *slog.Logger, thresholds []int) *CheckDocumentExpiryHandler {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	if len(thresholds) == 0 {
		thresholds = document.DefaultThresholds
	}
	return &CheckDocumentExpiryHandler{docs: docs, machines: machines, notifier: notifier, clock: clock, log: log,
		thresholds: thresholds, pageSize: DefaultAlarmPageSize}
}

// CheckDocumentExpiry asks for one pass over every document within the
// largest threshold of its expiry (the scheduler's, after each alarm check).
type CheckDocumentExpiry struct{}

// Handle runs the pass.
func (uc *CheckDocumentExpiryHandler) Handle(ctx context.Context, _ CheckDocumentExpiry) (AlarmResult, error) {
	var total AlarmResult
	now := uc.clock.Now()
	by := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, slices.Max(uc.thresholds))
	after := ""
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		page, err := uc.docs.ExpiringBy(ctx, by, after, uc.pageSize)
		if err != nil {
			return total, fmt.Errorf("check document expiry: %w", err)
		}
		var errs []error
		for _, d := range page {
			m, err := uc.machines.ByID(ctx, d.MachineID())
			if errors.Is(err, machine.ErrNotFound) {
				continue // the machine is being deleted
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			total.Checked++
			sent, err := uc.checkDocument(ctx, m, d)
			if err != nil {
				errs = append(errs, err)
			} else if sent {
				total.Alerted++
			}
		}
		if err := errors.Join(errs...); err != nil {
			return total, err
		}
		if len(page) < uc.pageSize {
			return total, nil
		}
		after = page[len(page)-1].ID()
	}
}

// checkDocument claims the document's most urgent threshold reached, if not
// claimed before, and sends its owner the reminder.
func (uc *CheckDocumentExpiryHandler) checkDocument(ctx context.Context, m machine.Machine, d document.Document) (bool, error) {
	now := uc.clock.Now()
	threshold, ok := d.Reminder(now, uc.thresholds)
	if !ok {
		return false, nil
	}
	claimed, err := uc.docs.ClaimReminder(ctx, d.ID(), threshold)
	if err != nil {
		return false, fmt.Errorf("check document expiry: claim %s: %w", d.ID(), err)
	}
	if !claimed {
		return false, nil
	}
	// The claim is made: deliver even if the caller's context ends now.
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if _, err := uc.notifier.Create(nctx, documentDraft(m, d, threshold, now)); err != nil {
		uc.log.Error("document reminder not delivered", "document", d.ID(), "threshold", threshold, "err", err)
	}
	return true, nil
}

func documentDraft(m machine.Machine, d document.Document, threshold int, now time.Time) notification.Draft {
	key, status, priority := "notification.documentDueSoon", "DUE_SOON", notification.PriorityNormal
	if d.Expired(now) {
		key, status, priority = "notification.documentExpired", "EXPIRED", notification.PriorityHigh
	}
	rec := d.Record()
	return notification.Draft{
		UserID:  m.OwnerID(),
		Type:    notification.TypeDocumentExpiry,
		Title:   key + ".title",
		Message: key + ".body",
		Metadata: map[string]any{
			"machineId":    m.ID(),
			"machineName":  m.Name(),
			"documentId":   rec.ID,
			"documentType": string(rec.Type),
			"documentName": rec.Name,
			"number":       rec.Number,
			"expiresOn":    rec.ExpiresOn.Format(document.DateLayout),
			"daysLeft":     d.DaysLeft(now),
			"threshold":    threshold,
			"status":       status,
		},
		ActionURL: machineURL(m.ID()),
		Priority:  priority,
		Source:    sourceMaintenance,
	}
}

// Run is one scheduled pass (a sibling job of CheckMaintenanceAlarmsHandler.Schedule, see AlsoRun): failures are logged.
func (uc *CheckDocumentExpiryHandler) Run(ctx context.Context) {
	res, err := uc.Handle(ctx, CheckDocumentExpiry{})
	if err != nil && ctx.Err() == nil {
		uc.log.Error("document expiry check failed", "err", err, "checked", res.Checked, "alerted", res.Alerted)
		return
	}
	if res.Alerted > 0 {
		uc.log.Info("document expiry check", "checked", res.Checked, "alerted", res.Alerted)
	}
}
