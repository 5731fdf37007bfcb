package repotest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// DocumentFileStore is what the fleet use cases need of a document file
// store (their port, apps/backend/internal/fleet/fleetapp.DocumentFileStore).
type DocumentFileStore interface {
	Put(ctx context.Context, machineID, fileID string, r io.Reader) (int64, error)
	Open(ctx context.Context, machineID, fileID string) (io.ReadCloser, error)
	Delete(ctx context.Context, machineID, fileID string) error
	DeleteByMachine(ctx context.Context, machineID string) error
}

// failingReader yields some bytes, then fails (an upload over its limit, a client gone).
type failingReader struct{ sent bool }

var errUploadCut = errors.New("upload cut")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.sent {
		return 0, errUploadCut
	}
	r.sent = true
	return copy(p, bytes.Repeat([]byte("x"), 4096)), nil
}

// DocumentFiles runs the document file store contract against a fresh store from newStore.
func DocumentFiles(t *testing.T, newStore func(t *testing.T) DocumentFileStore) {
	ctx := context.Background()
	read := func(t *testing.T, s DocumentFileStore, machineID, fileID string) ([]byte, error) {
		t.Helper()
		rc, err := s.Open(ctx, machineID, fileID)
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}

	t.Run("put, read back the same bytes, delete (idempotent)", func(t *testing.T) {
		s := newStore(t)
		m, f := domain.NewID(), domain.NewID()
		body := bytes.Repeat([]byte("%PDF-1.7 fleet "), 40_000) // several GridFS chunks
		n, err := s.Put(ctx, m, f, bytes.NewReader(body))
		if err != nil || n != int64(len(body)) {
			t.Fatalf("put: %d %v", n, err)
		}
		got, err := read(t, s, m, f)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("read back %d bytes (%v), put %d", len(got), err, len(body))
		}
		if _, err := read(t, s, domain.NewID(), f); !errors.Is(err, document.ErrFileNotFound) {
			t.Fatalf("through another machine: %v", err)
		}
		if _, err := read(t, s, m, domain.NewID()); !errors.Is(err, document.ErrFileNotFound) {
			t.Fatalf("unknown file: %v", err)
		}
		must(t, s.Delete(ctx, m, f))
		must(t, s.Delete(ctx, m, f))
		if _, err := read(t, s, m, f); !errors.Is(err, document.ErrFileNotFound) {
			t.Fatalf("deleted file: %v", err)
		}
	})

	t.Run("an upload whose source fails keeps nothing", func(t *testing.T) {
		s := newStore(t)
		m, f := domain.NewID(), domain.NewID()
		if _, err := s.Put(ctx, m, f, &failingReader{}); !errors.Is(err, errUploadCut) {
			t.Fatalf("put from a failing source: %v, want its error", err)
		}
		if _, err := read(t, s, m, f); !errors.Is(err, document.ErrFileNotFound) {
			t.Fatalf("after a failed upload: %v", err)
		}
	})

	t.Run("DeleteByMachine removes that machine's files only, and may run again", func(t *testing.T) {
		s := newStore(t)
		m, other := domain.NewID(), domain.NewID()
		a, b, kept := domain.NewID(), domain.NewID(), domain.NewID()
		for _, k := range [][2]string{{m, a}, {m, b}, {other, kept}} {
			if _, err := s.Put(ctx, k[0], k[1], bytes.NewReader([]byte("hello "+k[1]))); err != nil {
				t.Fatal(err)
			}
		}
		must(t, s.DeleteByMachine(ctx, m))
		must(t, s.DeleteByMachine(ctx, m))
		for _, f := range []string{a, b} {
			if _, err := read(t, s, m, f); !errors.Is(err, document.ErrFileNotFound) {
				t.Fatalf("file %s of the deleted machine: %v", f, err)
			}
		}
		if got, err := read(t, s, other, kept); err != nil || string(got) != "hello "+kept {
			t.Fatalf("another machine's file: %q %v", got, err)
		}
	})
}
