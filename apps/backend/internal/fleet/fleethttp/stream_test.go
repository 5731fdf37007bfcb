package fleethttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// The owner's open stream receives the MAINTENANCE_ALERT the moment an
// operator's reading crosses the plan's due-soon margin, and only once.
func TestOwnersStreamGetsTheAlertWhenAnOperatorsReadingCrossesTheMargin(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op := s.Register(t, "Owner"), s.Register(t, "Operator")
	befriend(t, owner, op)
	m := createMachine(t, owner, "ST-1", 480)
	path := "/api/v1/machines/" + m.ID
	owner.Do(t, "POST", path+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	var p planBody
	owner.Do(t, "POST", path+"/maintenance-plans", map[string]any{"name": "Engine oil", "intervalHours": 50,
		"dueSoonHours": 5}).Expect(t, http.StatusCreated).JSON(t, &p) // due at 530, due soon from 525

	stream := owner.Stream(t, "")
	stream.NextOf(t, "connected", 5*time.Second)

	op.Do(t, "POST", path+"/readings", map[string]any{"operatingHours": 520}).Expect(t, http.StatusCreated) // still OK
	op.Do(t, "POST", path+"/readings", map[string]any{"operatingHours": 526}).Expect(t, http.StatusCreated) // crosses the margin

	e := stream.NextOf(t, "notification", 5*time.Second)
	var n struct {
		ID, UserID, Type, Title, Message, ActionURL, Priority, Source string
		Metadata                                                      map[string]any
	}
	if err := json.Unmarshal([]byte(e.Data), &n); err != nil {
		t.Fatalf("decode %s: %v", e.Data, err)
	}
	if n.Type != "MAINTENANCE_ALERT" || n.UserID != owner.ID || n.Priority != "NORMAL" || n.Source != "maintenance" ||
		n.Title != "notification.maintenanceDueSoon.title" || n.ActionURL != "/machines/"+m.ID || e.LastEventID != n.ID {
		t.Fatalf("alert %s", e.Data)
	}
	md := n.Metadata
	if md["machineId"] != m.ID || md["planId"] != p.ID || md["status"] != "DUE_SOON" || md["currentHours"] != 526.0 ||
		md["nextDueHours"] != 530.0 || md["planName"] != "Engine oil" || md["machineName"] != m.Name {
		t.Fatalf("metadata %v", md)
	}

	// Another reading in the same state and a manual check send nothing more.
	op.Do(t, "POST", path+"/readings", map[string]any{"operatingHours": 527}).Expect(t, http.StatusCreated)
	var res struct{ Checked, Alerted int }
	owner.Do(t, "POST", "/api/v1/maintenance/check-alarms", nil).Expect(t, http.StatusOK).JSON(t, &res)
	if res.Alerted != 0 {
		t.Fatalf("check after the alert: %+v", res)
	}
	end := time.Now().Add(500 * time.Millisecond)
	for {
		e, ok := stream.TryNext(time.Until(end))
		if !ok {
			break
		}
		if e.Type == "notification" {
			t.Fatalf("a second notification: %s", e.Data)
		}
	}
	// The operator was alerted too.
	var page struct {
		Items []struct{ Type string } `json:"items"`
	}
	op.Do(t, "GET", "/api/v1/notifications?status=all&type=MAINTENANCE_ALERT", nil).Expect(t, http.StatusOK).JSON(t, &page)
	if len(page.Items) != 1 || page.Items[0].Type != "MAINTENANCE_ALERT" {
		t.Fatalf("operator's notifications %+v", page)
	}
}

// Two server instances share one store; readings that cross the margin land on
// both at the same moment: the plan alerts exactly once per recipient.
func TestTwoInstancesRacingOnReadingsAlertOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	env := testkit.WithEnv(map[string]string{"SQLITE_PATH": path})
	a, b := testkit.NewServer(t, env), testkit.NewServer(t, env)
	owner := a.Register(t, "Owner")
	m := createMachine(t, owner, "RC-1", 0)
	onB := owner.As(b)
	var plans []planBody
	for i := 0; i < 4; i++ {
		var p planBody
		owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans", map[string]any{"name": fmt.Sprintf("Plan %d", i),
			"intervalHours": 10 + i, "dueSoonHours": 1 + i}).Expect(t, http.StatusCreated).JSON(t, &p) // due soon from 9 h
		plans = append(plans, p)
	}
	var wg sync.WaitGroup
	for i, u := range []*testkit.User{owner, onB, owner, onB} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := u.Do(t, "POST", "/api/v1/machines/"+m.ID+"/readings", map[string]any{"operatingHours": 9 + float64(i)*0.1})
			if res.Status != http.StatusCreated && res.Status != http.StatusBadRequest { // a lower one may lose the race
				t.Errorf("reading: %d %s", res.Status, res.Body)
			}
		}()
	}
	wg.Wait()
	var page struct {
		Items []struct{ Metadata map[string]any } `json:"items"`
	}
	owner.Do(t, "GET", "/api/v1/notifications?status=all&type=MAINTENANCE_ALERT&limit=100", nil).Expect(t, http.StatusOK).JSON(t, &page)
	seen := map[string]int{}
	for _, n := range page.Items {
		seen[fmt.Sprint(n.Metadata["planId"], "/", n.Metadata["status"])]++
	}
	if len(page.Items) != len(plans) || len(seen) != len(plans) {
		t.Fatalf("alerts %v, want one DUE_SOON per plan", seen)
	}
}
