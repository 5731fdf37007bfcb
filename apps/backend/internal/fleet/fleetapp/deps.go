package fleetapp

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// ErrNotContact: operators must be contacts of the owner.
var ErrNotContact = domain.NewError(domain.ErrForbidden, "operators must be contacts of the owner")

// MachineAlarms is what a reading triggers: an immediate alarm check of one machine.
type MachineAlarms interface {
	Handle(ctx context.Context, cmd CheckMaintenanceAlarms) (AlarmResult, error)
}

// Deps are what the fleet use cases share: the machine, plan and quick-check
// stores, the contact checker, the immediate alarm check, the clock, the
// fleet.changed announcements, the dashboard's issue counter and what a
// machine's deletion removes, with the access rules every use case applies
// (access, authorize). Each use case is a handler of its own built on one
// Deps (CreateMachineHandler, …); issues, work orders, documents and imports
// add their own stores on top of it.
type Deps struct {
	machines machine.Repository
	plans    maintenance.Repository
	checks   quickcheck.Repository
	contacts ContactChecker
	alarms   MachineAlarms
	clock    Clock
	log      *slog.Logger
	changes  fleetChanges
	// openIssues counts the dashboard's open issues (nil: none counted).
	openIssues OpenIssueCounter
	// cascade is what Delete removes with the machine.
	cascade MachineCascade
}

// AnnounceChangesTo makes every fleet use case built on s announce
// fleet.changed through a (set once, in the composition root, before serving).
func (s *Deps) AnnounceChangesTo(a Announcer) { s.changes = fleetChanges{to: a, log: s.log} }

// NewDeps builds the fleet use cases' dependencies. alarms may be nil (no immediate check).
func NewDeps(machines machine.Repository, plans maintenance.Repository, checks quickcheck.Repository,
	contacts ContactChecker, alarms MachineAlarms, clock Clock, log *slog.Logger) *Deps {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &Deps{machines: machines, plans: plans, checks: checks, contacts: contacts, alarms: alarms, clock: clock, log: log,
		changes: fleetChanges{log: log}}
}

// access loads a machine userID may see: its owner, or an operator who is
// still the owner's contact (removing a contact ends operating). Anyone else
// gets ErrNotFound, so that a stranger cannot tell whether the machine exists.
func (s *Deps) access(ctx context.Context, userID, machineID string) (machine.Machine, machine.Role, error) {
	if !domain.ValidID(machineID) {
		return machine.Machine{}, machine.RoleNone, machine.ErrNotFound
	}
	m, err := s.machines.ByID(ctx, machineID)
	if err != nil {
		return machine.Machine{}, machine.RoleNone, err
	}
	role := m.RoleOf(userID)
	if role == machine.RoleOperator {
		ok, err := s.contacts.AreContacts(ctx, m.OwnerID(), userID)
		if err != nil {
			return machine.Machine{}, machine.RoleNone, fmt.Errorf("machine access: %w", err)
		}
		if !ok {
			role = machine.RoleNone
		}
	}
	if role == machine.RoleNone {
		return machine.Machine{}, machine.RoleNone, machine.ErrNotFound
	}
	return m, role, nil
}

// authorize is access for one action: a caller who may see the machine but
// whose role may not do it (machine.Role.Can, the rule the API reports) gets
// ErrNotOwner (403).
func (s *Deps) authorize(ctx context.Context, userID, machineID string, a machine.Action) (machine.Machine, error) {
	m, role, err := s.access(ctx, userID, machineID)
	if err != nil {
		return machine.Machine{}, err
	}
	if !role.Can(a) {
		return machine.Machine{}, machine.ErrNotOwner
	}
	return m, nil
}

// MachineDependents removes everything of one kind that belongs to a
// machine; a second call finds nothing left and succeeds.
type MachineDependents interface {
	DeleteByMachine(ctx context.Context, machineID string) error
}

// MachineCascade is what deleting a machine removes besides its plans, quick
// checks, operators and readings. A nil one is not removed.
type MachineCascade struct {
	WorkOrders, Issues, Documents, DocumentFiles MachineDependents
}

// CascadeDeleteTo makes Delete remove c's records with the machine (set once,
// in the composition root, before serving).
func (s *Deps) CascadeDeleteTo(c MachineCascade) { s.cascade = c }

// checkNow runs the alarm check of one machine; a failure is logged, never
// returned: the reading is stored and the scheduled run will retry.
func (s *Deps) checkNow(ctx context.Context, machineID string) {
	if s.alarms == nil {
		return
	}
	// Detached from the request: a client that hangs up must not cut an alert
	// off between its claim and its delivery.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if _, err := s.alarms.Handle(ctx, CheckMaintenanceAlarms{MachineID: machineID}); err != nil {
		s.log.Warn("immediate maintenance alarm check failed", "machine", machineID, "err", err)
	}
}

// MaxListed caps the readings and quick checks one listing returns.
const MaxListed = 100

func clampLimit(limit int) int {
	if limit <= 0 || limit > MaxListed {
		return MaxListed
	}
	return limit
}
