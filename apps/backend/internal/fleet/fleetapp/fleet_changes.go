package fleetapp

import (
	"context"
	"log/slog"
	"slices"

	"github.com/fleetman/fleetman/packages/domain/machine"
)

// Announcer hands a stream event that is not a notification to one user's
// open streams (the NotificationService's Announce, adapted in bootstrap).
type Announcer interface {
	Announce(ctx context.Context, userID, event string, payload any) error
}

// The announced stream events (docs/notifications.md).
const (
	EventFleetChanged   = "fleet.changed"
	EventImportProgress = "import.progress"
	EventImportFinished = "import.finished"
)

// Why the fleet changed: fleet.changed's reason.
const (
	ChangeMachineCreated   = "machine.created"
	ChangeMachineUpdated   = "machine.updated"
	ChangeMachineDeleted   = "machine.deleted"
	ChangeOperatorsChanged = "operators.changed"
	ChangeReadingRecorded  = "reading.recorded"
	ChangePlanCreated      = "plan.created"
	ChangePlanCompleted    = "plan.completed"
	ChangePlanStatus       = "plan.status"
	ChangeQuickCheckAdded  = "quickcheck.added"
	ChangeImport           = "import"
)

// FleetChange is the data of fleet.changed: what changed, on which machines
// (empty for many, e.g. an import batch), so that a client refetches what it shows of them.
type FleetChange struct {
	Reason     string   `json:"reason"`
	MachineIDs []string `json:"machineIds"`
}

// fleetChanges announces fleet.changed to a machine's owner and operators.
// A nil announcer announces nothing (tests, the demo seeder).
type fleetChanges struct {
	to  Announcer
	log *slog.Logger
}

// machine announces a change of m to its owner and operators, and to extra
// users (an operator just removed). Detached from the request: the change is stored.
func (f fleetChanges) machine(ctx context.Context, m machine.Machine, reason string, extra ...string) {
	if f.to == nil {
		return
	}
	users := append(m.Audience(), extra...)
	slices.Sort(users)
	f.users(ctx, slices.Compact(users), FleetChange{Reason: reason, MachineIDs: []string{m.ID()}})
}

func (f fleetChanges) users(ctx context.Context, users []string, c FleetChange) {
	if f.to == nil {
		return
	}
	if c.MachineIDs == nil {
		c.MachineIDs = []string{}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), notifyTimeout)
	defer cancel()
	for _, u := range users {
		if err := f.to.Announce(ctx, u, EventFleetChanged, c); err != nil {
			f.log.Warn("fleet change not announced", "user", u, "reason", c.Reason, "err", err)
		}
	}
}
