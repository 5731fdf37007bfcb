package notificationhttp

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// PreferenceUseCases are the notification-preference use cases.
type PreferenceUseCases struct {
	Get interface {
		Handle(ctx context.Context, q notificationapp.GetNotificationPreferences) (notification.Preferences, error)
	}
	Update interface {
		Handle(ctx context.Context, cmd notificationapp.UpdateNotificationPreferences) (notification.Preferences, error)
	}
}

// PreferencesHandler serves /notifications/preferences.
type PreferencesHandler struct{ uc PreferenceUseCases }

// NewPreferencesHandler builds the handler.
func NewPreferencesHandler(uc PreferenceUseCases) *PreferencesHandler {
	return &PreferencesHandler{uc: uc}
}

// Register mounts the routes on priv (authenticated).
func (h *PreferencesHandler) Register(priv *gin.RouterGroup) {
	priv.GET("/notifications/preferences", h.get)
	priv.PUT("/notifications/preferences", h.put)
}

// TypePreferenceDTO is how one notification type is delivered to the user.
type TypePreferenceDTO struct {
	Type    string `json:"type" example:"NEW_MESSAGE" enums:"MAINTENANCE_ALERT,QUICK_CHECK_COMPLETED,NEW_MESSAGE,CONTACT_REQUEST,CONTACT_ACCEPTED,IMPORT_FINISHED,ISSUE,DOCUMENT_EXPIRY"`
	InApp   bool   `json:"inApp"`   // off: notifications of the type below HIGH are not created
	Desktop bool   `json:"desktop"` // off: no desktop notification for the type
	Quiet   bool   `json:"quiet"`   // on: below HIGH, the inbox and badge only (no toast, no desktop)
}

// PreferencesDTO lists every type users may set (SYSTEM is always delivered).
type PreferencesDTO struct {
	Types     []TypePreferenceDTO `json:"types"`
	UpdatedAt *time.Time          `json:"updatedAt" extensions:"x-nullable"` // null: never changed (the defaults)
}

func newPreferencesDTO(p notification.Preferences) PreferencesDTO {
	out := PreferencesDTO{Types: []TypePreferenceDTO{}}
	for _, t := range notification.Types {
		if !t.Mutable() {
			continue
		}
		v := p.For(t)
		out.Types = append(out.Types, TypePreferenceDTO{Type: string(t), InApp: v.InApp, Desktop: v.Desktop, Quiet: v.Quiet})
	}
	if at := p.UpdatedAt(); !at.IsZero() {
		out.UpdatedAt = &at
	}
	return out
}

type typePreferenceRequest struct {
	Type    string `json:"type" validate:"required" example:"NEW_MESSAGE"`
	InApp   *bool  `json:"inApp" validate:"required"`
	Desktop *bool  `json:"desktop" validate:"required"`
	Quiet   *bool  `json:"quiet" validate:"required"`
}

type preferencesRequest struct {
	Types []typePreferenceRequest `json:"types" validate:"required,max=50,dive"`
}

// get godoc
//
//	@Summary		My notification preferences
//	@Description	One entry per notification type users may set (SYSTEM is always delivered). A new account has the defaults: in-app on, desktop on, quiet off. HIGH and URGENT notifications are delivered whatever the preference.
//	@Tags			notifications
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	PreferencesDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/notifications/preferences [get]
func (h *PreferencesHandler) get(c *gin.Context) {
	p, err := h.uc.Get.Handle(c.Request.Context(), notificationapp.GetNotificationPreferences{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newPreferencesDTO(p))
}

// put godoc
//
//	@Summary		Replace my notification preferences
//	@Description	Types left out go back to the default. inApp off: notifications of the type below HIGH priority are not created at all (no inbox entry, no stream event). desktop off: no desktop notification. quiet on: below HIGH, the inbox and the badge only. Takes effect at once on this instance and, through the stream bus, on the others (within NOTIFICATION_PREFERENCES_CACHE_TTL, 30 s by default, when that message is lost); every open stream of the user gets notification.preferences.
//	@Tags			notifications
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		preferencesRequest	true	"every type to set"
//	@Success		200		{object}	PreferencesDTO
//	@Failure		400		{object}	httperr.Body	"a type that is not a settable notification type, twice, or a missing switch (the field is named)"
//	@Failure		401		{object}	httperr.UnauthenticatedBody
//	@Router			/notifications/preferences [put]
func (h *PreferencesHandler) put(c *gin.Context) {
	var req preferencesRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	byType := make(map[notification.Type]notification.TypePreference, len(req.Types))
	for i, item := range req.Types {
		t := notification.Type(item.Type)
		field := fmt.Sprintf("types[%d].type", i)
		if !t.Mutable() {
			_ = c.Error(domain.Invalid(field, "must be a notification type other than SYSTEM"))
			return
		}
		if _, dup := byType[t]; dup {
			_ = c.Error(domain.Invalid(field, "is listed twice"))
			return
		}
		byType[t] = notification.TypePreference{InApp: *item.InApp, Desktop: *item.Desktop, Quiet: *item.Quiet}
	}
	p, err := h.uc.Update.Handle(c.Request.Context(), notificationapp.UpdateNotificationPreferences{
		UserID: auth.UserID(c), Types: byType})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newPreferencesDTO(p))
}
