package bootstrap

import (
	"context"
	"errors"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleethttp"
	"github.com/fleetman/fleetman/packages/domain/document"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
	"github.com/fleetman/fleetman/packages/domain/workorder"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// fleet holds the fleet stores, from which fleetUseCases builds the use cases
// (the server's on the system clock, the demo seeder's on its own).
type fleet struct {
	machineRepo    machine.Repository
	planRepo       maintenance.Repository
	quickCheckRepo quickcheck.Repository
	issueRepo      issue.Repository
	workOrderRepo  workorder.Repository
	documentRepo   document.Repository // set by wireDocuments
	documentFiles  document.FileStore  // set by wireDocuments
}

// fleetUseCases builds the fleet use cases' shared dependencies, the quick
// check and the alarm check on the same stores with another clock (the demo
// seeder backdates its history with it).
func (a *App) fleetUseCases(clock fleetapp.Clock) (*fleetapp.Deps, *fleetapp.AddQuickCheckHandler, *fleetapp.CheckMaintenanceAlarmsHandler) {
	f := a.fleet
	alarms := fleetapp.NewCheckMaintenanceAlarmsHandler(f.planRepo, f.machineRepo, a.notifications, a.contacts, clock, a.log, 0)
	d := fleetapp.NewDeps(f.machineRepo, f.planRepo, f.quickCheckRepo, a.contacts, alarms, clock, a.log)
	return d, fleetapp.NewAddQuickCheckHandler(d, f.quickCheckRepo, a.users, a.notifications, clock, a.log), alarms
}

// machineUseCases builds the machine, plan, quick-check and alarm use cases
// the fleet handler runs.
func machineUseCases(d *fleetapp.Deps, quickChecks *fleetapp.AddQuickCheckHandler, alarms *fleetapp.CheckMaintenanceAlarmsHandler) fleethttp.UseCases {
	return fleethttp.UseCases{
		CreateMachine:   fleetapp.NewCreateMachineHandler(d),
		ListMachines:    fleetapp.NewListMachinesHandler(d),
		GetMachine:      fleetapp.NewGetMachineHandler(d),
		UpdateMachine:   fleetapp.NewUpdateMachineHandler(d),
		DeleteMachine:   fleetapp.NewDeleteMachineHandler(d),
		AssignOperator:  fleetapp.NewAssignOperatorHandler(d),
		RemoveOperator:  fleetapp.NewRemoveOperatorHandler(d),
		RecordReading:   fleetapp.NewRecordReadingHandler(d),
		ListReadings:    fleetapp.NewListReadingsHandler(d),
		CreatePlan:      fleetapp.NewCreateMaintenancePlanHandler(d),
		ListPlans:       fleetapp.NewListMaintenancePlansHandler(d),
		CompletePlan:    fleetapp.NewCompletePlanHandler(d),
		ListFleetPlans:  fleetapp.NewListFleetPlansHandler(d),
		AddQuickCheck:   quickChecks,
		ListQuickChecks: fleetapp.NewListQuickChecksHandler(d),
		CheckAlarms:     alarms,
	}
}

// wireFleet builds the machine, maintenance and quick-check stores and use
// cases, mounts their handlers, and schedules CheckMaintenanceAlarms on
// ALARM_CHECK_INTERVAL. It runs after wireNotifications and wireContacts.
func (a *App) wireFleet(ctx context.Context) error {
	if a.notifications == nil || a.contacts == nil {
		return errors.New("fleet: needs the notification service and the contact repository")
	}
	machines, err := pick(ctx, a.store,
		func(db *sqlite.DB) machine.Repository { return sqlite.NewMachineRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (machine.Repository, error) {
			return mongostore.NewMachineRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	plans, err := pick(ctx, a.store,
		func(db *sqlite.DB) maintenance.Repository { return sqlite.NewMaintenanceRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (maintenance.Repository, error) {
			return mongostore.NewMaintenanceRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	checks, err := pick(ctx, a.store,
		func(db *sqlite.DB) quickcheck.Repository { return sqlite.NewQuickCheckRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (quickcheck.Repository, error) {
			return mongostore.NewQuickCheckRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	issues, err := pick(ctx, a.store,
		func(db *sqlite.DB) issue.Repository { return sqlite.NewIssueRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (issue.Repository, error) {
			return mongostore.NewIssueRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	orders, err := pick(ctx, a.store,
		func(db *sqlite.DB) workorder.Repository { return sqlite.NewWorkOrderRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (workorder.Repository, error) {
			return mongostore.NewWorkOrderRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	a.fleet = &fleet{machineRepo: machines, planRepo: plans, quickCheckRepo: checks, issueRepo: issues, workOrderRepo: orders}
	machineUC, quickChecks, alarms := a.fleetUseCases(fleetapp.SystemClock{})
	// Issues and work orders (failed check items open issues; "Mark done" is a one-line work order).
	issueUC := fleetapp.NewIssueUseCases(machineUC, issues, a.notifications, fleetapp.SystemClock{}, a.log)
	orderUC := fleetapp.NewWorkOrderUseCases(issueUC, orders)
	quickChecks.OpenIssuesWith(issueUC.FromCheck)
	machineUC.CountIssuesWith(issueUC.OpenCounts)
	fleethttp.NewWorkHandler(fleetapp.NewGetMachineHandler(machineUC), issueUC, orderUC).Register(a.priv)
	machineUC.AnnounceChangesTo(streamAnnouncer{a.notifications}) // fleet.changed (wire_imports.go)
	alarms.AnnounceChangesTo(streamAnnouncer{a.notifications})
	if err := a.wireImports(ctx, machineUC); err != nil {
		return err
	}

	fleethttp.NewHandler(machineUseCases(machineUC, quickChecks, alarms)).MarkDoneThrough(orderUC.MarkDone).Register(a.priv)
	if err := a.wireDocuments(ctx, machineUC, alarms); err != nil {
		return err
	}
	delay, interval := a.cfg.AlarmCheckDelay, a.cfg.AlarmCheckInterval
	a.background = append(a.background, func(ctx context.Context) { alarms.Schedule(ctx, delay, interval) })
	return nil
}
