package notificationhttp_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// BenchmarkPublishRoute is one POST /api/v1/notifications through the whole
// server — middleware, authentication, binding, the store's group commit,
// the hub and the write to the user's open stream — as fleetload sends it,
// from parallel keep-alive clients in the same process (whose share of the
// CPU and allocations is in the figures too). allocs/op and B/op are what
// each published, delivered event costs the garbage collector.
func BenchmarkPublishRoute(b *testing.B) {
	s := testkit.NewServer(b, testkit.WithEnv(map[string]string{"REGISTER_BURST_PER_CLIENT": "100"}))
	admin := s.Admin(b, "Bench Admin", "bench-admin@example.com")
	const users = 32
	bodies := make([][]byte, users)
	for i := range bodies {
		u := s.Register(b, fmt.Sprintf("Bench User %d", i))
		u.Stream(b, "")
		bodies[i] = fmt.Appendf(nil, `{"userId":%q,"type":"SYSTEM","title":"load.title","message":"load.message",`+
			`"metadata":{"loadSeq":"%d","sentAtNs":"1764633600000000000"}}`, u.ID, i)
	}
	tr := s.HTTP.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64 // one connection per publisher, kept
	client := &http.Client{Transport: tr}
	url := s.URL + "/api/v1/notifications"
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8) // 16 publishers on 2 cores: the group commit gathers as under load
	b.ResetTimer()
	cpu := cpuTime(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := bodies[next.Add(1)%users]
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+admin.Token)
			res, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusCreated {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// cpuTime is the CPU this process used so far (user and system), server and
// clients: the publishers wait on the group commit, so ns/op is latency
// bound and says little of the cost.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
