package message

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fleetman/fleetman/packages/domain"
)

func TestNewValidatesContent(t *testing.T) {
	a, b := domain.NewID(), domain.NewID()
	now := time.Now()
	for name, content := range map[string]string{
		"empty":      "",
		"blank":      " \n\t ",
		"too long":   strings.Repeat("é", MaxContentLength+1),
		"bad utf8":   "ok \xff",
		"long blank": strings.Repeat(" ", 3000),
	} {
		if _, err := New(a, b, content, now); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	m, err := New(a, b, "  "+strings.Repeat("é", MaxContentLength)+"\n", now)
	if err != nil {
		t.Fatalf("2000 characters after trimming: %v", err)
	}
	if utf8.RuneCountInString(m.Content()) != MaxContentLength || m.SenderID() != a || m.RecipientID() != b ||
		m.ReadAt() != nil || !domain.ValidID(m.ID()) {
		t.Fatalf("unexpected message %+v", m)
	}
	if _, err := New(a, a, "hi", now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("to oneself: %v", err)
	}
	if _, err := New("x", b, "hi", now); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("bad sender id: %v", err)
	}
}

func TestPreviewCutsOnCharacterBoundary(t *testing.T) {
	a, b := domain.NewID(), domain.NewID()
	short, _ := New(a, b, "hello", time.Now())
	if short.Preview() != "hello" {
		t.Fatalf("short preview %q", short.Preview())
	}
	exact, _ := New(a, b, strings.Repeat("a", PreviewLength), time.Now())
	if exact.Preview() != strings.Repeat("a", PreviewLength) {
		t.Fatalf("exact preview %q", exact.Preview())
	}
	// Multi-byte characters straddle byte 100: the cut must not split one.
	long, _ := New(a, b, strings.Repeat("😀ñ", 80), time.Now())
	p := long.Preview()
	if !utf8.ValidString(p) || utf8.RuneCountInString(p) != PreviewLength || !strings.HasPrefix(long.Content(), p) {
		t.Fatalf("preview %q (%d characters)", p, utf8.RuneCountInString(p))
	}
}

func TestPairKeyIsSymmetric(t *testing.T) {
	a, b := domain.NewID(), domain.NewID()
	if PairKey(a, b) != PairKey(b, a) || PairKey(a, b) != a+":"+b {
		t.Fatalf("PairKey(%s, %s) = %s", a, b, PairKey(a, b))
	}
}
