// Package contactshttp serves the contacts endpoints of docs/api.md.
package contactshttp

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accounthttp"
	"github.com/fleetman/fleetman/apps/backend/internal/contacts/contactsapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
)

// UseCases are the contacts use cases the handlers run.
type UseCases struct {
	SendRequest interface {
		Handle(ctx context.Context, cmd contactsapp.SendContactRequest) (contactsapp.RequestView, error)
	}
	Accept interface {
		Handle(ctx context.Context, cmd contactsapp.AcceptContactRequest) (contactsapp.RequestView, error)
	}
	Decline interface {
		Handle(ctx context.Context, cmd contactsapp.DeclineContactRequest) (contactsapp.RequestView, error)
	}
	ListRequests interface {
		Handle(ctx context.Context, q contactsapp.ListContactRequests) (contactsapp.ContactRequests, error)
	}
	List interface {
		Handle(ctx context.Context, q contactsapp.ListContacts) ([]contactsapp.ContactView, error)
	}
	Remove interface {
		Handle(ctx context.Context, cmd contactsapp.RemoveContact) error
	}
}

// Limiter takes one event for a key, saying how long to wait when refused.
type Limiter interface {
	Allow(key string) (bool, time.Duration)
}

// Handler serves /contacts.
type Handler struct {
	uc       UseCases
	requests Limiter // contact requests per user, which also slows probing emails
}

// NewHandler builds the handler.
func NewHandler(uc UseCases, requests Limiter) *Handler {
	return &Handler{uc: uc, requests: requests}
}

// Register mounts the routes on the authenticated group.
func (h *Handler) Register(priv *gin.RouterGroup) {
	priv.POST("/contacts/requests", h.sendRequest)
	priv.GET("/contacts/requests", h.listRequests)
	priv.POST("/contacts/requests/:id/accept", h.accept)
	priv.POST("/contacts/requests/:id/decline", h.decline)
	priv.GET("/contacts", h.list)
	priv.DELETE("/contacts/:userId", h.remove)
}

// ContactRequestDTO is a contact request as the API shows it.
type ContactRequestDTO struct {
	ID          string              `json:"id" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"`
	Requester   accounthttp.UserDTO `json:"requester"`
	Recipient   accounthttp.UserDTO `json:"recipient"`
	Status      string              `json:"status" enums:"PENDING,ACCEPTED,DECLINED" example:"PENDING"`
	CreatedAt   time.Time           `json:"createdAt"`
	RespondedAt *time.Time          `json:"respondedAt" extensions:"x-nullable"`
}

// NewContactRequestDTO maps a request (users without their roles).
func NewContactRequestDTO(v contactsapp.RequestView) ContactRequestDTO {
	return ContactRequestDTO{ID: v.Request.ID(), Requester: accounthttp.NewUserDTO(v.Requester, nil),
		Recipient: accounthttp.NewUserDTO(v.Recipient, nil), Status: string(v.Request.Status()),
		CreatedAt: v.Request.CreatedAt(), RespondedAt: v.Request.RespondedAt()}
}

// ContactRequestsDTO lists the pending requests a user received and sent.
type ContactRequestsDTO struct {
	Incoming []ContactRequestDTO `json:"incoming"`
	Outgoing []ContactRequestDTO `json:"outgoing"`
}

// ContactDTO is one contact.
type ContactDTO struct {
	User  accounthttp.UserDTO `json:"user"`
	Since time.Time           `json:"since"`
}

type sendContactRequestBody struct {
	Email string `json:"email" validate:"required,max=254" example:"ben@example.com"`
}

// sendRequest godoc
//
//	@Summary		Send a contact request
//	@Description	Asks the account registered under email to become a contact; that user gets a CONTACT_REQUEST notification. 400 for oneself, 404 when no account can be added with this email (nothing more is said about it), 409 when a request between the two is pending or they are contacts already.
//	@Tags			contacts
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		sendContactRequestBody	true	"Who to add"
//	@Success		201		{object}	ContactRequestDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		404		{object}	httperr.Body
//	@Failure		409		{object}	httperr.Body
//	@Failure		429		{object}	httperr.Body
//	@Router			/contacts/requests [post]
func (h *Handler) sendRequest(c *gin.Context) {
	var req sendContactRequestBody
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	userID := auth.UserID(c)
	if ok, wait := h.requests.Allow(userID); !ok {
		_ = c.Error(httperr.RateLimited("too many contact requests", wait))
		return
	}
	v, err := h.uc.SendRequest.Handle(c.Request.Context(), contactsapp.SendContactRequest{RequesterID: userID, Email: req.Email})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, NewContactRequestDTO(v))
}

// listRequests godoc
//
//	@Summary		Pending contact requests
//	@Description	The pending requests the caller received (incoming) and sent (outgoing), oldest first.
//	@Tags			contacts
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	ContactRequestsDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/contacts/requests [get]
func (h *Handler) listRequests(c *gin.Context) {
	reqs, err := h.uc.ListRequests.Handle(c.Request.Context(), contactsapp.ListContactRequests{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	body := ContactRequestsDTO{Incoming: make([]ContactRequestDTO, len(reqs.Incoming)), Outgoing: make([]ContactRequestDTO, len(reqs.Outgoing))}
	for i, v := range reqs.Incoming {
		body.Incoming[i] = NewContactRequestDTO(v)
	}
	for i, v := range reqs.Outgoing {
		body.Outgoing[i] = NewContactRequestDTO(v)
	}
	c.JSON(http.StatusOK, body)
}

// accept godoc
//
//	@Summary		Accept a contact request
//	@Description	Only the recipient may accept; the requester gets a CONTACT_ACCEPTED notification. Accepting again answers the same request and notifies nobody. 409 when it was declined.
//	@Tags			contacts
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Request id"
//	@Success		200	{object}	ContactRequestDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		403	{object}	httperr.Body	"the caller sent this request"
//	@Failure		404	{object}	httperr.Body
//	@Failure		409	{object}	httperr.Body
//	@Router			/contacts/requests/{id}/accept [post]
func (h *Handler) accept(c *gin.Context) {
	v, err := h.uc.Accept.Handle(c.Request.Context(), contactsapp.AcceptContactRequest{UserID: auth.UserID(c), RequestID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, NewContactRequestDTO(v))
}

// decline godoc
//
//	@Summary		Decline a contact request
//	@Description	Only the recipient may decline. Declining again answers the same request. 409 when it was accepted.
//	@Tags			contacts
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Request id"
//	@Success		200	{object}	ContactRequestDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		403	{object}	httperr.Body	"the caller sent this request"
//	@Failure		404	{object}	httperr.Body
//	@Failure		409	{object}	httperr.Body
//	@Router			/contacts/requests/{id}/decline [post]
func (h *Handler) decline(c *gin.Context) {
	v, err := h.uc.Decline.Handle(c.Request.Context(), contactsapp.DeclineContactRequest{UserID: auth.UserID(c), RequestID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, NewContactRequestDTO(v))
}

// list godoc
//
//	@Summary		Contacts
//	@Description	The caller's contacts, the most recent first.
//	@Tags			contacts
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{array}		ContactDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/contacts [get]
func (h *Handler) list(c *gin.Context) {
	list, err := h.uc.List.Handle(c.Request.Context(), contactsapp.ListContacts{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	body := make([]ContactDTO, len(list))
	for i, v := range list {
		body[i] = ContactDTO{User: accounthttp.NewUserDTO(v.User, nil), Since: v.Since}
	}
	c.JSON(http.StatusOK, body)
}

// remove godoc
//
//	@Summary		Remove a contact
//	@Description	Both users lose the contact. Their messages stay readable; new messages are refused (403).
//	@Tags			contacts
//	@Security		BearerAuth
//	@Param			userId	path	string	true	"The contact's user id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body
//	@Router			/contacts/{userId} [delete]
func (h *Handler) remove(c *gin.Context) {
	if err := h.uc.Remove.Handle(c.Request.Context(), contactsapp.RemoveContact{UserID: auth.UserID(c), ContactID: c.Param("userId")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}
