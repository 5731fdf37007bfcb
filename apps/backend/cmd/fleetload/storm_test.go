package main

import (
	"context"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestReconnectPolicyIsTheWebApps(t *testing.T) {
	p := reconnectPolicy{rng: rand.New(rand.NewPCG(1, 2))}
	short := func(d time.Duration) bool { return d >= shutdownDelayMin && d < shutdownDelayMax }
	type step struct {
		opened, shutdown bool
		retryMs          int
		check            func(time.Duration) bool
		fresh            bool
	}
	steps := []step{
		// The server says shutdown: a new EventSource soon.
		{true, true, 3000, short, true},
		// Refused: the client's short tries go on, none left to the browser's own retry
		// (it would come after its default 3 s: this EventSource heard no retry:).
		{false, false, 0, short, true},
		{false, false, 0, short, true},
		// Open, then cut without shutdown (a crash): the browser's retry after the server's retry:.
		{true, false, 2500, func(d time.Duration) bool { return d == 2500*time.Millisecond }, false},
		// Refused: an open stream ended the short tries, so backoff with full jitter (attempt 3: < 8 s).
		{false, false, 0, func(d time.Duration) bool { return d >= 0 && d < 8*time.Second }, true},
	}
	for i, st := range steps {
		d, fresh := p.next(st.opened, st.shutdown, st.retryMs)
		if !st.check(d) || fresh != st.fresh {
			t.Fatalf("step %d: delay %v, new EventSource %v", i, d, fresh)
		}
	}
	// Backoff is capped.
	p.attempt = 40
	if d, _ := p.next(false, false, 0); d > backoffMax {
		t.Fatalf("browser retry first: %v", d)
	}
	if d, _ := p.next(false, false, 0); d >= backoffMax {
		t.Fatalf("capped backoff: %v", d)
	}
}

// A small storm against the real server binary: every stream gets exactly
// what it missed while the server was down, once.
func TestStormAgainstFleetMan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and restarts the server binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "fleetman")
	build := exec.Command("go", "build", "-o", bin, "github.com/fleetman/fleetman/apps/backend/cmd/fleetman")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	env, tokens := seededStore(t, 20, map[string]string{"DEMO_DATA": "false", "WEB_DIR": filepath.Join(dir, "no-web"), "SSE_RETRY": "500ms"})
	for k, v := range env {
		t.Setenv(k, v)
	}
	sources, _ := parseSources("127.0.0.2-127.0.0.3")
	rep, err := storm(context.Background(), stormConfig{ServerBin: bin, TokensFile: tokens, Streams: 20, Missed: 3,
		Sources: sources, OtherRate: 50, CatchUpTimeout: 30 * time.Second, MaxTime: 2 * time.Minute, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.CaughtUp != 20 || rep.Lost != 0 || rep.Duplicates != 0 || rep.Unexpected != 0 || rep.OutOfOrder != 0 || rep.Resets != 0 {
		t.Fatalf("%+v", rep)
	}
	if rep.RetryMs != 500 || rep.Reconnects < 20 || rep.LastCatchUpMs <= 0 || rep.CatchUp.Count != 20 || rep.OtherCount == 0 {
		t.Fatalf("%+v", rep)
	}
}
