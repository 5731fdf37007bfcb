package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// usageWindow is how many recent readings estimate a machine's daily use.
const usageWindow = 50

// MaintenancePlans runs the plan use cases: create, list with status, complete.
type MaintenancePlans struct {
	machines *Machines
	plans    maintenance.Repository
	clock    Clock
}

// NewMaintenancePlans builds the plan use cases on the machine ones (which
// record the readings a completion implies).
func NewMaintenancePlans(machines *Machines, plans maintenance.Repository, clock Clock) *MaintenancePlans {
	if clock == nil {
		clock = SystemClock{}
	}
	return &MaintenancePlans{machines: machines, plans: plans, clock: clock}
}

// PlanView is a plan with its standing now.
type PlanView struct {
	Plan       maintenance.Plan
	Evaluation maintenance.Evaluation
	// Role is the caller's on the plan's machine (what they may do with it: machine.Role.Can).
	Role machine.Role
}

// Create adds a plan to a machine (owner only); it starts at the machine's current hours and now.
func (s *MaintenancePlans) Create(ctx context.Context, userID, machineID string, spec maintenance.Spec) (PlanView, error) {
	m, err := s.machines.authorize(ctx, userID, machineID, machine.ActionCreatePlan)
	if err != nil {
		return PlanView{}, err
	}
	now := s.clock.Now()
	p, err := maintenance.New(m.ID(), m.OwnerID(), spec, m.OperatingHours(), now)
	if err != nil {
		return PlanView{}, err
	}
	if err := s.plans.Create(ctx, p); err != nil {
		return PlanView{}, fmt.Errorf("create plan: %w", err)
	}
	s.machines.changes.machine(ctx, m, ChangePlanCreated)
	return PlanView{Plan: p, Evaluation: p.Evaluate(m.OperatingHours(), now, s.dailyUse(ctx, m.ID())), Role: machine.RoleOwner}, nil
}

// List returns a machine's plans with their status, due figures and forecast.
func (s *MaintenancePlans) List(ctx context.Context, userID, machineID string) ([]PlanView, error) {
	m, role, err := s.machines.access(ctx, userID, machineID)
	if err != nil {
		return nil, err
	}
	return s.views(ctx, m, role)
}

func (s *MaintenancePlans) views(ctx context.Context, m machine.Machine, role machine.Role) ([]PlanView, error) {
	plans, err := s.plans.ByMachine(ctx, m.ID())
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	out := make([]PlanView, len(plans))
	if len(plans) == 0 {
		return out, nil
	}
	now, use := s.clock.Now(), s.dailyUse(ctx, m.ID())
	for i, p := range plans {
		out[i] = PlanView{Plan: p, Evaluation: p.Evaluate(m.OperatingHours(), now, use), Role: role}
	}
	return out, nil
}

// MachinePlans is one machine of the caller's fleet with its plans' standing.
type MachinePlans struct {
	Machine machine.Machine
	Plans   []PlanView
}

// Fleet returns every machine the caller owns or operates with its plans and
// their status: what the dashboard shows, in one answer however large the fleet.
func (s *MaintenancePlans) Fleet(ctx context.Context, userID string) ([]MachinePlans, error) {
	ms, err := s.machines.List(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]MachinePlans, len(ms))
	for i, m := range ms {
		vs, err := s.views(ctx, m, m.RoleOf(userID))
		if err != nil {
			return nil, err
		}
		out[i] = MachinePlans{Machine: m, Plans: vs}
	}
	return out, nil
}

// dailyUse estimates hours per day from recent readings; 0 when unknown.
func (s *MaintenancePlans) dailyUse(ctx context.Context, machineID string) float64 {
	rs, err := s.machines.machines.Readings(ctx, machineID, usageWindow)
	if err != nil {
		return 0
	}
	use, _ := machine.DailyUse(rs)
	return use
}

// CompletePlan records a performed maintenance. Nil hours mean the machine's
// current hours; hours above them are recorded as a reading first. A nil
// performedAt means now.
type CompletePlan struct {
	UserID, MachineID, PlanID string
	OperatingHours            *float64
	PerformedAt               *time.Time
	Notes                     string
}

// Complete records who did the maintenance, when and at what hours, and restarts the plan (owner only).
func (s *MaintenancePlans) Complete(ctx context.Context, cmd CompletePlan) (maintenance.Completion, PlanView, error) {
	m, err := s.machines.authorize(ctx, cmd.UserID, cmd.MachineID, machine.ActionCompletePlan)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if !domain.ValidID(cmd.PlanID) {
		return maintenance.Completion{}, PlanView{}, maintenance.ErrNotFound
	}
	p, err := s.plans.ByID(ctx, cmd.PlanID)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if p.MachineID() != m.ID() {
		return maintenance.Completion{}, PlanView{}, maintenance.ErrNotFound
	}
	now := s.clock.Now()
	hours := m.OperatingHours()
	if cmd.OperatingHours != nil {
		hours = *cmd.OperatingHours
	}
	at := now
	if cmd.PerformedAt != nil {
		at = *cmd.PerformedAt
	}
	c, done, err := s.completeCycle(ctx, cmd.UserID, p, hours, at, cmd.Notes)
	if err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	if m, err = s.meterAtLeast(ctx, cmd.UserID, m, hours); err != nil {
		return maintenance.Completion{}, PlanView{}, err
	}
	s.machines.changes.machine(ctx, m, ChangePlanCompleted)
	return c, PlanView{Plan: done, Evaluation: done.Evaluate(m.OperatingHours(), now, s.dailyUse(ctx, m.ID())), Role: machine.RoleOwner}, nil
}

// completeCycle stores the completion of p's current cycle ("Mark done" and a
// work order's plan step share this rule); maintenance.ErrStale when the
// cycle was completed meanwhile.
func (s *MaintenancePlans) completeCycle(ctx context.Context, userID string, p maintenance.Plan, hours float64, at time.Time, notes string) (maintenance.Completion, maintenance.Plan, error) {
	done, c, err := p.Complete(userID, hours, at, notes, s.clock.Now())
	if err != nil {
		return maintenance.Completion{}, maintenance.Plan{}, err
	}
	if err := s.plans.Complete(ctx, done, c); err != nil {
		return maintenance.Completion{}, maintenance.Plan{}, fmt.Errorf("complete plan: %w", err)
	}
	return c, done, nil
}

// meterAtLeast records hours above the meter as a reading (after a plan's
// completion, so that the reading's alarm check sees the plan already
// restarted) and returns the machine as it is then. Hours not above it change nothing.
func (s *MaintenancePlans) meterAtLeast(ctx context.Context, userID string, m machine.Machine, hours float64) (machine.Machine, error) {
	if hours <= m.OperatingHours() {
		return m, nil
	}
	if _, err := s.machines.RecordReading(ctx, userID, m.ID(), hours); err != nil && !errors.Is(err, machine.ErrHoursBackwards) {
		return m, err
	}
	if fresh, err := s.machines.machines.ByID(ctx, m.ID()); err == nil {
		m = fresh
	}
	return m, nil
}
