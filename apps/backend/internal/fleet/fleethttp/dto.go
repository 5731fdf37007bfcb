package fleethttp

import (
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// MachineDTO is a machine as the API shows it; role is the caller's.
type MachineDTO struct {
	ID             string   `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	OwnerID        string   `json:"ownerId"`
	SerialNumber   string   `json:"serialNumber" example:"CAT320-77341"`
	Name           string   `json:"name" example:"Excavator 3"`
	Brand          string   `json:"brand" example:"Caterpillar"`
	Model          string   `json:"model" example:"320 GC"`
	Type           string   `json:"type" example:"excavator"`
	OperatingHours float64  `json:"operatingHours" example:"1234.5"`
	OperatorIDs    []string `json:"operatorIds"`
	Role           string   `json:"role" enums:"owner,operator"`
	// Can says what the caller may do with the machine, by the rule the use cases enforce.
	Can       MachinePermissionsDTO `json:"can"`
	CreatedAt time.Time             `json:"createdAt"`
	UpdatedAt time.Time             `json:"updatedAt"`
}

// MachinePermissionsDTO is what the caller may do with a machine (machine.Role.Can).
type MachinePermissionsDTO struct {
	Edit            bool `json:"edit"`
	Delete          bool `json:"delete"`
	ManageOperators bool `json:"manageOperators"`
	RecordReading   bool `json:"recordReading"`
	AddQuickCheck   bool `json:"addQuickCheck"`
	CreatePlan      bool `json:"createPlan"`
	CompletePlan    bool `json:"completePlan"`
}

func newMachinePermissions(r machine.Role) MachinePermissionsDTO {
	return MachinePermissionsDTO{Edit: r.Can(machine.ActionEdit), Delete: r.Can(machine.ActionDelete),
		ManageOperators: r.Can(machine.ActionManageOperators), RecordReading: r.Can(machine.ActionRecordReading),
		AddQuickCheck: r.Can(machine.ActionAddQuickCheck), CreatePlan: r.Can(machine.ActionCreatePlan),
		CompletePlan: r.Can(machine.ActionCompletePlan)}
}

func newMachineDTO(m machine.Machine, userID string) MachineDTO {
	r := m.Record()
	role := m.RoleOf(userID)
	return MachineDTO{ID: r.ID, OwnerID: r.OwnerID, SerialNumber: r.Details.SerialNumber, Name: r.Details.Name,
		Brand: r.Details.Brand, Model: r.Details.Model, Type: r.Details.Type, OperatingHours: r.OperatingHours,
		OperatorIDs: m.OperatorIDs(), Role: string(role), Can: newMachinePermissions(role), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// ReadingDTO is one hour-meter reading.
type ReadingDTO struct {
	ID             string    `json:"id"`
	MachineID      string    `json:"machineId"`
	AuthorID       string    `json:"authorId"`
	OperatingHours float64   `json:"operatingHours" example:"1240"`
	RecordedAt     time.Time `json:"recordedAt"`
}

func newReadingDTO(r machine.Reading) ReadingDTO {
	return ReadingDTO{ID: r.ID(), MachineID: r.MachineID(), AuthorID: r.AuthorID(), OperatingHours: r.OperatingHours(), RecordedAt: r.RecordedAt()}
}

// MaintenancePlanDTO is a plan with its standing now.
type MaintenancePlanDTO struct {
	ID                 string     `json:"id"`
	MachineID          string     `json:"machineId"`
	Name               string     `json:"name" example:"Engine oil and filter"`
	Type               string     `json:"type" example:"OIL_CHANGE"`
	IntervalHours      *float64   `json:"intervalHours" example:"250" extensions:"x-nullable"`
	IntervalDays       *int       `json:"intervalDays" example:"180" extensions:"x-nullable"`
	DueSoonHours       *float64   `json:"dueSoonHours" example:"25" extensions:"x-nullable"`
	DueSoonDays        *int       `json:"dueSoonDays" example:"18" extensions:"x-nullable"`
	StartHours         float64    `json:"startHours"`
	StartedAt          time.Time  `json:"startedAt"`
	LastCompletedAt    *time.Time `json:"lastCompletedAt" extensions:"x-nullable"`
	LastCompletedHours *float64   `json:"lastCompletedHours" extensions:"x-nullable"`
	Status             string     `json:"status" enums:"OK,DUE_SOON,OVERDUE"`
	NextDueHours       *float64   `json:"nextDueHours" extensions:"x-nullable"`
	NextDueAt          *time.Time `json:"nextDueAt" extensions:"x-nullable"`
	ForecastDueAt      *time.Time `json:"forecastDueAt" extensions:"x-nullable"`
	// Can says what the caller may do with the plan, by the rule the use cases enforce.
	Can       PlanPermissionsDTO `json:"can"`
	CreatedAt time.Time          `json:"createdAt"`
}

// PlanPermissionsDTO is what the caller may do with a plan (machine.Role.Can).
type PlanPermissionsDTO struct {
	Complete bool `json:"complete"`
}

// FleetMachineDTO is one machine with its plans (GET /maintenance/plans).
type FleetMachineDTO struct {
	Machine MachineDTO           `json:"machine"`
	Plans   []MaintenancePlanDTO `json:"plans"`
}

func newPlanDTO(v fleetapp.PlanView) MaintenancePlanDTO {
	r := v.Plan.Record()
	return MaintenancePlanDTO{ID: r.ID, MachineID: r.MachineID, Name: r.Name, Type: r.Type, IntervalHours: r.IntervalHours,
		IntervalDays: r.IntervalDays, DueSoonHours: r.DueSoonHours, DueSoonDays: r.DueSoonDays, StartHours: r.StartHours,
		StartedAt: r.StartedAt, LastCompletedAt: r.LastCompletedAt, LastCompletedHours: r.LastCompletedHours,
		Status: v.Evaluation.Status.String(), NextDueHours: v.Evaluation.NextDueHours, NextDueAt: v.Evaluation.NextDueAt,
		ForecastDueAt: v.Evaluation.ForecastDueAt, Can: PlanPermissionsDTO{Complete: v.Role.Can(machine.ActionCompletePlan)},
		CreatedAt: r.CreatedAt}
}

// PlanCompletionDTO is one performed maintenance.
type PlanCompletionDTO struct {
	ID             string    `json:"id"`
	PlanID         string    `json:"planId"`
	MachineID      string    `json:"machineId"`
	PerformedBy    string    `json:"performedBy"`
	OperatingHours float64   `json:"operatingHours"`
	PerformedAt    time.Time `json:"performedAt"`
	Notes          string    `json:"notes"`
}

func newCompletionDTO(c maintenance.Completion) PlanCompletionDTO {
	return PlanCompletionDTO{ID: c.ID(), PlanID: c.PlanID(), MachineID: c.MachineID(), PerformedBy: c.PerformedBy(),
		OperatingHours: c.OperatingHours(), PerformedAt: c.PerformedAt(), Notes: c.Notes()}
}

// QuickCheckItemDTO is one checklist line. Label is empty for a template item
// (the reader's app names it by key, in the reader's language).
type QuickCheckItemDTO struct {
	Key    string `json:"key" example:"tyres"`
	Label  string `json:"label" example:""`
	Status string `json:"status" enums:"PASSED,FAILED,NA"`
	Passed bool   `json:"passed"`
	Notes  string `json:"notes"`
	// Severity of a failed item (the operator's or the item's default); absent for the others.
	Severity string `json:"severity,omitempty" enums:"LOW,MEDIUM,HIGH,CRITICAL"`
}

// QuickCheckDTO is a completed checklist.
type QuickCheckDTO struct {
	ID             string              `json:"id"`
	MachineID      string              `json:"machineId"`
	AuthorID       string              `json:"authorId"`
	Items          []QuickCheckItemDTO `json:"items"`
	OperatingHours *float64            `json:"operatingHours" extensions:"x-nullable"`
	Notes          string              `json:"notes"`
	Passed         bool                `json:"passed"`
	FailedItems    []string            `json:"failedItems"`
	// TemplateVersion is the checklist version (0: custom, or stored before versions).
	TemplateVersion int       `json:"templateVersion" example:"1"`
	CreatedAt       time.Time `json:"createdAt"`
}

func newQuickCheckDTO(q quickcheck.QuickCheck) QuickCheckDTO {
	items := q.Items()
	dto := QuickCheckDTO{ID: q.ID(), MachineID: q.MachineID(), AuthorID: q.AuthorID(), Items: make([]QuickCheckItemDTO, len(items)),
		OperatingHours: q.OperatingHours(), Notes: q.Notes(), Passed: q.Passed(), FailedItems: []string{}, TemplateVersion: q.TemplateVersion(), CreatedAt: q.CreatedAt()}
	for i, it := range items {
		dto.Items[i] = QuickCheckItemDTO{Key: it.Key, Label: it.Label, Status: string(it.Status), Passed: it.Passed, Notes: it.Notes}
		if !it.Passed {
			dto.Items[i].Severity = q.ItemSeverity(it)
		}
	}
	for _, it := range q.FailedItems() {
		dto.FailedItems = append(dto.FailedItems, it.Key)
	}
	return dto
}

// AlarmCheckDTO answers a manual alarm check.
type AlarmCheckDTO struct {
	Checked int `json:"checked" example:"12"`
	Alerted int `json:"alerted" example:"1"`
}
