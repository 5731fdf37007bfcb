// Package compress gzips the answers that gain from it (the web app's assets,
// JSON) for clients that accept it. The event stream is never compressed: it
// is skipped by path, and a hijacked connection bypasses the writer anyway.
package compress

import (
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// minSize is the smallest declared body worth compressing.
const minSize = 512

var pool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

// Middleware gzips answers unless skip(path) says not to.
func Middleware(skip func(path string) bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if skip(c.Request.URL.Path) || !acceptsGzip(c.Request.Header.Get("Accept-Encoding")) {
			c.Next()
			return
		}
		c.Header("Vary", "Accept-Encoding")
		// A byte range of the plain file means nothing in a compressed body.
		c.Request.Header.Del("Range")
		w := &writer{ResponseWriter: c.Writer}
		c.Writer = w
		defer func() {
			// Whatever runs after this (a recovering middleware's answer to a
			// panic) writes plainly.
			c.Writer = w.ResponseWriter
			w.close()
		}()
		c.Next()
	}
}

func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		fields := strings.Split(part, ";")
		if !strings.EqualFold(strings.TrimSpace(fields[0]), "gzip") {
			continue
		}
		for _, p := range fields[1:] {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if q, err := strconv.ParseFloat(v, 64); err == nil && q == 0 {
					return false
				}
			}
		}
		return true
	}
	return false
}

// compressible reports whether a content type gains from gzip.
func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	switch {
	case strings.HasPrefix(ct, "text/event-stream"):
		return false
	case strings.HasPrefix(ct, "text/"), ct == "application/json", ct == "application/javascript",
		ct == "application/manifest+json", ct == "image/svg+xml":
		return true
	}
	return false
}

type writer struct {
	gin.ResponseWriter
	decided bool
	gz      *gzip.Writer
}

// decide looks at the headers once, before the first body byte.
func (w *writer) decide() {
	if w.decided {
		return
	}
	w.decided = true
	h := w.Header()
	status := w.Status()
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified ||
		h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < minSize {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		h.Set("ETag", "W/"+etag)
	}
	gz := pool.Get().(*gzip.Writer)
	gz.Reset(w.ResponseWriter)
	w.gz = gz
}

func (w *writer) Write(b []byte) (int, error) {
	w.decide()
	if w.gz == nil {
		return w.ResponseWriter.Write(b)
	}
	return w.gz.Write(b)
}

func (w *writer) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush sends what is compressed so far.
func (w *writer) Flush() {
	if w.gz != nil {
		_ = w.gz.Flush()
	}
	w.ResponseWriter.Flush()
}

// WriteHeaderNow sends the head as it stands (an answer without a body).
func (w *writer) WriteHeaderNow() {
	if !w.decided && !w.Written() {
		w.decided = true // no body follows: nothing to compress
	}
	w.ResponseWriter.WriteHeaderNow()
}

func (w *writer) close() {
	if w.gz == nil {
		return
	}
	_ = w.gz.Close()
	w.gz.Reset(nil)
	pool.Put(w.gz)
	w.gz = nil
}
