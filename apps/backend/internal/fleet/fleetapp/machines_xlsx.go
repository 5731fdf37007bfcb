package fleetapp

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/fleetman/fleetman/packages/domain"
)

// The limits of an XLSX upload beyond MaxImportBytes and MaxImportRows: a
// ZIP container compresses XML tenfold and more, so what is decompressed is
// bounded too (a zip bomb is refused before its parts are read: the parts'
// declared sizes are summed, and archive/zip refuses a part that inflates
// beyond its declared size), and so are the rows the reader walks (a sheet
// whose one row is numbered 1,000,000 would otherwise be walked row by row).
const (
	MaxImportXLSXUnzipped = 200 << 20 // 200 MiB of XML in all
	maxXLSXRowsRead       = 2*MaxImportRows + 1
	// xlsxInMemory: larger parts (a big sheet, the shared strings) are read
	// from a temporary file that Close removes, not held in memory.
	xlsxInMemory = 16 << 20
)

var errNotXLSX = &domain.FieldError{Field: "file", Message: "is a ZIP file but not an XLSX workbook (save it as .xlsx or as CSV UTF-8)"}

// parseXLSX reads the first worksheet of an XLSX workbook with the same
// columns, row checks and limits as a CSV file. Cells are read as stored:
// numbers unformatted, and a formula cell as its formula's text (starting
// with "="), never its cached result and never evaluated, so a formula is
// refused where a number is expected and kept as text elsewhere, exactly as
// the same text in a CSV file. Rows are numbered as the spreadsheet numbers them.
func parseXLSX(data []byte) (importFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return importFile{}, errNotXLSX
	}
	var unzipped uint64
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
	}
	if unzipped > MaxImportXLSXUnzipped {
		return importFile{}, &TooLargeError{Message: fmt.Sprintf("the workbook unpacks to more than %d MiB", MaxImportXLSXUnzipped>>20)}
	}
	sheetPath, err := firstSheetPath(zr)
	if err != nil {
		return importFile{}, err
	}
	formulas, err := sheetFormulas(zr, sheetPath)
	if err != nil {
		return importFile{}, err
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxImportXLSXUnzipped, UnzipXMLSizeLimit: xlsxInMemory})
	if err != nil {
		return importFile{}, errNotXLSX // the size was checked above
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		return importFile{}, errNotXLSX
	}
	rows, err := wb.Rows(sheets[0])
	if err != nil {
		return importFile{}, errNotXLSX
	}
	defer rows.Close()
	line, headerSeen := 0, false
	return readImportRows(func() (int, []string, error) {
		for {
			if !rows.Next() {
				if err := rows.Error(); err != nil {
					return 0, nil, &domain.FieldError{Field: "file", Message: "is not a readable XLSX workbook: " + err.Error()}
				}
				return 0, nil, io.EOF
			}
			line++
			if line > maxXLSXRowsRead {
				return 0, nil, &TooLargeError{Message: fmt.Sprintf("the file has more than %d rows", MaxImportRows)}
			}
			rec, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return 0, nil, &domain.FieldError{Field: "file", Message: fmt.Sprintf("is not a readable XLSX workbook at row %d", line)}
			}
			if len(rec) > maxImportColumns {
				rec = rec[:maxImportColumns] // columns beyond the header's bound are never named
			}
			for col, f := range formulas[line] {
				if col < len(rec) {
					rec[col] = "=" + f
				}
			}
			if !headerSeen && blankRecord(rec) {
				continue // the header is the first row that has cells
			}
			headerSeen = true
			return line, rec, nil
		}
	})
}

// firstSheetPath finds the part of the workbook's first sheet through
// xl/workbook.xml and its relationships.
func firstSheetPath(zr *zip.Reader) (string, error) {
	var wb struct {
		Sheets []struct {
			RID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil || len(wb.Sheets) == 0 {
		return "", errNotXLSX
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", errNotXLSX
	}
	for _, r := range rels.Rel {
		if r.ID == wb.Sheets[0].RID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", errNotXLSX
}

func openPart(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, zf := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), name) {
			return zf.Open()
		}
	}
	return nil, errNotXLSX
}

func decodePart(zr *zip.Reader, name string, v any) error {
	rc, err := openPart(zr, name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// sheetFormulas streams a sheet's XML and returns the text of each formula
// cell by row and 0-based column (the streaming row reader gives cached
// results only). A cell of a shared formula that holds no text of its own
// gets its group's text.
func sheetFormulas(zr *zip.Reader, sheetPath string) (map[int]map[int]string, error) {
	out := map[int]map[int]string{}
	if has, err := partHasFormula(zr, sheetPath); err != nil || !has {
		return out, err
	}
	rc, err := openPart(zr, sheetPath)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	shared := map[string]string{}
	d := xml.NewDecoder(rc)
	row, col, ref := 0, -1, ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, &domain.FieldError{Field: "file", Message: "is not a readable XLSX workbook (its sheet is not valid XML)"}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			row++
			if r, err := strconv.Atoi(attr(se, "r")); err == nil {
				row = r
			}
			if row > maxXLSXRowsRead {
				return out, nil // the row reader refuses the file
			}
			col = -1
		case "c":
			col++
			if ref = attr(se, "r"); ref != "" {
				if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c - 1
				}
			}
		case "f":
			var text string
			if err := d.DecodeElement(&text, &se); err != nil {
				return nil, &domain.FieldError{Field: "file", Message: "is not a readable XLSX workbook (its sheet is not valid XML)"}
			}
			if si := attr(se, "si"); attr(se, "t") == "shared" && si != "" {
				if text != "" {
					shared[si] = text
				} else {
					text = shared[si]
				}
			}
			if out[row] == nil {
				out[row] = map[int]string{}
			}
			out[row][col] = text
		}
	}
}

// partHasFormula says whether a part may hold an <f> element (with or
// without a namespace prefix): a plain byte scan, several times cheaper than
// decoding the XML, so a sheet without formulas is decoded once only.
func partHasFormula(zr *zip.Reader, name string) (bool, error) {
	rc, err := openPart(zr, name)
	if err != nil {
		return false, err
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	keep := 0 // bytes carried over from the previous chunk
	for {
		n, err := rc.Read(buf[keep:])
		chunk := buf[:keep+n]
		for i := bytes.IndexByte(chunk, 'f'); i >= 0 && i+1 < len(chunk); {
			if i > 0 && (chunk[i-1] == '<' || chunk[i-1] == ':') && bytes.IndexByte([]byte(" >/"), chunk[i+1]) >= 0 {
				return true, nil
			}
			j := bytes.IndexByte(chunk[i+1:], 'f')
			if j < 0 {
				break
			}
			i += j + 1
		}
		keep = copy(buf, chunk[max(len(chunk)-2, 0):])
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, &domain.FieldError{Field: "file", Message: "is not a readable XLSX workbook (its sheet cannot be unpacked)"}
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
