// Package metrics owns the Prometheus registry and the HTTP request metrics.
package metrics

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry is the server's metric registry; modules register their own collectors on it.
type Registry struct {
	*prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// New makes a registry with Go runtime, process and HTTP metrics.
func New() *Registry {
	reg := prometheus.NewRegistry()
	r := &Registry{
		Registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fleetman_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "fleetman_http_request_duration_seconds", Help: "HTTP request duration by route (streams excluded).",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
	}
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		r.requests, r.duration)
	return r
}

// Middleware counts requests by route template (never by raw path, to bound cardinality).
func (r *Registry) Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		r.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
		if c.Writer.Header().Get("Content-Type") != "text/event-stream" {
			r.duration.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
		}
	}
}

// Handler serves the Prometheus text format.
func (r *Registry) Handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(r.Registry, promhttp.HandlerOpts{})
	return gin.WrapH(h)
}
