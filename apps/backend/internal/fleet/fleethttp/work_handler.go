package fleethttp

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/issue"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/workorder"
)

// WorkHandler serves issues, work orders and service history.
type WorkHandler struct {
	machines MachineGetter
	issues   fleetapp.IssueUseCases
	orders   fleetapp.WorkOrderUseCases
}

// MachineGetter reads one machine (GetMachine), for the permissions an issue
// or work order answer carries.
type MachineGetter interface {
	Handle(ctx context.Context, q fleetapp.GetMachine) (machine.Machine, error)
}

// NewWorkHandler builds the handler on the issue and work order use cases.
func NewWorkHandler(machines MachineGetter, issues fleetapp.IssueUseCases, orders fleetapp.WorkOrderUseCases) *WorkHandler {
	return &WorkHandler{machines: machines, issues: issues, orders: orders}
}

// Register mounts the routes on the authenticated /api/v1 group.
func (h *WorkHandler) Register(priv *gin.RouterGroup) {
	priv.GET("/issues", h.listIssues)
	priv.GET("/issues/:issueId", h.getIssue)
	priv.POST("/issues/:issueId/status", h.changeIssueStatus)
	priv.POST("/issues/:issueId/comments", h.commentOnIssue)
	priv.GET("/issue-settings", h.getFleetIssuePolicy)
	priv.PUT("/issue-settings", h.setFleetIssuePolicy)
	priv.GET("/machines/:id/issues", h.listMachineIssues)
	priv.POST("/machines/:id/issues", h.openIssue)
	priv.GET("/machines/:id/issue-settings", h.getMachineIssuePolicy)
	priv.PUT("/machines/:id/issue-settings", h.setMachineIssuePolicy)
	priv.GET("/work-orders", h.listWorkOrders)
	priv.GET("/work-orders/:workOrderId", h.getWorkOrder)
	priv.PATCH("/work-orders/:workOrderId", h.updateWorkOrder)
	priv.POST("/work-orders/:workOrderId/complete", h.completeWorkOrder)
	priv.GET("/machines/:id/work-orders", h.listMachineWorkOrders)
	priv.POST("/machines/:id/work-orders", h.createWorkOrder)
	priv.GET("/machines/:id/service-history", h.serviceHistory)
	priv.GET("/machines/:id/service-history.csv", h.exportServiceHistory)
}

type issueOpenRequest struct {
	Title       string `json:"title" validate:"required,max=200" example:"Cracked mirror"`
	Description string `json:"description,omitempty" validate:"max=2000" example:"Left side"`
	Severity    string `json:"severity" validate:"required" enums:"LOW,MEDIUM,HIGH,CRITICAL" example:"MEDIUM"`
}

type issueStatusRequest struct {
	Status string `json:"status" validate:"required" enums:"ACKNOWLEDGED,RESOLVED,WONT_FIX" example:"ACKNOWLEDGED"`
}

type issueCommentRequest struct {
	Body string `json:"body" validate:"required,max=2000" example:"Seal ordered"`
}

type issuePolicyRequest struct {
	// OperatorsMayResolve: true or false; null (machine setting only) falls back to the fleet's.
	OperatorsMayResolve *bool `json:"operatorsMayResolve,omitempty"`
}

type workOrderLineRequest struct {
	Kind        string  `json:"kind" validate:"required" enums:"LABOUR,PART" example:"PART"`
	Description string  `json:"description" validate:"required,max=200" example:"Hydraulic hose"`
	Quantity    float64 `json:"quantity" validate:"gt=0,lte=1000000" example:"2"`
	// UnitCost in minor units (cents) of currency.
	UnitCost int64  `json:"unitCost,omitempty" validate:"gte=0" example:"4550"`
	Currency string `json:"currency,omitempty" validate:"omitempty,len=3" example:"EUR"`
}

type workOrderCreateRequest struct {
	Title      string                 `json:"title" validate:"required,max=200" example:"250 h service"`
	Notes      string                 `json:"notes,omitempty" validate:"max=4000"`
	PlanID     string                 `json:"planId,omitempty" validate:"omitempty,len=32,hexadecimal"`
	IssueIDs   []string               `json:"issueIds,omitempty" validate:"max=50,dive,len=32,hexadecimal"`
	Lines      []workOrderLineRequest `json:"lines,omitempty" validate:"max=100,dive"`
	AssigneeID string                 `json:"assigneeId,omitempty" validate:"omitempty,len=32,hexadecimal"`
}

type workOrderUpdateRequest struct {
	Title      *string                 `json:"title,omitempty" validate:"omitempty,max=200"`
	Notes      *string                 `json:"notes,omitempty" validate:"omitempty,max=4000"`
	PlanID     *string                 `json:"planId,omitempty" validate:"omitempty,max=32"`
	IssueIDs   *[]string               `json:"issueIds,omitempty" validate:"omitempty,max=50,dive,len=32,hexadecimal"`
	Lines      *[]workOrderLineRequest `json:"lines,omitempty" validate:"omitempty,max=100,dive"`
	AssigneeID *string                 `json:"assigneeId,omitempty" validate:"omitempty,max=32"`
	// Status moves it: IN_PROGRESS (the owner or the assignee) or CANCELLED.
	Status string `json:"status,omitempty" enums:"IN_PROGRESS,CANCELLED"`
}

type workOrderCompleteRequest struct {
	OperatingHours *float64 `json:"operatingHours,omitempty" validate:"omitempty,gte=0,lte=1000000" example:"1251"`
	PerformedAt    *string  `json:"performedAt,omitempty" example:"2026-03-01T09:30:00Z"`
}

func lines(in []workOrderLineRequest) []workorder.Line {
	out := make([]workorder.Line, len(in))
	for i, l := range in {
		out[i] = workorder.Line{Kind: workorder.Kind(l.Kind), Description: l.Description, Quantity: l.Quantity,
			UnitCost: l.UnitCost, Currency: l.Currency}
	}
	return out
}

// pageParams reads cursor and limit (1..200).
func pageParams(c *gin.Context) (cursor string, limit int, err error) {
	if raw := c.Query("limit"); raw != "" {
		if limit, err = strconv.Atoi(raw); err != nil || limit < 1 || limit > fleetapp.MaxPageSize {
			return "", 0, domain.Invalid("limit", fmt.Sprintf("must be 1 to %d", fleetapp.MaxPageSize))
		}
	}
	return c.Query("cursor"), limit, nil
}

func (h *WorkHandler) issuePage(c *gin.Context, machineID string) {
	cursor, limit, err := pageParams(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p, err := h.issues.List.Handle(c.Request.Context(), fleetapp.ListIssues{UserID: auth.UserID(c), MachineID: machineID,
		Status: issue.Status(c.Query("status")), Severity: issue.Severity(c.Query("severity")), Cursor: cursor, Limit: limit})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := IssuePageDTO{Items: make([]IssueDTO, len(p.Issues)), NextCursor: p.NextCursor}
	for i, x := range p.Issues {
		out.Items[i] = newIssueDTO(x, p.Machines[x.MachineID()])
	}
	c.JSON(http.StatusOK, out)
}

// listIssues godoc
//
//	@Summary		The caller's issues, fleet-wide
//	@Description	Issues of every machine the caller owns or operates (or of machineId), newest first, filtered by status and severity; cursor paging (pass nextCursor as cursor).
//	@Tags			issues
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status		query		string	false	"OPEN, ACKNOWLEDGED, RESOLVED or WONT_FIX"
//	@Param			severity	query		string	false	"LOW, MEDIUM, HIGH or CRITICAL"
//	@Param			machineId	query		string	false	"only this machine (404 for a stranger)"
//	@Param			cursor		query		string	false	"nextCursor of the previous page"
//	@Param			limit		query		int		false	"1..200, default 50"
//	@Success		200			{object}	IssuePageDTO
//	@Failure		400			{object}	httperr.Body
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		404			{object}	httperr.Body
//	@Router			/issues [get]
func (h *WorkHandler) listIssues(c *gin.Context) { h.issuePage(c, c.Query("machineId")) }

// listMachineIssues godoc
//
//	@Summary		A machine's issues
//	@Description	For its owner and operators (a stranger gets 404), newest first, filtered by status and severity; cursor paging.
//	@Tags			issues
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Machine id"
//	@Param			status		query		string	false	"OPEN, ACKNOWLEDGED, RESOLVED or WONT_FIX"
//	@Param			severity	query		string	false	"LOW, MEDIUM, HIGH or CRITICAL"
//	@Param			cursor		query		string	false	"nextCursor of the previous page"
//	@Param			limit		query		int		false	"1..200, default 50"
//	@Success		200			{object}	IssuePageDTO
//	@Failure		400			{object}	httperr.Body
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		404			{object}	httperr.Body
//	@Router			/machines/{id}/issues [get]
func (h *WorkHandler) listMachineIssues(c *gin.Context) { h.issuePage(c, c.Param("id")) }

// openIssue godoc
//
//	@Summary		Open an issue by hand
//	@Description	By the owner or an operator. The owner gets an ISSUE notification when an operator opens it; the machine's audience gets fleet.changed (issue.opened). Failed quick-check items open theirs by themselves (one per item, never twice).
//	@Tags			issues
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			body	body		issueOpenRequest	true	"The issue"
//	@Success		201		{object}	IssueDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/issues [post]
func (h *WorkHandler) openIssue(c *gin.Context) {
	var req issueOpenRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	i, err := h.issues.Open.Handle(c.Request.Context(), fleetapp.OpenIssue{UserID: auth.UserID(c), MachineID: c.Param("id"),
		Spec: issue.Spec{Title: req.Title, Description: req.Description, Severity: issue.Severity(req.Severity)}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	m, _ := h.machines.Handle(c.Request.Context(), fleetapp.GetMachine{UserID: auth.UserID(c), MachineID: i.MachineID()})
	c.JSON(http.StatusCreated, newIssueDTO(i, m))
}

// getIssue godoc
//
//	@Summary		One issue with its comments
//	@Description	For its machine's owner and operators; anyone else gets 404. canResolve says whether the caller may acknowledge and close it.
//	@Tags			issues
//	@Produce		json
//	@Security		BearerAuth
//	@Param			issueId	path		string	true	"Issue id"
//	@Success		200		{object}	IssueDetailDTO
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Router			/issues/{issueId} [get]
func (h *WorkHandler) getIssue(c *gin.Context) {
	v, err := h.issues.Get.Handle(c.Request.Context(), fleetapp.GetIssue{UserID: auth.UserID(c), IssueID: c.Param("issueId")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newIssueDetailDTO(v))
}

// changeIssueStatus godoc
//
//	@Summary		Acknowledge, resolve or close an issue as won't fix
//	@Description	OPEN → ACKNOWLEDGED; OPEN or ACKNOWLEDGED → RESOLVED or WONT_FIX. The owner, or an operator when the owner allows it (issue settings); other operators get 403. Who and when is kept per step. On RESOLVED or WONT_FIX the reporter gets an ISSUE notification.
//	@Tags			issues
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			issueId	path		string				true	"Issue id"
//	@Param			body	body		issueStatusRequest	true	"The new status"
//	@Success		200		{object}	IssueDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Failure		409		{object}	httperr.Body	"not allowed in its status, or changed concurrently"
//	@Router			/issues/{issueId}/status [post]
func (h *WorkHandler) changeIssueStatus(c *gin.Context) {
	var req issueStatusRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	i, err := h.issues.Change.Handle(c.Request.Context(), fleetapp.ChangeIssueStatus{UserID: auth.UserID(c),
		IssueID: c.Param("issueId"), Status: issue.Status(req.Status)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	m, _ := h.machines.Handle(c.Request.Context(), fleetapp.GetMachine{UserID: auth.UserID(c), MachineID: i.MachineID()})
	c.JSON(http.StatusOK, newIssueDTO(i, m))
}

// commentOnIssue godoc
//
//	@Summary		Comment on an issue
//	@Description	By the machine's owner or an operator.
//	@Tags			issues
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			issueId	path		string				true	"Issue id"
//	@Param			body	body		issueCommentRequest	true	"The comment"
//	@Success		201		{object}	IssueCommentDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Router			/issues/{issueId}/comments [post]
func (h *WorkHandler) commentOnIssue(c *gin.Context) {
	var req issueCommentRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	cm, err := h.issues.Comment.Handle(c.Request.Context(), fleetapp.CommentOnIssue{UserID: auth.UserID(c), IssueID: c.Param("issueId"), Body: req.Body})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newIssueCommentDTO(cm))
}

func (h *WorkHandler) getPolicy(c *gin.Context, machineID string) {
	ok, err := h.issues.Policy.Handle(c.Request.Context(), fleetapp.GetIssuePolicy{UserID: auth.UserID(c), MachineID: machineID})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, IssuePolicyDTO{OperatorsMayResolve: ok})
}

func (h *WorkHandler) setPolicy(c *gin.Context, machineID string) {
	var req issuePolicyRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	userID := auth.UserID(c)
	if err := h.issues.SetPolicy.Handle(c.Request.Context(), fleetapp.SetIssuePolicy{UserID: userID, MachineID: machineID,
		Allow: req.OperatorsMayResolve}); err != nil {
		_ = c.Error(err)
		return
	}
	h.getPolicy(c, machineID)
}

// getFleetIssuePolicy godoc
//
//	@Summary		Whether operators may resolve issues, fleet-wide
//	@Description	The caller's fleet setting (a machine's own setting wins over it).
//	@Tags			issues
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	IssuePolicyDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/issue-settings [get]
func (h *WorkHandler) getFleetIssuePolicy(c *gin.Context) { h.getPolicy(c, "") }

// setFleetIssuePolicy godoc
//
//	@Summary		Let operators resolve issues, fleet-wide
//	@Description	Whether operators of the caller's machines may acknowledge and close their issues (unless a machine says otherwise).
//	@Tags			issues
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		issuePolicyRequest	true	"The setting (required here)"
//	@Success		200		{object}	IssuePolicyDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Router			/issue-settings [put]
func (h *WorkHandler) setFleetIssuePolicy(c *gin.Context) { h.setPolicy(c, "") }

// getMachineIssuePolicy godoc
//
//	@Summary		Whether operators may resolve a machine's issues
//	@Description	The machine's setting, else the owner's fleet setting. For the owner and operators.
//	@Tags			issues
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{object}	IssuePolicyDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/issue-settings [get]
func (h *WorkHandler) getMachineIssuePolicy(c *gin.Context) { h.getPolicy(c, c.Param("id")) }

// setMachineIssuePolicy godoc
//
//	@Summary		Let operators resolve a machine's issues
//	@Description	Owner only (an operator gets 403). null removes the machine's setting, so that the fleet's applies.
//	@Tags			issues
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			body	body		issuePolicyRequest	true	"The setting"
//	@Success		200		{object}	IssuePolicyDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/issue-settings [put]
func (h *WorkHandler) setMachineIssuePolicy(c *gin.Context) { h.setPolicy(c, c.Param("id")) }

func (h *WorkHandler) workOrderPage(c *gin.Context, machineID string) {
	cursor, limit, err := pageParams(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p, err := h.orders.List.Handle(c.Request.Context(), fleetapp.ListWorkOrders{UserID: auth.UserID(c), MachineID: machineID,
		Status: workorder.Status(c.Query("status")), Cursor: cursor, Limit: limit})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := WorkOrderPageDTO{Items: make([]WorkOrderDTO, len(p.WorkOrders)), NextCursor: p.NextCursor}
	for i, w := range p.WorkOrders {
		out.Items[i] = newWorkOrderDTO(w, p.Machines[w.MachineID()])
	}
	c.JSON(http.StatusOK, out)
}

// listWorkOrders godoc
//
//	@Summary		The caller's work orders, fleet-wide
//	@Description	Work orders of every machine the caller owns or operates (or of machineId), newest first; cursor paging.
//	@Tags			work-orders
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status		query		string	false	"OPEN, IN_PROGRESS, COMPLETED or CANCELLED"
//	@Param			machineId	query		string	false	"only this machine (404 for a stranger)"
//	@Param			cursor		query		string	false	"nextCursor of the previous page"
//	@Param			limit		query		int		false	"1..200, default 50"
//	@Success		200			{object}	WorkOrderPageDTO
//	@Failure		400			{object}	httperr.Body
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		404			{object}	httperr.Body
//	@Router			/work-orders [get]
func (h *WorkHandler) listWorkOrders(c *gin.Context) { h.workOrderPage(c, c.Query("machineId")) }

// listMachineWorkOrders godoc
//
//	@Summary		A machine's work orders
//	@Description	For its owner and operators (a stranger gets 404), newest first; cursor paging.
//	@Tags			work-orders
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"Machine id"
//	@Param			status	query		string	false	"OPEN, IN_PROGRESS, COMPLETED or CANCELLED"
//	@Param			cursor	query		string	false	"nextCursor of the previous page"
//	@Param			limit	query		int		false	"1..200, default 50"
//	@Success		200		{object}	WorkOrderPageDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/work-orders [get]
func (h *WorkHandler) listMachineWorkOrders(c *gin.Context) { h.workOrderPage(c, c.Param("id")) }

// createWorkOrder godoc
//
//	@Summary		Create a work order
//	@Description	Owner only (an operator gets 403). From a plan (planId), from open issues of the machine (issueIds), or ad hoc; lines of labour and parts with unit costs in minor units (a line with a cost needs a currency); the assignee is the owner or an operator of the machine. A 400 names the field.
//	@Tags			work-orders
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string					true	"Machine id"
//	@Param			body	body		workOrderCreateRequest	true	"The work order"
//	@Success		201		{object}	WorkOrderDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		403		{object}	httperr.Body
//	@Failure		404		{object}	httperr.Body
//	@Router			/machines/{id}/work-orders [post]
func (h *WorkHandler) createWorkOrder(c *gin.Context) {
	var req workOrderCreateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	w, err := h.orders.Create.Handle(c.Request.Context(), fleetapp.CreateWorkOrder{UserID: auth.UserID(c), MachineID: c.Param("id"),
		Spec: workorder.Spec{Title: req.Title, Notes: req.Notes, PlanID: req.PlanID, IssueIDs: req.IssueIDs, Lines: lines(req.Lines),
			AssigneeID: req.AssigneeID}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.respondWorkOrder(c, http.StatusCreated, w)
}

func (h *WorkHandler) respondWorkOrder(c *gin.Context, status int, w workorder.WorkOrder) {
	m, err := h.machines.Handle(c.Request.Context(), fleetapp.GetMachine{UserID: auth.UserID(c), MachineID: w.MachineID()})
	if err != nil {
		m = machine.Machine{}
	}
	c.JSON(status, newWorkOrderDTO(w, m))
}

// getWorkOrder godoc
//
//	@Summary		One work order
//	@Description	For its machine's owner and operators; anyone else gets 404.
//	@Tags			work-orders
//	@Produce		json
//	@Security		BearerAuth
//	@Param			workOrderId	path		string	true	"Work order id"
//	@Success		200			{object}	WorkOrderDetailDTO
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		404			{object}	httperr.Body
//	@Router			/work-orders/{workOrderId} [get]
func (h *WorkHandler) getWorkOrder(c *gin.Context) {
	v, err := h.orders.Get.Handle(c.Request.Context(), fleetapp.GetWorkOrder{UserID: auth.UserID(c), ID: c.Param("workOrderId")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, WorkOrderDetailDTO{WorkOrderDTO: newWorkOrderDTO(v.WorkOrder, v.Machine), Role: string(v.Role)})
}

// updateWorkOrder godoc
//
//	@Summary		Edit, start or cancel a work order
//	@Description	Owner only, except that the assignee may start it (status IN_PROGRESS alone). Fields given replace the stored ones; only while OPEN or IN_PROGRESS. Complete it with /complete.
//	@Tags			work-orders
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			workOrderId	path		string					true	"Work order id"
//	@Param			body		body		workOrderUpdateRequest	true	"The changes"
//	@Success		200			{object}	WorkOrderDTO
//	@Failure		400			{object}	httperr.Body
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		403			{object}	httperr.Body
//	@Failure		404			{object}	httperr.Body
//	@Failure		409			{object}	httperr.Body	"not allowed in its status, or changed concurrently"
//	@Router			/work-orders/{workOrderId} [patch]
func (h *WorkHandler) updateWorkOrder(c *gin.Context) {
	var req workOrderUpdateRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	p := fleetapp.WorkOrderPatch{Title: req.Title, Notes: req.Notes, PlanID: req.PlanID, AssigneeID: req.AssigneeID, IssueIDs: req.IssueIDs}
	if req.Lines != nil {
		ls := lines(*req.Lines)
		p.Lines = &ls
	}
	w, err := h.orders.Update.Handle(c.Request.Context(), fleetapp.UpdateWorkOrder{UserID: auth.UserID(c),
		ID: c.Param("workOrderId"), Patch: p, Status: workorder.Status(req.Status)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	h.respondWorkOrder(c, http.StatusOK, w)
}

// completeWorkOrder godoc
//
//	@Summary		Complete a work order
//	@Description	Owner only. Records the hour meter (default: the machine's hours; above it, also a reading), completes the linked plan's cycle (the rule of "Mark done"), resolves the linked issues (their reporters get an ISSUE notification) and marks it COMPLETED, in steps that are safe to retry: a completion record is stored first, and calling again after a failure finishes the same completion without doing any step twice. Completing a completed work order answers it unchanged.
//	@Tags			work-orders
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			workOrderId	path		string						true	"Work order id"
//	@Param			body		body		workOrderCompleteRequest	true	"Hours and time (both optional)"
//	@Success		200			{object}	WorkOrderDTO
//	@Failure		400			{object}	httperr.Body
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		403			{object}	httperr.Body
//	@Failure		404			{object}	httperr.Body
//	@Failure		409			{object}	httperr.Body	"cancelled"
//	@Router			/work-orders/{workOrderId}/complete [post]
func (h *WorkHandler) completeWorkOrder(c *gin.Context) {
	var req workOrderCompleteRequest
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
	out, err := h.orders.Complete.Handle(c.Request.Context(), fleetapp.CompleteWorkOrder{UserID: auth.UserID(c),
		ID: c.Param("workOrderId"), OperatingHours: req.OperatingHours, PerformedAt: at})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newWorkOrderDTO(out.WorkOrder, out.Machine))
}

// serviceHistory godoc
//
//	@Summary		A machine's service history
//	@Description	Owner only (an operator gets 403): the completed work orders, newest completion first, their costs per month (UTC) and currency, and totals per currency; money in minor units.
//	@Tags			work-orders
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{object}	ServiceHistoryDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/service-history [get]
func (h *WorkHandler) serviceHistory(c *gin.Context) {
	userID := auth.UserID(c)
	hist, err := h.orders.History.Handle(c.Request.Context(), fleetapp.GetServiceHistory{UserID: userID, MachineID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := ServiceHistoryDTO{Machine: newMachineDTO(hist.Machine, userID), WorkOrders: make([]WorkOrderDTO, len(hist.WorkOrders)),
		Months: make([]MonthCostDTO, len(hist.Months)), Totals: hist.Totals}
	for i, w := range hist.WorkOrders {
		out.WorkOrders[i] = newWorkOrderDTO(w, hist.Machine)
	}
	for i, m := range hist.Months {
		out.Months[i] = MonthCostDTO(m)
	}
	c.JSON(http.StatusOK, out)
}

// exportServiceHistory godoc
//
//	@Summary		A machine's service history as CSV
//	@Description	Owner only. One row per line of each completed work order (completedAt, workOrderId, title, operatingHours, kind, description, quantity, unitCostMinor, currency, totalMinor). Text cells starting with = + - @ (or a tab or CR) are prefixed with an apostrophe so that a spreadsheet does not run them.
//	@Tags			work-orders
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{string}	string	"CSV"
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		403	{object}	httperr.Body
//	@Failure		404	{object}	httperr.Body
//	@Router			/machines/{id}/service-history.csv [get]
func (h *WorkHandler) exportServiceHistory(c *gin.Context) {
	var buf bytes.Buffer
	if err := h.orders.Export.Handle(c.Request.Context(), fleetapp.ExportServiceHistory{UserID: auth.UserID(c), MachineID: c.Param("id"), To: &buf}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="fleetman-service-history-%s.csv"`, time.Now().UTC().Format("2006-01-02")))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
