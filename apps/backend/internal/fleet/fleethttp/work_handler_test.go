package fleethttp_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type issueBody struct {
	ID          string `json:"id"`
	MachineID   string `json:"machineId"`
	Title       string `json:"title"`
	ItemKey     string `json:"itemKey"`
	Description string `json:"description"`
	Status      string `json:"status"`
	Severity    string `json:"severity"`
	ReporterID  string `json:"reporterId"`
	WorkOrderID string `json:"workOrderId"`
	ClosedBy    string `json:"closedBy"`
	CanResolve  bool   `json:"canResolve"`
}

type issuePage struct {
	Items      []issueBody `json:"items"`
	NextCursor string      `json:"nextCursor"`
}

type workOrderBody struct {
	ID         string           `json:"id"`
	Status     string           `json:"status"`
	Totals     map[string]int64 `json:"totals"`
	Completion *struct {
		OperatingHours   float64 `json:"operatingHours"`
		PlanCompletionID string  `json:"planCompletionId"`
	} `json:"completion"`
}

type errorFields struct {
	Error struct {
		Code   string            `json:"code"`
		Fields map[string]string `json:"fields"`
	} `json:"error"`
}

func fieldsOf(t *testing.T, res *testkit.Response) map[string]string {
	t.Helper()
	var b errorFields
	res.JSON(t, &b)
	if res.Status != http.StatusBadRequest || b.Error.Code != "VALIDATION_FAILED" {
		t.Fatalf("want a 400 with fields: %d %s", res.Status, res.Body)
	}
	return b.Error.Fields
}

// workSetup is an owner's machine with a plan, an operator and a failed quick check.
func workSetup(t *testing.T) (s *testkit.Server, owner, op, stranger *testkit.User, m machineBody, planID string) {
	s = testkit.NewServer(t)
	owner, op, stranger = s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Stranger")
	befriend(t, owner, op)
	m = createMachine(t, owner, "WO-1", 100)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	var p planBody
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans", map[string]any{"name": "Oil", "intervalHours": 250}).
		Expect(t, http.StatusCreated).JSON(t, &p)
	op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/quick-checks", map[string]any{"items": []map[string]any{
		{"key": "hoses", "label": "Hoses", "status": "FAILED", "notes": "weeping", "severity": "HIGH"},
		{"key": "horn", "label": "Horn", "status": "PASSED"},
	}}).Expect(t, http.StatusCreated)
	return s, owner, op, stranger, m, p.ID
}

// TestCheckIssuesTakeTheItemsSeverity: a failed item's issue has the severity
// the operator chose for it, else the item's default (HIGH for the template's
// brakes, MEDIUM for its tyres and for a custom item); a severity that is not
// one is a 400 naming the item and stores nothing.
func TestCheckIssuesTakeTheItemsSeverity(t *testing.T) {
	s := testkit.NewServer(t)
	owner := s.Register(t, "Owner")
	m := createMachine(t, owner, "SEV-1", 100)
	path := "/api/v1/machines/" + m.ID + "/quick-checks"
	items := []map[string]any{}
	for _, k := range []string{"engineOil", "hydraulics", "tyres", "lights", "brakes", "safety", "leaks"} {
		it := map[string]any{"key": k, "status": "PASSED"}
		switch k {
		case "brakes", "tyres":
			it["status"], it["notes"] = "FAILED", "worn"
		case "leaks":
			it["status"], it["notes"], it["severity"] = "FAILED", "oil under the engine", "CRITICAL"
		}
		items = append(items, it)
	}
	var check struct {
		Items []struct {
			Key, Severity string
		} `json:"items"`
	}
	owner.Do(t, "POST", path, map[string]any{"templateVersion": 1, "items": items}).Expect(t, http.StatusCreated).JSON(t, &check)
	owner.Do(t, "POST", path, map[string]any{"items": []map[string]any{
		{"key": "beacon", "label": "Beacon", "status": "FAILED", "notes": "dark"},
	}}).Expect(t, http.StatusCreated)
	if f := fieldsOf(t, owner.Do(t, "POST", path, map[string]any{"items": []map[string]any{
		{"key": "horn", "label": "Horn", "status": "FAILED", "notes": "quiet", "severity": "URGENT"},
	}})); f["items[0].severity"] == "" {
		t.Fatalf("bad severity: fields %v", f)
	}
	var page issuePage
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/issues", nil).Expect(t, http.StatusOK).JSON(t, &page)
	got := map[string]string{}
	for _, i := range page.Items {
		got[i.ItemKey] = i.Severity
	}
	want := map[string]string{"brakes": "HIGH", "tyres": "MEDIUM", "leaks": "CRITICAL", "beacon": "MEDIUM"}
	if len(got) != len(want) {
		t.Fatalf("issues %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: severity %q, want %q", k, got[k], v)
		}
	}
	for _, it := range check.Items {
		if it.Key == "brakes" && it.Severity != "HIGH" || it.Key == "engineOil" && it.Severity != "" {
			t.Errorf("quick check item %+v", it)
		}
	}
}

func TestIssuesOverHTTP(t *testing.T) {
	_, owner, op, stranger, m, _ := workSetup(t)
	var page issuePage
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/issues", nil).Expect(t, http.StatusOK).JSON(t, &page)
	if len(page.Items) != 1 || page.Items[0].ItemKey != "hoses" || page.Items[0].Description != "weeping" ||
		page.Items[0].Status != "OPEN" || page.Items[0].ReporterID != op.ID || page.Items[0].Severity != "HIGH" {
		t.Fatalf("issues from the check %+v", page)
	}
	fromCheck := page.Items[0]
	// Operators open and comment; the owner hears of the new issue.
	var byHand issueBody
	op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/issues", map[string]any{"title": "Mirror", "severity": "LOW"}).
		Expect(t, http.StatusCreated).JSON(t, &byHand)
	op.Do(t, "POST", "/api/v1/issues/"+byHand.ID+"/comments", map[string]any{"body": "since Monday"}).Expect(t, http.StatusCreated)
	var inbox struct {
		Items []struct {
			Type     string         `json:"type"`
			Title    string         `json:"title"`
			Metadata map[string]any `json:"metadata"`
		} `json:"items"`
	}
	// ... and of the operator's comment (newest first); the operator hears of neither.
	owner.Do(t, "GET", "/api/v1/notifications?type=ISSUE", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 2 || inbox.Items[1].Title != "notification.issueOpened.title" || inbox.Items[1].Metadata["issueId"] != byHand.ID ||
		inbox.Items[0].Title != "notification.issueCommented.title" || inbox.Items[0].Metadata["preview"] != "since Monday" ||
		inbox.Items[0].Metadata["authorId"] != op.ID {
		t.Fatalf("owner's issue notifications %s", mustJSON(inbox))
	}
	op.Do(t, "GET", "/api/v1/notifications?type=ISSUE", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 0 {
		t.Fatalf("the author's own issue notifications %s", mustJSON(inbox))
	}
	// The owner's acknowledgement and comment reach the reporter, persisted in their inbox.
	owner.Do(t, "POST", "/api/v1/issues/"+fromCheck.ID+"/status", map[string]any{"status": "ACKNOWLEDGED"}).Expect(t, http.StatusOK)
	owner.Do(t, "POST", "/api/v1/issues/"+fromCheck.ID+"/comments", map[string]any{"body": "hoses ordered"}).Expect(t, http.StatusCreated)
	op.Do(t, "GET", "/api/v1/notifications?type=ISSUE", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 2 || inbox.Items[0].Title != "notification.issueCommented.title" || inbox.Items[0].Metadata["preview"] != "hoses ordered" ||
		inbox.Items[1].Title != "notification.issueAcknowledged.title" || inbox.Items[1].Metadata["issueId"] != fromCheck.ID ||
		inbox.Items[1].Metadata["status"] != "ACKNOWLEDGED" {
		t.Fatalf("reporter's issue notifications %s", mustJSON(inbox))
	}
	owner.Do(t, "GET", "/api/v1/notifications?type=ISSUE", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 2 {
		t.Fatalf("the owner heard of their own steps: %s", mustJSON(inbox))
	}
	// Bad input names the field and stores nothing.
	for _, b := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"severity": "LOW"}, "title"},
		{map[string]any{"title": "x", "severity": "SEVERE"}, "severity"},
		{map[string]any{"title": "x", "severity": "LOW", "description": strings.Repeat("d", 2001)}, "description"},
	} {
		if f := fieldsOf(t, op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/issues", b.body)); f[b.field] == "" {
			t.Fatalf("%v: fields %v", b.body, f)
		}
	}
	if f := fieldsOf(t, owner.Do(t, "GET", "/api/v1/issues?status=DONE", nil)); f["status"] == "" {
		t.Fatalf("bad filter: %v", f)
	}
	// Strangers see nothing: 404 on every issue route; their own list is empty.
	for _, r := range []struct {
		method, path string
		body         map[string]any
	}{{"GET", "/api/v1/issues/" + byHand.ID, nil},
		{"POST", "/api/v1/issues/" + byHand.ID + "/status", map[string]any{"status": "RESOLVED"}},
		{"POST", "/api/v1/issues/" + byHand.ID + "/comments", map[string]any{"body": "x"}},
		{"GET", "/api/v1/machines/" + m.ID + "/issues", nil},
		{"POST", "/api/v1/machines/" + m.ID + "/issues", map[string]any{"title": "x", "severity": "LOW"}},
		{"GET", "/api/v1/issues?machineId=" + m.ID, nil},
		{"PUT", "/api/v1/machines/" + m.ID + "/issue-settings", map[string]any{"operatorsMayResolve": true}}} {
		if res := stranger.Do(t, r.method, r.path, r.body); res.Status != http.StatusNotFound {
			t.Fatalf("stranger %s %s: %d %s", r.method, r.path, res.Status, res.Body)
		}
	}
	var none issuePage
	stranger.Do(t, "GET", "/api/v1/issues", nil).Expect(t, http.StatusOK).JSON(t, &none)
	if len(none.Items) != 0 {
		t.Fatalf("stranger's fleet issues %+v", none)
	}
	// An operator may not resolve (403) until the owner allows it; nor change the setting.
	op.Do(t, "POST", "/api/v1/issues/"+fromCheck.ID+"/status", map[string]any{"status": "RESOLVED"}).Expect(t, http.StatusForbidden)
	op.Do(t, "PUT", "/api/v1/machines/"+m.ID+"/issue-settings", map[string]any{"operatorsMayResolve": true}).Expect(t, http.StatusForbidden)
	owner.Do(t, "PUT", "/api/v1/issue-settings", map[string]any{"operatorsMayResolve": true}).Expect(t, http.StatusOK)
	var ack issueBody
	op.Do(t, "POST", "/api/v1/issues/"+byHand.ID+"/status", map[string]any{"status": "ACKNOWLEDGED"}).Expect(t, http.StatusOK).JSON(t, &ack)
	if ack.Status != "ACKNOWLEDGED" {
		t.Fatalf("acknowledged %+v", ack)
	}
	// The machine's own setting wins over the fleet's.
	owner.Do(t, "PUT", "/api/v1/machines/"+m.ID+"/issue-settings", map[string]any{"operatorsMayResolve": false}).Expect(t, http.StatusOK)
	op.Do(t, "POST", "/api/v1/issues/"+byHand.ID+"/status", map[string]any{"status": "WONT_FIX"}).Expect(t, http.StatusForbidden)
	var done issueBody
	owner.Do(t, "POST", "/api/v1/issues/"+byHand.ID+"/status", map[string]any{"status": "WONT_FIX"}).Expect(t, http.StatusOK).JSON(t, &done)
	if done.Status != "WONT_FIX" || done.ClosedBy != owner.ID {
		t.Fatalf("won't fix %+v", done)
	}
	owner.Do(t, "POST", "/api/v1/issues/"+byHand.ID+"/status", map[string]any{"status": "RESOLVED"}).Expect(t, http.StatusConflict)
	// Filters and cursor paging.
	var open, p1, p2 issuePage
	owner.Do(t, "GET", "/api/v1/issues?status=ACKNOWLEDGED&severity=HIGH", nil).Expect(t, http.StatusOK).JSON(t, &open)
	if len(open.Items) != 1 || open.Items[0].ID != fromCheck.ID {
		t.Fatalf("filtered %+v", open)
	}
	owner.Do(t, "GET", "/api/v1/issues?limit=1", nil).Expect(t, http.StatusOK).JSON(t, &p1)
	owner.Do(t, "GET", "/api/v1/issues?limit=1&cursor="+p1.NextCursor, nil).Expect(t, http.StatusOK).JSON(t, &p2)
	if len(p1.Items) != 1 || p1.NextCursor == "" || len(p2.Items) != 1 || p2.NextCursor != "" || p1.Items[0].ID == p2.Items[0].ID {
		t.Fatalf("pages %+v / %+v", p1, p2)
	}
	var dash struct {
		OpenIssues int `json:"openIssues"`
	}
	owner.Do(t, "GET", "/api/v1/dashboard", nil).Expect(t, http.StatusOK).JSON(t, &dash)
	if dash.OpenIssues != 1 {
		t.Fatalf("dashboard open issues %d", dash.OpenIssues)
	}
}

func TestWorkOrdersOverHTTP(t *testing.T) {
	_, owner, op, stranger, m, planID := workSetup(t)
	var page issuePage
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/issues", nil).Expect(t, http.StatusOK).JSON(t, &page)
	issueID := page.Items[0].ID
	body := map[string]any{"title": "Fix hoses", "planId": planID, "issueIds": []string{issueID}, "assigneeId": op.ID,
		"lines": []map[string]any{
			{"kind": "PART", "description": "=HYPERLINK(\"http://x\")", "quantity": 2, "unitCost": 4550, "currency": "eur"},
			{"kind": "LABOUR", "description": "Fitter", "quantity": 1.5, "unitCost": 6000, "currency": "EUR"},
		}}
	// Only the owner creates (an operator gets 403, a stranger 404); bad input names the field.
	op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", body).Expect(t, http.StatusForbidden)
	stranger.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", body).Expect(t, http.StatusNotFound)
	for _, b := range []struct {
		patch map[string]any
		field string
	}{
		{map[string]any{"title": ""}, "title"},
		{map[string]any{"assigneeId": stranger.ID}, "assigneeId"},
		{map[string]any{"planId": "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f"}, "planId"},
		{map[string]any{"lines": []map[string]any{{"kind": "PART", "description": "x", "quantity": 1, "unitCost": 5}}}, "lines[0].currency"},
		{map[string]any{"lines": []map[string]any{{"kind": "TAX", "description": "x", "quantity": 1}}}, "lines[0].kind"},
	} {
		bad := map[string]any{}
		for k, v := range body {
			bad[k] = v
		}
		for k, v := range b.patch {
			bad[k] = v
		}
		if f := fieldsOf(t, owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", bad)); f[b.field] == "" {
			t.Fatalf("%v: fields %v", b.patch, f)
		}
	}
	var w workOrderBody
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", body).Expect(t, http.StatusCreated).JSON(t, &w)
	if w.Status != "OPEN" || w.Totals["EUR"] != 9100+9000 {
		t.Fatalf("created %+v", w)
	}
	path := "/api/v1/work-orders/" + w.ID
	stranger.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
	stranger.Do(t, "POST", path+"/complete", map[string]any{}).Expect(t, http.StatusNotFound)
	op.Do(t, "GET", path, nil).Expect(t, http.StatusOK)
	// The assignee may start it but not edit or complete it.
	op.Do(t, "PATCH", path, map[string]any{"title": "Mine"}).Expect(t, http.StatusForbidden)
	op.Do(t, "PATCH", path, map[string]any{"status": "IN_PROGRESS"}).Expect(t, http.StatusOK)
	op.Do(t, "POST", path+"/complete", map[string]any{}).Expect(t, http.StatusForbidden)
	op.Do(t, "GET", "/api/v1/machines/"+m.ID+"/service-history", nil).Expect(t, http.StatusForbidden)
	// Bad hours are a 400 that changes nothing.
	if f := fieldsOf(t, owner.Do(t, "POST", path+"/complete", map[string]any{"operatingHours": -5})); f["operatingHours"] == "" {
		t.Fatalf("fields %v", f)
	}
	var done workOrderBody
	owner.Do(t, "POST", path+"/complete", map[string]any{"operatingHours": 130}).Expect(t, http.StatusOK).JSON(t, &done)
	if done.Status != "COMPLETED" || done.Completion == nil || done.Completion.OperatingHours != 130 || done.Completion.PlanCompletionID == "" {
		t.Fatalf("completed %s", mustJSON(done))
	}
	// Completing again answers it unchanged.
	var again workOrderBody
	owner.Do(t, "POST", path+"/complete", map[string]any{"operatingHours": 200}).Expect(t, http.StatusOK).JSON(t, &again)
	if again.Completion.OperatingHours != 130 {
		t.Fatalf("second completion %s", mustJSON(again))
	}
	var iss issueBody
	op.Do(t, "GET", "/api/v1/issues/"+issueID, nil).Expect(t, http.StatusOK).JSON(t, &iss)
	if iss.Status != "RESOLVED" || iss.WorkOrderID != w.ID || iss.ClosedBy != owner.ID {
		t.Fatalf("issue after completion %+v", iss)
	}
	var plans []planBody
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &plans)
	if plans[0].NextDueHours == nil || *plans[0].NextDueHours != 130+250 {
		t.Fatalf("plan cycle not completed: %+v", plans[0])
	}
	var inbox struct {
		Items []struct {
			Title string `json:"title"`
		} `json:"items"`
	}
	op.Do(t, "GET", "/api/v1/notifications?type=ISSUE", nil).Expect(t, http.StatusOK).JSON(t, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].Title != "notification.issueResolved.title" {
		t.Fatalf("reporter's notifications %+v", inbox)
	}
	// Mark done adds a one-line work order; the history has both, with costs per month.
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans/"+planID+"/complete", map[string]any{}).Expect(t, http.StatusCreated)
	var hist struct {
		WorkOrders []workOrderBody `json:"workOrders"`
		Months     []struct {
			Month    string `json:"month"`
			Currency string `json:"currency"`
			Total    int64  `json:"total"`
		} `json:"months"`
	}
	owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/service-history", nil).Expect(t, http.StatusOK).JSON(t, &hist)
	if len(hist.WorkOrders) != 2 || len(hist.Months) != 1 || hist.Months[0].Total != 18100 || hist.Months[0].Currency != "EUR" {
		t.Fatalf("history %s", mustJSON(hist))
	}
	res := owner.Do(t, "GET", "/api/v1/machines/"+m.ID+"/service-history.csv", nil).Expect(t, http.StatusOK)
	rows, err := csv.NewReader(strings.NewReader(string(res.Body))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "completedAt" {
		t.Fatalf("csv %q %v", res.Body, err)
	}
	injected := false
	for _, r := range rows {
		if strings.HasPrefix(r[5], "=") {
			t.Fatalf("formula not escaped: %q", r)
		}
		injected = injected || r[5] == `'=HYPERLINK("http://x")`
	}
	if !injected {
		t.Fatalf("escaped cell missing: %q", rows)
	}
	stranger.Do(t, "GET", "/api/v1/machines/"+m.ID+"/service-history.csv", nil).Expect(t, http.StatusNotFound)
	// A cancelled work order cannot be completed.
	var other workOrderBody
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/work-orders", map[string]any{"title": "Spare"}).Expect(t, http.StatusCreated).JSON(t, &other)
	owner.Do(t, "PATCH", "/api/v1/work-orders/"+other.ID, map[string]any{"status": "CANCELLED"}).Expect(t, http.StatusOK)
	owner.Do(t, "POST", "/api/v1/work-orders/"+other.ID+"/complete", map[string]any{}).Expect(t, http.StatusConflict)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
