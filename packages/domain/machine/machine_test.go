package machine

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewValidatesAndNormalizes(t *testing.T) {
	owner := domain.NewID()
	m, err := New(owner, Details{SerialNumber: " cat-320 ", Name: " Digger ", Brand: "Cat"}, 12.5, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m.SerialNumber() != "CAT-320" || m.Name() != "Digger" || m.OperatingHours() != 12.5 || m.RoleOf(owner) != RoleOwner ||
		m.RoleOf(domain.NewID()) != RoleNone || m.OperatorIDs() == nil {
		t.Fatalf("machine %+v", m.Record())
	}
	bad := []struct {
		d Details
		h float64
	}{
		{Details{SerialNumber: "", Name: "x"}, 0},
		{Details{SerialNumber: "x", Name: " "}, 0},
		{Details{SerialNumber: "x", Name: "x"}, -1},
		{Details{SerialNumber: "x", Name: "x"}, math.NaN()},
		{Details{SerialNumber: "x", Name: "x"}, MaxHours + 1},
	}
	for _, b := range bad {
		if _, err := New(owner, b.d, b.h, time.Now()); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%+v %v: %v", b.d, b.h, err)
		}
	}
	if _, err := New("nope", Details{SerialNumber: "x", Name: "x"}, 0, time.Now()); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("bad owner: %v", err)
	}
}

func TestRolesAndAudience(t *testing.T) {
	owner, op := domain.NewID(), domain.NewID()
	m := FromStore(StoreRecord{ID: domain.NewID(), OwnerID: owner, OperatorIDs: []string{op}})
	if m.RoleOf(op) != RoleOperator || m.RoleOf("") != RoleNone {
		t.Fatal("roles")
	}
	if a := m.Audience(); len(a) != 2 || a[0] != owner || a[1] != op {
		t.Fatalf("audience %v", a)
	}
}

func TestDailyUse(t *testing.T) {
	m, t0 := domain.NewID(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := func(days float64, h float64) Reading {
		return ReadingFromStore(domain.NewID(), m, m, h, t0.Add(time.Duration(days*24*float64(time.Hour))))
	}
	if use, ok := DailyUse([]Reading{r(10, 180), r(0, 100), r(5, 140)}); !ok || use != 8 {
		t.Fatalf("use %v %v", use, ok)
	}
	for _, rs := range [][]Reading{nil, {r(0, 1)}, {r(0, 100), r(0.01, 101)}, {r(0, 100), r(3, 100)}} {
		if _, ok := DailyUse(rs); ok {
			t.Fatalf("no estimate expected for %v", rs)
		}
	}
}

func TestRoleCan(t *testing.T) {
	for _, a := range Actions {
		if !RoleOwner.Can(a) || RoleNone.Can(a) {
			t.Errorf("%s: owner or stranger wrong", a)
		}
	}
	if !RoleOperator.Can(ActionAddQuickCheck) || !RoleOperator.Can(ActionRecordReading) ||
		RoleOperator.Can(ActionCompletePlan) || RoleOperator.Can(ActionEdit) || RoleOperator.Can(ActionCreatePlan) {
		t.Error("operator rule")
	}
}
