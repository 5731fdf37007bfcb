package seed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// FleetOptions say what fleet to seed for the alarm benchmark.
type FleetOptions struct {
	Machines int     // machines, owned round robin by the seeded users
	Crossing float64 // the share of machines whose plan has crossed its margin (due soon)
	Workers  int     // concurrent writers (each write is its own transaction); default 8
}

// FleetResult counts what SeedFleet stored.
type FleetResult struct {
	Machines, Plans, Crossing int
}

// planInterval is every seeded plan's interval in operating hours; a
// crossing machine gets a reading that puts it inside the default margin
// (10 %: due soon from 450 h) without being overdue.
const (
	planInterval  = 500.0
	crossingHours = 460.0
)

// SeedFleet stores opts.Machines machines for owners, each with one
// maintenance plan (every 500 h) through the stores' ports, and for
// opts.Crossing of them a reading that crosses the plan's margin: the input
// of CheckMaintenanceAlarms at fleet scale. The embedded store only.
func SeedFleet(ctx context.Context, cfg config.Config, owners []Account, opts FleetOptions, log *slog.Logger) (FleetResult, error) {
	if cfg.MongoURI != "" {
		return FleetResult{}, errors.New("seed fleet: the embedded store only (unset MONGODB_URI)")
	}
	if len(owners) == 0 || opts.Machines < 1 || opts.Crossing < 0 || opts.Crossing > 1 {
		return FleetResult{}, errors.New("seed fleet: owners, machines ≥ 1 and 0 ≤ crossing ≤ 1 needed")
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath)
	if err != nil {
		return FleetResult{}, fmt.Errorf("seed fleet: %w", err)
	}
	defer db.Close()
	machines, plans := sqlite.NewMachineRepository(db), sqlite.NewMaintenanceRepository(db)
	every := 0 // a machine in every `every` crosses
	if opts.Crossing > 0 {
		every = int(1/opts.Crossing + 0.5)
	}
	var res FleetResult
	var crossing, done atomic.Int64
	now := time.Now()
	interval := planInterval
	jobs := make(chan int)
	errs := make(chan error, opts.Workers)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := seedMachine(ctx, machines, plans, owners[i%len(owners)].UserID, i, every > 0 && i%every == 0, &interval, now); err != nil {
					errs <- err
					return
				}
				if every > 0 && i%every == 0 {
					crossing.Add(1)
				}
				if n := done.Add(1); n%20000 == 0 {
					log.Info("seeding machines", "stored", n)
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range opts.Machines {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return res, err
	}
	res.Machines, res.Plans, res.Crossing = int(done.Load()), int(done.Load()), int(crossing.Load())
	return res, ctx.Err()
}

func seedMachine(ctx context.Context, machines *sqlite.MachineRepository, plans *sqlite.MaintenanceRepository,
	owner string, i int, cross bool, interval *float64, now time.Time) error {
	m, err := machine.New(owner, machine.Details{SerialNumber: fmt.Sprintf("LOAD-%07d", i), Name: fmt.Sprintf("Load machine %d", i),
		Brand: "Load", Model: "L1", Type: "EXCAVATOR"}, 0, now)
	if err != nil {
		return err
	}
	if err := machines.Create(ctx, m); err != nil {
		return fmt.Errorf("seed fleet: machine: %w", err)
	}
	p, err := maintenance.New(m.ID(), owner, maintenance.Spec{Name: "Service", IntervalHours: interval}, 0, now)
	if err != nil {
		return err
	}
	if err := plans.Create(ctx, p); err != nil {
		return fmt.Errorf("seed fleet: plan: %w", err)
	}
	if !cross {
		return nil
	}
	rd, err := machine.NewReading(m.ID(), owner, crossingHours, now)
	if err != nil {
		return err
	}
	if _, err := machines.RecordReading(ctx, rd); err != nil {
		return fmt.Errorf("seed fleet: reading: %w", err)
	}
	return nil
}

// AlarmRun is what TimeAlarms measured.
type AlarmRun struct {
	Checked, Alerted int
	Published        int64 // notification events handed to the publisher
	Took             time.Duration
}

// countingPublisher counts what the NotificationService publishes (no
// streams are open in this benchmark: the hub's cost is measured elsewhere).
type countingPublisher struct{ n atomic.Int64 }

func (p *countingPublisher) Publish(_ context.Context, e notificationapp.Event) error {
	if e.Kind == notificationapp.KindNotification {
		p.n.Add(1)
	}
	return nil
}

// TimeAlarms runs CheckMaintenanceAlarms over every plan of the store, with
// the real NotificationService on the same store (alerts persisted, then
// handed to a counting publisher), and returns the run's figures.
func TimeAlarms(ctx context.Context, cfg config.Config, log *slog.Logger) (AlarmRun, error) {
	if cfg.MongoURI != "" {
		return AlarmRun{}, errors.New("time alarms: the embedded store only (unset MONGODB_URI)")
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath)
	if err != nil {
		return AlarmRun{}, fmt.Errorf("time alarms: %w", err)
	}
	defer db.Close()
	pub := &countingPublisher{}
	svc := notificationapp.NewService(sqlite.NewNotificationRepository(db), pub, notificationapp.Options{Log: log})
	uc := fleetapp.NewCheckMaintenanceAlarmsHandler(sqlite.NewMaintenanceRepository(db), sqlite.NewMachineRepository(db), svc,
		sqlite.NewContactRepository(db), nil, log, 0)
	start := time.Now()
	res, err := uc.Handle(ctx, fleetapp.CheckMaintenanceAlarms{})
	run := AlarmRun{Checked: res.Checked, Alerted: res.Alerted, Published: pub.n.Load(), Took: time.Since(start)}
	if err != nil {
		return run, fmt.Errorf("time alarms: %w", err)
	}
	return run, nil
}
