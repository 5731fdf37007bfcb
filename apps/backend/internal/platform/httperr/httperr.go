// Package httperr maps errors to the error body of API.md, in one place.
package httperr

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/packages/domain"
)

// The error codes of API.md.
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

// Middleware writes the error body for the last error a handler recorded with
// c.Error, and logs server-side failures with their full chain.
func Middleware(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		if len(c.Errors) == 0 || c.Writer.Written() {
			return
		}
		err := c.Errors.Last().Err
		status, body := Map(err)
		if status >= 500 {
			log.ErrorContext(c.Request.Context(), "request failed", "err", err.Error(),
				"method", c.Request.Method, "path", c.FullPath(), "request_id", c.GetString(RequestIDKey))
		}
		var re *RetryError
		if errors.As(err, &re) {
			c.Header("Retry-After", strconv.Itoa(int(math.Max(1, math.Ceil(re.RetryAfter.Seconds())))))
		}
		c.AbortWithStatusJSON(status, body)
	}
}

// RequestIDKey is the gin context key holding the request id.
const RequestIDKey = "request_id"

// Map turns an error into a status and body. Internal details never leave the server.
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
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge, Body{Detail{Code: CodeTooLarge, Message: "request body is too large"}}
	case errors.As(err, &re):
		code := CodeRateLimited
		if re.Status == http.StatusServiceUnavailable {
			code = CodeUnavailable
		}
		return re.Status, Body{Detail{Code: code, Message: re.Message}}
	case errors.Is(err, domain.ErrInvalid):
		return http.StatusBadRequest, Body{Detail{Code: CodeValidation, Message: err.Error()}}
	case errors.Is(err, domain.ErrUnauthorized):
		return http.StatusUnauthorized, Body{Detail{Code: CodeUnauthenticated, Message: "authentication required"}}
	case errors.Is(err, domain.ErrForbidden):
		return http.StatusForbidden, Body{Detail{Code: CodeForbidden, Message: messageOf(err, "forbidden")}}
	case errors.Is(err, domain.ErrNotFound):
		return http.StatusNotFound, Body{Detail{Code: CodeNotFound, Message: messageOf(err, "not found")}}
	case errors.Is(err, domain.ErrConflict):
		return http.StatusConflict, Body{Detail{Code: CodeConflict, Message: messageOf(err, "conflict")}}
	default:
		return http.StatusInternalServerError, Body{Detail{Code: CodeInternal, Message: "internal error"}}
	}
}

// messageOf keeps a domain error's own text: domain errors are written for users.
func messageOf(err error, fallback string) string {
	if err == nil {
		return fallback
	}
	return err.Error()
}

// Abort writes an error body now, for middleware that stops a request before any handler.
func Abort(c *gin.Context, err error) {
	_ = c.Error(err)
	status, body := Map(err)
	var re *RetryError
	if errors.As(err, &re) {
		c.Header("Retry-After", strconv.Itoa(int(math.Max(1, math.Ceil(re.RetryAfter.Seconds())))))
	}
	c.AbortWithStatusJSON(status, body)
}
