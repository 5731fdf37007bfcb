package hub

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the hub's Prometheus collectors.
type Metrics struct {
	Open      prometheus.Gauge
	Delivered prometheus.Counter
	Evicted   *prometheus.CounterVec
	Rejected  prometheus.Counter
	Replayed  prometheus.Counter
	Latency   prometheus.Histogram
	CatchUps  *prometheus.CounterVec
	CaughtUp  prometheus.Counter
	Resets    prometheus.Counter
}

// Eviction reasons (the label of fleetman_sse_streams_evicted_total).
const (
	ReasonQueueFull  = "queue_full"  // the client did not keep up
	ReasonWriteError = "write_error" // a write failed or timed out
	ReasonPeerGone   = "peer_gone"   // the client closed the connection
)

// NewMetrics registers the hub's collectors on reg (nil: unregistered, for tests).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Open: prometheus.NewGauge(prometheus.GaugeOpts{Name: "fleetman_sse_open_streams",
			Help: "Notification streams open on this instance."}),
		Delivered: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_sse_events_delivered_total",
			Help: "Events written to streams (one per stream), heartbeats excluded."}),
		Evicted: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "fleetman_sse_streams_evicted_total",
			Help: "Streams closed by the server: queue_full (a client that cannot keep up), write_error, peer_gone."}, []string{"reason"}),
		Rejected: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_sse_streams_rejected_total",
			Help: "Stream requests refused because the user had too many open streams."}),
		Replayed: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_sse_replayed_events_total",
			Help: "Notifications sent from the store on reconnect (Last-Event-ID)."}),
		Latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "fleetman_sse_delivery_latency_seconds",
			Help:    "From publish (after persisting) to the end of the write to the stream's socket.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}),
		CatchUps: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "fleetman_sse_catchup_runs_total",
			Help: "Catch-ups of a user's streams from the store: held (a missing seq did not come), bus (the bus lost messages), replay."}, []string{"trigger"}),
		CaughtUp: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_sse_catchup_delivered_total",
			Help: "Notifications sent to streams by catch-up from the store (the bus had lost them or they came late)."}),
		Resets: prometheus.NewCounter(prometheus.CounterOpts{Name: "fleetman_sse_resets_total",
			Help: "Streams told to refetch (reset event): their Last-Event-ID was no longer stored or not an id."}),
	}
	for _, t := range []string{TriggerHeld, TriggerBus, TriggerReplay} {
		m.CatchUps.WithLabelValues(t)
	}
	for _, r := range []string{ReasonQueueFull, ReasonWriteError, ReasonPeerGone, ReasonOutOfOrder} {
		m.Evicted.WithLabelValues(r)
	}
	if reg != nil {
		reg.MustRegister(m.Open, m.Delivered, m.Evicted, m.Rejected, m.Replayed, m.Latency, m.CatchUps, m.CaughtUp, m.Resets)
	}
	return m
}
