package contactsapp

import (
	"context"
	"errors"
	"fmt"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/contact"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// respond moves a pending request addressed to userID to status. A request
// userID is no party to is 404; the requester answering their own is 403;
// answering a request already answered the other way is 409.
func (s *Deps) respond(ctx context.Context, userID, requestID string, status contact.Status) (RequestView, error) {
	if !domain.ValidID(requestID) {
		return RequestView{}, contact.ErrRequestNotFound
	}
	req, err := s.contacts.RequestByID(ctx, requestID)
	if err != nil {
		return RequestView{}, fmt.Errorf("answer contact request: %w", err)
	}
	if !req.Involves(userID) {
		return RequestView{}, contact.ErrRequestNotFound
	}
	if req.RecipientID() != userID {
		return RequestView{}, contact.ErrNotRecipient
	}
	changed, err := s.contacts.Respond(ctx, requestID, userID, status, s.now())
	if err != nil {
		return RequestView{}, fmt.Errorf("answer contact request: %w", err)
	}
	// Read it back: the stored answer time, or who won a concurrent answer.
	req, err = s.contacts.RequestByID(ctx, requestID)
	if errors.Is(err, domain.ErrNotFound) {
		return RequestView{}, contact.ErrRequestNotFound
	}
	if err != nil {
		return RequestView{}, fmt.Errorf("answer contact request: %w", err)
	}
	if req.Status() != status {
		return RequestView{}, contact.ErrAlreadyAnswered
	}
	views, err := s.views(ctx, []contact.Request{req})
	if err != nil {
		return RequestView{}, fmt.Errorf("answer contact request: %w", err)
	}
	if len(views[0]) == 0 {
		return RequestView{}, contact.ErrRequestNotFound
	}
	view := views[0][0]
	if changed {
		s.markRequestNotificationRead(ctx, req)
		if status == contact.StatusAccepted {
			s.notify(ctx, notification.Draft{
				UserID:  req.RequesterID(),
				Type:    notification.TypeContactAccepted,
				Title:   acceptedTitleKey,
				Message: acceptedBodyKey,
				Metadata: map[string]any{
					"requestId":   req.ID(),
					"contactId":   view.Recipient.ID(),
					"contactName": view.Recipient.Name(),
				},
				ActionURL: actionURL,
				Priority:  notification.PriorityNormal,
				Source:    source,
			})
		}
	}
	return view, nil
}
