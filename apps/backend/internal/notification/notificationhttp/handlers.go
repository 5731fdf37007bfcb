// Package notificationhttp serves the notification inbox and the live stream (docs/api.md).
package notificationhttp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/hub"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// UseCases are the notification use cases the inbox and publish handlers run.
type UseCases struct {
	List interface {
		Handle(ctx context.Context, q notificationapp.ListNotifications) (notification.Page, error)
	}
	CountUnread interface {
		Handle(ctx context.Context, q notificationapp.CountUnreadNotifications) (int, error)
	}
	MarkRead interface {
		Handle(ctx context.Context, cmd notificationapp.MarkNotificationRead) error
	}
	MarkAllRead interface {
		Handle(ctx context.Context, cmd notificationapp.MarkAllNotificationsRead) error
	}
	MarkUnread interface {
		Handle(ctx context.Context, cmd notificationapp.MarkNotificationUnread) error
	}
	Archive interface {
		Handle(ctx context.Context, cmd notificationapp.ArchiveNotification) error
	}
	Delete interface {
		Handle(ctx context.Context, cmd notificationapp.DeleteNotification) error
	}
	Publish interface {
		Handle(ctx context.Context, cmd notificationapp.PublishNotification) (notificationapp.Published, error)
	}
	PublishBatch interface {
		Handle(ctx context.Context, cmd notificationapp.PublishNotificationBatch) ([]notificationapp.BatchResult, error)
	}
}

// StreamSource is what a stream reads of the store (notificationapp.StreamReader) where it
// starts and when it replays what a reconnecting client missed.
type StreamSource interface {
	Head(ctx context.Context, userID string) (notification.Head, error)
	Has(ctx context.Context, userID, id string) (bool, error)
	UnreadCount(ctx context.Context, userID string) (int, error)
	Replay(ctx context.Context, userID, afterID string, limit int) ([]notification.Notification, error)
}

// StreamConfig tunes the stream handler.
type StreamConfig struct {
	Retry time.Duration // the retry: the stream announces
}

// Handler serves /notifications.
type Handler struct {
	uc     UseCases
	source StreamSource
	hub    *hub.Hub
	stream StreamConfig
	log    *slog.Logger
}

// NewHandler builds the handler.
func NewHandler(uc UseCases, source StreamSource, h *hub.Hub, stream StreamConfig, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Handler{uc: uc, source: source, hub: h, stream: stream, log: log}
}

// Register mounts the routes on priv (authenticated); admin guards the publish endpoint.
func (h *Handler) Register(priv *gin.RouterGroup, admin gin.HandlerFunc) {
	priv.GET("/notifications", h.list)
	priv.GET("/notifications/unread-count", h.unreadCount)
	priv.GET("/notifications/stream", h.streamEvents)
	priv.POST("/notifications/read-all", h.readAll)
	priv.POST("/notifications/:id/read", h.read)
	priv.POST("/notifications/:id/unread", h.unread)
	priv.POST("/notifications/:id/archive", h.archive)
	priv.DELETE("/notifications/:id", h.delete)
	priv.POST("/notifications", admin, h.publish)
	priv.POST("/notifications/batch", admin, h.publishBatch)
}

// NotificationPageDTO is one page of notifications, newest first.
type NotificationPageDTO struct {
	Items      []events.NotificationDTO `json:"items"`
	NextCursor *string                  `json:"nextCursor" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f" extensions:"x-nullable"`
}

// list godoc
//
//	@Summary		List my notifications
//	@Description	Newest first. Pass the previous page's nextCursor as cursor for the next page.
//	@Tags			notifications
//	@Produce		json
//	@Security		BearerAuth
//	@Param			status	query		string	false	"unread or all (default all)"	Enums(unread, all)
//	@Param			type	query		string	false	"only this type"	Enums(MAINTENANCE_ALERT, QUICK_CHECK_COMPLETED, NEW_MESSAGE, CONTACT_REQUEST, CONTACT_ACCEPTED, SYSTEM, IMPORT_FINISHED, ISSUE, DOCUMENT_EXPIRY)
//	@Param			archived	query		bool	false	"true: the archived notifications instead of the inbox"
//	@Param			priority	query		string	false	"only these priorities, comma-separated (LOW, NORMAL, HIGH, URGENT), e.g. HIGH,URGENT"
//	@Param			limit	query		int		false	"1 to 100 (default 20)"
//	@Param			cursor	query		string	false	"nextCursor of the previous page (of the same filters)"
//	@Success		200		{object}	NotificationPageDTO
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Router			/notifications [get]
func (h *Handler) list(c *gin.Context) {
	q := notification.ListQuery{UserID: auth.UserID(c), Status: notification.Status(c.Query("status")),
		Type: notification.Type(c.Query("type")), Cursor: c.Query("cursor")}
	switch c.Query("archived") {
	case "", "false":
	case "true":
		q.Archived = true
	default:
		_ = c.Error(domain.Invalid("archived", "must be true or false"))
		return
	}
	if v, ok := c.GetQuery("priority"); ok {
		for _, p := range strings.Split(v, ",") {
			q.Priorities = append(q.Priorities, notification.Priority(strings.TrimSpace(p)))
		}
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			_ = c.Error(domain.Invalid("limit", "must be 1 to 100"))
			return
		}
		q.Limit = n
	}
	page, err := h.uc.List.Handle(c.Request.Context(), notificationapp.ListNotifications{Query: q})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := NotificationPageDTO{Items: make([]events.NotificationDTO, len(page.Items))}
	for i, n := range page.Items {
		out.Items[i] = events.NewNotificationDTO(n)
	}
	if page.NextCursor != "" {
		out.NextCursor = &page.NextCursor
	}
	c.JSON(http.StatusOK, out)
}

// unreadCount godoc
//
//	@Summary	How many of my notifications are unread
//	@Tags		notifications
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	events.CountDTO
//	@Failure	401	{object}	httperr.UnauthenticatedBody
//	@Router		/notifications/unread-count [get]
func (h *Handler) unreadCount(c *gin.Context) {
	n, err := h.uc.CountUnread.Handle(c.Request.Context(), notificationapp.CountUnreadNotifications{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, events.CountDTO{Count: n})
}

// read godoc
//
//	@Summary		Mark one notification read
//	@Description	Idempotent. Every open stream of the user gets notification.read and unread-count.
//	@Tags			notifications
//	@Security		BearerAuth
//	@Param			id	path	string	true	"notification id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body	"not found, or another user's"
//	@Router			/notifications/{id}/read [post]
func (h *Handler) read(c *gin.Context) {
	if err := h.uc.MarkRead.Handle(c.Request.Context(), notificationapp.MarkNotificationRead{UserID: auth.UserID(c), ID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// unread godoc
//
//	@Summary		Mark one notification unread
//	@Description	Idempotent. An archived notification returns to the inbox, unread. Every open stream of the user gets notification.unread ({ids}) and unread-count.
//	@Tags			notifications
//	@Security		BearerAuth
//	@Param			id	path	string	true	"notification id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body	"not found, or another user's"
//	@Router			/notifications/{id}/unread [post]
func (h *Handler) unread(c *gin.Context) {
	if err := h.uc.MarkUnread.Handle(c.Request.Context(), notificationapp.MarkNotificationUnread{UserID: auth.UserID(c), ID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// archive godoc
//
//	@Summary		Archive one notification
//	@Description	Idempotent. The notification is kept but leaves the inbox (GET /notifications?archived=true lists it) and is marked read. Every open stream of the user gets notification.archived ({ids}) and unread-count. Marking it unread returns it to the inbox.
//	@Tags			notifications
//	@Security		BearerAuth
//	@Param			id	path	string	true	"notification id"
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body	"not found, or another user's"
//	@Router			/notifications/{id}/archive [post]
func (h *Handler) archive(c *gin.Context) {
	if err := h.uc.Archive.Handle(c.Request.Context(), notificationapp.ArchiveNotification{UserID: auth.UserID(c), ID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// readAll godoc
//
//	@Summary		Mark all my notifications read
//	@Tags			notifications
//	@Security		BearerAuth
//	@Success		204
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/notifications/read-all [post]
func (h *Handler) readAll(c *gin.Context) {
	if err := h.uc.MarkAllRead.Handle(c.Request.Context(), notificationapp.MarkAllNotificationsRead{UserID: auth.UserID(c)}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// delete godoc
//
//	@Summary	Delete one notification
//	@Tags		notifications
//	@Security	BearerAuth
//	@Param		id	path	string	true	"notification id"
//	@Success	204
//	@Failure	401	{object}	httperr.UnauthenticatedBody
//	@Failure	404	{object}	httperr.Body	"not found, or another user's"
//	@Router		/notifications/{id} [delete]
func (h *Handler) delete(c *gin.Context) {
	if err := h.uc.Delete.Handle(c.Request.Context(), notificationapp.DeleteNotification{UserID: auth.UserID(c), ID: c.Param("id")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

type publishNotificationRequest struct {
	UserID    string         `json:"userId" validate:"required" example:"0190c6f1a2b37c4d8e9f0a1b2c3d4e60"`
	Type      string         `json:"type" validate:"required" example:"SYSTEM"`
	Title     string         `json:"title" validate:"required" example:"Engine fault reported"`
	Message   string         `json:"message" validate:"required" example:"Excavator 7 reported fault code P0217"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	ActionURL string         `json:"actionUrl,omitempty" example:"/machines/0190c6f1a2b37c4d8e9f0a1b2c3d4e62"`
	Priority  string         `json:"priority,omitempty" example:"HIGH"`
}

// draft is the notification the request asks for.
func (req publishNotificationRequest) draft() notification.Draft {
	return notification.Draft{UserID: req.UserID, Type: notification.Type(req.Type),
		Title: req.Title, Message: req.Message, Metadata: req.Metadata, ActionURL: req.ActionURL,
		Priority: notification.Priority(req.Priority)}
}

// publish godoc
//
//	@Summary		Publish a notification to one user
//	@Description	For integrations (telematics, back office). Admin role only. Persisted, then pushed to the user's open streams. With an Idempotency-Key header (kept at least 24 h per publishing account), a retry of the same request returns the first answer (201, the same notification, header Idempotent-Replayed: true) and creates nothing; the same key with a different body is refused (409).
//	@Tags			notifications
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body			body		publishNotificationRequest	true	"The notification"
//	@Param			Idempotency-Key	header		string						false	"a client key that makes retries of this request safe (1-200 printable characters)"
//	@Success		201				{object}	events.NotificationDTO
//	@Success		204				"the user's notification preferences mute this type (below HIGH): nothing was created"
//	@Failure		400		{object}	httperr.Body
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Failure		403		{object}	httperr.Body	"not an admin"
//	@Failure		404		{object}	httperr.Body	"no such user"
//	@Failure		409		{object}	httperr.Body	"the Idempotency-Key was used for a different request"
//	@Router			/notifications [post]
func (h *Handler) publish(c *gin.Context) {
	var req publishNotificationRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	cmd := notificationapp.PublishNotification{Draft: req.draft()}
	if key := c.GetHeader("Idempotency-Key"); key != "" {
		cmd.RequestKey = domain.RequestKey{Scope: "notification:" + auth.UserID(c), Key: key, Hash: requestHash(req)}
	}
	res, err := h.uc.Publish.Handle(c.Request.Context(), cmd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	if res.Notification.ID() == "" { // muted by the user's preferences
		c.Status(http.StatusNoContent)
		return
	}
	if res.Replayed {
		c.Header("Idempotent-Replayed", "true")
	}
	body, err := events.NewNotificationDTO(res.Notification).AppendJSON(nil)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Data(http.StatusCreated, "application/json; charset=utf-8", body)
}

// requestHash is a digest of a decoded request body (encoding/json writes
// map keys sorted, so the same request always hashes the same), to tell a
// retry under an Idempotency-Key from a different request.
func requestHash(v any) string {
	raw, _ := json.Marshal(v)
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}
