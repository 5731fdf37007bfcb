package document

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

// MaxFileBytes is the largest file a document may carry (10 MiB).
const MaxFileBytes = 10 << 20

// SniffBytes is how much of a file its type is decided from.
const SniffBytes = 512

// MaxFileNameLength bounds the file name kept for display and download.
const MaxFileNameLength = 100

// Errors of a document's file.
var (
	ErrFileNotFound = domain.NewError(domain.ErrNotFound, "the document has no file")
	ErrFileTooLarge = domain.NewError(domain.ErrTooLarge, fmt.Sprintf("the file is over %d MiB", MaxFileBytes>>20))
	ErrFileEmpty    = domain.Invalid("file", "is empty")
	ErrFileType     = domain.Invalid("file", "must be a PDF, PNG, JPEG or WebP file, or plain UTF-8 text (decided by its content)")
)

// File is the one file a document may carry. Its bytes live in a file store
// under (machine id, ID); ID is the store's key, new on each upload, so that
// a replacement never overwrites the bytes a reader is being sent.
type File struct {
	ID          string
	Name        string // safe for a Content-Disposition: see FileName
	ContentType string // sniffed from the content, one of the allowed types
	Size        int64
	UploadedAt  time.Time
}

// allowedTypes maps each accepted sniffed type to the extension its file name gets.
var allowedTypes = map[string]string{
	"application/pdf":           ".pdf",
	"image/png":                 ".png",
	"image/jpeg":                ".jpg",
	"image/webp":                ".webp",
	"text/plain; charset=utf-8": ".txt",
}

// SniffType decides a file's type from its first bytes (up to SniffBytes) with
// the standard content sniffing algorithm, never from what a client says:
// PDF, PNG, JPEG, WebP, or UTF-8 text that does not start as markup (an HTML,
// SVG or XML file is refused even where it sniffs as text). ErrFileEmpty or
// ErrFileType otherwise.
func SniffType(head []byte) (string, error) {
	if len(head) == 0 {
		return "", ErrFileEmpty
	}
	if len(head) > SniffBytes {
		head = head[:SniffBytes]
	}
	typ := http.DetectContentType(head)
	if _, ok := allowedTypes[typ]; !ok {
		return "", ErrFileType
	}
	if strings.HasPrefix(typ, "text/") {
		trimmed := bytes.TrimLeftFunc(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), unicode.IsSpace)
		if bytes.HasPrefix(trimmed, []byte("<")) {
			return "", ErrFileType
		}
	}
	return typ, nil
}

// FileName is the name a file is kept and downloaded under: the base of the
// client's name without its extension, letters, digits, spaces, dots, dashes
// and underscores only (others become _), at most MaxFileNameLength
// characters, then the extension of its sniffed type ("document" when nothing
// is left). It names the file for people; the store's key is File.ID.
func FileName(clientName, contentType string) string {
	base := clientName
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimSuffix(base, path.Ext(base))
	var b strings.Builder
	for _, r := range base {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" .-_", r)):
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.Trim(b.String(), " ._")
	ext := allowedTypes[contentType]
	if max := MaxFileNameLength - len(ext); utf8.RuneCountInString(name) > max {
		name = string([]rune(name)[:max])
	}
	if name == "" {
		name = "document"
	}
	return name + ext
}

// NewFile validates a file's facts as the upload established them; id is
// the store key its bytes were written under.
func NewFile(id, clientName, contentType string, size int64, now time.Time) (File, error) {
	if !domain.ValidID(id) {
		return File{}, domain.Invalid("fileId", "must be a file id")
	}
	if _, ok := allowedTypes[contentType]; !ok {
		return File{}, ErrFileType
	}
	if size <= 0 {
		return File{}, ErrFileEmpty
	}
	if size > MaxFileBytes {
		return File{}, ErrFileTooLarge
	}
	return File{ID: id, Name: FileName(clientName, contentType), ContentType: contentType, Size: size,
		UploadedAt: now.UTC().Truncate(time.Millisecond)}, nil
}

// FileStore keeps the bytes of documents' files, by machine and file
// id (a new id per upload). Every removal is idempotent.
type FileStore interface {
	// Put writes r's bytes as the file and returns their count; when r fails
	// nothing is kept and r's error is returned, wrapped.
	Put(ctx context.Context, machineID, fileID string, r io.Reader) (int64, error)
	// Open returns the bytes; ErrFileNotFound when there are none.
	Open(ctx context.Context, machineID, fileID string) (io.ReadCloser, error)
	Delete(ctx context.Context, machineID, fileID string) error
	// DeleteByMachine removes every file of the machine.
	DeleteByMachine(ctx context.Context, machineID string) error
}
