package demo_test

import (
	"net/http"
	"path/filepath"
	"sort"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/demo"
	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

func login(t *testing.T, s *testkit.Server, email, pw string) string {
	t.Helper()
	var out struct{ Token string }
	s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": pw}}).Expect(t, http.StatusOK).JSON(t, &out)
	return out.Token
}

func TestDemoDataSeedsAnEmptyStoreOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	env := testkit.WithEnv(map[string]string{"DEMO_DATA": "true", "SQLITE_PATH": path})
	s := testkit.NewServer(t, env)

	owner := login(t, s, demo.OwnerEmail, demo.OwnerPassword)
	operator := login(t, s, demo.OperatorEmail, demo.OperatorPassword)

	var machines []struct {
		ID, Name, Role string
		OperatorIDs    []string `json:"operatorIds"`
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines", Token: owner}).Expect(t, http.StatusOK).JSON(t, &machines)
	if len(machines) != 3 {
		t.Fatalf("machines %+v", machines)
	}
	var statuses []string
	for _, m := range machines {
		var plans []struct{ Name, Status string }
		s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines/" + m.ID + "/maintenance-plans", Token: owner}).
			Expect(t, http.StatusOK).JSON(t, &plans)
		for _, p := range plans {
			statuses = append(statuses, p.Status)
		}
	}
	sort.Strings(statuses)
	if len(statuses) != 4 || statuses[0] != "DUE_SOON" || statuses[1] != "OK" || statuses[2] != "OK" || statuses[3] != "OVERDUE" {
		t.Fatalf("plan statuses %v", statuses)
	}
	var operated []struct{ ID, Role string }
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines", Token: operator}).Expect(t, http.StatusOK).JSON(t, &operated)
	if len(operated) != 1 || operated[0].Role != "operator" {
		t.Fatalf("operator's machines %+v", operated)
	}
	var checks []struct{ Passed bool }
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines/" + operated[0].ID + "/quick-checks", Token: owner}).
		Expect(t, http.StatusOK).JSON(t, &checks)
	if len(checks) != 2 || checks[0].Passed || !checks[1].Passed {
		t.Fatalf("quick checks %+v", checks)
	}
	var contacts []any
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/contacts", Token: owner}).Expect(t, http.StatusOK).JSON(t, &contacts)
	if len(contacts) != 1 {
		t.Fatalf("contacts %v", contacts)
	}
	var conversations []struct {
		LastMessage map[string]any `json:"lastMessage"`
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/messages/conversations", Token: operator}).Expect(t, http.StatusOK).JSON(t, &conversations)
	if len(conversations) != 1 || conversations[0].LastMessage == nil {
		t.Fatalf("conversations %+v", conversations)
	}

	// The history produced the notifications the app would have sent.
	var inbox struct {
		Items []struct {
			Type, Priority string
			Metadata       map[string]any
		} `json:"items"`
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/notifications?status=all&limit=100", Token: owner}).
		Expect(t, http.StatusOK).JSON(t, &inbox)
	kinds := map[string]int{}
	for _, n := range inbox.Items {
		key := n.Type + "/" + n.Priority
		if n.Type == "MAINTENANCE_ALERT" {
			key += "/" + n.Metadata["status"].(string)
		}
		kinds[key]++
	}
	if kinds["MAINTENANCE_ALERT/NORMAL/DUE_SOON"] != 1 || kinds["MAINTENANCE_ALERT/HIGH/OVERDUE"] != 1 ||
		kinds["QUICK_CHECK_COMPLETED/HIGH"] != 1 || kinds["QUICK_CHECK_COMPLETED/NORMAL"] != 1 || kinds["NEW_MESSAGE/NORMAL"] != 1 {
		t.Fatalf("owner's notifications %v", kinds)
	}

	if kinds["DOCUMENT_EXPIRY/NORMAL"] != 2 || kinds["ISSUE/NORMAL"] != 1 {
		t.Fatalf("owner's document and issue notifications %v", kinds)
	}

	// Issues (one from the failed check item), work orders with lines, documents with a file.
	var issues struct {
		Items []struct{ Status, Severity, ItemKey string } `json:"items"`
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/issues", Token: owner}).Expect(t, http.StatusOK).JSON(t, &issues)
	byStatus := map[string]int{}
	fromCheck := 0
	for _, i := range issues.Items {
		byStatus[i.Status]++
		if i.ItemKey == "hydraulics" && i.Status == "OPEN" {
			fromCheck++
		}
	}
	if len(issues.Items) != 3 || fromCheck != 1 || byStatus["RESOLVED"] != 1 || byStatus["ACKNOWLEDGED"] != 1 {
		t.Fatalf("issues %+v", issues.Items)
	}
	var orders struct {
		Items []struct {
			Status string
			Lines  []any `json:"lines"`
		} `json:"items"`
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/work-orders", Token: owner}).Expect(t, http.StatusOK).JSON(t, &orders)
	if len(orders.Items) != 2 || orders.Items[0].Status != "OPEN" || orders.Items[1].Status != "COMPLETED" || len(orders.Items[1].Lines) != 3 {
		t.Fatalf("work orders %+v", orders.Items)
	}
	var docs []struct {
		ID       string
		DaysLeft int `json:"daysLeft"`
		File     *struct{ Name string }
	}
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines/" + operated[0].ID + "/documents", Token: operator}).
		Expect(t, http.StatusOK).JSON(t, &docs)
	if len(docs) != 2 || docs[0].DaysLeft != 12 || docs[0].File == nil || docs[1].File != nil {
		t.Fatalf("the excavator's documents %+v", docs)
	}
	file := s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines/" + operated[0].ID + "/documents/" + docs[0].ID + "/file",
		Token: operator}).Expect(t, http.StatusOK)
	if file.Header.Get("Content-Type") != "text/plain; charset=utf-8" || len(file.Body) == 0 {
		t.Fatalf("the insurance file: %v %q", file.Header, file.Body)
	}

	// A second start on the same store seeds nothing more.
	again := testkit.NewServer(t, env)
	s.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines", Token: owner}).Expect(t, http.StatusOK)
	var after []any
	again.Send(t, testkit.Request{Method: "GET", Path: "/api/v1/machines", Token: login(t, again, demo.OwnerEmail, demo.OwnerPassword)}).
		Expect(t, http.StatusOK).JSON(t, &after)
	if len(after) != 3 {
		t.Fatalf("after restart: %d machines", len(after))
	}
}

func TestDemoDataLeavesAStoreWithAccountsAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "existing.db")
	first := testkit.NewServer(t, testkit.WithEnv(map[string]string{"SQLITE_PATH": path}))
	first.Register(t, "Existing")
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"DEMO_DATA": "true", "SQLITE_PATH": path}))
	res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": demo.OwnerEmail, "password": demo.OwnerPassword}})
	if res.Status != http.StatusUnauthorized {
		t.Fatalf("demo owner exists in a non-empty store: %d", res.Status)
	}
}

func TestNoDemoDataByDefault(t *testing.T) {
	s := testkit.NewServer(t) // DEMO_DATA=false, as outside make run
	res := s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": demo.OwnerEmail, "password": demo.OwnerPassword}})
	if res.Status != http.StatusUnauthorized {
		t.Fatalf("demo owner seeded with DEMO_DATA unset: %d", res.Status)
	}
}
