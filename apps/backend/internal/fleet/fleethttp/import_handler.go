package fleethttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/fleet/fleetapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain"
	"github.com/fleetman/fleetman/packages/domain/importjob"
)

// ImportUseCases are the import, export and dashboard use cases the import handler runs.
type ImportUseCases struct {
	// StartImport queues an uploaded file.
	StartImport interface {
		Handle(ctx context.Context, cmd fleetapp.StartImport) (importjob.Job, error)
	}
	// GetImport reads one import job.
	GetImport interface {
		Handle(ctx context.Context, cmd fleetapp.GetImport) (importjob.Job, error)
	}
	// ListImports lists the caller's import jobs.
	ListImports interface {
		Handle(ctx context.Context, cmd fleetapp.ListImports) ([]importjob.Job, error)
	}
	// ExportMachines writes the caller's machines as CSV.
	ExportMachines interface {
		Handle(ctx context.Context, cmd fleetapp.ExportMachines) error
	}
	// Dashboard computes the caller's dashboard.
	Dashboard interface {
		Handle(ctx context.Context, cmd fleetapp.GetDashboard) (fleetapp.Dashboard, error)
	}
}

// ImportHandler serves /imports, the import template, the machines' CSV export and the dashboard.
type ImportHandler struct{ uc ImportUseCases }

// NewImportHandler builds the import handler.
func NewImportHandler(uc ImportUseCases) *ImportHandler { return &ImportHandler{uc: uc} }

// Register mounts the routes on the authenticated /api/v1 group.
func (h *ImportHandler) Register(priv *gin.RouterGroup) {
	priv.POST("/imports/machines", h.startImport)
	priv.GET("/imports", h.listImports)
	priv.GET("/imports/template.csv", h.template)
	priv.GET("/imports/:id", h.getImport)
	priv.GET("/machines/export.csv", h.export)
	priv.GET("/dashboard", h.dashboard)
}

// ImportRowErrorDTO is why one row was not imported; row is the file's line (the header is 1).
type ImportRowErrorDTO struct {
	Row     int    `json:"row" example:"7"`
	Field   string `json:"field" example:"operatingHours"`
	Message string `json:"message" example:"must be between 0 and 1000000"`
}

// ImportJobDTO is an import job.
type ImportJobDTO struct {
	ID          string              `json:"id"`
	FileName    string              `json:"fileName" example:"machines.csv"`
	OnDuplicate string              `json:"onDuplicate" enums:"skip,update,fail"`
	Status      string              `json:"status" enums:"QUEUED,RUNNING,COMPLETED,FAILED"`
	Total       int                 `json:"total" example:"2000"`
	Processed   int                 `json:"processed" example:"750"`
	Created     int                 `json:"created" example:"740"`
	Updated     int                 `json:"updated" example:"0"`
	Skipped     int                 `json:"skipped" example:"2"`
	Failed      int                 `json:"failed" example:"8"`
	Errors      []ImportRowErrorDTO `json:"errors"`
	Reason      *string             `json:"reason" example:"the uploaded file is no longer stored: upload it again" extensions:"x-nullable"`
	CreatedAt   time.Time           `json:"createdAt"`
	StartedAt   *time.Time          `json:"startedAt" extensions:"x-nullable"`
	FinishedAt  *time.Time          `json:"finishedAt" extensions:"x-nullable"`
}

func newImportJobDTO(j importjob.Job) ImportJobDTO {
	r := j.Record()
	errs := make([]ImportRowErrorDTO, len(r.Errors))
	for i, e := range r.Errors {
		errs[i] = ImportRowErrorDTO(e)
	}
	d := ImportJobDTO{ID: r.ID, FileName: r.FileName, OnDuplicate: string(r.OnDuplicate), Status: string(r.Status),
		Total: r.Counts.Total, Processed: r.Counts.Processed, Created: r.Counts.Created, Updated: r.Counts.Updated,
		Skipped: r.Counts.Skipped, Failed: r.Counts.Failed, Errors: errs, CreatedAt: r.CreatedAt, StartedAt: r.StartedAt,
		FinishedAt: r.FinishedAt}
	if r.Reason != "" {
		d.Reason = &r.Reason
	}
	return d
}

// multipartSlack is what a multipart body may carry beyond the file itself.
const multipartSlack = 64 << 10

func tooLarge(c *gin.Context, msg string) {
	c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, httperr.Body{Error: httperr.Detail{Code: httperr.CodeTooLarge, Message: msg}})
}

// startImport godoc
//
//	@Summary		Import machines from a CSV or XLSX file
//	@Description	Multipart upload: `file` (CSV, UTF-8, comma- or semicolon-separated, header row; see GET /imports/template.csv; or an XLSX workbook, recognised by its content: the first sheet in the same columns, formula cells read as their formula's text, never evaluated) and `onDuplicate` (skip, the default; update; fail). The file is checked as a whole first (empty, neither CSV nor XLSX, no serialNumber or name column, over 10 MiB or 100,000 rows, a workbook unpacking to over 200 MiB: an error, nothing stored); then the job runs in the background and its progress arrives on the notification stream (import.progress, import.finished) and as an IMPORT_FINISHED notification. Row problems are row errors of the job.
//	@Tags			imports
//	@Accept			multipart/form-data
//	@Produce		json
//	@Security		BearerAuth
//	@Param			file		formData	file	true	"The CSV or XLSX file"
//	@Param			onDuplicate	formData	string	false	"What a row with a serial number the owner already has (or an earlier row had) does"	Enums(skip, update, fail)
//	@Success		202			{object}	ImportJobDTO
//	@Failure		400			{object}	httperr.Body	"no file, neither CSV nor XLSX, empty, no serialNumber/name column, bad onDuplicate"
//	@Failure		401			{object}	httperr.UnauthenticatedBody
//	@Failure		413			{object}	httperr.Body	"over 10 MiB, over 100,000 rows, or a workbook unpacking to over 200 MiB"
//	@Router			/imports/machines [post]
func (h *ImportHandler) startImport(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, fleetapp.MaxImportBytes+multipartSlack)
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			tooLarge(c, fmt.Sprintf("the file is over %d MiB", fleetapp.MaxImportBytes>>20))
			return
		}
		_ = c.Error(domain.Invalid("file", "is required (a multipart form field named file)"))
		return
	}
	if fh.Size > fleetapp.MaxImportBytes {
		tooLarge(c, fmt.Sprintf("the file is over %d MiB", fleetapp.MaxImportBytes>>20))
		return
	}
	f, err := fh.Open()
	if err != nil {
		_ = c.Error(fmt.Errorf("import upload: %w", err))
		return
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(f, fleetapp.MaxImportBytes+1)); err != nil {
		_ = c.Error(fmt.Errorf("import upload: %w", err))
		return
	}
	j, err := h.uc.StartImport.Handle(c.Request.Context(), fleetapp.StartImport{OwnerID: auth.UserID(c), FileName: fh.Filename,
		OnDuplicate: c.PostForm("onDuplicate"), File: buf.Bytes()})
	var big *fleetapp.TooLargeError
	if errors.As(err, &big) {
		tooLarge(c, big.Message)
		return
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Location", "/api/v1/imports/"+j.ID())
	c.JSON(http.StatusAccepted, newImportJobDTO(j))
}

// getImport godoc
//
//	@Summary		One import job
//	@Description	The caller's own jobs only (others get 404). `errors` holds the first 1,000 row errors; `failed` counts them all.
//	@Tags			imports
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Import id"
//	@Success		200	{object}	ImportJobDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Failure		404	{object}	httperr.Body
//	@Router			/imports/{id} [get]
func (h *ImportHandler) getImport(c *gin.Context) {
	j, err := h.uc.GetImport.Handle(c.Request.Context(), fleetapp.GetImport{UserID: auth.UserID(c), ID: c.Param("id")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, newImportJobDTO(j))
}

// listImports godoc
//
//	@Summary		The caller's import jobs
//	@Description	The latest 50, newest first.
//	@Tags			imports
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{array}		ImportJobDTO
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/imports [get]
func (h *ImportHandler) listImports(c *gin.Context) {
	js, err := h.uc.ListImports.Handle(c.Request.Context(), fleetapp.ListImports{UserID: auth.UserID(c)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]ImportJobDTO, len(js))
	for i, j := range js {
		out[i] = newImportJobDTO(j)
	}
	c.JSON(http.StatusOK, out)
}

// template godoc
//
//	@Summary		The import template
//	@Description	A CSV with the import's columns (machine fields and one plan group; add plan2…, plan10… groups for more plans) and two example rows.
//	@Tags			imports
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Success		200	{string}	string	"CSV"
//	@Router			/imports/template.csv [get]
func (h *ImportHandler) template(c *gin.Context) {
	c.Header("Content-Disposition", `attachment; filename="fleetman-machines-template.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", fleetapp.ImportTemplate())
}

// export godoc
//
//	@Summary		Export the caller's machines as CSV
//	@Description	The machines the caller owns, in the import's columns, with each plan's status, next due hours and date (ignored by an import): importing the file gives the same machines and plans. Text cells starting with = + - @ (or a tab or CR) are prefixed with an apostrophe, which the import removes.
//	@Tags			imports
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Success		200	{string}	string	"CSV"
//	@Failure		401	{object}	httperr.UnauthenticatedBody
//	@Router			/machines/export.csv [get]
func (h *ImportHandler) export(c *gin.Context) {
	var buf bytes.Buffer
	if err := h.uc.ExportMachines.Handle(c.Request.Context(), fleetapp.ExportMachines{UserID: auth.UserID(c), To: &buf}); err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="fleetman-machines-%s.csv"`, time.Now().UTC().Format("2006-01-02")))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
