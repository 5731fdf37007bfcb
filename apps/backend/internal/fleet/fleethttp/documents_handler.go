package fleethttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/bind"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/document"
)

// DocumentUseCases are the machine document use cases.
type DocumentUseCases struct {
	// Add stores a document of a machine.
	Add interface {
		Handle(ctx context.Context, cmd fleetapp.AddDocument) (document.Document, error)
	}
	// List lists a machine's documents.
	List interface {
		Handle(ctx context.Context, cmd fleetapp.ListDocuments) ([]document.Document, error)
	}
	// Delete removes a document with its file.
	Delete interface {
		Handle(ctx context.Context, cmd fleetapp.DeleteDocument) error
	}
	// AttachFile stores a document's file.
	AttachFile interface {
		Handle(ctx context.Context, cmd fleetapp.AttachDocumentFile) (document.Document, error)
	}
	// OpenFile opens a document's file for download.
	OpenFile interface {
		Handle(ctx context.Context, cmd fleetapp.OpenDocumentFile) (fleetapp.OpenedFile, error)
	}
	// RemoveFile removes a document's file.
	RemoveFile interface {
		Handle(ctx context.Context, cmd fleetapp.RemoveDocumentFile) (document.Document, error)
	}
}

// DocumentsHandler serves /machines/{id}/documents.
type DocumentsHandler struct{ uc DocumentUseCases }

// NewDocumentsHandler builds the handler.
func NewDocumentsHandler(uc DocumentUseCases) *DocumentsHandler { return &DocumentsHandler{uc: uc} }

// Register mounts the routes on priv (authenticated).
func (h *DocumentsHandler) Register(priv *gin.RouterGroup) {
	priv.POST("/machines/:id/documents", h.add)
	priv.GET("/machines/:id/documents", h.list)
	priv.DELETE("/machines/:id/documents/:documentId", h.delete)
	priv.PUT("/machines/:id/documents/:documentId/file", h.attachFile)
	priv.GET("/machines/:id/documents/:documentId/file", h.downloadFile)
	priv.DELETE("/machines/:id/documents/:documentId/file", h.removeFile)
}

// DocumentFileDTO is a document's file: its cleaned name, sniffed type and size in bytes.
type DocumentFileDTO struct {
	Name        string    `json:"name" example:"policy-2026.pdf"`
	ContentType string    `json:"contentType" example:"application/pdf" enums:"application/pdf,image/png,image/jpeg,image/webp,text/plain; charset=utf-8"`
	Size        int64     `json:"size" example:"482113"`
	UploadedAt  time.Time `json:"uploadedAt"`
}

// DocumentDTO is a machine document as the API shows it.
type DocumentDTO struct {
	ID        string    `json:"id"`
	MachineID string    `json:"machineId"`
	Type      string    `json:"type" example:"INSURANCE" enums:"INSURANCE,INSPECTION_CERTIFICATE,REGISTRATION,CUSTOM"`
	Name      string    `json:"name" example:"Crane permit"`
	Number    string    `json:"number" example:"POL-2026-0042"`
	IssuedOn  *string   `json:"issuedOn" example:"2026-01-15" extensions:"x-nullable"`
	ExpiresOn string    `json:"expiresOn" example:"2027-01-14"`
	DaysLeft  int       `json:"daysLeft" example:"43"` // negative once expired
	CreatedAt time.Time `json:"createdAt"`
	// File is the attached file, null when there is none.
	File *DocumentFileDTO `json:"file" extensions:"x-nullable"`
}

func newDocumentDTO(d document.Document, now time.Time) DocumentDTO {
	r := d.Record()
	out := DocumentDTO{ID: r.ID, MachineID: r.MachineID, Type: string(r.Type), Name: r.Name, Number: r.Number,
		ExpiresOn: r.ExpiresOn.Format(document.DateLayout), DaysLeft: d.DaysLeft(now), CreatedAt: r.CreatedAt}
	if !r.IssuedOn.IsZero() {
		v := r.IssuedOn.Format(document.DateLayout)
		out.IssuedOn = &v
	}
	if f, ok := d.File(); ok {
		out.File = &DocumentFileDTO{Name: f.Name, ContentType: f.ContentType, Size: f.Size, UploadedAt: f.UploadedAt}
	}
	return out
}

type addDocumentRequest struct {
	Type      string `json:"type" validate:"required" example:"INSURANCE"`
	Name      string `json:"name,omitempty" example:"Crane permit"`
	Number    string `json:"number,omitempty" example:"POL-2026-0042"`
	IssuedOn  string `json:"issuedOn,omitempty" example:"2026-01-15"`
	ExpiresOn string `json:"expiresOn" validate:"required" example:"2027-01-14"`
}

// add godoc
//
//	@Summary		Add a document to a machine
//	@Description	Owner only. Insurance, inspection certificate, registration or custom (a name is required), with its number and issue and expiry dates (YYYY-MM-DD). The owner is reminded by a DOCUMENT_EXPIRY notification when the expiry is DOCUMENT_EXPIRY_THRESHOLDS days away (30, 7 and 0 by default: DUE_SOON, then EXPIRED on the day), once per threshold; a document added past a threshold is reminded of the most urgent one at once.
//	@Tags			fleet
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Machine id"
//	@Param			body	body		addDocumentRequest	true	"The document"
//	@Success		201		{object}	DocumentDTO
//	@Failure		400		{object}	httperr.Body	"the field is named"
//	@Failure		403		{object}	httperr.Body	"an operator of the machine: only its owner adds documents"
//	@Failure		404		{object}	httperr.Body	"no such machine, or not yours"
//	@Router			/machines/{id}/documents [post]
func (h *DocumentsHandler) add(c *gin.Context) {
	var req addDocumentRequest
	if err := bind.JSON(c, &req); err != nil {
		_ = c.Error(err)
		return
	}
	d, err := h.uc.Add.Handle(c.Request.Context(), fleetapp.AddDocument{UserID: auth.UserID(c), MachineID: c.Param("id"), Draft: document.Draft{Type: document.Type(req.Type),
		Name: req.Name, Number: req.Number, IssuedOn: req.IssuedOn, ExpiresOn: req.ExpiresOn}})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, newDocumentDTO(d, time.Now()))
}

// list godoc
//
//	@Summary		A machine's documents
//	@Description	The owner's and the machine's operators': soonest expiry first, with the days left.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Machine id"
//	@Success		200	{array}		DocumentDTO
//	@Failure		404	{object}	httperr.Body	"no such machine, or not yours"
//	@Router			/machines/{id}/documents [get]
func (h *DocumentsHandler) list(c *gin.Context) {
	docs, err := h.uc.List.Handle(c.Request.Context(), fleetapp.ListDocuments{UserID: auth.UserID(c), MachineID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	now := time.Now()
	out := make([]DocumentDTO, len(docs))
	for i, d := range docs {
		out[i] = newDocumentDTO(d, now)
	}
	c.JSON(http.StatusOK, out)
}

// delete godoc
//
//	@Summary		Delete a machine's document
//	@Description	Owner only. Its file, if any, is removed with it.
//	@Tags		fleet
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Machine id"
//	@Param		documentId	path	string	true	"Document id"
//	@Success	204
//	@Failure	403	{object}	httperr.Body	"an operator of the machine"
//	@Failure	404	{object}	httperr.Body	"no such machine or document, or not yours"
//	@Router		/machines/{id}/documents/{documentId} [delete]
func (h *DocumentsHandler) delete(c *gin.Context) {
	if err := h.uc.Delete.Handle(c.Request.Context(), fleetapp.DeleteDocument{UserID: auth.UserID(c), MachineID: c.Param("id"), DocumentID: c.Param("documentId")}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Status(http.StatusNoContent)
}

// uploadSlack is what a multipart body may carry beyond the file itself.
const uploadSlack = 64 << 10

// attachFile godoc
//
//	@Summary		Attach a file to a machine's document, or replace its file
//	@Description	Owner only. Multipart upload with one field, `file`: at most 10 MiB, a PDF, PNG, JPEG or WebP image, or plain UTF-8 text. The type is decided from the first 512 bytes of the content (content sniffing), never from the part's Content-Type or the file name; HTML, SVG, XML and anything else is refused (400 naming `file`). The file name is kept only as a cleaned display name with the sniffed type's extension; the stored file is named by the server. A replaced file is removed once the document points at the new one.
//	@Tags			fleet
//	@Accept			multipart/form-data
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Machine id"
//	@Param			documentId	path		string	true	"Document id"
//	@Param			file		formData	file	true	"The file (PDF, PNG, JPEG, WebP or plain text; at most 10 MiB)"
//	@Success		200			{object}	DocumentDTO
//	@Failure		400			{object}	httperr.Body	"no file field, an empty file, or a type that is not allowed (the field file is named)"
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		403			{object}	httperr.Body	"an operator of the machine: only its owner attaches files"
//	@Failure		404			{object}	httperr.Body	"no such machine or document, or not yours"
//	@Failure		413			{object}	httperr.Body	"the file is over 10 MiB"
//	@Router			/machines/{id}/documents/{documentId}/file [put]
func (h *DocumentsHandler) attachFile(c *gin.Context) {
	// Read as a stream: nothing is buffered whole, and a body over the limit stops being read.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, document.MaxFileBytes+uploadSlack)
	part, err := filePart(c.Request)
	if err != nil {
		_ = c.Error(uploadError(err))
		return
	}
	defer part.Close()
	d, err := h.uc.AttachFile.Handle(c.Request.Context(), fleetapp.AttachDocumentFile{UserID: auth.UserID(c), MachineID: c.Param("id"), DocumentID: c.Param("documentId"), Upload: fleetapp.FileUpload{Name: part.FileName(), Content: part}})
	if err != nil {
		_ = c.Error(uploadError(err))
		return
	}
	c.JSON(http.StatusOK, newDocumentDTO(d, time.Now()))
}

// errNoFilePart: the upload has no file field.
var errNoFilePart = domain.Invalid("file", "is required (a multipart form field named file)")

// filePart returns the multipart part named file, unread.
func filePart(r *http.Request) (interface {
	io.ReadCloser
	FileName() string
}, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errNoFilePart
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errNoFilePart
		}
		if err != nil {
			return nil, fmt.Errorf("document upload: %w", err)
		}
		if p.FormName() == "file" {
			return p, nil
		}
		_ = p.Close()
	}
}

// uploadError is err with a body over the limit as document.ErrFileTooLarge (413).
func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return document.ErrFileTooLarge
	}
	return err
}

// downloadFile godoc
//
//	@Summary		Download a document's file
//	@Description	The owner's and the machine's operators'. Answers the bytes with the type sniffed at upload, always as an attachment (Content-Disposition: attachment with the cleaned file name), with X-Content-Type-Options: nosniff and a sandboxing Content-Security-Policy: never rendered inline.
//	@Tags			fleet
//	@Produce		application/pdf,image/png,image/jpeg,image/webp,text/plain
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Machine id"
//	@Param			documentId	path		string	true	"Document id"
//	@Success		200			{file}		file	"the file's bytes"
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		404			{object}	httperr.Body	"no such machine or document, not yours, or the document has no file"
//	@Router			/machines/{id}/documents/{documentId}/file [get]
func (h *DocumentsHandler) downloadFile(c *gin.Context) {
	opened, err := h.uc.OpenFile.Handle(c.Request.Context(), fleetapp.OpenDocumentFile{UserID: auth.UserID(c), MachineID: c.Param("id"), DocumentID: c.Param("documentId")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	f, rc := opened.File, opened.Body
	defer rc.Close()
	hd := c.Writer.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	hd.Set("Content-Disposition", attachment(f.Name))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Cache-Control", "private, no-store")
	c.Status(http.StatusOK)
	_, _ = io.Copy(c.Writer, rc) // a client that hangs up ends the copy; nothing else to do
}

// attachment is a Content-Disposition that always downloads: an ASCII
// fallback name (quotes and backslashes removed) and the UTF-8 name (RFC 6266).
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii}); v != "" {
		return v + "; filename*=UTF-8''" + url.PathEscape(name)
	}
	return "attachment"
}

// removeFile godoc
//
//	@Summary		Remove a document's file
//	@Description	Owner only. The document stays; its file is removed.
//	@Tags			fleet
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string	true	"Machine id"
//	@Param			documentId	path		string	true	"Document id"
//	@Success		200			{object}	DocumentDTO
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		403			{object}	httperr.Body	"an operator of the machine"
//	@Failure		404			{object}	httperr.Body	"no such machine or document, not yours, or the document has no file"
//	@Router			/machines/{id}/documents/{documentId}/file [delete]
func (h *DocumentsHandler) removeFile(c *gin.Context) {
	d, err := h.uc.RemoveFile.Handle(c.Request.Context(), fleetapp.RemoveDocumentFile{UserID: auth.UserID(c), MachineID: c.Param("id"), DocumentID: c.Param("documentId")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newDocumentDTO(d, time.Now()))
}
