package fleetapp

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
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

// ServiceHistory reads a machine's service history and writes its CSV (owner only: it shows costs).
type ServiceHistory struct{ d *workOrderDeps }

// Handle returns the history.
func (uc *ServiceHistory) Handle(ctx context.Context, userID, machineID string) (History, error) {
	m, role, err := uc.d.machines().access(ctx, userID, machineID)
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

// historyColumns are the CSV's columns: one row per work order line; money in minor units.
var historyColumns = []string{"completedAt", "workOrderId", "title", "operatingHours", "kind", "description",
	"quantity", "unitCostMinor", "currency", "totalMinor"}

// Export writes the history as CSV. Text cells a spreadsheet would evaluate
// as a formula are escaped with a leading apostrophe, as the machines export does.
func (uc *ServiceHistory) Export(ctx context.Context, userID, machineID string, w io.Writer) error {
	h, err := uc.Handle(ctx, userID, machineID)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(historyColumns); err != nil {
		return err
	}
	for _, o := range h.WorkOrders {
		s, c := o.Spec(), o.Completion()
		lead := []string{completedAt(o).Format(time.RFC3339), o.ID(), escapeCell(s.Title), formatFloat(c.OperatingHours)}
		for _, l := range s.Lines {
			row := append(slices.Clone(lead), string(l.Kind), escapeCell(l.Description), formatFloat(l.Quantity),
				strconv.FormatInt(l.UnitCost, 10), l.Currency, strconv.FormatInt(l.Total(), 10))
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		if len(s.Lines) == 0 {
			if err := cw.Write(append(lead, make([]string, 6)...)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
