package notificationapp

import (
	"context"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// ListNotifications asks for one page of a user's notifications, newest first.
type ListNotifications struct {
	Query notification.ListQuery
}

// ListNotificationsHandler runs ListNotifications.
type ListNotificationsHandler struct{ repo notification.Repository }

// NewListNotificationsHandler builds the handler.
func NewListNotificationsHandler(repo notification.Repository) *ListNotificationsHandler {
	return &ListNotificationsHandler{repo: repo}
}

// Handle checks the filters (status all by default, 20 a page) and reads the page.
func (h *ListNotificationsHandler) Handle(ctx context.Context, cmd ListNotifications) (notification.Page, error) {
	q := cmd.Query
	if q.Status == "" {
		q.Status = notification.StatusAll
	}
	if q.Status != notification.StatusAll && q.Status != notification.StatusUnread {
		return notification.Page{}, domain.Invalid("status", "must be unread or all")
	}
	if q.Type != "" && !q.Type.Valid() {
		return notification.Page{}, domain.Invalid("type", "must be a notification type")
	}
	if len(q.Priorities) > 4 {
		return notification.Page{}, domain.Invalid("priority", "must list at most 4 priorities")
	}
	for _, p := range q.Priorities {
		if !p.Valid() {
			return notification.Page{}, domain.Invalid("priority", "must be LOW, NORMAL, HIGH or URGENT, comma-separated")
		}
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	if q.Limit < 1 || q.Limit > 100 {
		return notification.Page{}, domain.Invalid("limit", "must be 1 to 100")
	}
	if q.Cursor != "" && !domain.ValidID(q.Cursor) {
		return notification.Page{}, domain.Invalid("cursor", "is not a cursor of this list")
	}
	page, err := h.repo.List(ctx, q)
	if err != nil {
		return notification.Page{}, fmt.Errorf("list notifications: %w", err)
	}
	return page, nil
}
