package httperr

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

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
	taken := fmt.Errorf("user: email already registered: %w", domain.ErrConflict)
	notFound := fmt.Errorf("user: %w", domain.ErrNotFound)
	tests := map[error]string{
		fmt.Errorf("register: %w", taken): "email already registered",
		fmt.Errorf("me: %w", notFound):    "user not found",
		fmt.Errorf("refused: %w", fmt.Errorf("admin role required: %w", domain.ErrForbidden)): "admin role required",
		domain.ErrNotFound: "not found",
	}
	for err, want := range tests {
		if _, body := Map(err); body.Error.Message != want {
			t.Errorf("Map(%q).message = %q, want %q", err, body.Error.Message, want)
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
