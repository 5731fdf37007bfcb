package document

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestSniffType(t *testing.T) {
	tests := []struct {
		name string
		head string
		want string // "" for refused
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"},
		{"webp", "RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"},
		{"text", "Policy number 42\nvalid until 2027\n", "text/plain; charset=utf-8"},
		{"html", "<!DOCTYPE html><html><script>alert(1)</script>", ""},
		{"html after spaces", "  \n<html><body>hi</body></html>", ""},
		{"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", ""},
		{"xml svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", ""},
		{"svg after a BOM", "\xef\xbb\xbf<svg/>", ""},
		{"zip", "PK\x03\x04\x14\x00\x00\x00", ""},
		{"gif", "GIF89a\x01\x00\x01\x00", ""},
		{"binary", "\x00\x01\x02\x03\x04\xfe\xff", ""},
	}
	for _, tt := range tests {
		got, err := SniffType([]byte(tt.head))
		if tt.want == "" {
			if !errors.Is(err, ErrFileType) {
				t.Errorf("%s: %q %v, want refused", tt.name, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: %q %v, want %q", tt.name, got, err, tt.want)
		}
	}
	if _, err := SniffType(nil); !errors.Is(err, ErrFileEmpty) {
		t.Errorf("empty: %v", err)
	}
	var fe *domain.FieldError
	if _, err := SniffType([]byte("<html>")); !errors.As(err, &fe) || fe.Field != "file" {
		t.Errorf("the error names the field: %v", err)
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ client, typ, want string }{
		{"policy.pdf", "application/pdf", "policy.pdf"},
		{"C:\\Users\\me\\scan 2026.PNG", "image/png", "scan 2026.png"},
		{"../../etc/passwd", "text/plain; charset=utf-8", "passwd.txt"},
		{"evil\"; filename=x.html", "application/pdf", "evil__ filename_x.pdf"},
		{"report.html", "application/pdf", "report.pdf"}, // the extension is the sniffed type's
		{"Prüfbericht.pdf", "application/pdf", "Prüfbericht.pdf"},
		{"", "image/jpeg", "document.jpg"},
		{"...", "image/webp", "document.webp"},
		{strings.Repeat("a", 300) + ".pdf", "application/pdf", strings.Repeat("a", MaxFileNameLength-4) + ".pdf"},
	}
	for _, tt := range tests {
		if got := FileName(tt.client, tt.typ); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.client, got, tt.want)
		}
	}
}

func TestNewFile(t *testing.T) {
	now := time.Now()
	f, err := NewFile(domain.NewID(), "a.pdf", "application/pdf", 10, now)
	if err != nil || f.Name != "a.pdf" || f.Size != 10 {
		t.Fatalf("%+v %v", f, err)
	}
	for _, c := range []struct {
		id, typ string
		size    int64
		want    error
	}{
		{"nope", "application/pdf", 10, domain.ErrInvalid},
		{domain.NewID(), "text/html; charset=utf-8", 10, ErrFileType},
		{domain.NewID(), "application/pdf", 0, ErrFileEmpty},
		{domain.NewID(), "application/pdf", MaxFileBytes + 1, ErrFileTooLarge},
	} {
		if _, err := NewFile(c.id, "x", c.typ, c.size, now); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v", c, err)
		}
	}
}
