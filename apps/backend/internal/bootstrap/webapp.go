package bootstrap

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	"github.com/fleetman/fleetman/packages/domain"
)

// wireWebApp serves the built web app from cfg.WebDir with an SPA fallback:
// a path that is not a file gets index.html. Unknown API paths get the JSON 404.
func (a *App) wireWebApp() {
	dir := a.cfg.WebDir
	index := filepath.Join(dir, "index.html")
	if _, err := os.Stat(index); err != nil {
		a.log.Warn("web app not built: only the API is served", "dir", dir)
	}
	a.engine.NoRoute(func(c *gin.Context) {
		p := c.Request.URL.Path
		if strings.HasPrefix(p, "/api/") || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
			httperr.Abort(c, fmt.Errorf("no route %s %s: %w", c.Request.Method, p, domain.ErrNotFound))
			return
		}
		clean := path.Clean("/" + p)
		if strings.HasSuffix(clean, ".map") {
			// Source maps stay build artifacts: never served.
			httperr.Abort(c, fmt.Errorf("source map %s: %w", clean, domain.ErrNotFound))
			return
		}
		file := filepath.Join(dir, filepath.FromSlash(clean))
		if st, err := os.Stat(file); err == nil && !st.IsDir() {
			if strings.HasPrefix(clean, "/assets/") {
				c.Header("Cache-Control", "public, max-age=31536000, immutable") // hashed names
			} else {
				c.Header("Cache-Control", "no-cache")
			}
			c.File(file)
			return
		}
		if _, err := os.Stat(index); err != nil {
			httperr.Abort(c, fmt.Errorf("web app not built: %w", domain.ErrNotFound))
			return
		}
		c.Header("Cache-Control", "no-cache")
		c.File(index)
	})
}

// isStream names the path never compressed (the event stream).
func isStream(p string) bool { return strings.HasSuffix(p, "/notifications/stream") }
