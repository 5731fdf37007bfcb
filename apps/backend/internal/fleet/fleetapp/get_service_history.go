package fleetapp

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// MaxHistoryOrders bounds the completed work orders a history reads.
const MaxHistoryOrders = 10_000

// MonthCost is what was spent on a machine in one month (UTC) in one currency, in minor units.
type MonthCost struct {
	Month    string // YYYY-MM
	Currency string
	Total    int64
}

// History is a machine's service history: its completed work orders, newest
// first, and their cost per month and currency (newest month first).
type History struct {
	Machine    machine.Machine
	WorkOrders []workorder.WorkOrder
	Months     []MonthCost
	Totals     map[string]int64
}

// GetServiceHistoryHandler reads a machine's service history and writes its CSV (owner only: it shows costs).
type GetServiceHistoryHandler struct{ d *workOrderDeps }

// GetServiceHistory asks for a machine's completed work orders and their costs.
type GetServiceHistory struct {
	UserID, MachineID string
}

// Handle returns the history.
func (uc *GetServiceHistoryHandler) Handle(ctx context.Context, q GetServiceHistory) (History, error) {
	m, role, err := uc.d.machines().access(ctx, q.UserID, q.MachineID)
	if err != nil {
		return History{}, err
	}
	if role != machine.RoleOwner {
		return History{}, machine.ErrNotOwner
	}
	var done []workorder.WorkOrder
	for before := ""; len(done) < MaxHistoryOrders; {
		page, err := uc.d.orders.List(ctx, workorder.ListQuery{MachineIDs: []string{m.ID()}, Status: workorder.StatusCompleted,
			Before: before, Limit: 1000})
		if err != nil {
			return History{}, fmt.Errorf("service history: %w", err)
		}
		done = append(done, page...)
		if len(page) < 1000 {
			break
		}
		before = page[len(page)-1].ID()
	}
	// Newest completion first (a work order may be completed with an earlier date than its creation).
	slices.SortStableFunc(done, func(a, b workorder.WorkOrder) int { return completedAt(b).Compare(completedAt(a)) })
	h := History{Machine: m, WorkOrders: done, Months: []MonthCost{}, Totals: map[string]int64{}}
	byMonth := map[[2]string]int64{}
	for _, w := range done {
		month := completedAt(w).Format("2006-01")
		for cur, v := range w.Totals() {
			byMonth[[2]string{month, cur}] += v
			h.Totals[cur] += v
		}
	}
	for k, v := range byMonth {
		h.Months = append(h.Months, MonthCost{Month: k[0], Currency: k[1], Total: v})
	}
	slices.SortFunc(h.Months, func(a, b MonthCost) int {
		if a.Month != b.Month {
			return cmp.Compare(b.Month, a.Month)
		}
		return cmp.Compare(a.Currency, b.Currency)
	})
	return h, nil
}

func completedAt(w workorder.WorkOrder) time.Time {
	if c := w.Completion(); c != nil {
		return c.At
	}
	return w.Record().UpdatedAt
}
