// Package fleethttp serves the fleet endpoints of docs/api.md: machines, operators,
// readings, maintenance plans, quick checks and the manual alarm check.
package fleethttp

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

// UseCases are the machine, plan, quick-check and alarm use cases the fleet
// handlers run (the fleetapp handlers of the same names).
type UseCases struct {
	// CreateMachine registers a machine.
	CreateMachine interface {
		Handle(ctx context.Context, cmd fleetapp.CreateMachine) (machine.Machine, error)
	}
	// ListMachines lists the caller's machines.
	ListMachines interface {
		Handle(ctx context.Context, cmd fleetapp.ListMachines) ([]machine.Machine, error)
	}
	// GetMachine reads one machine.
	GetMachine interface {
		Handle(ctx context.Context, cmd fleetapp.GetMachine) (machine.Machine, error)
	}
	// UpdateMachine edits a machine's details.
	UpdateMachine interface {
		Handle(ctx context.Context, cmd fleetapp.UpdateMachine) (machine.Machine, error)
	}
	// DeleteMachine removes a machine with everything of it.
	DeleteMachine interface {
		Handle(ctx context.Context, cmd fleetapp.DeleteMachine) error
	}
	// AssignOperator lets a contact operate a machine.
	AssignOperator interface {
		Handle(ctx context.Context, cmd fleetapp.AssignOperator) error
	}
	// RemoveOperator unassigns an operator.
	RemoveOperator interface {
		Handle(ctx context.Context, cmd fleetapp.RemoveOperator) error
	}
	// RecordReading stores an hour-meter reading.
	RecordReading interface {
		Handle(ctx context.Context, cmd fleetapp.RecordReading) (machine.Reading, error)
	}
	// ListReadings lists a machine's readings.
	ListReadings interface {
		Handle(ctx context.Context, cmd fleetapp.ListReadings) ([]machine.Reading, error)
	}
	// CreatePlan adds a maintenance plan.
	CreatePlan interface {
		Handle(ctx context.Context, cmd fleetapp.CreateMaintenancePlan) (fleetapp.PlanView, error)
	}
	// ListPlans lists a machine's plans.
	ListPlans interface {
		Handle(ctx context.Context, cmd fleetapp.ListMaintenancePlans) ([]fleetapp.PlanView, error)
	}
	// CompletePlan records a performed maintenance (without a work order).
	CompletePlan interface {
		Handle(ctx context.Context, cmd fleetapp.CompletePlan) (fleetapp.CompletedPlan, error)
	}
	// ListFleetPlans lists the plans of the caller's fleet.
	ListFleetPlans interface {
		Handle(ctx context.Context, cmd fleetapp.ListFleetPlans) ([]fleetapp.MachinePlans, error)
	}
	// AddQuickCheck stores a filled-in checklist.
	AddQuickCheck interface {
		Handle(ctx context.Context, cmd fleetapp.AddQuickCheck) (quickcheck.QuickCheck, error)
	}
	// ListQuickChecks lists a machine's quick checks.
	ListQuickChecks interface {
		Handle(ctx context.Context, cmd fleetapp.ListQuickChecks) ([]quickcheck.QuickCheck, error)
	}
	// CheckAlarms runs the maintenance alarm check now.
	CheckAlarms interface {
		Handle(ctx context.Context, cmd fleetapp.CheckMaintenanceAlarms) (fleetapp.AlarmResult, error)
	}
}

// PlanMarker runs "Mark done" (MarkPlanDone: a one-line work order, completed).
type PlanMarker interface {
	Handle(ctx context.Context, cmd fleetapp.MarkPlanDone) (fleetapp.CompletedPlan, error)
}

// Handler serves /machines and /maintenance.
type Handler struct {
	uc       UseCases
	markDone PlanMarker
}

// MarkDoneThrough makes "Mark done" run m (set once, in the composition root).
func (h *Handler) MarkDoneThrough(m PlanMarker) *Handler { h.markDone = m; return h }

// NewHandler builds the fleet handler.
func NewHandler(uc UseCases) *Handler {
	return &Handler{uc: uc}
}

// Register mounts the routes on the authenticated /api/v1 group.
func (h *Handler) Register(priv *gin.RouterGroup) {
	priv.POST("/machines", h.createMachine)
	priv.GET("/machines", h.listMachines)
	priv.GET("/machines/:id", h.getMachine)
	priv.PATCH("/machines/:id", h.updateMachine)
	priv.DELETE("/machines/:id", h.deleteMachine)
	priv.POST("/machines/:id/operators", h.assignOperator)
	priv.DELETE("/machines/:id/operators/:userId", h.removeOperator)
	priv.POST("/machines/:id/readings", h.createReading)
	priv.GET("/machines/:id/readings", h.listReadings)
	priv.POST("/machines/:id/maintenance-plans", h.createPlan)
	priv.GET("/machines/:id/maintenance-plans", h.listPlans)
	priv.POST("/machines/:id/maintenance-plans/:planId/complete", h.completePlan)
	priv.POST("/machines/:id/quick-checks", h.createQuickCheck)
	priv.GET("/machines/:id/quick-checks", h.listQuickChecks)
	priv.POST("/maintenance/check-alarms", h.checkAlarms)
	priv.GET("/maintenance/plans", h.fleetPlans)
}

type machineCreateRequest struct {
	SerialNumber   string  `json:"serialNumber" validate:"required,max=100" example:"CAT320-77341"`
	Name           string  `json:"name" validate:"required,max=100" example:"Excavator 3"`
	Brand          string  `json:"brand,omitempty" validate:"max=100" example:"Caterpillar"`
	Model          string  `json:"model,omitempty" validate:"max=100" example:"320 GC"`
	Type           string  `json:"type,omitempty" validate:"max=100" example:"excavator"`
	OperatingHours float64 `json:"operatingHours,omitempty" validate:"gte=0,lte=1000000" example:"1200"`
}

type machineUpdateRequest struct {
	SerialNumber *string `json:"serialNumber,omitempty" validate:"omitempty,max=100"`
	Name         *string `json:"name,omitempty" validate:"omitempty,max=100"`
	Brand        *string `json:"brand,omitempty" validate:"omitempty,max=100"`
	Model        *string `json:"model,omitempty" validate:"omitempty,max=100"`
	Type         *string `json:"type,omitempty" validate:"omitempty,max=100"`
}

type operatorAssignRequest struct {
	UserID string `json:"userId" validate:"required,len=32,hexadecimal" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
}

type readingCreateRequest struct {
	OperatingHours *float64 `json:"operatingHours" validate:"required,gte=0,lte=1000000" example:"1240.5"`
}

type planCreateRequest struct {
	Name          string   `json:"name" validate:"required,max=100" example:"Engine oil and filter"`
	Type          string   `json:"type,omitempty" validate:"max=50" example:"OIL_CHANGE"`
	IntervalHours *float64 `json:"intervalHours,omitempty" validate:"omitempty,gt=0,lte=100000" example:"250"`
	IntervalDays  *int     `json:"intervalDays,omitempty" validate:"omitempty,gt=0,lte=3650" example:"180"`
	DueSoonHours  *float64 `json:"dueSoonHours,omitempty" validate:"omitempty,gte=0" example:"25"`
	DueSoonDays   *int     `json:"dueSoonDays,omitempty" validate:"omitempty,gte=0" example:"14"`
}

type planCompleteRequest struct {
	OperatingHours *float64 `json:"operatingHours,omitempty" validate:"omitempty,gte=0,lte=1000000" example:"1251"`
	PerformedAt    *string  `json:"performedAt,omitempty" example:"2026-03-01T09:30:00Z"`
	Notes          string   `json:"notes,omitempty" validate:"max=2000" example:"Oil and filter changed"`
}

// quickCheckItemRequest is one answered item. The status is checked by the
// domain, whose error names the item ("tyres" is not answered).
type quickCheckItemRequest struct {
	Key    string  `json:"key" validate:"required,max=50" example:"tyres"`
	Label  string  `json:"label,omitempty" validate:"max=200" example:""`
	Status string  `json:"status" validate:"max=10" enums:"PASSED,FAILED,NA" example:"PASSED"`
	Notes  *string `json:"notes,omitempty" validate:"omitempty,max=1000"`
	// Severity of a failed item, as the operator judges it; absent: the item's default (HIGH for brakes and safety, MEDIUM otherwise).
	Severity string `json:"severity,omitempty" validate:"max=10" enums:"LOW,MEDIUM,HIGH,CRITICAL" example:"HIGH"`
}

type quickCheckCreateRequest struct {
	// TemplateVersion 1 is the standard checklist: each of its items must be answered.
	TemplateVersion int                     `json:"templateVersion,omitempty" validate:"gte=0,lte=1000" example:"1"`
	Items           []quickCheckItemRequest `json:"items" validate:"required,min=1,max=100,dive"`
	OperatingHours  *float64                `json:"operatingHours,omitempty" validate:"omitempty,gte=0,lte=1000000"`
	Notes           *string                 `json:"notes,omitempty" validate:"omitempty,max=2000"`
}

// createMachine godoc
//
//	@Summary		Register a machine
//	@Description	The caller becomes its owner. Serial numbers are unique per owner (compared upper-cased). The initial hours are its first reading.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		machineCreateRequest	true	"The machine"
//	@Success		201		{object}	MachineDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		409		{object}	httperr.Body	"serial number already registered by this owner"
//	@Router			/machines [post]
func (h *Handler) createMachine(c *gin.Context) {
	var req machineCreateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	userID := auth.UserID(c)
	m, err := h.uc.CreateMachine.Handle(c.Request.Context(), fleetapp.CreateMachine{OwnerID: userID, OperatingHours: req.OperatingHours,
		Details: machine.Details{SerialNumber: req.SerialNumber, Name: req.Name, Brand: req.Brand, Model: req.Model, Type: req.Type}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newMachineDTO(m, userID))
}

// listMachines godoc
//
//	@Summary		The caller's machines
//	@Description	The machines the caller owns or operates, with the caller's role on each.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{array}		MachineDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/machines [get]
func (h *Handler) listMachines(c *gin.Context) {
	userID := auth.UserID(c)
	ms, err := h.uc.ListMachines.Handle(c.Request.Context(), fleetapp.ListMachines{UserID: userID})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]MachineDTO, len(ms))
	for i, m := range ms {
		out[i] = newMachineDTO(m, userID)
	}
	c.JSON(http.StatusOK, out)
}

// getMachine godoc
//
//	@Summary		One machine
//	@Description	For its owner and operators; anyone else gets 404.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{object}	MachineDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id} [get]
func (h *Handler) getMachine(c *gin.Context) {
	userID := auth.UserID(c)
	m, err := h.uc.GetMachine.Handle(c.Request.Context(), fleetapp.GetMachine{UserID: userID, MachineID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newMachineDTO(m, userID))
}

// updateMachine godoc
//
//	@Summary		Edit a machine
//	@Description	Owner only (operators get 403). Absent fields stay; operating hours change through readings.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string					true	"Machine id"
//	@Param			body	body		machineUpdateRequest	true	"Fields to change"
//	@Success		200		{object}	MachineDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Failure		409		{object}	httperr.Body
//	@Router			/machines/{id} [patch]
func (h *Handler) updateMachine(c *gin.Context) {
	var req machineUpdateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	userID := auth.UserID(c)
	m, err := h.uc.UpdateMachine.Handle(c.Request.Context(), fleetapp.UpdateMachine{UserID: userID, MachineID: c.Param("id"), Patch: fleetapp.DetailsPatch{SerialNumber: req.SerialNumber,
		Name: req.Name, Brand: req.Brand, Model: req.Model, Type: req.Type}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newMachineDTO(m, userID))
}

// deleteMachine godoc
//
//	@Summary		Delete a machine
//	@Description	Owner only; everything of it goes with it: work orders, issues and their comments, documents and their files, plans, quick checks, operators and readings. The machine itself goes last, so a delete that fails half-way (503) is finished by sending it again.
//	@Tags			fleet
//	@Security		BearerAuth
//	@Param			id	path	string	true	"Machine id"
//	@Success		204
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id} [delete]
func (h *Handler) deleteMachine(c *gin.Context) {
	if err := h.uc.DeleteMachine.Handle(c.Request.Context(), fleetapp.DeleteMachine{UserID: auth.UserID(c), MachineID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// assignOperator godoc
//
//	@Summary		Assign an operator
//	@Description	Owner only. The operator must be one of the owner's contacts (else 403).
//	@Tags			fleet
//	@Accept			json
//	@Security		BearerAuth
//	@Param			id		path	string					true	"Machine id"
//	@Param			body	body	operatorAssignRequest	true	"The contact to assign"
//	@Success		204
//	@Failure		400	{object}	httperr.Body
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/operators [post]
func (h *Handler) assignOperator(c *gin.Context) {
	var req operatorAssignRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	if err := h.uc.AssignOperator.Handle(c.Request.Context(), fleetapp.AssignOperator{UserID: auth.UserID(c), MachineID: c.Param("id"), OperatorID: req.UserID}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// removeOperator godoc
//
//	@Summary		Unassign an operator
//	@Description	Owner only; idempotent.
//	@Tags			fleet
//	@Security		BearerAuth
//	@Param			id		path	string	true	"Machine id"
//	@Param			userId	path	string	true	"Operator's user id"
//	@Success		204
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/operators/{userId} [delete]
func (h *Handler) removeOperator(c *gin.Context) {
	if err := h.uc.RemoveOperator.Handle(c.Request.Context(), fleetapp.RemoveOperator{UserID: auth.UserID(c), MachineID: c.Param("id"), OperatorID: c.Param("userId")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// createReading godoc
//
//	@Summary		Record operating hours
//	@Description	By the owner or an operator. Hours never go backwards (400). A reading that moves a maintenance plan into DUE_SOON or OVERDUE alerts at once.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string					true	"Machine id"
//	@Param			body	body		readingCreateRequest	true	"The hour-meter value"
//	@Success		201		{object}	ReadingDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/readings [post]
func (h *Handler) createReading(c *gin.Context) {
	var req readingCreateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	r, err := h.uc.RecordReading.Handle(c.Request.Context(), fleetapp.RecordReading{UserID: auth.UserID(c), MachineID: c.Param("id"), Hours: *req.OperatingHours})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newReadingDTO(r))
}

// listReadings godoc
//
//	@Summary		A machine's readings
//	@Description	Newest first, at most limit (1..100, default 100).
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Machine id"
//	@Param			limit	query		int		false	"1..100"
//	@Success		200		{array}		ReadingDTO
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/readings [get]
func (h *Handler) listReadings(c *gin.Context) {
	limit, err := limitParam(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	rs, err := h.uc.ListReadings.Handle(c.Request.Context(), fleetapp.ListReadings{UserID: auth.UserID(c), MachineID: c.Param("id"), Limit: limit})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]ReadingDTO, len(rs))
	for i, r := range rs {
		out[i] = newReadingDTO(r)
	}
	c.JSON(http.StatusOK, out)
}

// createPlan godoc
//
//	@Summary		Add a maintenance plan
//	@Description	Owner only. An interval in hours, in days or both (whichever comes first); the due-soon margins default to 10% of each interval. The plan starts at the machine's current hours and now.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			body	body		planCreateRequest	true	"The plan"
//	@Success		201		{object}	MaintenancePlanDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/maintenance-plans [post]
func (h *Handler) createPlan(c *gin.Context) {
	var req planCreateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	v, err := h.uc.CreatePlan.Handle(c.Request.Context(), fleetapp.CreateMaintenancePlan{UserID: auth.UserID(c), MachineID: c.Param("id"), Spec: maintenance.Spec{Name: req.Name, Type: req.Type,
		IntervalHours: req.IntervalHours, IntervalDays: req.IntervalDays, DueSoonHours: req.DueSoonHours, DueSoonDays: req.DueSoonDays}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newPlanDTO(v))
}

// listPlans godoc
//
//	@Summary		A machine's maintenance plans
//	@Description	Each with its status (OK, DUE_SOON, OVERDUE), next due hours and date, and for hour-based plans a forecast date from the machine's average daily use.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{array}		MaintenancePlanDTO
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/maintenance-plans [get]
func (h *Handler) listPlans(c *gin.Context) {
	vs, err := h.uc.ListPlans.Handle(c.Request.Context(), fleetapp.ListMaintenancePlans{UserID: auth.UserID(c), MachineID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]MaintenancePlanDTO, len(vs))
	for i, v := range vs {
		out[i] = newPlanDTO(v)
	}
	c.JSON(http.StatusOK, out)
}

// completePlan godoc
//
//	@Summary		Record a performed maintenance
//	@Description	Owner only. Records who, when (default now) and at what hours (default the machine's; higher hours are also a reading), and restarts the plan. "Mark done" is a shortcut for a work order: a one-line work order of the plan is created and completed (it appears in the service history).
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			planId	path		string				true	"Plan id"
//	@Param			body	body		planCompleteRequest	true	"The work done"
//	@Success		201		{object}	PlanCompletionDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Failure		409		{object}	httperr.Body	"completed concurrently"
//	@Router			/machines/{id}/maintenance-plans/{planId}/complete [post]
func (h *Handler) completePlan(c *gin.Context) {
	var req planCompleteRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	var at *time.Time
	if req.PerformedAt != nil && strings.TrimSpace(*req.PerformedAt) != "" {
		t, err := parseInstant(*req.PerformedAt)
		if err != nil {
			_ = c.Error(err)
			return
		}
		at = &t
	}
	cmd := fleetapp.CompletePlan{UserID: auth.UserID(c), MachineID: c.Param("id"),
		PlanID: c.Param("planId"), OperatingHours: req.OperatingHours, PerformedAt: at, Notes: req.Notes}
	var done fleetapp.CompletedPlan
	var err error
	if h.markDone != nil {
		done, err = h.markDone.Handle(c.Request.Context(), fleetapp.MarkPlanDone(cmd))
	} else {
		done, err = h.uc.CompletePlan.Handle(c.Request.Context(), cmd)
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newCompletionDTO(done.Completion))
}

// parseInstant reads an RFC 3339 time, or a date (YYYY-MM-DD) meaning the end
// of that day UTC, or now when that is still to come.
func parseInstant(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		end := d.Add(24*time.Hour - time.Second)
		if now := time.Now().UTC(); end.After(now) {
			return now, nil
		}
		return end, nil
	}
	return time.Time{}, domain.Invalid("performedAt", "must be an RFC 3339 time or a YYYY-MM-DD date")
}

// createQuickCheck godoc
//
//	@Summary		Record a quick check
//	@Description	By the owner or an operator. Every item needs a status (PASSED, FAILED or NA) and a failed one a note; with templateVersion every item of that checklist must be present; a 400 names the item. Template items are stored by key (labels only for custom items). Optional hours are applied as a reading (never backwards). Each failed item opens an issue whose severity is the item's severity: the operator's choice (LOW, MEDIUM, HIGH, CRITICAL), else HIGH for the template's brakes and safety items and MEDIUM for any other. The owner gets QUICK_CHECK_COMPLETED, HIGH with metadata.failedItems (keys) and failedDetails when any item failed.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string					true	"Machine id"
//	@Param			body	body		quickCheckCreateRequest	true	"The checklist"
//	@Success		201		{object}	QuickCheckDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/quick-checks [post]
func (h *Handler) createQuickCheck(c *gin.Context) {
	var req quickCheckCreateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	items := make([]quickcheck.Item, len(req.Items))
	for i, it := range req.Items {
		items[i] = quickcheck.Item{Key: it.Key, Label: it.Label, Status: quickcheck.Status(it.Status), Severity: it.Severity}
		if it.Notes != nil {
			items[i].Notes = *it.Notes
		}
	}
	notes := ""
	if req.Notes != nil {
		notes = *req.Notes
	}
	q, err := h.uc.AddQuickCheck.Handle(c.Request.Context(), fleetapp.AddQuickCheck{UserID: auth.UserID(c), MachineID: c.Param("id"),
		TemplateVersion: req.TemplateVersion, Items: items, OperatingHours: req.OperatingHours, Notes: notes})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newQuickCheckDTO(q))
}

// listQuickChecks godoc
//
//	@Summary		A machine's quick checks
//	@Description	Newest first, at most limit (1..100, default 100).
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Machine id"
//	@Param			limit	query		int		false	"1..100"
//	@Success		200		{array}		QuickCheckDTO
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/quick-checks [get]
func (h *Handler) listQuickChecks(c *gin.Context) {
	limit, err := limitParam(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	qs, err := h.uc.ListQuickChecks.Handle(c.Request.Context(), fleetapp.ListQuickChecks{UserID: auth.UserID(c), MachineID: c.Param("id"), Limit: limit})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]QuickCheckDTO, len(qs))
	for i, q := range qs {
		out[i] = newQuickCheckDTO(q)
	}
	c.JSON(http.StatusOK, out)
}

// checkAlarms godoc
//
//	@Summary		Run the maintenance alarm check now
//	@Description	Runs CheckMaintenanceAlarms: over the caller's machines, or over all machines for an admin. Each plan alerts once when it enters DUE_SOON and once when it becomes OVERDUE; alerted counts the plans that alerted in this run.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	AlarmCheckDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/maintenance/check-alarms [post]
func (h *Handler) checkAlarms(c *gin.Context) {
	p := auth.PrincipalOf(c)
	cmd := fleetapp.CheckMaintenanceAlarms{OwnerID: p.UserID}
	if p.IsAdmin() {
		cmd.OwnerID = ""
	}
	res, err := h.uc.CheckAlarms.Handle(c.Request.Context(), cmd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, AlarmCheckDTO{Checked: res.Checked, Alerted: res.Alerted})
}

// fleetPlans godoc
//
//	@Summary		The caller's machines with their maintenance plans
//	@Description	Every machine the caller owns or operates, each with its plans' status: the dashboard's one request.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{array}		FleetMachineDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/maintenance/plans [get]
func (h *Handler) fleetPlans(c *gin.Context) {
	userID := auth.UserID(c)
	fleet, err := h.uc.ListFleetPlans.Handle(c.Request.Context(), fleetapp.ListFleetPlans{UserID: userID})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]FleetMachineDTO, len(fleet))
	for i, f := range fleet {
		out[i] = FleetMachineDTO{Machine: newMachineDTO(f.Machine, userID), Plans: make([]MaintenancePlanDTO, len(f.Plans))}
		for j, v := range f.Plans {
			out[i].Plans[j] = newPlanDTO(v)
		}
	}
	c.JSON(http.StatusOK, out)
}

func limitParam(c *gin.Context) (int, error) {
	raw := c.Query("limit")
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > fleetapp.MaxListed {
		return 0, domain.Invalid("limit", "must be 1 to 100")
	}
	return n, nil
}
