package compress

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestGzipsJSONButNeverTheStream(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(Middleware(func(p string) bool { return strings.HasSuffix(p, "/stream") }))
	big := strings.Repeat("fleet ", 500)
	r.GET("/json", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"v": big}) })
	r.GET("/stream", func(c *gin.Context) { c.Header("Content-Type", "text/event-stream"); c.String(http.StatusOK, big) })
	r.GET("/empty", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	get := func(path, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", accept)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w
	}
	w := get("/json", "br, gzip")
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.Contains(string(body), big) {
		t.Fatalf("body %q", body)
	}
	if w := get("/json", "identity"); w.Header().Get("Content-Encoding") != "" || !strings.Contains(w.Body.String(), big) {
		t.Fatal("compressed for a client that does not accept it")
	}
	if w := get("/json", "gzip;q=0"); w.Header().Get("Content-Encoding") != "" {
		t.Fatal("compressed for q=0")
	}
	if w := get("/stream", "gzip"); w.Header().Get("Content-Encoding") != "" {
		t.Fatal("the stream was compressed")
	}
	if w := get("/empty", "gzip"); w.Header().Get("Content-Encoding") != "" || w.Code != http.StatusNoContent || w.Body.Len() != 0 {
		t.Fatalf("no content: %d %v", w.Code, w.Header())
	}
}
