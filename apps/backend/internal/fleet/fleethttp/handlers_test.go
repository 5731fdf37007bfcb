package fleethttp_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain/quickcheck"
)

type machineBody struct {
	ID             string   `json:"id"`
	OwnerID        string   `json:"ownerId"`
	SerialNumber   string   `json:"serialNumber"`
	Name           string   `json:"name"`
	OperatingHours float64  `json:"operatingHours"`
	OperatorIDs    []string `json:"operatorIds"`
	Role           string   `json:"role"`
}

type planBody struct {
	ID            string   `json:"id"`
	Status        string   `json:"status"`
	NextDueHours  *float64 `json:"nextDueHours"`
	NextDueAt     *string  `json:"nextDueAt"`
	ForecastDueAt *string  `json:"forecastDueAt"`
	DueSoonHours  *float64 `json:"dueSoonHours"`
	IntervalDays  *int     `json:"intervalDays"`
}

// befriend makes a and b contacts through the contacts API.
func befriend(t *testing.T, a, b *testkit.User) {
	t.Helper()
	var req struct {
		ID string `json:"id"`
	}
	a.Do(t, "POST", "/api/v1/contacts/requests", map[string]string{"email": b.Email}).Expect(t, http.StatusCreated).JSON(t, &req)
	b.Do(t, "POST", "/api/v1/contacts/requests/"+req.ID+"/accept", nil).Expect(t, http.StatusOK)
}

func createMachine(t *testing.T, owner *testkit.User, serial string, hours float64) machineBody {
	t.Helper()
	var m machineBody
	owner.Do(t, "POST", "/api/v1/machines", map[string]any{"serialNumber": serial, "name": "Excavator " + serial,
		"brand": "Cat", "model": "320", "type": "excavator", "operatingHours": hours}).Expect(t, http.StatusCreated).JSON(t, &m)
	return m
}

func TestMachinesOverHTTP(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op, stranger := s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Stranger")
	befriend(t, owner, op)

	m := createMachine(t, owner, "sn-1", 100)
	if m.SerialNumber != "SN-1" || m.OwnerID != owner.ID || m.Role != "owner" || m.OperatingHours != 100 || m.OperatorIDs == nil {
		t.Fatalf("created %+v", m)
	}
	if res := owner.Do(t, "POST", "/api/v1/machines", map[string]any{"serialNumber": "SN-1", "name": "Twin"}); res.Status != http.StatusConflict {
		t.Fatalf("duplicate serial: %d %s", res.Status, res.Body)
	}
	createMachine(t, stranger, "SN-1", 0) // another owner may reuse it

	path := "/api/v1/machines/" + m.ID
	// Strangers get 404 everywhere, even for a malformed id.
	for _, r := range []struct{ method, path string }{{"GET", path}, {"PATCH", path}, {"DELETE", path},
		{"GET", path + "/maintenance-plans"}, {"GET", path + "/readings"}, {"GET", "/api/v1/machines/not-an-id"}} {
		var body any
		if r.method == "PATCH" {
			body = map[string]any{"name": "Mine"}
		}
		if res := stranger.Do(t, r.method, r.path, body); res.Status != http.StatusNotFound || res.ErrorCode() != "NOT_FOUND" {
			t.Fatalf("stranger %s %s: %d %s", r.method, r.path, res.Status, res.Body)
		}
	}
	if res := stranger.Do(t, "POST", path+"/readings", map[string]any{"operatingHours": 120}); res.Status != http.StatusNotFound {
		t.Fatalf("stranger reading: %d", res.Status)
	}
	// Only contacts may operate.
	if res := owner.Do(t, "POST", path+"/operators", map[string]string{"userId": stranger.ID}); res.Status != http.StatusForbidden {
		t.Fatalf("non-contact operator: %d %s", res.Status, res.Body)
	}
	owner.Do(t, "POST", path+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)

	var seen machineBody
	op.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &seen)
	if seen.Role != "operator" || len(seen.OperatorIDs) != 1 || seen.OperatorIDs[0] != op.ID {
		t.Fatalf("operator sees %+v", seen)
	}
	var list []machineBody
	op.Do(t, "GET", "/api/v1/machines", nil).Expect(t, http.StatusOK).JSON(t, &list)
	if len(list) != 1 || list[0].ID != m.ID {
		t.Fatalf("operator's list %+v", list)
	}
	// Operators read and post, but do not edit (403).
	for _, r := range []struct {
		method, path string
		body         any
	}{{"PATCH", path, map[string]any{"name": "Mine"}}, {"DELETE", path, nil},
		{"POST", path + "/operators", map[string]string{"userId": op.ID}},
		{"POST", path + "/maintenance-plans", map[string]any{"name": "x", "intervalDays": 3}}} {
		if res := op.Do(t, r.method, r.path, r.body); res.Status != http.StatusForbidden || res.ErrorCode() != "FORBIDDEN" {
			t.Fatalf("operator %s %s: %d %s", r.method, r.path, res.Status, res.Body)
		}
	}
	op.Do(t, "POST", path+"/readings", map[string]any{"operatingHours": 110}).Expect(t, http.StatusCreated)

	// Validation.
	for _, body := range []any{
		map[string]any{"operatingHours": 105},  // backwards
		map[string]any{"operatingHours": -1},   // negative
		map[string]any{},                       // missing
		map[string]any{"operatingHours": "12"}, // wrong type
		map[string]any{"operatingHours": 120, "extra": 1},
	} {
		if res := op.Do(t, "POST", path+"/readings", body); res.Status != http.StatusBadRequest || res.ErrorCode() != "VALIDATION_FAILED" {
			t.Fatalf("reading %v: %d %s", body, res.Status, res.Body)
		}
	}
	if res := owner.Do(t, "POST", path+"/maintenance-plans", map[string]any{"name": "No interval"}); res.Status != http.StatusBadRequest {
		t.Fatalf("plan without interval: %d %s", res.Status, res.Body)
	}
	if res := op.Do(t, "POST", path+"/quick-checks", map[string]any{"items": []any{}}); res.Status != http.StatusBadRequest {
		t.Fatalf("empty quick check: %d %s", res.Status, res.Body)
	}
	if res := op.Do(t, "POST", path+"/quick-checks", map[string]any{"items": []any{map[string]any{"key": "k", "label": "L"}}}); res.Status != http.StatusBadRequest {
		t.Fatalf("item without status: %d %s", res.Status, res.Body)
	}

	var readings []struct {
		AuthorID       string  `json:"authorId"`
		OperatingHours float64 `json:"operatingHours"`
	}
	owner.Do(t, "GET", path+"/readings", nil).Expect(t, http.StatusOK).JSON(t, &readings)
	if len(readings) != 2 || readings[0].AuthorID != op.ID || readings[0].OperatingHours != 110 || readings[1].AuthorID != owner.ID {
		t.Fatalf("readings %+v", readings)
	}

	// The owner edits; operators are removed; the owner deletes.
	var edited machineBody
	owner.Do(t, "PATCH", path, map[string]any{"name": "Big digger"}).Expect(t, http.StatusOK).JSON(t, &edited)
	if edited.Name != "Big digger" || edited.SerialNumber != "SN-1" || edited.OperatingHours != 110 {
		t.Fatalf("edited %+v", edited)
	}
	owner.Do(t, "DELETE", path+"/operators/"+op.ID, nil).Expect(t, http.StatusNoContent)
	op.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "DELETE", path, nil).Expect(t, http.StatusNoContent)
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
}

func TestPlansQuickChecksAndAlarmCheckOverHTTP(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op, other := s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Other")
	befriend(t, owner, op)
	m := createMachine(t, owner, "PL-1", 1000)
	path := "/api/v1/machines/" + m.ID
	owner.Do(t, "POST", path+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)

	var p planBody
	owner.Do(t, "POST", path+"/maintenance-plans", map[string]any{"name": "Engine oil", "type": "OIL_CHANGE",
		"intervalHours": 250, "intervalDays": 180}).Expect(t, http.StatusCreated).JSON(t, &p)
	if p.Status != "OK" || *p.NextDueHours != 1250 || p.NextDueAt == nil || *p.DueSoonHours != 25 || *p.IntervalDays != 180 {
		t.Fatalf("created plan %+v", p)
	}
	// Nothing due: the manual check alerts nothing.
	var res struct{ Checked, Alerted int }
	owner.Do(t, "POST", "/api/v1/maintenance/check-alarms", nil).Expect(t, http.StatusOK).JSON(t, &res)
	if res.Checked != 1 || res.Alerted != 0 {
		t.Fatalf("check %+v", res)
	}
	other.Do(t, "POST", "/api/v1/maintenance/check-alarms", nil).Expect(t, http.StatusOK).JSON(t, &res)
	if res.Checked != 0 {
		t.Fatalf("another owner's check saw %+v", res)
	}

	// A quick check with hours inside the margin: a reading, and the plan is due soon.
	var qc struct {
		ID          string   `json:"id"`
		Passed      bool     `json:"passed"`
		FailedItems []string `json:"failedItems"`
	}
	op.Do(t, "POST", path+"/quick-checks", map[string]any{"operatingHours": 1230, "notes": "before shift",
		"items": []any{map[string]any{"key": "tyres", "label": "Tyres", "status": "PASSED"},
			map[string]any{"key": "hyd", "label": "Hydraulics", "status": "FAILED", "notes": "leak"}}}).Expect(t, http.StatusCreated).JSON(t, &qc)
	if qc.Passed || len(qc.FailedItems) != 1 || qc.FailedItems[0] != "hyd" {
		t.Fatalf("quick check %+v", qc)
	}
	var plans []planBody
	op.Do(t, "GET", path+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &plans)
	// Two readings seconds apart give no daily use yet, so no forecast.
	if len(plans) != 1 || plans[0].Status != "DUE_SOON" || plans[0].ForecastDueAt != nil {
		t.Fatalf("plans %+v", plans)
	}
	var checks []struct{ ID string }
	owner.Do(t, "GET", path+"/quick-checks", nil).Expect(t, http.StatusOK).JSON(t, &checks)
	if len(checks) != 1 || checks[0].ID != qc.ID {
		t.Fatalf("quick checks %+v", checks)
	}
	// The alert went out with the reading: the manual check has nothing new.
	owner.Do(t, "POST", "/api/v1/maintenance/check-alarms", nil).Expect(t, http.StatusOK).JSON(t, &res)
	if res.Checked != 1 || res.Alerted != 0 {
		t.Fatalf("second check %+v", res)
	}

	// Completion restarts the plan; operators may not complete.
	if r := op.Do(t, "POST", path+"/maintenance-plans/"+p.ID+"/complete", map[string]any{"notes": "x"}); r.Status != http.StatusForbidden {
		t.Fatalf("operator completes: %d", r.Status)
	}
	var done struct {
		PlanID, PerformedBy string
		OperatingHours      float64
	}
	owner.Do(t, "POST", path+"/maintenance-plans/"+p.ID+"/complete", map[string]any{"operatingHours": 1240,
		"performedAt": "2999-01-01T00:00:00Z", "notes": "x"}).Expect(t, http.StatusBadRequest) // in the future
	owner.Do(t, "POST", path+"/maintenance-plans/"+p.ID+"/complete", map[string]any{"operatingHours": 1240,
		"performedAt": "yesterday", "notes": "x"}).Expect(t, http.StatusBadRequest)
	owner.Do(t, "POST", path+"/maintenance-plans/"+p.ID+"/complete", map[string]any{"operatingHours": 1240,
		"notes": "oil and filter"}).Expect(t, http.StatusCreated).JSON(t, &done)
	if done.PlanID != p.ID || done.PerformedBy != owner.ID || done.OperatingHours != 1240 {
		t.Fatalf("completion %+v", done)
	}
	owner.Do(t, "GET", path+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &plans)
	if plans[0].Status != "OK" || *plans[0].NextDueHours != 1490 {
		t.Fatalf("after completion %+v", plans[0])
	}
	unknown := fmt.Sprintf("%032x", 7)
	owner.Do(t, "POST", path+"/maintenance-plans/"+unknown+"/complete", map[string]any{}).Expect(t, http.StatusNotFound)
}

func TestAdminAlarmCheckCoversEveryMachine(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ADMIN_EMAILS": "boss@example.com"}))
	owner := s.Register(t, "Owner")
	m := createMachine(t, owner, "AD-1", 0)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans", map[string]any{"name": "Greasing", "intervalHours": 10}).Expect(t, http.StatusCreated)
	admin := s.Admin(t, "Boss", "boss@example.com")
	var res struct{ Checked, Alerted int }
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/maintenance/check-alarms", Token: admin.Token}).Expect(t, http.StatusOK).JSON(t, &res)
	if res.Checked != 1 {
		t.Fatalf("admin check %+v", res)
	}
}

// templateItems answers every item of the standard checklist with PASSED,
// then applies the overrides (key → status, or "" for unanswered).
func templateItems(over map[string]string, notes map[string]string) []any {
	keys, _ := quickcheck.TemplateKeys(quickcheck.TemplateVersion)
	out := make([]any, 0, len(keys))
	for _, k := range keys {
		st, ok := over[k]
		if !ok {
			st = "PASSED"
		}
		it := map[string]any{"key": k, "label": "Etiqueta en español"}
		if st != "" {
			it["status"] = st
		}
		if n, ok := notes[k]; ok {
			it["notes"] = n
		}
		out = append(out, it)
	}
	return out
}

func TestQuickCheckRefusesIncompleteChecksNamingTheItem(t *testing.T) {
	s := testkit.NewServer(t)
	owner := s.Register(t, "Owner")
	m := createMachine(t, owner, "QC-1", 10)
	path := "/api/v1/machines/" + m.ID + "/quick-checks"
	type errBody struct {
		Error struct {
			Code   string            `json:"code"`
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	for _, tc := range []struct {
		name  string
		items []any
		field string
		item  string
	}{
		{"unanswered", templateItems(map[string]string{"brakes": ""}, nil), "items[4].status", "brakes"},
		{"failed without a note", templateItems(map[string]string{"tyres": "FAILED"}, nil), "items[2].notes", "tyres"},
		{"missing item", templateItems(nil, nil)[1:], "items", "engineOil"},
	} {
		res := owner.Do(t, "POST", path, map[string]any{"templateVersion": 1, "items": tc.items})
		var b errBody
		res.Expect(t, http.StatusBadRequest).JSON(t, &b)
		if b.Error.Code != "VALIDATION_FAILED" || !strings.Contains(b.Error.Fields[tc.field], tc.item) {
			t.Fatalf("%s: %s", tc.name, res.Body)
		}
	}
	var none []any
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &none)
	if len(none) != 0 {
		t.Fatalf("a refused check was stored: %v", none)
	}

	// Complete: stored by key with its version; template labels are not kept, answers are.
	var qc struct {
		TemplateVersion int `json:"templateVersion"`
		Items           []struct {
			Key, Label, Status, Notes string
			Passed                    bool
		} `json:"items"`
		OperatingHours *float64 `json:"operatingHours"`
	}
	owner.Do(t, "POST", path, map[string]any{"templateVersion": 1, "operatingHours": 12,
		"items": templateItems(map[string]string{"tyres": "FAILED", "lights": "NA"}, map[string]string{"tyres": "Pinchazo"})}).
		Expect(t, http.StatusCreated).JSON(t, &qc)
	if qc.TemplateVersion != 1 || qc.Items[2].Key != "tyres" || qc.Items[2].Label != "" || qc.Items[2].Status != "FAILED" ||
		qc.Items[2].Notes != "Pinchazo" || qc.Items[3].Status != "NA" || !qc.Items[3].Passed || qc.OperatingHours == nil || *qc.OperatingHours != 12 {
		t.Fatalf("stored %+v", qc)
	}
}

func TestAnswersSayWhatTheCallerMayDo(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op := s.Register(t, "Owner"), s.Register(t, "Operator")
	befriend(t, owner, op)
	m := createMachine(t, owner, "CAN-1", 100)
	path := "/api/v1/machines/" + m.ID
	owner.Do(t, "POST", path+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	owner.Do(t, "POST", path+"/maintenance-plans", map[string]any{"name": "Oil", "intervalHours": 250}).Expect(t, http.StatusCreated)

	type can struct {
		Edit, Delete, ManageOperators, RecordReading, AddQuickCheck, CreatePlan, CompletePlan bool
	}
	type machineCan struct {
		Can can `json:"can"`
	}
	type planCan struct {
		ID  string `json:"id"`
		Can struct {
			Complete bool `json:"complete"`
		} `json:"can"`
	}
	var om, opm machineCan
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &om)
	op.Do(t, "GET", path, nil).Expect(t, http.StatusOK).JSON(t, &opm)
	if om.Can != (can{true, true, true, true, true, true, true}) {
		t.Fatalf("owner can %+v", om.Can)
	}
	if opm.Can != (can{RecordReading: true, AddQuickCheck: true}) {
		t.Fatalf("operator can %+v", opm.Can)
	}
	var ownerPlans, opPlans []planCan
	owner.Do(t, "GET", path+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &ownerPlans)
	op.Do(t, "GET", path+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &opPlans)
	if !ownerPlans[0].Can.Complete || opPlans[0].Can.Complete {
		t.Fatalf("plan can: owner %+v operator %+v", ownerPlans, opPlans)
	}
	// What the answer refuses, the use case refuses.
	op.Do(t, "POST", path+"/maintenance-plans/"+opPlans[0].ID+"/complete", map[string]any{}).Expect(t, http.StatusForbidden)
	owner.Do(t, "POST", path+"/maintenance-plans/"+ownerPlans[0].ID+"/complete", map[string]any{}).Expect(t, http.StatusCreated)

	// The dashboard's one request: every machine with its plans and the same permissions.
	var fleet []struct {
		Machine struct {
			ID  string `json:"id"`
			Can can    `json:"can"`
		} `json:"machine"`
		Plans []planCan `json:"plans"`
	}
	op.Do(t, "GET", "/api/v1/maintenance/plans", nil).Expect(t, http.StatusOK).JSON(t, &fleet)
	if len(fleet) != 1 || fleet[0].Machine.ID != m.ID || len(fleet[0].Plans) != 1 || fleet[0].Plans[0].Can.Complete || fleet[0].Machine.Can.Edit {
		t.Fatalf("fleet %+v", fleet)
	}
}
