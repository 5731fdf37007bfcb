package http

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// Documents are the machine document use cases.
type Documents interface {
	Add(ctx context.Context, userID, machineID string, d document.Draft) (document.Document, error)
	List(ctx context.Context, userID, machineID string) ([]document.Document, error)
	Delete(ctx context.Context, userID, machineID, documentID string) error
}

// DocumentsHandler serves /machines/{id}/documents.
type DocumentsHandler struct{ docs Documents }

// NewDocumentsHandler builds the handler.
func NewDocumentsHandler(docs Documents) *DocumentsHandler { return &DocumentsHandler{docs: docs} }

// Register mounts the routes on priv (authenticated).
func (h *DocumentsHandler) Register(priv *gin.RouterGroup) {
	priv.POST("/machines/:id/documents", h.add)
	priv.GET("/machines/:id/documents", h.list)
	priv.DELETE("/machines/:id/documents/:documentId", h.delete)
}

// DocumentDTO is a machine document as the API shows it.
type DocumentDTO struct {
	ID        string    `json:"id"`
	MachineID string    `json:"machineId"`
	Type      string    `json:"type" example:"INSURANCE" enums:"INSURANCE,INSPECTION_CERTIFICATE,REGISTRATION,CUSTOM"`
	Name      string    `json:"name" example:"Crane permit"`
	Number    string    `json:"number" example:"POL-2026-0042"`
	IssuedOn  *string   `json:"issuedOn" example:"2026-01-15" extensions:"x-nullable"`
	ExpiresOn string    `json:"expiresOn" example:"2027-01-14"`
	DaysLeft  int       `json:"daysLeft" example:"43"` // negative once expired
	CreatedAt time.Time `json:"createdAt"`
}

func newDocumentDTO(d document.Document, now time.Time) DocumentDTO {
	r := d.Record()
	out := DocumentDTO{ID: r.ID, MachineID: r.MachineID, Type: string(r.Type), Name: r.Name, Number: r.Number,
		ExpiresOn: r.ExpiresOn.Format(document.DateLayout), DaysLeft: d.DaysLeft(now), CreatedAt: r.CreatedAt}
	if !r.IssuedOn.IsZero() {
		v := r.IssuedOn.Format(document.DateLayout)
		out.IssuedOn = &v
	}
	return out
}

type addDocumentRequest struct {
	Type      string `json:"type" validate:"required" example:"INSURANCE"`
	Name      string `json:"name,omitempty" example:"Crane permit"`
	Number    string `json:"number,omitempty" example:"POL-2026-0042"`
	IssuedOn  string `json:"issuedOn,omitempty" example:"2026-01-15"`
	ExpiresOn string `json:"expiresOn" validate:"required" example:"2027-01-14"`
}

// add godoc
//
//	@Summary		Add a document to a machine
//	@Description	Owner only. Insurance, inspection certificate, registration or custom (a name is required), with its number and issue and expiry dates (YYYY-MM-DD). The owner is reminded by a DOCUMENT_EXPIRY notification when the expiry is DOCUMENT_EXPIRY_THRESHOLDS days away (30, 7 and 0 by default: DUE_SOON, then EXPIRED on the day), once per threshold; a document added past a threshold is reminded of the most urgent one at once.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			body	body		addDocumentRequest	true	"The document"
//	@Success		201		{object}	DocumentDTO
//	@Failure		400		{object}	httperr.Body	"the field is named"
//	@Failure		403		{object}	httperr.Body	"an operator of the machine: only its owner adds documents"
//	@Failure		404		{object}	httperr.Body	"no such machine, or not yours"
//	@Router			/machines/{id}/documents [post]
func (h *DocumentsHandler) add(c *gin.Context) {
	var req addDocumentRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	d, err := h.docs.Add(c.Request.Context(), auth.UserID(c), c.Param("id"), document.Draft{Type: document.Type(req.Type),
		Name: req.Name, Number: req.Number, IssuedOn: req.IssuedOn, ExpiresOn: req.ExpiresOn})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newDocumentDTO(d, time.Now()))
}

// list godoc
//
//	@Summary		A machine's documents
//	@Description	The owner's and the machine's operators': soonest expiry first, with the days left.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{array}		DocumentDTO
//	@Failure		404	{object}	httperr.Body	"no such machine, or not yours"
//	@Router			/machines/{id}/documents [get]
func (h *DocumentsHandler) list(c *gin.Context) {
	docs, err := h.docs.List(c.Request.Context(), auth.UserID(c), c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	now := time.Now()
	out := make([]DocumentDTO, len(docs))
	for i, d := range docs {
		out[i] = newDocumentDTO(d, now)
	}
	c.JSON(http.StatusOK, out)
}

// delete godoc
//
//	@Summary	Delete a machine's document
//	@Tags		fleet
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Machine id"
//	@Param		documentId	path	string	true	"Document id"
//	@Success	204
//	@Failure	403	{object}	httperr.Body	"an operator of the machine"
//	@Failure	404	{object}	httperr.Body	"no such machine or document, or not yours"
//	@Router		/machines/{id}/documents/{documentId} [delete]
func (h *DocumentsHandler) delete(c *gin.Context) {
	if err := h.docs.Delete(c.Request.Context(), auth.UserID(c), c.Param("id"), c.Param("documentId")); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}
