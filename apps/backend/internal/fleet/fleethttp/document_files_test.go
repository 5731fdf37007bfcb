package fleethttp_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
	"github.com/fleetman/fleetman/packages/domain/document"
)

type documentFileBody struct {
	ID   string `json:"id"`
	File *struct {
		Name        string `json:"name"`
		ContentType string `json:"contentType"`
		Size        int64  `json:"size"`
	} `json:"file"`
}

// uploadFile PUTs content as the multipart field file, named name, with the part
// Content-Type partType (which the server must ignore).
func uploadFile(t *testing.T, s *testkit.Server, u *testkit.User, path, name, partType string, content []byte) *testkit.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name)
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+quoted+`"`)
	h.Set("Content-Type", partType)
	pw, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return s.Send(t, testkit.Request{Method: "PUT", Path: path, Token: u.Token, Body: body.Bytes(),
		Header: map[string]string{"Content-Type": w.FormDataContentType()}})
}

// filesOnDisk lists the files kept for a machine (none when its folder is gone).
func filesOnDisk(t *testing.T, s *testkit.Server, machineID string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(s.Config.DocumentFilesDir, machineID))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

var (
	pdfBytes  = append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), bytes.Repeat([]byte("policy terms 0123456789\n"), 5000)...)
	pngBytes  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 3000)...)
	textBytes = []byte("Inspection passed.\nNext one in March.\n")
)

// TestDocumentFilesOverHTTP: the owner attaches a file, which downloads as an
// attachment with the same bytes and the type sniffed from its content;
// replacing it keeps one file on disk; markup, an empty file, a missing field
// and a file over the limit are refused with the API error body; operators
// download but do not change; a stranger gets 404; removing the file and
// deleting the document remove it from disk.
func TestDocumentFilesOverHTTP(t *testing.T) {
	s := testkit.NewServer(t)
	owner, op, stranger := s.Register(t, "Owner"), s.Register(t, "Operator"), s.Register(t, "Stranger")
	befriend(t, owner, op)
	m := createMachine(t, owner, "FILE-1", 100)
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/operators", map[string]string{"userId": op.ID}).Expect(t, http.StatusNoContent)
	var d documentFileBody
	owner.Do(t, "POST", "/api/v1/machines/"+m.ID+"/documents", map[string]any{"type": "INSURANCE", "expiresOn": day(200)}).
		Expect(t, http.StatusCreated).JSON(t, &d)
	if d.File != nil {
		t.Fatalf("a new document has a file: %+v", d.File)
	}
	path := "/api/v1/machines/" + m.ID + "/documents/" + d.ID + "/file"

	// The client's name is cleaned and takes the sniffed type's extension; its part type is ignored.
	var got documentFileBody
	uploadFile(t, s, owner, path, `..\..\Policy 2026 "final".html`, "text/html", pdfBytes).Expect(t, http.StatusOK).JSON(t, &got)
	if got.File == nil || got.File.Name != "Policy 2026 _final.pdf" || got.File.ContentType != "application/pdf" ||
		got.File.Size != int64(len(pdfBytes)) {
		t.Fatalf("attached %+v", got.File)
	}
	var list []documentFileBody
	op.Do(t, "GET", "/api/v1/machines/"+m.ID+"/documents", nil).Expect(t, http.StatusOK).JSON(t, &list)
	if len(list) != 1 || list[0].File == nil || list[0].File.Size != int64(len(pdfBytes)) {
		t.Fatalf("listed %+v", list)
	}
	for _, u := range []*testkit.User{owner, op} {
		res := u.Do(t, "GET", path, nil).Expect(t, http.StatusOK)
		if !bytes.Equal(res.Body, pdfBytes) {
			t.Fatalf("%s downloads %d bytes, uploaded %d", u.Name, len(res.Body), len(pdfBytes))
		}
		if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "application/pdf" ||
			!strings.HasPrefix(cd, `attachment; filename="Policy 2026 _final.pdf"`) || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("download headers %v", res.Header)
		}
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 1 {
		t.Fatalf("on disk %v, want one file", on)
	}

	// Replacing: a PNG named .pdf by the client is a PNG; the PDF's bytes go.
	uploadFile(t, s, owner, path, "scan.pdf", "application/pdf", pngBytes).Expect(t, http.StatusOK).JSON(t, &got)
	if got.File.ContentType != "image/png" || got.File.Name != "scan.png" {
		t.Fatalf("replaced %+v", got.File)
	}
	if res := owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK); !bytes.Equal(res.Body, pngBytes) || res.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("after the replacement: %d bytes, %s", len(res.Body), res.Header.Get("Content-Type"))
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 1 {
		t.Fatalf("on disk after the replacement %v, want one file", on)
	}

	// Refused: markup however it is named, an empty file, no file field, too big (413), all with the API error body.
	for _, c := range []struct {
		name    string
		content []byte
	}{
		{"page.pdf", []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")},
		{"logo.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		{"notes.txt", []byte("  <html><body>hi</body></html>")},
		{"empty.pdf", nil},
	} {
		if f := fieldsOf(t, uploadFile(t, s, owner, path, c.name, "application/pdf", c.content)); f["file"] == "" {
			t.Fatalf("%s: fields %v", c.name, f)
		}
	}
	res := s.Send(t, testkit.Request{Method: "PUT", Path: path, Token: owner.Token, Body: map[string]string{"file": "x"}})
	if f := fieldsOf(t, res); f["file"] == "" {
		t.Fatalf("no multipart body: %v", f)
	}
	big := append([]byte("%PDF-1.7\n"), make([]byte, document.MaxFileBytes)...)
	res = uploadFile(t, s, owner, path, "big.pdf", "application/pdf", big).Expect(t, http.StatusRequestEntityTooLarge)
	if res.ErrorCode() != "PAYLOAD_TOO_LARGE" {
		t.Fatalf("too big: %s", res.Body)
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 1 {
		t.Fatalf("refused uploads left files on disk: %v", on)
	}
	if res := owner.Do(t, "GET", path, nil).Expect(t, http.StatusOK); !bytes.Equal(res.Body, pngBytes) {
		t.Fatal("a refused upload changed the file")
	}

	// Operators read only; strangers find nothing.
	uploadFile(t, s, op, path, "x.txt", "text/plain", textBytes).Expect(t, http.StatusForbidden)
	op.Do(t, "DELETE", path, nil).Expect(t, http.StatusForbidden)
	uploadFile(t, s, stranger, path, "x.txt", "text/plain", textBytes).Expect(t, http.StatusNotFound)
	stranger.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
	stranger.Do(t, "DELETE", path, nil).Expect(t, http.StatusNotFound)

	// Removing the file keeps the document and empties the disk.
	owner.Do(t, "DELETE", path, nil).Expect(t, http.StatusOK).JSON(t, &got)
	if got.File != nil {
		t.Fatalf("after remove %+v", got.File)
	}
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
	owner.Do(t, "DELETE", path, nil).Expect(t, http.StatusNotFound)
	if on := filesOnDisk(t, s, m.ID); len(on) != 0 {
		t.Fatalf("on disk after remove %v", on)
	}

	// Plain text is served as plain text; deleting the document deletes its file.
	uploadFile(t, s, owner, path, "notes", "image/png", textBytes).Expect(t, http.StatusOK).JSON(t, &got)
	if got.File.ContentType != "text/plain; charset=utf-8" || got.File.Name != "notes.txt" {
		t.Fatalf("text %+v", got.File)
	}
	if on := filesOnDisk(t, s, m.ID); len(on) != 1 {
		t.Fatalf("on disk %v", on)
	}
	owner.Do(t, "DELETE", "/api/v1/machines/"+m.ID+"/documents/"+d.ID, nil).Expect(t, http.StatusNoContent)
	if on := filesOnDisk(t, s, m.ID); len(on) != 0 {
		t.Fatalf("on disk after the document was deleted %v", on)
	}
	owner.Do(t, "GET", path, nil).Expect(t, http.StatusNotFound)
}
