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
