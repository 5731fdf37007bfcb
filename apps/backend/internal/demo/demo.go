// Package demo seeds an empty store with two demo accounts who are contacts,
// a few machines with maintenance plans near due (one DUE_SOON, one OVERDUE,
// one OK), an operator assignment, readings, quick checks, issues (one from a
// failed check item), work orders with lines (one completed, in the service
// history), documents (one expiring soon, one with a file) and a short
// conversation. Everything goes through the real use cases, so the data is
// what the app itself would have written; the fleet history is backdated with
// a stepping clock so that daily use and forecasts make sense.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// The fixed demo credentials (also in README.md, "Demo accounts").
const (
	OwnerEmail       = "owner@demo.fleetman.test"
	OwnerPassword    = "demo-owner-pass"
	OperatorEmail    = "operator@demo.fleetman.test"
	OperatorPassword = "demo-operator-pass"
)

// Fleet is the fleet use cases, built on the demo clock.
type Fleet struct {
	Machines    *fleetapp.Deps // the machine and plan use cases' dependencies
	QuickChecks *fleetapp.AddQuickCheckHandler
	Alarms      *fleetapp.CheckMaintenanceAlarmsHandler
	// Issues, WorkOrders and Documents may be zero or nil: that part is not seeded.
	Issues     fleetapp.IssueUseCases
	WorkOrders fleetapp.WorkOrderUseCases
	Documents  *fleetapp.DocumentDeps
}

// Deps are the real use cases the seeder drives, adapted by the composition root.
type Deps struct {
	// Register creates an account and returns its user id.
	Register func(ctx context.Context, email, password, name, businessName string) (string, error)
	// Befriend makes requester and recipient contacts: a request, then its acceptance.
	Befriend func(ctx context.Context, requesterID, recipientID, recipientEmail string) error
	// SendMessage sends one message between contacts; nil when messaging is not available.
	SendMessage func(ctx context.Context, senderID, recipientID, content string) error
	// Fleet builds the fleet use cases on clock.
	Fleet func(clock fleetapp.Clock) Fleet
	// Now is the real time (time.Now when nil).
	Now func() time.Time
	Log *slog.Logger
}

// Result says who was created.
type Result struct {
	OwnerID, OperatorID string
	MachineIDs          []string
	Messages            int
}

// steppingClock is a clock the seeder moves through the past.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *steppingClock) set(t time.Time) { c.mu.Lock(); c.now = t.UTC(); c.mu.Unlock() }

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

// Seed writes the demo data. The caller decides that the store is empty.
func Seed(ctx context.Context, d Deps) (Result, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	var res Result
	var err error
	if res.OwnerID, err = d.Register(ctx, OwnerEmail, OwnerPassword, "Olivia Owner", "Owner Earthworks Ltd"); err != nil {
		return res, fmt.Errorf("demo: owner: %w", err)
	}
	if res.OperatorID, err = d.Register(ctx, OperatorEmail, OperatorPassword, "Oscar Operator", "Owner Earthworks Ltd"); err != nil {
		return res, fmt.Errorf("demo: operator: %w", err)
	}
	if err := d.Befriend(ctx, res.OwnerID, res.OperatorID, OperatorEmail); err != nil {
		return res, fmt.Errorf("demo: contacts: %w", err)
	}

	now := d.Now().UTC().Truncate(time.Minute)
	clock := &steppingClock{now: now}
	f := d.Fleet(clock)
	day := 24 * time.Hour
	at := func(daysAgo float64) time.Time { return now.Add(-time.Duration(daysAgo * float64(day))) }
	owner, operator := res.OwnerID, res.OperatorID

	create := func(daysAgo float64, det machine.Details, hours float64) (machine.Machine, error) {
		clock.set(at(daysAgo))
		m, err := fleetapp.NewCreateMachineHandler(f.Machines).Handle(ctx, fleetapp.CreateMachine{OwnerID: owner, Details: det, OperatingHours: hours})
		if err == nil {
			res.MachineIDs = append(res.MachineIDs, m.ID())
		}
		return m, err
	}
	reading := func(userID, machineID string, daysAgo, hours float64) error {
		clock.set(at(daysAgo))
		_, err := fleetapp.NewRecordReadingHandler(f.Machines).Handle(ctx, fleetapp.RecordReading{UserID: userID, MachineID: machineID, Hours: hours})
		return err
	}
	plan := func(daysAgo float64, machineID string, spec maintenance.Spec) (maintenance.Plan, error) {
		clock.set(at(daysAgo))
		v, err := fleetapp.NewCreateMaintenancePlanHandler(f.Machines).Handle(ctx, fleetapp.CreateMaintenancePlan{UserID: owner, MachineID: machineID, Spec: spec})
		return v.Plan, err
	}

	// 1. The excavator, operated by the operator: its oil change is DUE_SOON
	// (about 8 hours a day; 15 hours left of 250).
	exc, err := create(30, machine.Details{SerialNumber: "CAT320-DEMO-01", Name: "Excavator 320",
		Brand: "Caterpillar", Model: "320 GC", Type: "excavator"}, 1180)
	if err != nil {
		return res, fmt.Errorf("demo: excavator: %w", err)
	}
	if err := fleetapp.NewAssignOperatorHandler(f.Machines).Handle(ctx, fleetapp.AssignOperator{UserID: owner, MachineID: exc.ID(), OperatorID: operator}); err != nil {
		return res, fmt.Errorf("demo: operator: %w", err)
	}
	if _, err := plan(29, exc.ID(), maintenance.Spec{Name: "Engine oil and filter", Type: "OIL_CHANGE",
		IntervalHours: fp(250), DueSoonHours: fp(25)}); err != nil {
		return res, fmt.Errorf("demo: plan: %w", err)
	}
	if _, err := plan(29, exc.ID(), maintenance.Spec{Name: "Annual inspection", Type: "INSPECTION",
		IntervalDays: ip(365), DueSoonDays: ip(30)}); err != nil {
		return res, fmt.Errorf("demo: plan: %w", err)
	}
	hours := 1188.0 // the hours when the oil plan started: a reading a day later
	if err := reading(owner, exc.ID(), 29, hours); err != nil {
		return res, fmt.Errorf("demo: reading: %w", err)
	}
	for daysAgo := 26.0; daysAgo >= 1; daysAgo -= 3 {
		hours += 26 // about 8.7 h a day
		if err := reading(operator, exc.ID(), daysAgo, hours); err != nil {
			return res, fmt.Errorf("demo: reading: %w", err)
		}
	}
	// Now at 1422 h: inside the 25-hour margin before 1430.
	checks := []struct {
		daysAgo float64
		items   []quickcheck.Item
		notes   string
	}{
		{2.1, dailyChecklist(""), "All good before the shift."},
		{0.3, dailyChecklist("hydraulics"), "Small leak at the boom cylinder hose, please have a look."},
	}
	for _, c := range checks {
		clock.set(at(c.daysAgo))
		if _, err := f.QuickChecks.Handle(ctx, fleetapp.AddQuickCheck{UserID: operator, MachineID: exc.ID(),
			TemplateVersion: quickcheck.TemplateVersion, Items: c.items, Notes: c.notes}); err != nil {
			return res, fmt.Errorf("demo: quick check: %w", err)
		}
	}

	// 2. The wheel loader: its hydraulic service (every 90 days) is OVERDUE.
	loader, err := create(120, machine.Details{SerialNumber: "VOLVO-L60H-DEMO-02", Name: "Wheel loader L60H",
		Brand: "Volvo", Model: "L60H", Type: "wheel loader"}, 3400)
	if err != nil {
		return res, fmt.Errorf("demo: loader: %w", err)
	}
	if _, err := plan(100, loader.ID(), maintenance.Spec{Name: "Hydraulic system service", Type: "HYDRAULICS",
		IntervalDays: ip(90), DueSoonDays: ip(10)}); err != nil {
		return res, fmt.Errorf("demo: plan: %w", err)
	}
	for i, daysAgo := range []float64{90, 60, 30, 5} {
		if err := reading(owner, loader.ID(), daysAgo, 3400+float64(i+1)*95); err != nil {
			return res, fmt.Errorf("demo: reading: %w", err)
		}
	}

	// 3. The telehandler: its greasing plan was just done, so it is OK.
	tele, err := create(45, machine.Details{SerialNumber: "JCB-540-DEMO-03", Name: "Telehandler 540-180",
		Brand: "JCB", Model: "540-180", Type: "telehandler"}, 820)
	if err != nil {
		return res, fmt.Errorf("demo: telehandler: %w", err)
	}
	grease, err := plan(44, tele.ID(), maintenance.Spec{Name: "Greasing", Type: "LUBRICATION",
		IntervalHours: fp(50), IntervalDays: ip(30)})
	if err != nil {
		return res, fmt.Errorf("demo: plan: %w", err)
	}
	for i, daysAgo := range []float64{35, 25} {
		if err := reading(owner, tele.ID(), daysAgo, 820+float64(i+1)*15); err != nil {
			return res, fmt.Errorf("demo: reading: %w", err)
		}
	}
	clock.set(at(24.9))
	if _, err := fleetapp.NewCompletePlanHandler(f.Machines).Handle(ctx, fleetapp.CompletePlan{UserID: owner, MachineID: tele.ID(), PlanID: grease.ID(),
		Notes: "All grease points done."}); err != nil {
		return res, fmt.Errorf("demo: completion: %w", err)
	}
	for i, daysAgo := range []float64{15, 1} {
		if err := reading(owner, tele.ID(), daysAgo, 850+float64(i+1)*14); err != nil {
			return res, fmt.Errorf("demo: reading: %w", err)
		}
	}

	// Issues and work orders: the failed hydraulics item opened an issue on
	// the excavator; more by hand; a completed work order on the loader.
	if f.Issues.Open != nil && f.WorkOrders.Create != nil {
		if err := seedWork(ctx, f, clock, at, owner, operator, exc, loader); err != nil {
			return res, err
		}
	}
	// Documents: the excavator's insurance expires in 12 days (its reminder
	// goes out as it is added), with a file attached.
	if f.Documents != nil {
		if err := seedDocuments(ctx, f.Documents, clock, now, owner, exc, loader); err != nil {
			return res, err
		}
	}

	// Today: the scheduled alarm check announces the due plans to both users.
	clock.set(now)
	if _, err := f.Alarms.Handle(ctx, fleetapp.CheckMaintenanceAlarms{}); err != nil {
		return res, fmt.Errorf("demo: alarms: %w", err)
	}

	if d.SendMessage != nil {
		conversation := []struct{ from, to, text string }{
			{owner, operator, "Morning Oscar! The excavator's oil change is coming up. Can you keep an eye on the hours?"},
			{operator, owner, "Will do. I logged a small hydraulic leak at the boom in today's quick check."},
			{owner, operator, "Thanks, I saw it. The mechanic comes on Thursday; park it near the workshop after your shift."},
		}
		for _, m := range conversation {
			if err := d.SendMessage(ctx, m.from, m.to, m.text); err != nil {
				return res, fmt.Errorf("demo: message: %w", err)
			}
			res.Messages++
		}
	}
	return res, nil
}

// dailyChecklist is the standard pre-use checklist (labels come from the
// reader's language); the item with key failed did not pass.
func dailyChecklist(failed string) []quickcheck.Item {
	keys, _ := quickcheck.TemplateKeys(quickcheck.TemplateVersion)
	items := make([]quickcheck.Item, len(keys))
	for i, k := range keys {
		items[i] = quickcheck.Item{Key: k, Status: quickcheck.StatusPassed}
		if k == failed {
			items[i].Status, items[i].Notes = quickcheck.StatusFailed, "Oil weeping at the boom cylinder hose."
		}
	}
	return items
}

// seedWork opens issues by hand next to the one the failed check opened, a
// work order on the loader that is completed (so the service history has
// costs) and an open one on the excavator for the leaking hose.
func seedWork(ctx context.Context, f Fleet, clock *steppingClock, at func(float64) time.Time, owner, operator string,
	exc, loader machine.Machine) error {
	clock.set(at(5))
	latch, err := f.Issues.Open.Handle(ctx, fleetapp.OpenIssue{UserID: operator, MachineID: exc.ID(), Spec: issue.Spec{
		Title: "Cab door latch sticks", Description: "Needs a push to close since the cold snap.", Severity: issue.SeverityLow}})
	if err != nil {
		return fmt.Errorf("demo: issue: %w", err)
	}
	clock.set(at(4.8))
	if _, err := f.Issues.Change.Handle(ctx, fleetapp.ChangeIssueStatus{UserID: owner, IssueID: latch.ID(),
		Status: issue.StatusAcknowledged}); err != nil {
		return fmt.Errorf("demo: issue: %w", err)
	}
	clock.set(at(20))
	teeth, err := f.Issues.Open.Handle(ctx, fleetapp.OpenIssue{UserID: owner, MachineID: loader.ID(), Spec: issue.Spec{
		Title: "Bucket teeth worn", Description: "Two teeth are down to the adapter.", Severity: issue.SeverityMedium}})
	if err != nil {
		return fmt.Errorf("demo: issue: %w", err)
	}
	clock.set(at(19))
	done, err := f.WorkOrders.Create.Handle(ctx, fleetapp.CreateWorkOrder{UserID: owner, MachineID: loader.ID(),
		Spec: workorder.Spec{Title: "Replace bucket teeth", Notes: "Teeth and pins from the dealer.", IssueIDs: []string{teeth.ID()},
			AssigneeID: owner, Lines: []workorder.Line{
				{Kind: workorder.KindPart, Description: "Bucket tooth", Quantity: 6, UnitCost: 4200, Currency: "EUR"},
				{Kind: workorder.KindPart, Description: "Retaining pin set", Quantity: 1, UnitCost: 3500, Currency: "EUR"},
				{Kind: workorder.KindLabour, Description: "Fitter", Quantity: 2, UnitCost: 6500, Currency: "EUR"},
			}}})
	if err != nil {
		return fmt.Errorf("demo: work order: %w", err)
	}
	clock.set(at(18))
	if _, err := f.WorkOrders.Complete.Handle(ctx, fleetapp.CompleteWorkOrder{UserID: owner, ID: done.ID()}); err != nil {
		return fmt.Errorf("demo: work order: %w", err)
	}
	// The hose the morning's check found leaking: an open work order from its issue.
	page, err := f.Issues.List.Handle(ctx, fleetapp.ListIssues{UserID: owner, MachineID: exc.ID(), Status: issue.StatusOpen})
	if err != nil {
		return fmt.Errorf("demo: issues: %w", err)
	}
	var fromCheck []string
	for _, i := range page.Issues {
		if i.ItemKey() != "" {
			fromCheck = append(fromCheck, i.ID())
		}
	}
	clock.set(at(0.2))
	if _, err := f.WorkOrders.Create.Handle(ctx, fleetapp.CreateWorkOrder{UserID: owner, MachineID: exc.ID(),
		Spec: workorder.Spec{Title: "Boom cylinder hose", Notes: "Mechanic on Thursday.", IssueIDs: fromCheck, AssigneeID: operator,
			Lines: []workorder.Line{
				{Kind: workorder.KindPart, Description: "Hydraulic hose 1/2 in, 1.2 m", Quantity: 1, UnitCost: 8900, Currency: "EUR"},
				{Kind: workorder.KindLabour, Description: "Mechanic", Quantity: 1.5, UnitCost: 6500, Currency: "EUR"},
			}}}); err != nil {
		return fmt.Errorf("demo: work order: %w", err)
	}
	return nil
}

// insuranceSummary is the demo insurance document's file (plain text).
const insuranceSummary = `Owner Earthworks Ltd - machinery insurance (demo)
Policy POL-2026-0042, Caterpillar 320 GC, serial CAT320-DEMO-01
Cover: all risks on site and in transit; third-party liability.
`

// seedDocuments adds the machines' documents: one expiring in 12 days (with a
// file), one in 5 days, one far off.
func seedDocuments(ctx context.Context, docs *fleetapp.DocumentDeps, clock *steppingClock, now time.Time, owner string,
	exc, loader machine.Machine) error {
	clock.set(now)
	date := func(days int) string { return now.AddDate(0, 0, days).Format(document.DateLayout) }
	ins, err := fleetapp.NewAddDocumentHandler(docs).Handle(ctx, fleetapp.AddDocument{UserID: owner, MachineID: exc.ID(), Draft: document.Draft{Type: document.TypeInsurance, Number: "POL-2026-0042",
		IssuedOn: date(-353), ExpiresOn: date(12)}})
	if err != nil {
		return fmt.Errorf("demo: document: %w", err)
	}
	if _, err := fleetapp.NewAttachDocumentFileHandler(docs).Handle(ctx, fleetapp.AttachDocumentFile{UserID: owner, MachineID: exc.ID(), DocumentID: ins.ID(), Upload: fleetapp.FileUpload{Name: "insurance-summary.txt",
		Content: strings.NewReader(insuranceSummary)}}); err != nil {
		return fmt.Errorf("demo: document file: %w", err)
	}
	for _, d := range []struct {
		m     machine.Machine
		draft document.Draft
	}{
		{exc, document.Draft{Type: document.TypeRegistration, Number: "REG-EX-3320", IssuedOn: date(-60), ExpiresOn: date(305)}},
		{loader, document.Draft{Type: document.TypeInspectionCertificate, Number: "LOLER-7781", IssuedOn: date(-360), ExpiresOn: date(5)}},
	} {
		if _, err := fleetapp.NewAddDocumentHandler(docs).Handle(ctx, fleetapp.AddDocument{UserID: owner, MachineID: d.m.ID(), Draft: d.draft}); err != nil {
			return fmt.Errorf("demo: document: %w", err)
		}
	}
	return nil
}
