package httperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestMap(t *testing.T) {
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{&ValidationError{Message: "bad", Fields: map[string]string{"a": "required"}}, 400, CodeValidation},
		{fmt.Errorf("wrap: %w", domain.Invalid("content", "required")), 400, CodeValidation},
		{fmt.Errorf("x: %w", domain.ErrNotFound), 404, CodeNotFound},
		{fmt.Errorf("x: %w", domain.ErrConflict), 409, CodeConflict},
		{fmt.Errorf("x: %w", domain.ErrForbidden), 403, CodeForbidden},
		{domain.ErrUnauthorized, 401, CodeUnauthenticated},
		{fmt.Errorf("read: %w", ErrTooLarge), 413, CodeTooLarge},
		{RateLimited("slow down", 0), 429, CodeRateLimited},
		{Unavailable("later", 0), 503, CodeUnavailable},
		{errors.New("sql: connection refused at 10.0.0.1"), 500, CodeInternal},
	}
	for _, tt := range tests {
		status, body := Map(tt.err)
		if status != tt.status || body.Error.Code != tt.code {
			t.Errorf("Map(%v) = %d %s, want %d %s", tt.err, status, body.Error.Code, tt.status, tt.code)
		}
		if status == http.StatusInternalServerError && body.Error.Message != "internal error" {
			t.Errorf("internal details leaked: %q", body.Error.Message)
		}
	}
}

func TestMessagesCarryNoWrapChain(t *testing.T) {
	taken := domain.NewError(domain.ErrConflict, "email already registered")
	notFound := domain.NewError(domain.ErrNotFound, "user not found")
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("register: %w", taken), "email already registered"},
		{fmt.Errorf("me: load: %w", notFound), "user not found"},
		{fmt.Errorf("refused: %w", domain.NewError(domain.ErrForbidden, "admin role required")), "admin role required"},
		{domain.ErrNotFound, "not found"},
		// a wrap that names no sentinel answers the kind's words, never the chain
		{fmt.Errorf("sqlite: message 42 exists: %w", domain.ErrConflict), "conflict"},
		{fmt.Errorf("token: signature is invalid: %w", domain.ErrUnauthorized), "authentication required"},
		{fmt.Errorf("announce: %q: %w", "X", domain.ErrInvalid), "invalid request"},
		// the outermost sentinel of the mapped kind wins
		{fmt.Errorf("claim: %w", fmt.Errorf("%w: %w", taken, notFound)), "user not found"},
	}
	for _, tt := range tests {
		if _, body := Map(tt.err); body.Error.Message != tt.want {
			t.Errorf("Map(%q).message = %q, want %q", tt.err, body.Error.Message, tt.want)
		}
	}
}

func TestStoreFaultsAre503(t *testing.T) {
	fault := errors.New("disk I/O error")
	SetUnavailable(func(err error) bool { return errors.Is(err, fault) })
	defer SetUnavailable(func(error) bool { return false })
	if status, body := Map(fmt.Errorf("create: %w", fault)); status != 503 || body.Error.Code != CodeUnavailable {
		t.Fatalf("%d %+v", status, body)
	}
}

func TestACancelledRequestIsNotAServerError(t *testing.T) {
	gin.SetMode(gin.TestMode)
	tests := []struct {
		name       string
		cancel     bool
		err        error
		status     int
		body       bool
		errorLines int
	}{
		{"client went away", true, fmt.Errorf("me: sqlite: scan user: %w", context.Canceled), StatusClientClosed, false, 0},
		{"a cancellation the client did not ask for", false, fmt.Errorf("me: %w", context.Canceled), 500, true, 1},
		{"a client error", true, fmt.Errorf("me: %w", domain.NewError(domain.ErrNotFound, "user not found")), 404, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			e := gin.New()
			var counted int
			e.Use(func(c *gin.Context) { c.Next(); counted = c.Writer.Status() }, Middleware(log))
			e.GET("/me", func(c *gin.Context) { _ = c.Error(tt.err) })
			e.GET("/aborted", func(c *gin.Context) { Abort(c, tt.err) }) // a middleware's refusal
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancel {
				cancel()
			} else {
				defer cancel()
			}
			for _, path := range []string{"/me", "/aborted"} {
				logs.Reset()
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, httptest.NewRequest("GET", path, nil).WithContext(ctx))
				if counted != tt.status || rec.Code != tt.status {
					t.Fatalf("%s: status %d (counted %d), want %d", path, rec.Code, counted, tt.status)
				}
				if (rec.Body.Len() > 0) != tt.body {
					t.Fatalf("%s: body %q", path, rec.Body)
				}
				if n := strings.Count(logs.String(), "level=ERROR"); n != tt.errorLines {
					t.Fatalf("%s: %d ERROR lines, want %d:\n%s", path, n, tt.errorLines, logs.String())
				}
				if !strings.Contains(logs.String(), "me: ") {
					t.Fatalf("%s: the full chain is not logged:\n%s", path, logs.String())
				}
			}
		})
	}
}
