package bus

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the Redis bus's Prometheus collectors.
type Metrics struct {
	Up      prometheus.Gauge
	Dropped prometheus.Counter
	Failed  prometheus.Counter
	Gaps    *prometheus.CounterVec
	Lag     prometheus.Histogram
}

// Why a receiver catches up (the label of fleetman_bus_gaps_total).
var gapReasons = []string{"origin_seq", "origin_silent", "resubscribed", "degraded"}

// NewMetrics registers the bus's collectors on reg (nil: unregistered, for tests).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Up: prometheus.NewGauge(prometheus.GaugeOpts{Name: "fleetman_bus_up",
			Help: "1 while this instance is subscribed to Redis and can publish to it, else 0."}),
		Dropped: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_bus_dropped_total",
			Help: "Events not queued for Redis because the queue was full (other instances catch up from the store)."}),
		Failed: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_bus_publish_failed_total",
			Help: "Events whose publish to Redis failed or timed out (other instances catch up from the store)."}),
		Gaps: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "fleetman_bus_gaps_total",
			Help: "Times this instance found it may have missed bus messages and caught its streams up from the store."}, []string{"reason"}),
		Lag: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "fleetman_bus_publish_lag_seconds",
			Help:    "From an event's publish (after it was stored) to Redis accepting it: the lag between store and bus.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}),
	}
	for _, r := range gapReasons {
		m.Gaps.WithLabelValues(r)
	}
	if reg != nil {
		reg.MustRegister(m.Up, m.Dropped, m.Failed, m.Gaps, m.Lag)
	}
	return m
}
