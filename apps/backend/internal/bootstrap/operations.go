package bootstrap

import (
	"net/http"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	swaggerfiles "github.com/swaggo/files"
	ginswagger "github.com/swaggo/gin-swagger"

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

// wireOperations mounts /healthz, /readyz (a write probe of the store,
// cached for readinessTTL), /metrics (guarded; elsewhere with METRICS_ADDR)
// and Swagger UI.
func (a *App) wireOperations() {
	a.engine.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	a.engine.GET("/readyz", a.readyz)
	if a.cfg.MetricsAddr == "" {
		a.engine.GET("/metrics", a.metricsGuard(), a.metrics.Handler())
	}
	a.engine.GET("/swagger/*any", ginswagger.WrapHandler(swaggerfiles.Handler,
		ginswagger.PersistAuthorization(true)))
}
