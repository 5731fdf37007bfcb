package http

import (
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/app"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// MachineDTO is a machine as the API shows it; role is the caller's.
type MachineDTO struct {
	ID             string    `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	OwnerID        string    `json:"ownerId"`
	SerialNumber   string    `json:"serialNumber" example:"CAT320-77341"`
	Name           string    `json:"name" example:"Excavator 3"`
	Brand          string    `json:"brand" example:"Caterpillar"`
	Model          string    `json:"model" example:"320 GC"`
	Type           string    `json:"type" example:"excavator"`
	OperatingHours float64   `json:"operatingHours" example:"1234.5"`
	OperatorIDs    []string  `json:"operatorIds"`
	Role           string    `json:"role" enums:"owner,operator"`
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

func newMachineDTO(m machine.Machine, userID string) MachineDTO {
	r := m.Record()
	return MachineDTO{ID: r.ID, OwnerID: r.OwnerID, SerialNumber: r.Details.SerialNumber, Name: r.Details.Name,
		Brand: r.Details.Brand, Model: r.Details.Model, Type: r.Details.Type, OperatingHours: r.OperatingHours,
		OperatorIDs: m.OperatorIDs(), Role: string(m.RoleOf(userID)), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
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
	IntervalHours      *float64   `json:"intervalHours" example:"250"`
	IntervalDays       *int       `json:"intervalDays" example:"180"`
	DueSoonHours       *float64   `json:"dueSoonHours" example:"25"`
	DueSoonDays        *int       `json:"dueSoonDays" example:"18"`
	StartHours         float64    `json:"startHours"`
	StartedAt          time.Time  `json:"startedAt"`
	LastCompletedAt    *time.Time `json:"lastCompletedAt"`
	LastCompletedHours *float64   `json:"lastCompletedHours"`
	Status             string     `json:"status" enums:"OK,DUE_SOON,OVERDUE"`
	NextDueHours       *float64   `json:"nextDueHours"`
	NextDueAt          *time.Time `json:"nextDueAt"`
	ForecastDueAt      *time.Time `json:"forecastDueAt"`
	CreatedAt          time.Time  `json:"createdAt"`
}

func newPlanDTO(v app.PlanView) MaintenancePlanDTO {
	r := v.Plan.Record()
	return MaintenancePlanDTO{ID: r.ID, MachineID: r.MachineID, Name: r.Name, Type: r.Type, IntervalHours: r.IntervalHours,
		IntervalDays: r.IntervalDays, DueSoonHours: r.DueSoonHours, DueSoonDays: r.DueSoonDays, StartHours: r.StartHours,
		StartedAt: r.StartedAt, LastCompletedAt: r.LastCompletedAt, LastCompletedHours: r.LastCompletedHours,
		Status: v.Evaluation.Status.String(), NextDueHours: v.Evaluation.NextDueHours, NextDueAt: v.Evaluation.NextDueAt,
		ForecastDueAt: v.Evaluation.ForecastDueAt, CreatedAt: r.CreatedAt}
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

// QuickCheckItemDTO is one checklist line.
type QuickCheckItemDTO struct {
	Key    string `json:"key" example:"tyres"`
	Label  string `json:"label" example:"Tyres and tracks"`
	Passed bool   `json:"passed"`
	Notes  string `json:"notes"`
}

// QuickCheckDTO is a completed checklist.
type QuickCheckDTO struct {
	ID             string              `json:"id"`
	MachineID      string              `json:"machineId"`
	AuthorID       string              `json:"authorId"`
	Items          []QuickCheckItemDTO `json:"items"`
	OperatingHours *float64            `json:"operatingHours"`
	Notes          string              `json:"notes"`
	Passed         bool                `json:"passed"`
	FailedItems    []string            `json:"failedItems"`
	CreatedAt      time.Time           `json:"createdAt"`
}

func newQuickCheckDTO(q quickcheck.QuickCheck) QuickCheckDTO {
	items := q.Items()
	dto := QuickCheckDTO{ID: q.ID(), MachineID: q.MachineID(), AuthorID: q.AuthorID(), Items: make([]QuickCheckItemDTO, len(items)),
		OperatingHours: q.OperatingHours(), Notes: q.Notes(), Passed: q.Passed(), FailedItems: []string{}, CreatedAt: q.CreatedAt()}
	for i, it := range items {
		dto.Items[i] = QuickCheckItemDTO(it)
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
