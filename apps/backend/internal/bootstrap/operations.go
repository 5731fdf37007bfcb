package bootstrap

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	swaggerfiles "github.com/swaggo/files"
	ginswagger "github.com/swaggo/gin-swagger"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
	_ "github.com/fleetman/fleetman/docs" // the generated OpenAPI spec
)

// corsFor allows credentialed cross-origin calls from the allowed origins only.
// Requests from other origins pass through without CORS headers (the browser
// then keeps the answer from the page) instead of being refused here: a
// same-origin call, or a Bearer call from a tool, must still get its answer,
// and cookie writes from foreign origins are refused by the CSRF check.
func corsFor(origins []string) gin.HandlerFunc {
	allowed := make(map[string]bool, len(origins))
	for _, o := range origins {
		allowed[o] = true
	}
	handle := cors.New(cors.Config{
		AllowOrigins:     origins,
		AllowMethods:     []string{"GET", "POST", "PATCH", "DELETE", "OPTIONS"},
		AllowHeaders:     []string{"Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-ID"},
		ExposeHeaders:    []string{"Idempotent-Replayed", "Retry-After", "X-Request-ID"},
		AllowCredentials: true,
		MaxAge:           12 * time.Hour,
	})
	return func(c *gin.Context) {
		if allowed[c.GetHeader("Origin")] {
			handle(c)
			return
		}
		c.Next()
	}
}

// busState is what readiness needs of the bus between instances.
type busState interface {
	State() (subscribed, publishing bool, since time.Time)
}

// wireOperations mounts /healthz, /readyz, /metrics and Swagger UI.
func (a *App) wireOperations() {
	a.engine.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	a.engine.GET("/readyz", func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := a.store.ping(ctx); err != nil {
			a.log.Warn("readiness", "err", err)
			c.Header("Retry-After", "5")
			c.JSON(http.StatusServiceUnavailable, httperr.Body{Error: httperr.Detail{
				Code: httperr.CodeUnavailable, Message: "store unreachable"}})
			return
		}
		if a.bus == nil {
			c.JSON(http.StatusOK, gin.H{"status": "ready", "store": a.store.kind, "bus": "none"})
			return
		}
		// A bus that is down leaves the instance ready, but degraded: it
		// still stores, answers and delivers to its own streams, and its
		// streams catch up from the store once Redis is back. Every
		// instance shares the one Redis, so answering 503 would take all of
		// them out of the load balancer at once for a fault that loses
		// nothing.
		subscribed, publishing, since := a.bus.State()
		bus := gin.H{"state": "up", "subscribed": subscribed, "publishing": publishing, "since": since.UTC()}
		status := "ready"
		if !subscribed || !publishing {
			bus["state"], status = "down", "degraded"
		}
		c.JSON(http.StatusOK, gin.H{"status": status, "store": a.store.kind, "bus": bus})
	})
	a.engine.GET("/metrics", a.metrics.Handler())
	a.engine.GET("/swagger/*any", ginswagger.WrapHandler(swaggerfiles.Handler,
		ginswagger.PersistAuthorization(true)))
}
