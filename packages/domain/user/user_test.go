package user

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  Ana@Example.COM ", "ana@example.com", true},
		{"a.b+c@sub.example.org", "a.b+c@sub.example.org", true},
		{"", "", false},
		{"no-at-sign", "", false},
		{"Ana <ana@example.com>", "", false},
		{"ana@localhost", "", false},
		{"ana@@example.com", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.ok && (err != nil || got != tt.want) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if !tt.ok && !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("NormalizeEmail(%q) error = %v, want ErrInvalid", tt.in, err)
		}
	}
}

func TestNewValidates(t *testing.T) {
	now := time.Now()
	if _, err := New("a@example.com", "  ", "", "hash", now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("blank name: %v", err)
	}
	u, err := New(" A@Example.com", " Ana ", " Acme ", "hash", now)
	if err != nil {
		t.Fatal(err)
	}
	if u.Email() != "a@example.com" || u.Name() != "Ana" || u.BusinessName() != "Acme" || !u.Active() || !domain.ValidID(u.ID()) {
		t.Fatalf("unexpected user %+v", u)
	}
}

func TestRoles(t *testing.T) {
	u, err := New("a@example.com", "Ana", "", "hash", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !u.HasRole(RoleUser) || u.HasRole(RoleAdmin) || len(u.Roles()) != 0 {
		t.Fatalf("a new account's roles: %v", u.Roles())
	}
	a := u.WithRoles(RoleAdmin, RoleUser, RoleAdmin)
	if !a.HasRole(RoleAdmin) || len(a.Roles()) != 1 || u.HasRole(RoleAdmin) {
		t.Fatalf("WithRoles: %v (original %v)", a.Roles(), u.Roles())
	}
}
