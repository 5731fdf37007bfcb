package fleetapp

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// ownedPlans returns the plans of the owner's machines by machine id, in pages.
func ownedPlans(ctx context.Context, plans maintenance.Repository, ownerID string) (map[string][]maintenance.Plan, error) {
	out := map[string][]maintenance.Plan{}
	after := ""
	for {
		page, err := plans.Page(ctx, maintenance.PageQuery{OwnerID: ownerID, AfterID: after, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, p := range page {
			out[p.MachineID()] = append(out[p.MachineID()], p)
		}
		if len(page) < 1000 {
			return out, nil
		}
		after = page[len(page)-1].ID()
	}
}

// ExportMachines writes the machines a user owns, with their plans, as CSV to To.
type ExportMachines struct {
	UserID string
	To     io.Writer
}

// ExportMachinesHandler runs ExportMachines.
type ExportMachinesHandler struct{ d *Deps }

// NewExportMachinesHandler builds the handler.
func NewExportMachinesHandler(d *Deps) *ExportMachinesHandler { return &ExportMachinesHandler{d: d} }

// Handle writes the machines userID owns, with their plans and
// their standing now, as CSV in the import's columns (plus each plan's
// status, next due hours and date, which an import ignores): exporting and
// importing the file gives the same machines and plans. Text cells that a
// spreadsheet would evaluate are escaped (a leading apostrophe, which the
// import removes).
func (h *ExportMachinesHandler) Handle(ctx context.Context, cmd ExportMachines) error {
	all, err := h.d.machines.ForUser(ctx, cmd.UserID)
	if err != nil {
		return fmt.Errorf("export machines: %cmd.To", err)
	}
	var owned []machine.Machine
	for _, m := range all {
		if m.OwnerID() == cmd.UserID {
			owned = append(owned, m)
		}
	}
	plans, err := ownedPlans(ctx, h.d.plans, cmd.UserID)
	if err != nil {
		return fmt.Errorf("export machines: %cmd.To", err)
	}
	groups := 1
	for _, m := range owned {
		groups = max(groups, len(plans[m.ID()]))
	}
	header := append([]string{}, machineColumns...)
	for i := 1; i <= groups; i++ {
		for _, c := range append(append([]string{}, planColumns...), planExportColumns...) {
			header = append(header, fmt.Sprintf("plan%d%s", i, c))
		}
	}
	cw := csv.NewWriter(cmd.To)
	if err := cw.Write(header); err != nil {
		return err
	}
	now := h.d.clock.Now()
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return formatFloat(*v)
	}
	optInt := func(v *int) string {
		if v == nil {
			return ""
		}
		return strconv.Itoa(*v)
	}
	for _, m := range owned {
		d := m.Details()
		row := []string{escapeCell(d.SerialNumber), escapeCell(d.Name), escapeCell(d.Brand), escapeCell(d.Model),
			escapeCell(d.Type), formatFloat(m.OperatingHours())}
		ps := plans[m.ID()]
		for i := 0; i < groups; i++ {
			if i >= len(ps) {
				row = append(row, make([]string, len(planColumns)+len(planExportColumns))...)
				continue
			}
			r := ps[i].Record()
			ev := ps[i].Evaluate(m.OperatingHours(), now, 0)
			due := ""
			if ev.NextDueAt != nil {
				due = ev.NextDueAt.UTC().Format(time.RFC3339)
			}
			row = append(row, escapeCell(r.Name), escapeCell(r.Type), opt(r.IntervalHours), optInt(r.IntervalDays),
				opt(r.DueSoonHours), optInt(r.DueSoonDays), ev.Status.String(), opt(ev.NextDueHours), due)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
