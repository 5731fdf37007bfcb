// Package httperr maps errors to the error body of API.md, in one place.
package httperr

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
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
		if errors.Is(err, ErrBodyTimeout) {
			c.Header("Connection", "close")
		}
		if status >= 500 {
			log.ErrorContext(c.Request.Context(), "request failed", "err", err.Error(),
				"method", c.Request.Method, "path", c.FullPath(), "request_id", c.GetString(RequestIDKey))
		}
		setRetryAfter(c, err)
		c.AbortWithStatusJSON(status, body)
	}
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
	case errors.Is(err, domain.ErrInvalid):
		return http.StatusBadRequest, Body{Detail{Code: CodeValidation, Message: messageOf(err, domain.ErrInvalid, "invalid")}}
	case errors.Is(err, domain.ErrUnauthorized):
		return http.StatusUnauthorized, Body{Detail{Code: CodeUnauthenticated, Message: "authentication required"}}
	case errors.Is(err, domain.ErrForbidden):
		return http.StatusForbidden, Body{Detail{Code: CodeForbidden, Message: messageOf(err, domain.ErrForbidden, "forbidden")}}
	case errors.Is(err, domain.ErrNotFound):
		return http.StatusNotFound, Body{Detail{Code: CodeNotFound, Message: messageOf(err, domain.ErrNotFound, "not found")}}
	case errors.Is(err, domain.ErrConflict):
		return http.StatusConflict, Body{Detail{Code: CodeConflict, Message: messageOf(err, domain.ErrConflict, "conflict")}}
	case storeFault(err):
		return http.StatusServiceUnavailable, Body{Detail{Code: CodeUnavailable, Message: "the store cannot answer now, try again shortly"}}
	default:
		return http.StatusInternalServerError, Body{Detail{Code: CodeInternal, Message: "internal error"}}
	}
}

// messageOf is the text a client reads for a domain error: the sentinel's
// own words, never the chain of the layers it went through. It is the
// message of the error that wraps the kind directly (user.ErrEmailTaken for
// "register: user: email already registered: conflict"), less the kind and
// the "package: " prefix it names: "email already registered"; a bare
// "user: not found" reads "user not found".
func messageOf(err error, kind error, fallback string) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if u, ok := e.(interface{ Unwrap() error }); ok && u.Unwrap() == kind {
			msg := strings.TrimSuffix(e.Error(), ": "+kind.Error())
			if pkg, rest, ok := strings.Cut(msg, ": "); ok && isWord(pkg) {
				msg = rest
			}
			switch {
			case msg == "":
				return fallback
			case isWord(msg): // "user: not found" → "user not found"
				return msg + " " + kind.Error()
			}
			return msg
		}
	}
	return fallback
}

// isWord reports whether s is a lower-case identifier (a package's name).
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// Abort writes an error body now, for middleware that stops a request before any handler.
func Abort(c *gin.Context, err error) {
	_ = c.Error(err)
	status, body := Map(err)
	setRetryAfter(c, err)
	c.AbortWithStatusJSON(status, body)
}
