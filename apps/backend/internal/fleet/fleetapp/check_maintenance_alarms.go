package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/schedule"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// DefaultAlarmPageSize is how many plans CheckMaintenanceAlarmsHandler holds at once.
const DefaultAlarmPageSize = 200

// CheckMaintenanceAlarmsHandler walks maintenance plans in pages ordered by id and,
// for each plan that has entered DUE_SOON or OVERDUE in its current cycle,
// sends one MAINTENANCE_ALERT to the machine's owner and operators. The store
// claims each (plan, cycle, state) transition atomically before anything is
// sent, so an alert goes out once across runs, instances and racing runners.
type CheckMaintenanceAlarmsHandler struct {
	plans    maintenance.Repository
	machines machine.Repository
	notifier Notifier
	contacts ContactChecker
	clock    Clock
	log      *slog.Logger
	pageSize int
	changes  fleetChanges
	siblings []func(ctx context.Context) // jobs Schedule runs after each pass (AlsoRun)
}

// AlsoRun makes Schedule run job after each pass over the plans, on the same
// interval (the document expiry check; set once, in the composition root).
func (uc *CheckMaintenanceAlarmsHandler) AlsoRun(job func(ctx context.Context)) {
	uc.siblings = append(uc.siblings, job)
}

// AnnounceChangesTo makes a plan that crosses its margin announce fleet.changed
// to the machine's owner and operators (set once, in the composition root).
func (uc *CheckMaintenanceAlarmsHandler) AnnounceChangesTo(a Announcer) {
	uc.changes = fleetChanges{to: a, log: uc.log}
}

// NewCheckMaintenanceAlarmsHandler builds the use case; pageSize 0 means
// DefaultAlarmPageSize. Operators who are no longer the owner's contacts are
// not alerted.
func NewCheckMaintenanceAlarmsHandler(plans maintenance.Repository, machines machine.Repository, notifier Notifier,
	contacts ContactChecker, clock Clock, log *slog.Logger, pageSize int) *CheckMaintenanceAlarmsHandler {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	if pageSize <= 0 {
		pageSize = DefaultAlarmPageSize
	}
	return &CheckMaintenanceAlarmsHandler{plans: plans, machines: machines, notifier: notifier, contacts: contacts,
		clock: clock, log: log, pageSize: pageSize}
}

// CheckMaintenanceAlarms selects what to check: the plans of one machine when
// MachineID is set (right after a reading), else one owner's machines, or all
// when OwnerID is empty too (admins, the scheduler).
type CheckMaintenanceAlarms struct {
	OwnerID   string
	MachineID string
}

// AlarmResult counts the plans checked and the plans that raised an alert.
type AlarmResult struct {
	Checked int `json:"checked"`
	Alerted int `json:"alerted"`
}

func (r *AlarmResult) add(o AlarmResult) { r.Checked += o.Checked; r.Alerted += o.Alerted }

// Handle runs one pass over the selected plans.
func (uc *CheckMaintenanceAlarmsHandler) Handle(ctx context.Context, cmd CheckMaintenanceAlarms) (AlarmResult, error) {
	if cmd.MachineID != "" {
		return uc.checkMachine(ctx, cmd.MachineID)
	}
	var total AlarmResult
	after := ""
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		page, err := uc.plans.Page(ctx, maintenance.PageQuery{OwnerID: cmd.OwnerID, AfterID: after, Limit: uc.pageSize})
		if err != nil {
			return total, fmt.Errorf("check alarms: %w", err)
		}
		if len(page) == 0 {
			return total, nil
		}
		res, err := uc.checkPlans(ctx, page)
		total.add(res)
		if err != nil {
			return total, err
		}
		if len(page) < uc.pageSize {
			return total, nil
		}
		after = page[len(page)-1].ID()
	}
}

// checkMachine checks the plans of one machine.
func (uc *CheckMaintenanceAlarmsHandler) checkMachine(ctx context.Context, machineID string) (AlarmResult, error) {
	plans, err := uc.plans.ByMachine(ctx, machineID)
	if err != nil {
		return AlarmResult{}, fmt.Errorf("check alarms: %w", err)
	}
	return uc.checkPlans(ctx, plans)
}

// checkPlans evaluates one page of plans with their machines loaded at once.
func (uc *CheckMaintenanceAlarmsHandler) checkPlans(ctx context.Context, plans []maintenance.Plan) (AlarmResult, error) {
	var res AlarmResult
	if len(plans) == 0 {
		return res, nil
	}
	ids := make([]string, 0, len(plans))
	seen := make(map[string]bool, len(plans))
	for _, p := range plans {
		if !seen[p.MachineID()] {
			seen[p.MachineID()] = true
			ids = append(ids, p.MachineID())
		}
	}
	ms, err := uc.machines.ByIDs(ctx, ids)
	if err != nil {
		return res, fmt.Errorf("check alarms: machines: %w", err)
	}
	byID := make(map[string]machine.Machine, len(ms))
	for _, m := range ms {
		byID[m.ID()] = m
	}
	now := uc.clock.Now()
	var errs []error
	var alerts alertBatch
	for _, p := range plans {
		m, ok := byID[p.MachineID()]
		if !ok {
			continue // the machine is being deleted
		}
		res.Checked++
		ev, alerted, err := uc.claimPlan(ctx, m, p, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if alerted {
			res.Alerted++
			alerts.machines = append(alerts.machines, m)
			alerts.plans = append(alerts.plans, p)
			alerts.evals = append(alerts.evals, ev)
		}
	}
	if len(alerts.plans) > 0 {
		uc.send(ctx, alerts)
	}
	return res, errors.Join(errs...)
}

// alertBatch is the claimed alerts of one page of plans.
type alertBatch struct {
	machines []machine.Machine
	plans    []maintenance.Plan
	evals    []maintenance.Evaluation
}

// claimPlan claims the plan's current state if it is new and returns it.
func (uc *CheckMaintenanceAlarmsHandler) claimPlan(ctx context.Context, m machine.Machine, p maintenance.Plan, now time.Time) (maintenance.Evaluation, bool, error) {
	ev := p.Evaluate(m.OperatingHours(), now, 0)
	if ev.Status == maintenance.StatusOK || p.AlreadyAlerted(ev.Status) {
		return ev, false, nil
	}
	claimed, err := uc.plans.ClaimAlert(ctx, p.ID(), p.Cycle(), ev.Status)
	if err != nil {
		return ev, false, fmt.Errorf("check alarms: claim plan %s: %w", p.ID(), err)
	}
	return ev, claimed, nil // not claimed: another runner sent it, or the plan was completed meanwhile
}

// send delivers the claimed alerts of a page to each machine's owner and
// operators with one batch of the NotificationService, then announces the
// machines' change.
func (uc *CheckMaintenanceAlarmsHandler) send(ctx context.Context, a alertBatch) {
	// The claims are made: deliver even if the caller's context ends now.
	nctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	var drafts []notification.Draft
	var planOf []string // drafts[i] is an alert of plan planOf[i]
	for i, m := range a.machines {
		draft := alertDraft(m, a.plans[i], a.evals[i])
		for _, userID := range m.Audience() {
			if userID != m.OwnerID() && uc.contacts != nil {
				if ok, err := uc.contacts.AreContacts(nctx, m.OwnerID(), userID); err != nil || !ok {
					continue // no longer the owner's contact (or unknown now): not told
				}
			}
			draft.UserID = userID
			drafts = append(drafts, draft)
			planOf = append(planOf, a.plans[i].ID())
		}
	}
	for i, err := range uc.notifier.CreateMany(nctx, drafts) {
		if err != nil {
			// The claim stands: a retry could duplicate the alert for the others.
			uc.log.Error("maintenance alert not delivered", "plan", planOf[i], "user", drafts[i].UserID, "err", err)
		}
	}
	seen := make(map[string]bool, len(a.machines))
	for _, m := range a.machines {
		if !seen[m.ID()] {
			seen[m.ID()] = true
			uc.changes.machine(nctx, m, ChangePlanStatus)
		}
	}
}

func alertDraft(m machine.Machine, p maintenance.Plan, ev maintenance.Evaluation) notification.Draft {
	key, priority := "notification.maintenanceDueSoon", notification.PriorityNormal
	if ev.Status == maintenance.StatusOverdue {
		key, priority = "notification.maintenanceOverdue", notification.PriorityHigh
	}
	var nextDueHours, nextDueAt any
	if ev.NextDueHours != nil {
		nextDueHours = *ev.NextDueHours
	}
	if ev.NextDueAt != nil {
		nextDueAt = ev.NextDueAt.UTC().Format(time.RFC3339)
	}
	return notification.Draft{
		Type:    notification.TypeMaintenanceAlert,
		Title:   key + ".title",
		Message: key + ".body",
		Metadata: map[string]any{
			"machineId":    m.ID(),
			"machineName":  m.Name(),
			"planId":       p.ID(),
			"planName":     p.Name(),
			"status":       ev.Status.String(),
			"currentHours": m.OperatingHours(),
			"nextDueHours": nextDueHours,
			"nextDueAt":    nextDueAt,
		},
		ActionURL: machineURL(m.ID()),
		Priority:  priority,
		Source:    sourceMaintenance,
	}
}

// Schedule runs a pass over all plans after delay (0: at once) and then
// every interval until ctx ends.
func (uc *CheckMaintenanceAlarmsHandler) Schedule(ctx context.Context, delay, interval time.Duration) {
	run := func() {
		defer func() {
			for _, job := range uc.siblings {
				job(ctx)
			}
		}()
		start := time.Now()
		res, err := uc.Handle(ctx, CheckMaintenanceAlarms{})
		took := time.Since(start).Round(time.Millisecond)
		if err != nil && ctx.Err() == nil {
			uc.log.Error("maintenance alarm check failed", "err", err, "checked", res.Checked, "alerted", res.Alerted, "took_ms", took.Milliseconds())
			return
		}
		if res.Alerted > 0 {
			uc.log.Info("maintenance alarm check", "checked", res.Checked, "alerted", res.Alerted, "took_ms", took.Milliseconds())
		}
	}
	schedule.Run(ctx, delay, interval, run)
}
