package fleethttp

import (
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// IssueDTO is an issue as the API shows it. An issue opened by a quick check
// has quickCheckId and itemKey; a template item's title is empty (the reader's
// app names it from itemKey, as it does for quick checks).
type IssueDTO struct {
	ID             string     `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	MachineID      string     `json:"machineId"`
	MachineName    string     `json:"machineName" example:"Excavator 3"`
	OwnerID        string     `json:"ownerId"`
	ReporterID     string     `json:"reporterId"`
	Title          string     `json:"title" example:"Cracked mirror"`
	Description    string     `json:"description" example:"Left side, since Monday"`
	Severity       string     `json:"severity" enums:"LOW,MEDIUM,HIGH,CRITICAL"`
	Status         string     `json:"status" enums:"OPEN,ACKNOWLEDGED,RESOLVED,WONT_FIX"`
	QuickCheckID   string     `json:"quickCheckId,omitempty"`
	ItemKey        string     `json:"itemKey,omitempty" example:"hydraulics"`
	WorkOrderID    string     `json:"workOrderId,omitempty"`
	AcknowledgedBy string     `json:"acknowledgedBy,omitempty"`
	AcknowledgedAt *time.Time `json:"acknowledgedAt,omitempty"`
	ClosedBy       string     `json:"closedBy,omitempty"`
	ClosedAt       *time.Time `json:"closedAt,omitempty"`
	CreatedAt      time.Time  `json:"createdAt"`
	UpdatedAt      time.Time  `json:"updatedAt"`
}

func newIssueDTO(i issue.Issue, m machine.Machine) IssueDTO {
	r := i.Record()
	d := IssueDTO{ID: r.ID, MachineID: r.MachineID, MachineName: m.Name(), OwnerID: r.OwnerID, ReporterID: r.ReporterID,
		Title: r.Title, Description: r.Description, Severity: string(r.Severity), Status: string(r.Status), QuickCheckID: r.CheckID,
		ItemKey: r.ItemKey, WorkOrderID: r.WorkOrderID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if s := r.Acknowledged; s != nil {
		d.AcknowledgedBy, d.AcknowledgedAt = s.By, &s.At
	}
	if s := r.Closed; s != nil {
		d.ClosedBy, d.ClosedAt = s.By, &s.At
	}
	return d
}

// IssueCommentDTO is a remark on an issue.
type IssueCommentDTO struct {
	ID        string    `json:"id"`
	AuthorID  string    `json:"authorId"`
	Body      string    `json:"body" example:"Ordered the seal"`
	CreatedAt time.Time `json:"createdAt"`
}

// IssueDetailDTO is an issue with its comments and what the caller may do.
type IssueDetailDTO struct {
	IssueDTO
	Comments []IssueCommentDTO `json:"comments"`
	Role     string            `json:"role" enums:"owner,operator"`
	// CanResolve: the caller may acknowledge and close it (the owner, or an operator the owner allows).
	CanResolve bool `json:"canResolve"`
}

func newIssueDetailDTO(v fleetapp.IssueView) IssueDetailDTO {
	d := IssueDetailDTO{IssueDTO: newIssueDTO(v.Issue, v.Machine), Comments: make([]IssueCommentDTO, len(v.Comments)),
		Role: string(v.Role), CanResolve: v.CanResolve}
	for i, c := range v.Comments {
		d.Comments[i] = newIssueCommentDTO(c)
	}
	return d
}

func newIssueCommentDTO(c issue.Comment) IssueCommentDTO {
	return IssueCommentDTO{ID: c.ID, AuthorID: c.AuthorID, Body: c.Body, CreatedAt: c.CreatedAt}
}

// IssuePageDTO is one page of issues; pass nextCursor as cursor for the next ("" on the last).
type IssuePageDTO struct {
	Items      []IssueDTO `json:"items"`
	NextCursor string     `json:"nextCursor"`
}

// IssuePolicyDTO says whether operators may acknowledge and close issues.
type IssuePolicyDTO struct {
	OperatorsMayResolve bool `json:"operatorsMayResolve"`
}

// WorkOrderLineDTO is labour or a part; money in minor units (cents) of currency.
type WorkOrderLineDTO struct {
	Kind        string  `json:"kind" enums:"LABOUR,PART"`
	Description string  `json:"description" example:"Hydraulic hose"`
	Quantity    float64 `json:"quantity" example:"2"`
	UnitCost    int64   `json:"unitCost" example:"4550"`
	Currency    string  `json:"currency" example:"EUR"`
	Total       int64   `json:"total" example:"9100"`
}

// WorkOrderCompletionDTO is the completion record: who, when, at what hours.
type WorkOrderCompletionDTO struct {
	By               string    `json:"by"`
	At               time.Time `json:"at"`
	OperatingHours   float64   `json:"operatingHours" example:"1250"`
	PlanCompletionID string    `json:"planCompletionId,omitempty"`
}

// WorkOrderDTO is a work order as the API shows it.
type WorkOrderDTO struct {
	ID          string             `json:"id"`
	MachineID   string             `json:"machineId"`
	MachineName string             `json:"machineName"`
	OwnerID     string             `json:"ownerId"`
	CreatedBy   string             `json:"createdBy"`
	Title       string             `json:"title" example:"250 h service"`
	Notes       string             `json:"notes"`
	PlanID      string             `json:"planId,omitempty"`
	IssueIDs    []string           `json:"issueIds"`
	Lines       []WorkOrderLineDTO `json:"lines"`
	AssigneeID  string             `json:"assigneeId,omitempty"`
	Status      string             `json:"status" enums:"OPEN,IN_PROGRESS,COMPLETED,CANCELLED"`
	// Totals is the cost per currency in minor units.
	Totals     map[string]int64        `json:"totals"`
	Completion *WorkOrderCompletionDTO `json:"completion,omitempty"`
	CreatedAt  time.Time               `json:"createdAt"`
	UpdatedAt  time.Time               `json:"updatedAt"`
	StartedAt  *time.Time              `json:"startedAt,omitempty"`
	ClosedAt   *time.Time              `json:"closedAt,omitempty"`
}

func newWorkOrderDTO(w workorder.WorkOrder, m machine.Machine) WorkOrderDTO {
	r := w.Record()
	d := WorkOrderDTO{ID: r.ID, MachineID: r.MachineID, MachineName: m.Name(), OwnerID: r.OwnerID, CreatedBy: r.CreatedBy,
		Title: r.Spec.Title, Notes: r.Spec.Notes, PlanID: r.Spec.PlanID, IssueIDs: r.Spec.IssueIDs, AssigneeID: r.Spec.AssigneeID,
		Status: string(r.Status), Totals: w.Totals(), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, StartedAt: r.StartedAt,
		ClosedAt: r.ClosedAt, Lines: make([]WorkOrderLineDTO, len(r.Spec.Lines))}
	if d.IssueIDs == nil {
		d.IssueIDs = []string{}
	}
	for i, l := range r.Spec.Lines {
		d.Lines[i] = WorkOrderLineDTO{Kind: string(l.Kind), Description: l.Description, Quantity: l.Quantity,
			UnitCost: l.UnitCost, Currency: l.Currency, Total: l.Total()}
	}
	if c := r.Completion; c != nil && r.Status == workorder.StatusCompleted {
		d.Completion = &WorkOrderCompletionDTO{By: c.By, At: c.At, OperatingHours: c.OperatingHours, PlanCompletionID: c.PlanCompletionID}
	}
	return d
}

// WorkOrderDetailDTO is a work order with the caller's role on its machine.
type WorkOrderDetailDTO struct {
	WorkOrderDTO
	Role string `json:"role" enums:"owner,operator"`
}

// WorkOrderPageDTO is one page of work orders.
type WorkOrderPageDTO struct {
	Items      []WorkOrderDTO `json:"items"`
	NextCursor string         `json:"nextCursor"`
}

// MonthCostDTO is the cost of one month (UTC) in one currency, minor units.
type MonthCostDTO struct {
	Month    string `json:"month" example:"2026-03"`
	Currency string `json:"currency" example:"EUR"`
	Total    int64  `json:"total" example:"125000"`
}

// ServiceHistoryDTO is a machine's completed work orders and their costs.
type ServiceHistoryDTO struct {
	Machine    MachineDTO       `json:"machine"`
	WorkOrders []WorkOrderDTO   `json:"workOrders"`
	Months     []MonthCostDTO   `json:"months"`
	Totals     map[string]int64 `json:"totals"`
}
