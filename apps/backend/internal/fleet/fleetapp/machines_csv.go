package fleetapp

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
	"github.com/fleetman/fleetman/packages/domain/machine"
	"github.com/fleetman/fleetman/packages/domain/maintenance"
)

// The limits of an import file (docs/api-shapes.md).
const (
	MaxImportBytes    = 10 << 20 // 10 MiB
	MaxImportRows     = 100_000  // data rows, header excluded
	MaxPlansPerRow    = 10       // plan1… plan10 column groups
	maxImportColumns  = 200
	importFieldLength = 1000 // longer cells are refused before validation
)

// Errors of an import file as a whole.
var (
	// ErrImportTooLarge: over MaxImportBytes or MaxImportRows (413).
	ErrImportTooLarge = errors.New("import: file too large")
	// ErrNotCSV: the file is neither UTF-8 CSV text nor an XLSX workbook (a binary, another encoding, an old .xls).
	ErrNotCSV = &domain.FieldError{Field: "file", Message: "is not a CSV file (UTF-8 text, comma- or semicolon-separated, with a header row) or an XLSX workbook"}
)

// TooLargeError says which limit a file broke.
type TooLargeError struct{ Message string }

func (e *TooLargeError) Error() string { return "import: " + e.Message }

// Unwrap makes errors.Is(err, ErrImportTooLarge) hold.
func (e *TooLargeError) Unwrap() error { return ErrImportTooLarge }

// The columns of an import file and of the export (the template's header).
var machineColumns = []string{"serialNumber", "name", "brand", "model", "type", "operatingHours"}

var planColumns = []string{"Name", "Type", "IntervalHours", "IntervalDays", "DueSoonHours", "DueSoonDays"}

// Columns only the export writes (ignored on import).
var planExportColumns = []string{"Status", "NextDueHours", "NextDueAt"}

// ImportTemplate is the template CSV: the header with one plan and two example rows.
func ImportTemplate() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	header := append([]string{}, machineColumns...)
	for _, c := range planColumns {
		header = append(header, "plan1"+c)
	}
	_ = w.Write(header)
	_ = w.Write([]string{"CAT320-77341", "Excavator 3", "Caterpillar", "320 GC", "excavator", "1200", "Engine oil and filter", "OIL_CHANGE", "250", "180", "25", "14"})
	_ = w.Write([]string{"JD-5075E-0042", "Tractor 1", "John Deere", "5075E", "tractor", "830.5", "", "", "", "", "", ""})
	w.Flush()
	return b.Bytes()
}

// importRow is one validated data row.
type importRow struct {
	line    int // the row's number in the file (the header is 1)
	details machine.Details
	hours   float64
	plans   []maintenance.Spec
	err     *importjob.RowError // the first problem found; nothing of the row is written
}

// importFile is a parsed import file (CSV or XLSX).
type importFile struct {
	rows []importRow
}

// header maps column names to indexes.
type header struct {
	index map[string]int
	plans int // the highest plan group present
}

var zipMagic = []byte("PK\x03\x04")

// parseImportFile checks the whole file (syntax, header, limits) and
// validates each row; row problems are kept on the row, file problems are
// returned. The content decides the format, not the name: a ZIP container is
// read as XLSX (machines_xlsx.go), anything else must be UTF-8 CSV.
func parseImportFile(data []byte) (importFile, error) {
	if len(data) > MaxImportBytes {
		return importFile{}, &TooLargeError{Message: fmt.Sprintf("the file is over %d MiB", MaxImportBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return importFile{}, &domain.FieldError{Field: "file", Message: "is empty"}
	}
	if bytes.HasPrefix(data, zipMagic) {
		return parseXLSX(data)
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return importFile{}, ErrNotCSV
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	header := true
	return readImportRows(func() (int, []string, error) {
		rec, err := r.Read()
		var perr *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return 0, nil, io.EOF
		case header && err != nil:
			return 0, nil, ErrNotCSV
		case errors.As(err, &perr):
			return 0, nil, &domain.FieldError{Field: "file", Message: fmt.Sprintf("is not valid CSV at line %d: %v", perr.Line, perr.Err)}
		case err != nil:
			return 0, nil, ErrNotCSV
		}
		header = false
		line, _ := r.FieldPos(0)
		return line, rec, nil
	})
}

// readImportRows reads the header record and then the data records of a
// file, up to MaxImportRows; blank records are skipped. next returns io.EOF
// at the end.
func readImportRows(next func() (line int, rec []string, err error)) (importFile, error) {
	_, rec, err := next()
	if errors.Is(err, io.EOF) {
		return importFile{}, &domain.FieldError{Field: "file", Message: "is empty"}
	}
	if err != nil {
		return importFile{}, err
	}
	h, err := parseHeader(rec)
	if err != nil {
		return importFile{}, err
	}
	var f importFile
	for {
		line, rec, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return importFile{}, err
		}
		if blankRecord(rec) {
			continue
		}
		if len(f.rows) == MaxImportRows {
			return importFile{}, &TooLargeError{Message: fmt.Sprintf("the file has more than %d rows", MaxImportRows)}
		}
		f.rows = append(f.rows, h.row(line, rec))
	}
	if len(f.rows) == 0 {
		return importFile{}, &domain.FieldError{Field: "file", Message: "has a header but no rows"}
	}
	return f, nil
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func parseHeader(rec []string) (header, error) {
	if len(rec) > maxImportColumns {
		return header{}, &domain.FieldError{Field: "file", Message: fmt.Sprintf("has more than %d columns", maxImportColumns)}
	}
	known := map[string]string{}
	for _, c := range machineColumns {
		known[strings.ToLower(c)] = c
	}
	for i := 1; i <= MaxPlansPerRow; i++ {
		for _, c := range append(append([]string{}, planColumns...), planExportColumns...) {
			name := fmt.Sprintf("plan%d%s", i, c)
			known[strings.ToLower(name)] = name
		}
	}
	h := header{index: map[string]int{}}
	for i, raw := range rec {
		name, ok := known[strings.ToLower(strings.TrimSpace(raw))]
		if !ok {
			continue // unknown columns are ignored (the export's own, a spreadsheet's extras)
		}
		if _, dup := h.index[name]; dup {
			return header{}, &domain.FieldError{Field: "file", Message: fmt.Sprintf("has the column %s twice", name)}
		}
		h.index[name] = i
		if strings.HasPrefix(name, "plan") {
			n, _ := strconv.Atoi(digits(name[4:]))
			h.plans = max(h.plans, n)
		}
	}
	for _, c := range []string{"serialNumber", "name"} {
		if _, ok := h.index[c]; !ok {
			return header{}, &domain.FieldError{Field: "file", Message: fmt.Sprintf("has no %s column (the header row must name the columns: see the template)", c)}
		}
	}
	return h, nil
}

// timeZero stands for "now" where only validation matters.
var timeZero time.Time

func digits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func rowError(line int, field, msg string) importRow {
	return importRow{line: line, err: &importjob.RowError{Row: line, Field: field, Message: msg}}
}

// row validates one record: cells, numbers, the machine, its plans.
func (h header) row(line int, rec []string) importRow {
	if len(rec) < len(h.index) {
		// A short row: some named column has no cell.
		for name, i := range h.index {
			if i >= len(rec) && (name == "serialNumber" || name == "name") {
				return rowError(line, name, fmt.Sprintf("is missing: the row has %d cells, the header more", len(rec)))
			}
		}
	}
	cell := func(name string) string {
		i, ok := h.index[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return unescapeCell(rec[i])
	}
	for name := range h.index {
		if utf8.RuneCountInString(cell(name)) > importFieldLength {
			return rowError(line, name, fmt.Sprintf("must be at most %d characters", importFieldLength))
		}
	}
	out := importRow{line: line, details: machine.Details{SerialNumber: cell("serialNumber"), Name: cell("name"),
		Brand: cell("brand"), Model: cell("model"), Type: cell("type")}}
	if v := strings.TrimSpace(cell("operatingHours")); v != "" {
		h, err := parseNumber(v)
		if err != nil {
			return rowError(line, "operatingHours", "must be a number")
		}
		if err := machine.ValidateHours("operatingHours", h); err != nil {
			return rowError(line, "operatingHours", fieldMessage(err))
		}
		out.hours = h
	}
	// Validate the machine as it would be stored (trimming, lengths).
	if _, err := machine.New(domain.NewID(), out.details, out.hours, timeZero); err != nil {
		var fe *domain.FieldError
		if errors.As(err, &fe) {
			return rowError(line, fe.Field, fe.Message)
		}
		return rowError(line, "", err.Error())
	}
	for i := 1; i <= h.plans; i++ {
		p := fmt.Sprintf("plan%d", i)
		name := strings.TrimSpace(cell(p + "Name"))
		rest := cell(p+"Type") + cell(p+"IntervalHours") + cell(p+"IntervalDays") + cell(p+"DueSoonHours") + cell(p+"DueSoonDays")
		if name == "" {
			if strings.TrimSpace(rest) != "" {
				return rowError(line, p+"Name", "is required when the plan has other values")
			}
			continue
		}
		spec := maintenance.Spec{Name: name, Type: cell(p + "Type")}
		var err error
		if spec.IntervalHours, err = optFloat(cell(p + "IntervalHours")); err != nil {
			return rowError(line, p+"IntervalHours", "must be a number")
		}
		if spec.DueSoonHours, err = optFloat(cell(p + "DueSoonHours")); err != nil {
			return rowError(line, p+"DueSoonHours", "must be a number")
		}
		if spec.IntervalDays, err = optInt(cell(p + "IntervalDays")); err != nil {
			return rowError(line, p+"IntervalDays", "must be a whole number")
		}
		if spec.DueSoonDays, err = optInt(cell(p + "DueSoonDays")); err != nil {
			return rowError(line, p+"DueSoonDays", "must be a whole number")
		}
		if _, err := maintenance.New(domain.NewID(), domain.NewID(), spec, out.hours, timeZero); err != nil {
			var fe *domain.FieldError
			if errors.As(err, &fe) {
				field := p + strings.ToUpper(fe.Field[:1]) + fe.Field[1:]
				if fe.Field == "intervalHours" && spec.IntervalHours == nil && spec.IntervalDays == nil {
					return rowError(line, p+"IntervalHours", "give intervalHours, intervalDays or both")
				}
				return rowError(line, field, fe.Message)
			}
			return rowError(line, p, err.Error())
		}
		for _, other := range out.plans {
			if strings.EqualFold(other.Name, spec.Name) {
				return rowError(line, p+"Name", "names another plan of this row")
			}
		}
		out.plans = append(out.plans, spec)
	}
	return out
}

func fieldMessage(err error) string {
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		return fe.Message
	}
	return err.Error()
}

// parseNumber reads a decimal number; a comma decimal separator is accepted
// ("1200,5") when there is no dot.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("not a number")
	}
	return v, nil
}

func optFloat(s string) (*float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := parseNumber(s)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func optInt(s string) (*int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// A cell a spreadsheet would evaluate starts with one of these.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// escapeCell makes a text cell safe to open in a spreadsheet: a cell that
// would be read as a formula (or that starts with the escape itself) gets a
// leading apostrophe. unescapeCell undoes exactly this, so a round trip is lossless.
func escapeCell(s string) string {
	if formulaLike(s) || (strings.HasPrefix(s, "'") && (formulaLike(s[1:]) || strings.HasPrefix(s[1:], "'"))) {
		return "'" + s
	}
	return s
}

func unescapeCell(s string) string {
	if strings.HasPrefix(s, "'") && (formulaLike(s[1:]) || strings.HasPrefix(s[1:], "'")) {
		return s[1:]
	}
	return s
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
