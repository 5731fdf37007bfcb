package fleetapp

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// usageWindow is how many recent readings estimate a machine's daily use.
const usageWindow = 50

// PlanView is a plan with its standing now.
type PlanView struct {
	Plan       maintenance.Plan
	Evaluation maintenance.Evaluation
	// Role is the caller's on the plan's machine (what they may do with it: machine.Role.Can).
	Role machine.Role
}

func (s *Deps) views(ctx context.Context, m machine.Machine, role machine.Role) ([]PlanView, error) {
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

// dailyUse estimates hours per day from recent readings; 0 when unknown.
func (s *Deps) dailyUse(ctx context.Context, machineID string) float64 {
	rs, err := s.machines.Readings(ctx, machineID, usageWindow)
	if err != nil {
		return 0
	}
	use, _ := machine.DailyUse(rs)
	return use
}

// completeCycle stores the completion of p's current cycle ("Mark done" and a
// work order's plan step share this rule); maintenance.ErrStale when the
// cycle was completed meanwhile.
func (s *Deps) completeCycle(ctx context.Context, userID string, p maintenance.Plan, hours float64, at time.Time, notes string) (maintenance.Completion, maintenance.Plan, error) {
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
func (s *Deps) meterAtLeast(ctx context.Context, userID string, m machine.Machine, hours float64) (machine.Machine, error) {
	if hours <= m.OperatingHours() {
		return m, nil
	}
	if _, err := s.recordReading(ctx, userID, m.ID(), hours); err != nil && !errors.Is(err, machine.ErrHoursBackwards) {
		return m, err
	}
	if fresh, err := s.machines.ByID(ctx, m.ID()); err == nil {
		m = fresh
	}
	return m, nil
}
