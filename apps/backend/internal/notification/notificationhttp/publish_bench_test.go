package notificationhttp_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// publishBench is a server with users who each have an open stream, and the
// publish bodies fleetload sends them, one per user.
type publishBench struct {
	s      *testkit.Server
	token  string
	bodies []string
	client *http.Client
}

func newPublishBench(b *testing.B, users int) *publishBench {
	s := testkit.NewServer(b, testkit.WithEnv(map[string]string{"REGISTER_BURST_PER_CLIENT": "48"}))
	admin := s.Admin(b, "Bench Admin", "bench-admin@example.com")
	pb := &publishBench{s: s, token: admin.Token, bodies: make([]string, users)}
	for i := range pb.bodies {
		u := s.Register(b, fmt.Sprintf("Bench User %d", i))
		u.Stream(b, "")
		pb.bodies[i] = fmt.Sprintf(`{"userId":%q,"type":"SYSTEM","title":"load.title","message":"load.message",`+
			`"metadata":{"loadSeq":"%d","sentAtNs":"1764633600000000000"}}`, u.ID, i)
	}
	tr := s.HTTP.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64 // one connection per publisher, kept
	pb.client = &http.Client{Transport: tr}
	return pb
}

// run posts body() to path from parallel publishers b.N times and reports
// the process's CPU per event (events: how many one post publishes). The
// publishers wait on the group commit, so ns/op is latency bound and says
// little of the cost; cpu-µs/event does.
func (pb *publishBench) run(b *testing.B, path string, events int, body func() []byte) {
	url := pb.s.URL + path
	b.ReportAllocs()
	b.SetParallelism(8) // 16 publishers on 2 cores: the group commit gathers as under load
	b.ResetTimer()
	cpu := cpuTime(b)
	b.RunParallel(func(p *testing.PB) {
		for p.Next() {
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body()))
			if err != nil {
				b.Error(err)
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+pb.token)
			res, err := pb.client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode/100 != 2 {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/float64(b.N*events), "cpu-µs/event")
}

// BenchmarkPublishRoute is one POST /api/v1/notifications through the whole
// server — middleware, authentication, binding, the store's group commit,
// the hub and the write to the user's open stream — as fleetload sends it,
// from parallel keep-alive clients in the same process (whose share of the
// CPU and allocations is in the figures too). allocs/op and B/op are what
// each published, delivered event costs the garbage collector.
func BenchmarkPublishRoute(b *testing.B) {
	pb := newPublishBench(b, 32)
	var next atomic.Int64
	pb.run(b, "/api/v1/notifications", 1, func() []byte {
		return []byte(pb.bodies[next.Add(1)%int64(len(pb.bodies))])
	})
}

// BenchmarkPublishBatchRoute is one POST /api/v1/notifications/batch of 200
// items for 40 users (the registrations a test server lets one client make),
// each with an open stream: per op 200 events stored and delivered.
func BenchmarkPublishBatchRoute(b *testing.B) {
	const items = 200
	pb := newPublishBench(b, 40)
	list := make([]string, items)
	for i := range list {
		list[i] = pb.bodies[i%len(pb.bodies)]
	}
	body := []byte(`{"items":[` + strings.Join(list, ",") + `]}`)
	pb.run(b, "/api/v1/notifications/batch", items, func() []byte { return body })
}

// cpuTime is the CPU this process used so far (user and system): server and
// clients.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
