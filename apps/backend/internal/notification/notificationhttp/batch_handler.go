package notificationhttp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/notification/notificationapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/notification"
)

// MaxBatchBody is the largest batch publish body: 1,000 notifications of
// about 4 KiB each.
const MaxBatchBody = 4 << 20

// publishBatchRequest is the body of POST /notifications/batch. Each item is
// the body of POST /notifications, decoded and checked on its own.
type publishBatchRequest struct {
	Items []json.RawMessage `json:"items" swaggertype:"array,object"`
}

// publishBatchDoc documents publishBatchRequest's items for Swagger (the
// handler decodes each item on its own, so that a bad one fails alone).
//
//lint:ignore U1000 read by swag from the publishBatch annotation only
type publishBatchDoc struct {
	Items []publishNotificationRequest `json:"items"`
}

// BatchItemDTO is the outcome of one item, in the order of the request.
type BatchItemDTO struct {
	Index int `json:"index" example:"0"`
	// Status is what POST /notifications would have answered for this item alone.
	Status       int                     `json:"status" example:"201"`
	Replayed     bool                    `json:"replayed,omitempty"`
	Notification *events.NotificationDTO `json:"notification,omitempty"`
	Error        *httperr.Detail         `json:"error,omitempty"`
}

// BatchResultDTO is the answer of a batch publish.
type BatchResultDTO struct {
	Created  int            `json:"created" example:"999"`
	Replayed int            `json:"replayed" example:"0"`
	Failed   int            `json:"failed" example:"1"`
	Results  []BatchItemDTO `json:"results"`
}

// publishBatch godoc
//
//	@Summary		Publish up to 1,000 notifications at once
//	@Description	For integrations. Admin role only. Each item is what POST /notifications takes and is handled on its own: stored, then pushed to its user's open streams, or refused alone (atomic per item, not per batch); a user's items are stored and delivered in the order of the request. The answer is 200 whenever the request itself is acceptable, with one result per item in the order of the request: status 201 and the notification, or the status and error body POST /notifications would have answered for it (400 with the field named, 404 no such user, 503 the store could not answer: retry it). With an Idempotency-Key (kept at least 24 h per publishing account), a retry of the same request returns what the first attempt created (replayed: true, nothing created or pushed again) and creates what it did not; header Idempotent-Replayed: true when every created item was replayed. The same key with a different body is refused (409) before anything is written.
//	@Tags			notifications
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body			body		publishBatchDoc	true	"1 to 1,000 notifications (at most 4 MiB)"
//	@Param			Idempotency-Key	header		string			false	"a client key that makes retries of this request safe (1-200 printable characters)"
//	@Success		200				{object}	BatchResultDTO
//	@Failure		400				{object}	httperr.Body	"not a batch, or no items or more than 1,000"
//	@Failure		401				{object}	httperr.UnauthenticatedBody
//	@Failure		403				{object}	httperr.Body	"not an admin"
//	@Failure		409				{object}	httperr.Body	"the Idempotency-Key was used for a different request"
//	@Failure		413				{object}	httperr.Body	"larger than 4 MiB"
//	@Router			/notifications/batch [post]
func (h *Handler) publishBatch(c *gin.Context) {
	raw, err := bind.Body(c, MaxBatchBody)
	if err != nil {
		_ = c.Error(err)
		return
	}
	var req publishBatchRequest
	if err := bind.Decode(raw, &req); err != nil {
		_ = c.Error(err)
		return
	}
	if len(req.Items) == 0 || len(req.Items) > notification.MaxBatch {
		_ = c.Error(domain.Invalid("items", fmt.Sprintf("must hold 1 to %d notifications", notification.MaxBatch)))
		return
	}
	out := BatchResultDTO{Results: make([]BatchItemDTO, len(req.Items))}
	drafts := make([]notification.Draft, 0, len(req.Items))
	at := make([]int, 0, len(req.Items)) // drafts[j] is item at[j]
	keyed := c.GetHeader("Idempotency-Key")
	var digest hash.Hash // of the request, for a key only
	if keyed != "" {
		digest = sha256.New()
	}
	for i, item := range req.Items {
		out.Results[i].Index = i
		var body publishNotificationRequest
		if err := bind.Decode(item, &body); err != nil {
			h.itemError(c, &out.Results[i], err)
			if digest != nil {
				digest.Write(item)
			}
			continue
		}
		d := body.draft()
		if digest != nil {
			raw, _ := json.Marshal(d) // the decoded item, so that spacing does not make another request
			digest.Write(raw)
		}
		drafts = append(drafts, d)
		at = append(at, i)
	}
	if len(drafts) > 0 {
		var key *domain.RequestKey
		if keyed != "" {
			key = &domain.RequestKey{Scope: "notification-batch:" + auth.UserID(c), Key: keyed,
				Hash: hex.EncodeToString(digest.Sum(nil))}
		}
		res, err := h.uc.PublishBatch.Handle(c.Request.Context(),
			notificationapp.PublishNotificationBatch{Drafts: drafts, RequestKey: key})
		if err != nil {
			_ = c.Error(err)
			return
		}
		for j, r := range res {
			h.itemResult(c, &out.Results[at[j]], r)
		}
	}
	for _, r := range out.Results {
		switch {
		case r.Replayed:
			out.Replayed++
		case r.Status == http.StatusCreated:
			out.Created++
		default:
			out.Failed++
		}
	}
	if out.Replayed > 0 && out.Created == 0 {
		c.Header("Idempotent-Replayed", "true")
	}
	body, err := out.AppendJSON(nil)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

// AppendJSON appends r as JSON, byte for byte what json.Marshal(r) gives,
// without reflection over up to 1,000 results (encoding/json would also
// re-read every notification's own JSON to check and compact it).
func (r BatchResultDTO) AppendJSON(b []byte) ([]byte, error) {
	if b == nil {
		b = make([]byte, 0, 64+512*len(r.Results))
	}
	b = append(b, `{"created":`...)
	b = strconv.AppendInt(b, int64(r.Created), 10)
	b = append(b, `,"replayed":`...)
	b = strconv.AppendInt(b, int64(r.Replayed), 10)
	b = append(b, `,"failed":`...)
	b = strconv.AppendInt(b, int64(r.Failed), 10)
	b = append(b, `,"results":`...)
	if r.Results == nil {
		b = append(b, "null"...)
		return append(b, '}'), nil
	}
	b = append(b, '[')
	for i, it := range r.Results {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"index":`...)
		b = strconv.AppendInt(b, int64(it.Index), 10)
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(it.Status), 10)
		if it.Replayed {
			b = append(b, `,"replayed":true`...)
		}
		var err error
		if it.Notification != nil {
			b = append(b, `,"notification":`...)
			if b, err = it.Notification.AppendJSON(b); err != nil {
				return nil, err
			}
		}
		if it.Error != nil {
			detail, err := json.Marshal(it.Error) // a failed item: rare
			if err != nil {
				return nil, err
			}
			b = append(append(b, `,"error":`...), detail...)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

// itemResult writes one item's outcome as POST /notifications would answer it alone.
func (h *Handler) itemResult(c *gin.Context, dst *BatchItemDTO, r notificationapp.BatchResult) {
	switch {
	case r.Err != nil:
		h.itemError(c, dst, r.Err)
	case r.Muted:
		dst.Status = http.StatusNoContent
	default:
		dto := events.NewNotificationDTO(r.Notification)
		dst.Status, dst.Notification, dst.Replayed = http.StatusCreated, &dto, r.Replayed
	}
}

// itemError sets one item's status and error body as the error middleware
// would answer them for the item alone (logging what it would log).
func (h *Handler) itemError(c *gin.Context, dst *BatchItemDTO, err error) {
	status, body := httperr.Map(err)
	if status >= http.StatusInternalServerError {
		h.log.ErrorContext(c.Request.Context(), "batch item failed", "index", dst.Index, "err", err.Error())
	}
	var re *httperr.RetryError
	if errors.As(err, &re) || status == http.StatusServiceUnavailable {
		c.Header("Retry-After", fmt.Sprint(int(httperr.StoreUnavailableAfter.Seconds())))
	}
	dst.Status, dst.Error = status, &body.Error
}
