package fleetapp

import (
	"context"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"
)

// ExportServiceHistory writes a machine's service history as CSV to To.
type ExportServiceHistory struct {
	UserID, MachineID string
	To                io.Writer
}

// ExportServiceHistoryHandler runs ExportServiceHistory.
type ExportServiceHistoryHandler struct{ d *workOrderDeps }

// Handle writes the history as CSV. Text cells a spreadsheet would evaluate
// as a formula are escaped with a leading apostrophe, as the machines export does.
func (uc *ExportServiceHistoryHandler) Handle(ctx context.Context, cmd ExportServiceHistory) error {
	h, err := (&GetServiceHistoryHandler{uc.d}).Handle(ctx, GetServiceHistory{UserID: cmd.UserID, MachineID: cmd.MachineID})
	if err != nil {
		return err
	}
	cw := csv.NewWriter(cmd.To)
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

// historyColumns are the CSV's columns: one row per work order line; money in minor units.
var historyColumns = []string{"completedAt", "workOrderId", "title", "operatingHours", "kind", "description",
	"quantity", "unitCostMinor", "currency", "totalMinor"}
