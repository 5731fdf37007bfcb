package fleetapp

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// MaxDashboardItems caps the dashboard's lists (their counts are exact).
const MaxDashboardItems = 20

// Dashboard is every fleet figure of a user's dashboard: over the machines
// they own or operate (an operator's dashboard is that of the machines they operate).
type Dashboard struct {
	Machines int
	Overdue  int // plans overdue
	DueSoon  int // plans due soon
	// Attention: machines with plans not OK, worst first (at most MaxDashboardItems).
	Attention      []MachineAttention
	AttentionCount int
	// QuickCheckFailures: machines whose latest quick check failed, newest first.
	QuickCheckFailures     []QuickCheckFailure
	QuickCheckFailureCount int
	// OpenIssues counts the OPEN and ACKNOWLEDGED issues of these machines.
	OpenIssues  int
	GeneratedAt time.Time
}

// OpenIssueCounter counts the open issues of machines (CountOpenIssuesHandler).
type OpenIssueCounter interface {
	Handle(ctx context.Context, q CountOpenIssues) (int, error)
}

// CountIssuesWith makes the dashboard count open issues through c (set once, in the composition root).
func (s *Deps) CountIssuesWith(c OpenIssueCounter) { s.openIssues = c }

// MachineAttention is a machine with its plans that are due soon or overdue.
type MachineAttention struct {
	Machine machine.Machine
	Plans   []PlanView
	Overdue bool
}

// QuickCheckFailure is a machine whose latest quick check failed (open until a passing one).
type QuickCheckFailure struct {
	Machine machine.Machine
	Check   quickcheck.QuickCheck
}

// GetDashboard asks for the dashboard of the machines a user owns or operates.
type GetDashboard struct {
	UserID string
}

// GetDashboardHandler runs GetDashboard.
type GetDashboardHandler struct{ d *Deps }

// NewGetDashboardHandler builds the handler.
func NewGetDashboardHandler(d *Deps) *GetDashboardHandler { return &GetDashboardHandler{d: d} }

// Handle computes the user's dashboard.
func (h *GetDashboardHandler) Handle(ctx context.Context, q GetDashboard) (Dashboard, error) {
	ms, err := h.d.listMachines(ctx, q.UserID)
	if err != nil {
		return Dashboard{}, err
	}
	now := h.d.clock.Now()
	d := Dashboard{Machines: len(ms), GeneratedAt: now, Attention: []MachineAttention{}, QuickCheckFailures: []QuickCheckFailure{}}
	// Two reads however large the fleet: the plans of all these machines
	// (owned or operated) and the newest check of each.
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID()
	}
	plans, err := h.d.plans.ByMachines(ctx, ids)
	if err != nil {
		return Dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	byMachine := make(map[string][]maintenance.Plan, len(ms))
	for _, p := range plans {
		byMachine[p.MachineID()] = append(byMachine[p.MachineID()], p)
	}
	checks, err := h.d.checks.LatestByMachines(ctx, ids)
	if err != nil {
		return Dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	latest := make(map[string]quickcheck.QuickCheck, len(checks))
	for _, c := range checks {
		latest[c.MachineID()] = c
	}
	for _, m := range ms {
		var due []PlanView
		overdue := false
		for _, p := range byMachine[m.ID()] {
			ev := p.Evaluate(m.OperatingHours(), now, 0)
			switch ev.Status {
			case maintenance.StatusOverdue:
				d.Overdue++
				overdue = true
			case maintenance.StatusDueSoon:
				d.DueSoon++
			default:
				continue
			}
			due = append(due, PlanView{Plan: p, Evaluation: ev})
		}
		if len(due) > 0 {
			sort.SliceStable(due, func(i, j int) bool { return due[i].Evaluation.Status > due[j].Evaluation.Status })
			d.Attention = append(d.Attention, MachineAttention{Machine: m, Plans: due, Overdue: overdue})
		}
		if last, ok := latest[m.ID()]; ok && !last.Passed() {
			d.QuickCheckFailures = append(d.QuickCheckFailures, QuickCheckFailure{Machine: m, Check: last})
		}
	}
	sort.SliceStable(d.Attention, func(i, j int) bool {
		a, b := d.Attention[i], d.Attention[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return a.Machine.Name() < b.Machine.Name()
	})
	sort.SliceStable(d.QuickCheckFailures, func(i, j int) bool {
		return d.QuickCheckFailures[i].Check.CreatedAt().After(d.QuickCheckFailures[j].Check.CreatedAt())
	})
	if h.d.openIssues != nil {
		if d.OpenIssues, err = h.d.openIssues.Handle(ctx, CountOpenIssues{MachineIDs: ids}); err != nil {
			return Dashboard{}, fmt.Errorf("dashboard: %w", err)
		}
	}
	d.AttentionCount, d.QuickCheckFailureCount = len(d.Attention), len(d.QuickCheckFailures)
	d.Attention = d.Attention[:min(len(d.Attention), MaxDashboardItems)]
	d.QuickCheckFailures = d.QuickCheckFailures[:min(len(d.QuickCheckFailures), MaxDashboardItems)]
	return d, nil
}
