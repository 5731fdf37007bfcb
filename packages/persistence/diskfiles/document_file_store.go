// Package diskfiles keeps the files of machine documents on disk, for the
// embedded store: one folder per machine under a root folder, one file per
// upload named by its file id (never by the client's name).
package diskfiles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// DocumentFileStore stores document files under root/<machine id>/<file id>.
// A file is written to a temporary file in the machine's folder and renamed
// into place once complete, so that a reader never sees part of one and a
// failed upload leaves nothing behind.
type DocumentFileStore struct{ root string }

// New returns the store on root, created (0700) when missing.
func New(root string) (*DocumentFileStore, error) {
	if root == "" {
		return nil, errors.New("diskfiles: the folder is not set")
	}
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("diskfiles: %w", err)
	}
	return &DocumentFileStore{root: root}, nil
}

// errBadKey: ids are the domain's hex ids, so that no key can name a path outside root.
var errBadKey = errors.New("diskfiles: not a machine or file id")

func (s *DocumentFileStore) machineDir(machineID string) (string, error) {
	if !domain.ValidID(machineID) {
		return "", errBadKey
	}
	return filepath.Join(s.root, machineID), nil
}

func (s *DocumentFileStore) path(machineID, fileID string) (string, error) {
	dir, err := s.machineDir(machineID)
	if err != nil || !domain.ValidID(fileID) {
		return "", errBadKey
	}
	return filepath.Join(dir, fileID), nil
}

// Put writes r's bytes as the file (machineID, fileID) and returns their
// count. When r fails (over the size limit, the client gone) nothing is kept
// and r's error is returned, wrapped.
func (s *DocumentFileStore) Put(ctx context.Context, machineID, fileID string, r io.Reader) (int64, error) {
	final, err := s.path(machineID, fileID)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return 0, fmt.Errorf("diskfiles: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".upload-*")
	if err != nil {
		return 0, fmt.Errorf("diskfiles: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	n, err := io.Copy(tmp, r)
	if err != nil {
		return 0, fmt.Errorf("diskfiles: write: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		return 0, fmt.Errorf("diskfiles: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return 0, fmt.Errorf("diskfiles: close: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		_ = os.Remove(tmp.Name())
		return 0, fmt.Errorf("diskfiles: rename: %w", err)
	}
	keep = true
	return n, nil
}

// Open returns the file's bytes; document.ErrFileNotFound when there is none.
func (s *DocumentFileStore) Open(_ context.Context, machineID, fileID string) (io.ReadCloser, error) {
	p, err := s.path(machineID, fileID)
	if err != nil {
		return nil, document.ErrFileNotFound
	}
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, document.ErrFileNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("diskfiles: open: %w", err)
	}
	return f, nil
}

// Delete removes the file (idempotent: a missing one is no error).
func (s *DocumentFileStore) Delete(_ context.Context, machineID, fileID string) error {
	p, err := s.path(machineID, fileID)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("diskfiles: delete: %w", err)
	}
	_ = os.Remove(filepath.Dir(p)) // the machine's folder, when that was its last file
	return nil
}

// DeleteByMachine removes every file of the machine, and unfinished uploads
// (idempotent).
func (s *DocumentFileStore) DeleteByMachine(_ context.Context, machineID string) error {
	dir, err := s.machineDir(machineID)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("diskfiles: delete machine's files: %w", err)
	}
	return nil
}
