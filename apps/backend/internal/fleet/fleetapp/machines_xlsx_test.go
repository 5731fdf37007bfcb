package fleetapp

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// xlsxCell is a formula in a fixture row (other values are written as typed).
type xlsxFormula string

// xlsxFixture writes a workbook whose first sheet holds rows (row 1 first);
// a nil row is left out (a gap in the sheet).
func xlsxFixture(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			if f, ok := v.(xlsxFormula); ok {
				err = wb.SetCellFormula("Sheet1", cell, string(f))
			} else if v != nil {
				err = wb.SetCellValue("Sheet1", cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xlsxStream writes a large sheet with the streaming writer: the header at
// row 1, then one machine row per number in rowNumbers.
func xlsxStream(t testing.TB, rowNumbers func(yield func(int) bool)) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"serialNumber", "name", "operatingHours"}); err != nil {
		t.Fatal(err)
	}
	for n := range rowNumbers {
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("S%d", n), "M", n}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestXLSXImportReadsCellsAsStoredAndFormulasAsText(t *testing.T) {
	f := newFixture(t)
	uc := f.importer(t, nil, ImportOptions{})
	owner := f.user(t, "owner")
	file := xlsxFixture(t,
		[]any{"serialNumber", "name", "brand", "operatingHours", "plan1Name", "plan1IntervalHours", "extra"},
		[]any{"XL-1", "Excavator", "Cat", 1200.5, "Oil", 250},                   // 2: numbers as numbers
		[]any{"XL-2", xlsxFormula(`HYPERLINK("http://evil","x")`), "Cat", "30"}, // 3: a formula where text goes: its text
		[]any{"XL-3", "Loader", "Cat", xlsxFormula("1+1")},                      // 4: a formula where a number goes: refused, not evaluated
		nil,                                      // 5: a gap
		[]any{"XL-4", "=SUM(A1:A9)", "@cmd", -3}, // 6: formula-like text kept, negative hours refused
		[]any{"XL-5", "Dozer", nil, nil, "Grease"},                                   // 7: a plan with neither interval
		[]any{"xl-1", "Twin", nil, 1},                                                // 8: a duplicate of row 2 (skip)
		[]any{"XL-6", "Roller", "Bomag", "0", nil, nil, xlsxFormula("XL_UNKNOWN()")}, // 9: an unnamed column's formula is ignored
	)
	j, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, FileName: "fleet.xlsx", File: file})
	if err != nil {
		t.Fatal(err)
	}
	if j.Counts().Total != 7 {
		t.Fatalf("total %d", j.Counts().Total)
	}
	j = runUntilFinished(t, uc, owner, j.ID())
	if c := j.Counts(); j.Status() != importjob.StatusCompleted || c != (importjob.Counts{Total: 7, Processed: 7, Created: 3, Skipped: 1, Failed: 3}) {
		t.Fatalf("%+v", j.Record())
	}
	wantErr := map[int]string{4: "operatingHours", 6: "operatingHours", 7: "plan1IntervalHours"}
	for _, e := range j.Errors() {
		if wantErr[e.Row] != e.Field {
			t.Errorf("row error %+v", e)
		}
		delete(wantErr, e.Row)
	}
	if len(wantErr) != 0 {
		t.Errorf("missing row errors %v", wantErr)
	}
	ms, _ := NewListMachinesHandler(f.machines).Handle(ctx, ListMachines{UserID: owner})
	got := map[string]string{}
	for _, m := range ms {
		got[m.SerialNumber()] = fmt.Sprintf("%s|%s|%v", m.Name(), m.Details().Brand, m.OperatingHours())
	}
	want := map[string]string{"XL-1": "Excavator|Cat|1200.5", "XL-2": `=HYPERLINK("http://evil","x")|Cat|30`, "XL-6": "Roller|Bomag|0"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("machines %v, want %v", got, want)
	}
	for _, m := range ms {
		if m.SerialNumber() == "XL-1" {
			if plans, _ := NewListMaintenancePlansHandler(f.plans).Handle(ctx, ListMaintenancePlans{UserID: owner, MachineID: m.ID()}); len(plans) != 1 || plans[0].Plan.Name() != "Oil" {
				t.Fatalf("plans %+v", plans)
			}
		}
	}
	// The export escapes the formula's text; its CSV imports back to the same text.
	var exp bytes.Buffer
	if err := NewExportMachinesHandler(f.machines).Handle(ctx, ExportMachines{UserID: owner, To: &exp}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(exp.String(), `"'=HYPERLINK(""http://evil"",""x"")"`) {
		t.Fatalf("export %s", exp.String())
	}
}

func TestXLSXFileErrorsAndLimits(t *testing.T) {
	f := newFixture(t)
	uc := f.importer(t, nil, ImportOptions{})
	owner := f.user(t, "owner")
	plainZip := func(name string, size int) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create(name)
		w.Write(make([]byte, size))
		zw.Close()
		return b.Bytes()
	}
	bomb := plainZip("xl/worksheets/sheet1.xml", MaxImportXLSXUnzipped+1)
	if len(bomb) > MaxImportBytes/10 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	many := xlsxStream(t, func(yield func(int) bool) {
		for n := 2; n <= MaxImportRows+2 && yield(n); n++ {
		}
	})
	far := xlsxStream(t, func(yield func(int) bool) { yield(1_000_000) })
	for _, c := range []struct {
		name string
		file []byte
		want error
		msg  string
	}{
		{"a zip that is no workbook", plainZip("notes.txt", 10), domain.ErrInvalid, "not an XLSX workbook"},
		{"a truncated workbook", xlsxFixture(t, []any{"serialNumber", "name"}, []any{"A", "B"})[:200], domain.ErrInvalid, "not an XLSX workbook"},
		{"header only", xlsxFixture(t, []any{"serialNumber", "name"}), domain.ErrInvalid, "no rows"},
		{"an empty sheet", xlsxFixture(t), domain.ErrInvalid, "is empty"},
		{"no name column", xlsxFixture(t, []any{"serialNumber", "brand"}, []any{"A", "B"}), domain.ErrInvalid, "no name column"},
		{"zip bomb", bomb, ErrImportTooLarge, "unpacks to more than 200 MiB"},
		{"too many rows", many, ErrImportTooLarge, "more than 100000 rows"},
		{"a row numbered a million", far, ErrImportTooLarge, "more than 100000 rows"},
	} {
		_, err := NewStartImportHandler(uc).Handle(ctx, StartImport{OwnerID: owner, File: c.file})
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if js, _ := NewListImportsHandler(uc).Handle(ctx, ListImports{UserID: owner}); len(js) != 0 {
		t.Fatalf("%d jobs stored", len(js))
	}
}

func TestXLSXHeaderMayFollowBlankRowsAndRowNumbersFollowTheSheet(t *testing.T) {
	file := xlsxFixture(t, nil, nil, []any{"serialNumber", "name", "operatingHours"}, []any{"A-1", "M", "x"}, nil, []any{"A-2", "M", 3})
	got, err := parseImportFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.rows) != 2 || got.rows[0].line != 4 || got.rows[0].err == nil || got.rows[0].err.Field != "operatingHours" ||
		got.rows[1].line != 6 || got.rows[1].err != nil || got.rows[1].hours != 3 {
		t.Fatalf("%+v", got.rows)
	}
}

func TestXLSXSharedFormulaCellsReadAsTheirGroupsText(t *testing.T) {
	wb := excelize.NewFile()
	defer wb.Close()
	_ = wb.SetSheetRow("Sheet1", "A1", &[]any{"serialNumber", "name"})
	_ = wb.SetSheetRow("Sheet1", "A2", &[]any{"S-1"})
	_ = wb.SetSheetRow("Sheet1", "A3", &[]any{"S-2"})
	kind, ref := excelize.STCellFormulaTypeShared, "B2:B3"
	if err := wb.SetCellFormula("Sheet1", "B2", `A2&"-name"`, excelize.FormulaOpts{Type: &kind, Ref: &ref}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	got, err := parseImportFile(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.rows) != 2 || got.rows[0].details.Name != `=A2&"-name"` || got.rows[1].details.Name != `=A2&"-name"` {
		t.Fatalf("%+v", got.rows)
	}
}
