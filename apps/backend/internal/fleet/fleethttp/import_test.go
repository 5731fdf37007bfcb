package fleethttp_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

type importBody struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Total     int    `json:"total"`
	Processed int    `json:"processed"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Skipped   int    `json:"skipped"`
	Failed    int    `json:"failed"`
	Errors    []struct {
		Row     int    `json:"row"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
	FinishedAt *string `json:"finishedAt"`
}

func upload(t *testing.T, s *testkit.Server, u *testkit.User, name string, file []byte, onDuplicate string) *testkit.Response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(file)
	if onDuplicate != "" {
		w.WriteField("onDuplicate", onDuplicate)
	}
	w.Close()
	return s.Send(t, testkit.Request{Method: "POST", Path: "/api/v1/imports/machines", Token: u.Token, Body: b.Bytes(),
		Header: map[string]string{"Content-Type": w.FormDataContentType()}})
}

func waitImport(t *testing.T, u *testkit.User, id string) importBody {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var j importBody
		u.Do(t, "GET", "/api/v1/imports/"+id, nil).Expect(t, http.StatusOK).JSON(t, &j)
		if j.Status == "COMPLETED" || j.Status == "FAILED" {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("import did not finish")
	return importBody{}
}

func TestImportOverHTTPWithProgressOnTheStream(t *testing.T) {
	s := testkit.NewServer(t)
	owner, stranger := s.Register(t, "Owner"), s.Register(t, "Stranger")
	st := owner.Stream(t, "")
	defer st.Close()
	st.NextOf(t, "connected", 5*time.Second)

	var f strings.Builder
	f.WriteString("serialNumber,name,operatingHours,plan1Name,plan1IntervalHours\n")
	for i := 0; i < 600; i++ {
		switch i {
		case 10:
			f.WriteString("BAD-10,Negative,-1,,\n")
		case 20:
			f.WriteString("BAD-20,No interval,5,Oil,\n")
		default:
			fmt.Fprintf(&f, "M-%d,Machine %d,%d,Oil,250\n", i, i, i)
		}
	}
	res := upload(t, s, owner, "fleet.csv", []byte(f.String()), "skip").Expect(t, http.StatusAccepted)
	var j importBody
	res.JSON(t, &j)
	if j.Status != "QUEUED" || j.Total != 600 || res.Header.Get("Location") != "/api/v1/imports/"+j.ID {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	fin := st.NextOf(t, "import.finished", 20*time.Second)
	var done importBody
	json.Unmarshal([]byte(fin.Data), &done)
	if done.ID != j.ID || done.Status != "COMPLETED" || done.Created != 598 || done.Failed != 2 || fin.LastEventID == "x" {
		t.Fatalf("finished %s", fin.Data)
	}
	progress := 0
	for _, e := range st.Events() {
		if e.Type == "import.progress" {
			progress++
		}
	}
	if progress < 1 {
		t.Fatalf("%d progress events", progress)
	}
	n := st.NextOf(t, "notification", 5*time.Second)
	if !strings.Contains(n.Data, `"IMPORT_FINISHED"`) || !strings.Contains(n.Data, `"created":598`) {
		t.Fatalf("notification %s", n.Data)
	}
	if c := st.NextOf(t, "fleet.changed", 5*time.Second); !strings.Contains(c.Data, `"reason":"import"`) {
		t.Fatalf("fleet.changed %s", c.Data)
	}
	got := waitImport(t, owner, j.ID)
	if len(got.Errors) != 2 || got.Errors[0].Row != 12 || got.Errors[0].Field != "operatingHours" || got.Errors[1].Field != "plan1IntervalHours" {
		t.Fatalf("%+v", got.Errors)
	}
	var ms []machineBody
	owner.Do(t, "GET", "/api/v1/machines", nil).Expect(t, http.StatusOK).JSON(t, &ms)
	if len(ms) != 598 {
		t.Fatalf("%d machines", len(ms))
	}
	var list []importBody
	owner.Do(t, "GET", "/api/v1/imports", nil).Expect(t, http.StatusOK).JSON(t, &list)
	if len(list) != 1 || list[0].ID != j.ID {
		t.Fatalf("list %+v", list)
	}
	stranger.Do(t, "GET", "/api/v1/imports/"+j.ID, nil).Expect(t, http.StatusNotFound)

	// The same file again with skip creates nothing.
	res = upload(t, s, owner, "fleet.csv", []byte(f.String()), "").Expect(t, http.StatusAccepted)
	res.JSON(t, &j)
	if again := waitImport(t, owner, j.ID); again.Created != 0 || again.Skipped != 598 {
		t.Fatalf("again %+v", again)
	}

	// Export, and the export imports into another account as the same machines.
	exp := owner.Do(t, "GET", "/api/v1/machines/export.csv", nil).Expect(t, http.StatusOK)
	if !strings.HasPrefix(exp.Header.Get("Content-Type"), "text/csv") || bytes.Count(exp.Body, []byte("\n")) != 599 {
		t.Fatalf("export %s %d lines", exp.Header.Get("Content-Type"), bytes.Count(exp.Body, []byte("\n")))
	}
	res = upload(t, s, stranger, "export.csv", exp.Body, "").Expect(t, http.StatusAccepted)
	res.JSON(t, &j)
	if rt := waitImport(t, stranger, j.ID); rt.Created != 598 || rt.Failed != 0 {
		t.Fatalf("round trip %+v", rt)
	}
	exp2 := stranger.Do(t, "GET", "/api/v1/machines/export.csv", nil).Expect(t, http.StatusOK)
	if !bytes.Equal(exp.Body, exp2.Body) {
		t.Fatal("the round trip changed the export")
	}
	tpl := owner.Do(t, "GET", "/api/v1/imports/template.csv", nil).Expect(t, http.StatusOK)
	if !bytes.HasPrefix(tpl.Body, []byte("serialNumber,name,brand,model,type,operatingHours,plan1Name")) {
		t.Fatalf("template %s", tpl.Body)
	}
}

func TestImportDuplicateRulesOverHTTP(t *testing.T) {
	s := testkit.NewServer(t)
	const first = "serialNumber,name,operatingHours,plan1Name,plan1IntervalHours\nD-1,One,10,Oil,250\nD-2,Two,20,,\n"
	const second = "serialNumber,name,operatingHours,plan1Name,plan1IntervalHours\nd-1,One renamed,15,Grease,100\nD-2,Two,5,,\nD-3,Three,1,,\n"
	type machineWant struct {
		name  string
		hours float64
		plans int
	}
	importFirst := func(t *testing.T, u *testkit.User) {
		t.Helper()
		var j importBody
		upload(t, s, u, "first.csv", []byte(first), "").Expect(t, http.StatusAccepted).JSON(t, &j)
		if done := waitImport(t, u, j.ID); done.Created != 2 {
			t.Fatalf("first import %+v", done)
		}
	}
	other := s.Register(t, "Other") // the same serial numbers: untouched by the owners' imports
	importFirst(t, other)
	for _, c := range []struct {
		rule                             string
		created, updated, skipped, fails int
		errorRows                        []int
		d1                               machineWant
	}{
		{"skip", 1, 0, 2, 0, nil, machineWant{"One", 10, 1}},
		{"update", 1, 1, 0, 1, []int{3}, machineWant{"One renamed", 15, 2}}, // D-2: hours below the stored ones
		{"fail", 1, 0, 0, 2, []int{2, 3}, machineWant{"One", 10, 1}},
	} {
		t.Run(c.rule, func(t *testing.T) {
			owner := s.Register(t, "Owner")
			importFirst(t, owner)
			var j importBody
			upload(t, s, owner, "second.csv", []byte(second), c.rule).Expect(t, http.StatusAccepted).JSON(t, &j)
			done := waitImport(t, owner, j.ID)
			if done.Created != c.created || done.Updated != c.updated || done.Skipped != c.skipped || done.Failed != c.fails ||
				len(done.Errors) != len(c.errorRows) {
				t.Fatalf("%+v", done)
			}
			for i, row := range c.errorRows {
				if done.Errors[i].Row != row {
					t.Errorf("error %d: %+v, want row %d", i, done.Errors[i], row)
				}
			}
			// The owner's D-1 as the rule says; the other user's, as first imported.
			for u, want := range map[*testkit.User]machineWant{owner: c.d1, other: {"One", 10, 1}} {
				var ms []machineBody
				u.Do(t, "GET", "/api/v1/machines", nil).Expect(t, http.StatusOK).JSON(t, &ms)
				for _, m := range ms {
					if m.OwnerID != u.ID {
						t.Fatalf("%s sees a machine of %s", u.ID, m.OwnerID)
					}
					if m.SerialNumber != "D-1" {
						continue
					}
					var plans []planBody
					u.Do(t, "GET", "/api/v1/machines/"+m.ID+"/maintenance-plans", nil).Expect(t, http.StatusOK).JSON(t, &plans)
					if got := (machineWant{m.Name, m.OperatingHours, len(plans)}); got != want {
						t.Errorf("%s's D-1: %+v, want %+v", u.ID, got, want)
					}
				}
			}
		})
	}
}

func TestImportUploadErrors(t *testing.T) {
	s := testkit.NewServer(t)
	owner := s.Register(t, "Owner")
	if res := upload(t, s, owner, "big.csv", bytes.Repeat([]byte("a,b\n"), (10<<20)/4+1), ""); res.Status != http.StatusRequestEntityTooLarge || res.ErrorCode() != "PAYLOAD_TOO_LARGE" {
		t.Fatalf("big: %d %s", res.Status, res.Body)
	}
	var many strings.Builder
	many.WriteString("serialNumber,name\n")
	for i := 0; i <= 100_000; i++ {
		fmt.Fprintf(&many, "S%d,M\n", i)
	}
	if res := upload(t, s, owner, "many.csv", []byte(many.String()), ""); res.Status != http.StatusRequestEntityTooLarge || !strings.Contains(string(res.Body), "100000 rows") {
		t.Fatalf("many: %d %s", res.Status, res.Body)
	}
	for name, file := range map[string]string{"empty.csv": "", "x.xlsx": "PK\x03\x04...", "cols.csv": "serial,title\nA,B\n"} {
		if res := upload(t, s, owner, name, []byte(file), ""); res.Status != http.StatusBadRequest || res.ErrorCode() != "VALIDATION_FAILED" {
			t.Errorf("%s: %d %s", name, res.Status, res.Body)
		}
	}
	if res := upload(t, s, owner, "a.csv", []byte("serialNumber,name\nA,B\n"), "merge"); res.Status != http.StatusBadRequest {
		t.Errorf("rule: %d %s", res.Status, res.Body)
	}
	if res := owner.Do(t, "POST", "/api/v1/imports/machines", map[string]string{"file": "x"}); res.Status != http.StatusBadRequest {
		t.Errorf("no multipart: %d %s", res.Status, res.Body)
	}
}

// operatedMachine registers an owner and an operator (contacts), and a machine
// of the owner at 100 h that the operator operates, with an oil plan every 50 h
// (due soon 10 h before).
func operatedMachine(t *testing.T, s *testkit.Server, serial string) (owner, op *testkit.User, m machineBody) {
	t.Helper()
	owner, op = s.Register(t, "Owner"), s.Register(t, "Operator")
	befriend(t, owner, op)
	m = createMachine(t, owner, serial, 100)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/maintenance-plans", map[string]any{"name": "Oil", "intervalHours": 50, "dueSoonHours": 10}).Expect(t, http.StatusCreated)
	return owner, op, m
}

func TestFleetChangesReachTheOwnerAndTheOperators(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op, m := operatedMachine(t, s, "FC-1")
	ownerStream, opStream := owner.Stream(t, ""), op.Stream(t, "")
	defer ownerStream.Close()
	defer opStream.Close()
	ownerStream.NextOf(t, "connected", 5*time.Second)
	opStream.NextOf(t, "connected", 5*time.Second)

	// The operator's reading crosses the margin: both hear the reading and the plan's new status.
	op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/readings", map[string]any{"operatingHours": 145}).Expect(t, http.StatusCreated)
	for _, st := range []*testkit.Stream{ownerStream, opStream} {
		seen := map[string]bool{}
		for len(seen) < 2 {
			e := st.NextOf(t, "fleet.changed", 5*time.Second)
			var c struct {
				Reason     string   `json:"reason"`
				MachineIDs []string `json:"machineIds"`
			}
			json.Unmarshal([]byte(e.Data), &c)
			if len(c.MachineIDs) != 1 || c.MachineIDs[0] != m.ID || e.LastEventID != "" && strings.Contains(e.LastEventID, "fleet") {
				t.Fatalf("%s", e.Data)
			}
			seen[c.Reason] = true
		}
		if !seen["reading.recorded"] || !seen["plan.status"] {
			t.Fatalf("%v", seen)
		}
	}
	var d struct {
		Machines  int `json:"machines"`
		DueSoon   int `json:"dueSoon"`
		Attention []struct {
			Worst string `json:"worst"`
		} `json:"attention"`
	}
	op.Do(t, "GET", "/api/v1/dashboard", nil).Expect(t, http.StatusOK).JSON(t, &d)
	if d.Machines != 1 || d.DueSoon != 1 || len(d.Attention) != 1 || d.Attention[0].Worst != "DUE_SOON" {
		t.Fatalf("operator's dashboard %+v", d)
	}
	// A failed quick check is an open failure on both dashboards.
	op.Do(t, "POST", "/api/v1/machines/"+m.ID+"/quick-checks", map[string]any{"items": []map[string]any{{"key": "brake-pads", "label": "Brake pads", "status": "FAILED", "notes": "worn"}}}).Expect(t, http.StatusCreated)
	ownerStream.NextOf(t, "fleet.changed", 5*time.Second)
	var od struct {
		QuickCheckFailureCount int `json:"quickCheckFailureCount"`
	}
	owner.Do(t, "GET", "/api/v1/dashboard", nil).Expect(t, http.StatusOK).JSON(t, &od)
	if od.QuickCheckFailureCount != 1 {
		t.Fatalf("%+v", od)
	}
}

// A plan crossing its margin with no request checking it (an import raised
// the hours; an import checks no alarms) is found by the scheduled
// CheckMaintenanceAlarms run, which tells the owner and the operators.
func TestTheScheduledAlarmCheckSendsFleetChangedToTheOwnerAndTheOperators(t *testing.T) {
	s := testkit.NewServer(t, testkit.WithEnv(map[string]string{"ALARM_CHECK_INTERVAL": "200ms"}))
	owner, op, m := operatedMachine(t, s, "SC-1")
	ownerStream, opStream := owner.Stream(t, ""), op.Stream(t, "")
	defer ownerStream.Close()
	defer opStream.Close()
	ownerStream.NextOf(t, "connected", 5*time.Second)
	opStream.NextOf(t, "connected", 5*time.Second)

	var j importBody
	upload(t, s, owner, "hours.csv", []byte("serialNumber,name,operatingHours\nSC-1,Excavator SC-1,145\n"), "update").
		Expect(t, http.StatusAccepted).JSON(t, &j)
	if done := waitImport(t, owner, j.ID); done.Updated != 1 {
		t.Fatalf("import %+v", done)
	}
	for name, st := range map[string]*testkit.Stream{"owner": ownerStream, "operator": opStream} {
		deadline := time.Now().Add(5 * time.Second)
		for {
			e := st.NextOf(t, "fleet.changed", time.Until(deadline))
			var c struct {
				Reason     string   `json:"reason"`
				MachineIDs []string `json:"machineIds"`
			}
			if err := json.Unmarshal([]byte(e.Data), &c); err != nil {
				t.Fatal(err)
			}
			if c.Reason == "plan.status" {
				if len(c.MachineIDs) != 1 || c.MachineIDs[0] != m.ID {
					t.Fatalf("%s: %s", name, e.Data)
				}
				break
			}
		}
		// The same run's alert, stored for each of them, came first (persisted, then announced).
		alerts := 0
		for _, e := range st.Events() {
			if e.Type == "notification" && strings.Contains(e.Data, `"MAINTENANCE_ALERT"`) && strings.Contains(e.Data, `"DUE_SOON"`) {
				alerts++
			}
		}
		if alerts != 1 {
			t.Fatalf("%s: %d maintenance alerts on the stream", name, alerts)
		}
	}
	var d struct {
		DueSoon int `json:"dueSoon"`
	}
	op.Do(t, "GET", "/api/v1/dashboard", nil).Expect(t, http.StatusOK).JSON(t, &d)
	if d.DueSoon != 1 {
		t.Fatalf("operator's dashboard %+v", d)
	}
}

func TestImportXLSXOverHTTPIsRecognisedByItsContent(t *testing.T) {
	s := testkit.NewServer(t)
	owner, stranger := s.Register(t, "Owner"), s.Register(t, "Stranger")
	wb := excelize.NewFile()
	defer wb.Close()
	_ = wb.SetSheetRow("Sheet1", "A1", &[]any{"serialNumber", "name", "operatingHours", "plan1Name", "plan1IntervalDays"})
	_ = wb.SetSheetRow("Sheet1", "A2", &[]any{"XL-1", "Excavator", 1200.5, "Oil", 180})
	_ = wb.SetSheetRow("Sheet1", "A3", &[]any{"XL-2", "Loader", -1})
	_ = wb.SetSheetRow("Sheet1", "A4", &[]any{"XL-3"})
	if err := wb.SetCellFormula("Sheet1", "B4", `HYPERLINK("http://evil","x")`); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := wb.Write(&file); err != nil {
		t.Fatal(err)
	}
	// The name says CSV; the content is a workbook, and it is read as one.
	var j importBody
	upload(t, s, owner, "fleet.csv", file.Bytes(), "").Expect(t, http.StatusAccepted).JSON(t, &j)
	done := waitImport(t, owner, j.ID)
	if done.Status != "COMPLETED" || done.Created != 2 || done.Failed != 1 || len(done.Errors) != 1 ||
		done.Errors[0].Row != 3 || done.Errors[0].Field != "operatingHours" {
		t.Fatalf("%+v", done)
	}
	stranger.Do(t, "GET", "/api/v1/imports/"+j.ID, nil).Expect(t, http.StatusNotFound)
	exp := owner.Do(t, "GET", "/api/v1/machines/export.csv", nil).Expect(t, http.StatusOK)
	if !bytes.Contains(exp.Body, []byte(`XL-1,Excavator,,,,1200.5,Oil,`)) || !bytes.Contains(exp.Body, []byte(`XL-3,"'=HYPERLINK(""http://evil"",""x"")"`)) {
		t.Fatalf("export %s", exp.Body)
	}
	// And a CSV named .xlsx is read as CSV.
	upload(t, s, stranger, "fleet.xlsx", []byte("serialNumber,name\nC-1,Crane\n"), "").Expect(t, http.StatusAccepted).JSON(t, &j)
	if got := waitImport(t, stranger, j.ID); got.Created != 1 {
		t.Fatalf("%+v", got)
	}
	// A ZIP that is no workbook names the field; a zip bomb is refused by its unpacked size.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(make([]byte, 201<<20))
	zw.Close()
	if res := upload(t, s, owner, "bomb.xlsx", zb.Bytes(), ""); res.Status != http.StatusRequestEntityTooLarge || !strings.Contains(string(res.Body), "200 MiB") {
		t.Fatalf("bomb: %d %s", res.Status, res.Body)
	}
	zb.Reset()
	zw = zip.NewWriter(&zb)
	w, _ = zw.Create("notes.txt")
	w.Write([]byte("hello"))
	zw.Close()
	if res := upload(t, s, owner, "notes.zip", zb.Bytes(), ""); res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"file"`) {
		t.Fatalf("zip: %d %s", res.Status, res.Body)
	}
}
