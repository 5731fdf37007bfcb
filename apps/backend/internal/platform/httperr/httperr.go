// Package httperr maps errors to the API's error body (docs/api.md), in one place.
package httperr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/packages/domain"
)

// The error codes of the API (docs/api.md): stable, clients translate by them.
const (
	CodeValidation      = "VALIDATION_FAILED"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeTooLarge        = "PAYLOAD_TOO_LARGE"
	CodeRateLimited     = "RATE_LIMITED"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL"
	CodeTimeout         = "REQUEST_TIMEOUT"
)

// Body is the JSON error body of every failed request.
type Body struct {
	Error Detail `json:"error"`
}

// Detail describes one failure.
type Detail struct {
	Code    string            `json:"code" example:"VALIDATION_FAILED"`
	Message string            `json:"message" example:"content: required"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// UnauthenticatedBody is Body as a 401 answers it; it exists for the spec,
// whose example then carries the 401's own code.
type UnauthenticatedBody struct {
	Error UnauthenticatedDetail `json:"error"`
}

// UnauthenticatedDetail is Detail of a 401.
type UnauthenticatedDetail struct {
	Code    string `json:"code" example:"UNAUTHENTICATED"`
	Message string `json:"message" example:"authentication required"`
}

// ValidationError carries one message per invalid field.
type ValidationError struct {
	Message string
	Fields  map[string]string
}

func (e *ValidationError) Error() string { return fmt.Sprintf("%s: %v", e.Message, e.Fields) }

// Unwrap makes errors.Is(err, domain.ErrInvalid) hold.
func (e *ValidationError) Unwrap() error { return domain.ErrInvalid }

// ErrTooLarge is returned when a body is over the limit.
var ErrTooLarge = errors.New("request body too large")

// ErrBodyTimeout is returned when a body arrives slower than its deadline (408).
var ErrBodyTimeout = errors.New("the request body arrived too slowly")

// StoreUnavailableAfter is the Retry-After of a 503 for a store fault.
const StoreUnavailableAfter = 5 * time.Second

// unavailable recognises errors of a store that cannot answer (set once at
// start-up by the composition root, which knows the stores).
var unavailable atomic.Pointer[func(error) bool]

// SetUnavailable names the store faults that answer 503 UNAVAILABLE with
// Retry-After instead of 500 (SQLite busy, read-only, I/O errors; MongoDB
// network errors and timeouts).
func SetUnavailable(is func(error) bool) { unavailable.Store(&is) }

func storeFault(err error) bool {
	is := unavailable.Load()
	return is != nil && (*is)(err)
}

// RetryError asks the client to come back later (429 or 503 with Retry-After).
type RetryError struct {
	Status     int // http.StatusTooManyRequests or http.StatusServiceUnavailable
	Message    string
	RetryAfter time.Duration
}

func (e *RetryError) Error() string { return e.Message }

// RateLimited returns a 429 error.
func RateLimited(msg string, after time.Duration) error {
	return &RetryError{Status: http.StatusTooManyRequests, Message: msg, RetryAfter: after}
}

// Unavailable returns a 503 error.
func Unavailable(msg string, after time.Duration) error {
	return &RetryError{Status: http.StatusServiceUnavailable, Message: msg, RetryAfter: after}
}

// StatusClientClosed is the status a request the client cancelled is counted
// with (nginx's 499): not a server error, and no body is written.
const StatusClientClosed = 499

// Middleware writes the error body for the last error a handler recorded with
// c.Error and logs the full chain: server-side failures at ERROR, the rest at
// DEBUG. A request whose client went away is counted as 499 without a body.
func Middleware(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		if len(c.Errors) == 0 {
			return
		}
		err := c.Errors.Last().Err
		ctx := c.Request.Context()
		if c.Writer.Written() { // answered already (Abort, by a middleware): log the chain only
			logFailure(c, log, err, c.Writer.Status(), "")
			return
		}
		if ClientGone(ctx, err) {
			log.DebugContext(ctx, "request cancelled by the client", "err", err.Error(),
				"method", c.Request.Method, "path", c.FullPath(), "request_id", c.GetString(RequestIDKey))
			c.AbortWithStatus(StatusClientClosed)
			return
		}
		status, body := Map(err)
		if errors.Is(err, ErrBodyTimeout) {
			c.Header("Connection", "close")
		}
		logFailure(c, log, err, status, body.Error.Code)
		setRetryAfter(c, err)
		c.AbortWithStatusJSON(status, body)
	}
}

// logFailure logs a failed request's full error chain: at ERROR when the
// server failed (5xx), at DEBUG for the client's errors and cancellations.
func logFailure(c *gin.Context, log *slog.Logger, err error, status int, code string) {
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	log.Log(c.Request.Context(), level, "request failed", "err", err.Error(), "status", status, "code", code,
		"method", c.Request.Method, "path", c.FullPath(), "request_id", c.GetString(RequestIDKey))
}

// ClientGone reports whether err is the cancellation of a request whose
// client went away (its context is cancelled), not a fault of the server.
func ClientGone(ctx context.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(ctx.Err(), context.Canceled)
}

func setRetryAfter(c *gin.Context, err error) {
	var re *RetryError
	switch {
	case errors.As(err, &re):
		c.Header("Retry-After", strconv.Itoa(int(math.Max(1, math.Ceil(re.RetryAfter.Seconds())))))
	case storeFault(err):
		c.Header("Retry-After", strconv.Itoa(int(StoreUnavailableAfter.Seconds())))
	}
}

// RequestIDKey is the gin context key holding the request id.
const RequestIDKey = "request_id"

// Map turns an error into a status and body. The message is the sentinel's
// own (a domain.Error's) or the field's, never the wrap chain; the code is
// one of the stable codes above. Internal details never leave the server.
func Map(err error) (int, Body) {
	var ve *ValidationError
	var fe *domain.FieldError
	var re *RetryError
	switch {
	case errors.As(err, &ve):
		return http.StatusBadRequest, Body{Detail{Code: CodeValidation, Message: ve.Message, Fields: ve.Fields}}
	case errors.As(err, &fe):
		return http.StatusBadRequest, Body{Detail{Code: CodeValidation, Message: fe.Error(),
			Fields: map[string]string{fe.Field: fe.Message}}}
	case errors.Is(err, ErrBodyTimeout):
		return http.StatusRequestTimeout, Body{Detail{Code: CodeTimeout, Message: ErrBodyTimeout.Error()}}
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge, Body{Detail{Code: CodeTooLarge, Message: "request body is too large"}}
	case errors.As(err, &re):
		code := CodeRateLimited
		if re.Status == http.StatusServiceUnavailable {
			code = CodeUnavailable
		}
		return re.Status, Body{Detail{Code: code, Message: re.Message}}
	}
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			return k.status, Body{Detail{Code: k.code, Message: messageOf(err, k.kind, k.fallback)}}
		}
	}
	if storeFault(err) {
		return http.StatusServiceUnavailable, Body{Detail{Code: CodeUnavailable, Message: "the store cannot answer now, try again shortly"}}
	}
	return http.StatusInternalServerError, Body{Detail{Code: CodeInternal, Message: "internal error"}}
}

// kinds maps each domain kind to its status, code and the message of an
// error of that kind that names no sentinel.
var kinds = []struct {
	kind     error
	status   int
	code     string
	fallback string
}{
	{domain.ErrInvalid, http.StatusBadRequest, CodeValidation, "invalid request"},
	{domain.ErrUnauthorized, http.StatusUnauthorized, CodeUnauthenticated, "authentication required"},
	{domain.ErrForbidden, http.StatusForbidden, CodeForbidden, "forbidden"},
	{domain.ErrNotFound, http.StatusNotFound, CodeNotFound, "not found"},
	{domain.ErrConflict, http.StatusConflict, CodeConflict, "conflict"},
	{domain.ErrTooLarge, http.StatusRequestEntityTooLarge, CodeTooLarge, "request body is too large"},
}

// messageOf is the text a client reads for an error of kind: the message of
// the outermost domain.Error of that kind in the chain (user.ErrEmailTaken
// in "register: email already registered" reads "email already registered"),
// else fallback. A chain such as "mark read: notification not found" never
// reaches the client; the middleware logs it.
func messageOf(err error, kind error, fallback string) string {
	switch e := err.(type) {
	case nil:
	case *domain.Error:
		if errors.Is(e, kind) {
			return e.Error()
		}
	case interface{ Unwrap() error }:
		return messageOf(e.Unwrap(), kind, fallback)
	case interface{ Unwrap() []error }:
		for _, w := range e.Unwrap() {
			if msg := messageOf(w, kind, ""); msg != "" {
				return msg
			}
		}
	}
	return fallback
}

// Abort writes an error body now, for middleware that stops a request before any handler.
func Abort(c *gin.Context, err error) {
	_ = c.Error(err)
	if ClientGone(c.Request.Context(), err) {
		c.AbortWithStatus(StatusClientClosed)
		return
	}
	status, body := Map(err)
	setRetryAfter(c, err)
	c.AbortWithStatusJSON(status, body)
}
