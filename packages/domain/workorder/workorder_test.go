package workorder

import (
	"errors"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewValidates(t *testing.T) {
	m, o := domain.NewID(), domain.NewID()
	line := Line{Kind: KindPart, Description: "Filter", Quantity: 1, UnitCost: 1250, Currency: "eur"}
	tests := []struct {
		name  string
		spec  Spec
		field string
	}{
		{"no title", Spec{Title: " "}, "title"},
		{"bad plan", Spec{Title: "T", PlanID: "x"}, "planId"},
		{"bad assignee", Spec{Title: "T", AssigneeID: "x"}, "assigneeId"},
		{"bad issue", Spec{Title: "T", IssueIDs: []string{domain.NewID(), "x"}}, "issueIds[1]"},
		{"bad kind", Spec{Title: "T", Lines: []Line{{Kind: "TAX", Description: "d", Quantity: 1}}}, "lines[0].kind"},
		{"no description", Spec{Title: "T", Lines: []Line{line, {Kind: KindLabour, Quantity: 1}}}, "lines[1].description"},
		{"zero quantity", Spec{Title: "T", Lines: []Line{{Kind: KindLabour, Description: "d"}}}, "lines[0].quantity"},
		{"negative cost", Spec{Title: "T", Lines: []Line{{Kind: KindLabour, Description: "d", Quantity: 1, UnitCost: -1, Currency: "EUR"}}}, "lines[0].unitCost"},
		{"cost without currency", Spec{Title: "T", Lines: []Line{{Kind: KindLabour, Description: "d", Quantity: 1, UnitCost: 5}}}, "lines[0].currency"},
		{"bad currency", Spec{Title: "T", Lines: []Line{{Kind: KindLabour, Description: "d", Quantity: 1, UnitCost: 5, Currency: "EURO"}}}, "lines[0].currency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe *domain.FieldError
			if _, err := New(m, o, o, tt.spec, time.Now()); !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("err %v, want field %s", err, tt.field)
			}
		})
	}
	issue := domain.NewID()
	w, err := New(m, o, o, Spec{Title: " Service ", IssueIDs: []string{issue, issue}, Lines: []Line{line,
		{Kind: KindLabour, Description: "Fit", Quantity: 1.5, UnitCost: 4000, Currency: "EUR"},
		{Kind: KindLabour, Description: "Check", Quantity: 1}}}, time.Now())
	if err != nil || w.Spec().Title != "Service" || len(w.Spec().IssueIDs) != 1 || w.Spec().Lines[0].Currency != "EUR" {
		t.Fatalf("%+v %v", w.Record(), err)
	}
	if got := w.Totals(); len(got) != 1 || got["EUR"] != 1250+6000 {
		t.Fatalf("totals %v", got)
	}
}

func TestLifecycle(t *testing.T) {
	o := domain.NewID()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	w, _ := New(domain.NewID(), o, o, Spec{Title: "Service"}, now)
	started, err := w.Start(now)
	if err != nil || started.Status() != StatusInProgress || started.Rev() != 2 {
		t.Fatalf("start %v %v", started.Status(), err)
	}
	if _, err := started.Start(now); !errors.Is(err, ErrTransition) {
		t.Fatalf("start twice: %v", err)
	}
	begun, err := started.BeginCompletion(Completion{By: o, At: now, OperatingHours: 120, PlanCycle: 2}, now)
	if err != nil || begun.Completion() == nil || begun.Status() != StatusInProgress {
		t.Fatalf("begin %+v %v", begun.Record(), err)
	}
	if _, err := begun.BeginCompletion(Completion{By: o, At: now}, now); !errors.Is(err, ErrTransition) {
		t.Fatalf("begin twice: %v", err)
	}
	if _, err := begun.Edit(Spec{Title: "Other"}, now); !errors.Is(err, ErrTransition) {
		t.Fatalf("edit after completion began: %v", err)
	}
	if _, err := begun.Cancel(now); !errors.Is(err, ErrTransition) {
		t.Fatalf("cancel after completion began: %v", err)
	}
	planned, _ := begun.PlanDone("c1", now)
	done, err := planned.Finish(now.Add(time.Hour))
	if err != nil || done.Status() != StatusCompleted || done.Completion().PlanCompletionID != "c1" || !done.Record().ClosedAt.Equal(now) {
		t.Fatalf("finish %+v %v", done.Record(), err)
	}
	if _, err := w.Finish(now); !errors.Is(err, ErrTransition) {
		t.Fatalf("finish without a completion: %v", err)
	}
	if _, err := w.BeginCompletion(Completion{By: o, At: now, OperatingHours: -1}, now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("negative hours: %v", err)
	}
	c, err := w.Cancel(now)
	if err != nil || c.Status() != StatusCancelled {
		t.Fatalf("cancel %v", err)
	}
}
