package fleetapp

import (
	"context"
	"errors"
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
	CheckMachine(ctx context.Context, machineID string) (AlarmResult, error)
}

// Machines runs the machine use cases: register, list, read, edit, delete,
// assign operators, record readings.
type Machines struct {
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
func (s *Machines) AnnounceChangesTo(a Announcer) { s.changes = fleetChanges{to: a, log: s.log} }

// NewMachines builds the machine use cases. alarms may be nil (no immediate check).
func NewMachines(machines machine.Repository, plans maintenance.Repository, checks quickcheck.Repository,
	contacts ContactChecker, alarms MachineAlarms, clock Clock, log *slog.Logger) *Machines {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.Default()
	}
	return &Machines{machines: machines, plans: plans, checks: checks, contacts: contacts, alarms: alarms, clock: clock, log: log,
		changes: fleetChanges{log: log}}
}

// access loads a machine userID may see: its owner, or an operator who is
// still the owner's contact (removing a contact ends operating). Anyone else
// gets ErrNotFound, so that a stranger cannot tell whether the machine exists.
func (s *Machines) access(ctx context.Context, userID, machineID string) (machine.Machine, machine.Role, error) {
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
func (s *Machines) authorize(ctx context.Context, userID, machineID string, a machine.Action) (machine.Machine, error) {
	m, role, err := s.access(ctx, userID, machineID)
	if err != nil {
		return machine.Machine{}, err
	}
	if !role.Can(a) {
		return machine.Machine{}, machine.ErrNotOwner
	}
	return m, nil
}

// CreateMachine is a new machine's input.
type CreateMachine struct {
	OwnerID        string
	Details        machine.Details
	OperatingHours float64
}

// Create registers a machine; its initial hours are its first reading.
func (s *Machines) Create(ctx context.Context, cmd CreateMachine) (machine.Machine, error) {
	now := s.clock.Now()
	m, err := machine.New(cmd.OwnerID, cmd.Details, cmd.OperatingHours, now)
	if err != nil {
		return machine.Machine{}, err
	}
	if err := s.machines.Create(ctx, m); err != nil {
		return machine.Machine{}, fmt.Errorf("create machine: %w", err)
	}
	r, err := machine.NewReading(m.ID(), cmd.OwnerID, cmd.OperatingHours, now)
	if err != nil {
		return machine.Machine{}, err
	}
	if m, err = s.machines.RecordReading(ctx, r); err != nil {
		return machine.Machine{}, fmt.Errorf("create machine: first reading: %w", err)
	}
	s.changes.machine(ctx, m, ChangeMachineCreated)
	return m, nil
}

// List returns the machines userID owns or operates.
func (s *Machines) List(ctx context.Context, userID string) ([]machine.Machine, error) {
	ms, err := s.machines.ForUser(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list machines: %w", err)
	}
	out := ms[:0]
	for _, m := range ms {
		if m.RoleOf(userID) == machine.RoleOperator {
			ok, err := s.contacts.AreContacts(ctx, m.OwnerID(), userID)
			if err != nil {
				return nil, fmt.Errorf("list machines: %w", err)
			}
			if !ok {
				continue // no longer the owner's contact
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// Get returns a machine userID owns or operates.
func (s *Machines) Get(ctx context.Context, userID, machineID string) (machine.Machine, error) {
	m, _, err := s.access(ctx, userID, machineID)
	return m, err
}

// DetailsPatch changes some descriptive fields; nil ones stay.
type DetailsPatch struct {
	SerialNumber, Name, Brand, Model, Type *string
}

// Update edits a machine's details (owner only).
func (s *Machines) Update(ctx context.Context, userID, machineID string, p DetailsPatch) (machine.Machine, error) {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionEdit)
	if err != nil {
		return machine.Machine{}, err
	}
	d := m.Details()
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&d.SerialNumber, p.SerialNumber)
	set(&d.Name, p.Name)
	set(&d.Brand, p.Brand)
	set(&d.Model, p.Model)
	set(&d.Type, p.Type)
	upd, err := m.WithDetails(d, s.clock.Now())
	if err != nil {
		return machine.Machine{}, err
	}
	if err := s.machines.UpdateDetails(ctx, upd); err != nil {
		return machine.Machine{}, fmt.Errorf("update machine: %w", err)
	}
	s.changes.machine(ctx, upd, ChangeMachineUpdated)
	return upd, nil
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
func (s *Machines) CascadeDeleteTo(c MachineCascade) { s.cascade = c }

// Delete removes a machine with everything of it (owner only): its work
// orders, issues (and their comments), documents (and their reminder claims),
// document files, plans (and completions), quick checks, and last the machine
// itself (with its operators and readings). There is no transaction (MongoDB
// standalone): each step is idempotent and the machine goes last, so a delete
// that fails half-way is finished by running it again, and until then every
// record left is still reached only through its machine, as before. Records
// go before what they point at (work orders before the issues and plans they
// name, documents before their files).
func (s *Machines) Delete(ctx context.Context, userID, machineID string) error {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionDelete)
	if err != nil {
		return err
	}
	for _, step := range []struct {
		what string
		d    MachineDependents
	}{
		{"work orders", s.cascade.WorkOrders}, {"issues", s.cascade.Issues},
		{"documents", s.cascade.Documents}, {"document files", s.cascade.DocumentFiles},
	} {
		if step.d == nil {
			continue
		}
		if err := step.d.DeleteByMachine(ctx, m.ID()); err != nil {
			return fmt.Errorf("delete machine: %s: %w", step.what, err)
		}
	}
	if err := s.plans.DeleteByMachine(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	if err := s.checks.DeleteByMachine(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	if err := s.machines.Delete(ctx, m.ID()); err != nil {
		return fmt.Errorf("delete machine: %w", err)
	}
	s.changes.machine(ctx, m, ChangeMachineDeleted)
	return nil
}

// AssignOperator lets one of the owner's contacts operate the machine (owner only).
func (s *Machines) AssignOperator(ctx context.Context, userID, machineID, operatorID string) error {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionManageOperators)
	if err != nil {
		return err
	}
	if operatorID == m.OwnerID() {
		return domain.Invalid("userId", "the owner cannot be an operator of their own machine")
	}
	if !domain.ValidID(operatorID) {
		return domain.Invalid("userId", "must be a user id")
	}
	if len(m.OperatorIDs()) >= machine.MaxOperators && m.RoleOf(operatorID) != machine.RoleOperator {
		return domain.Invalid("userId", fmt.Sprintf("a machine has at most %d operators", machine.MaxOperators))
	}
	ok, err := s.contacts.AreContacts(ctx, m.OwnerID(), operatorID)
	if err != nil {
		return fmt.Errorf("assign operator: %w", err)
	}
	if !ok {
		return ErrNotContact
	}
	if err := s.machines.AddOperator(ctx, m.ID(), operatorID); err != nil {
		return fmt.Errorf("assign operator: %w", err)
	}
	s.changes.machine(ctx, m, ChangeOperatorsChanged, operatorID)
	return nil
}

// RemoveOperator unassigns an operator (owner only; idempotent).
func (s *Machines) RemoveOperator(ctx context.Context, userID, machineID, operatorID string) error {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionManageOperators)
	if err != nil {
		return err
	}
	if err := s.machines.RemoveOperator(ctx, m.ID(), operatorID); err != nil {
		return fmt.Errorf("remove operator: %w", err)
	}
	s.changes.machine(ctx, m, ChangeOperatorsChanged, operatorID)
	return nil
}

// RecordReading stores an hour-meter reading by the owner or an operator and
// then checks the machine's plans at once, so that crossing a margin alerts now.
func (s *Machines) RecordReading(ctx context.Context, userID, machineID string, hours float64) (machine.Reading, error) {
	m, err := s.authorize(ctx, userID, machineID, machine.ActionRecordReading)
	if err != nil {
		return machine.Reading{}, err
	}
	r, err := machine.NewReading(m.ID(), userID, hours, s.clock.Now())
	if err != nil {
		return machine.Reading{}, err
	}
	if _, err := s.machines.RecordReading(ctx, r); err != nil {
		if errors.Is(err, domain.ErrInvalid) {
			return machine.Reading{}, err
		}
		return machine.Reading{}, fmt.Errorf("record reading: %w", err)
	}
	s.checkNow(ctx, m.ID())
	s.changes.machine(ctx, m, ChangeReadingRecorded)
	return r, nil
}

// checkNow runs the alarm check of one machine; a failure is logged, never
// returned: the reading is stored and the scheduled run will retry.
func (s *Machines) checkNow(ctx context.Context, machineID string) {
	if s.alarms == nil {
		return
	}
	// Detached from the request: a client that hangs up must not cut an alert
	// off between its claim and its delivery.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	if _, err := s.alarms.CheckMachine(ctx, machineID); err != nil {
		s.log.Warn("immediate maintenance alarm check failed", "machine", machineID, "err", err)
	}
}

// MaxListed caps the readings and quick checks one listing returns.
const MaxListed = 100

// Readings lists a machine's readings, newest first.
func (s *Machines) Readings(ctx context.Context, userID, machineID string, limit int) ([]machine.Reading, error) {
	if _, _, err := s.access(ctx, userID, machineID); err != nil {
		return nil, err
	}
	return s.machines.Readings(ctx, machineID, clampLimit(limit))
}

// QuickChecks lists a machine's quick checks, newest first.
func (s *Machines) QuickChecks(ctx context.Context, userID, machineID string, limit int) ([]quickcheck.QuickCheck, error) {
	if _, _, err := s.access(ctx, userID, machineID); err != nil {
		return nil, err
	}
	return s.checks.ByMachine(ctx, machineID, clampLimit(limit))
}

func clampLimit(limit int) int {
	if limit <= 0 || limit > MaxListed {
		return MaxListed
	}
	return limit
}
