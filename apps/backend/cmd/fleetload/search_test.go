package main

import (
	"context"
	"strings"
	"testing"

	"github.com/fleetman/fleetman/apps/backend/internal/testkit"
)

// A hub whose p99 is rate/1000 ms (so 25 ms at 25,000/s), and that loses
// events past loseFrom.
func fakePhase(loseFrom float64, ran *[]float64) func(rate float64) phaseReport {
	return func(rate float64) phaseReport {
		*ran = append(*ran, rate)
		ph := phaseReport{Rate: rate, Tally: tally{Published: 100, Expected: 100, Delivered: 100}}
		ph.Latency.P99 = rate / 1000
		if loseFrom > 0 && rate >= loseFrom {
			ph.Tally.Lost, ph.Tally.Delivered = 1, 99
		}
		return ph
	}
}

func TestSearchFindsTheHighestPassingRate(t *testing.T) {
	for name, tc := range map[string]struct {
		cfg              searchConfig
		loseFrom         float64
		bestMin, bestMax float64
		failMax          float64 // 0: no failure expected
		steps            int     // most steps
	}{
		"doubles then bisects to 10 %": {searchConfig{P99Ms: 25, From: 1000, Max: 64000, Steps: 12, Precision: 0.1}, 0, 23000, 25000, 27500, 12},
		"capped by -search-max":        {searchConfig{P99Ms: 25, From: 1000, Max: 8000, Steps: 12, Precision: 0.1}, 0, 8000, 8000, 0, 4},
		"a loss fails a step":          {searchConfig{P99Ms: 25, From: 1000, Max: 64000, Steps: 12, Precision: 0.1}, 5000, 4500, 5000, 5500, 12},
		"first step fails: halves":     {searchConfig{P99Ms: 0.5, From: 1000, Max: 64000, Steps: 12, Precision: 0.1}, 0, 450, 500, 550, 12},
		"step budget ends it":          {searchConfig{P99Ms: 25, From: 1000, Max: 64000, Steps: 3, Precision: 0.01}, 0, 4000, 4000, 0, 3},
	} {
		t.Run(name, func(t *testing.T) {
			var ran []float64
			rep := search(context.Background(), tc.cfg, fakePhase(tc.loseFrom, &ran))
			if rep.Best < tc.bestMin || rep.Best > tc.bestMax || len(ran) > tc.steps || len(rep.Steps) != len(ran) {
				t.Fatalf("best %.0f (want %.0f–%.0f) after %v", rep.Best, tc.bestMin, tc.bestMax, ran)
			}
			if (tc.failMax == 0) != (rep.FirstFail == 0) || (tc.failMax > 0 && rep.FirstFail > tc.failMax) {
				t.Fatalf("first fail %.0f (want ≤ %.0f) after %v", rep.FirstFail, tc.failMax, ran)
			}
			for _, st := range rep.Steps {
				if st.Pass != (st.Rate <= rep.Best) {
					t.Fatalf("step %+v against best %.0f", st, rep.Best)
				}
			}
		})
	}
}

func TestPassesNamesWhyAStepFailed(t *testing.T) {
	good := phaseReport{Tally: tally{Published: 10, Expected: 10, Delivered: 10}}
	good.Latency.P99 = 5
	for name, tc := range map[string]struct {
		change func(p *phaseReport)
		why    string
	}{
		"ok":           {func(*phaseReport) {}, ""},
		"slow":         {func(p *phaseReport) { p.Latency.P99 = 26 }, "p99 over target"},
		"lost":         {func(p *phaseReport) { p.Tally.Lost = 1 }, "lost events"},
		"dup":          {func(p *phaseReport) { p.Duplicates = 1 }, "duplicates or misroutes"},
		"errors":       {func(p *phaseReport) { p.Publish.Errors = map[string]int64{"status 503": 1} }, "publish errors"},
		"late":         {func(p *phaseReport) { p.Publish.ScheduleLag.P99 = 30 }, "publisher behind schedule"},
		"no publishes": {func(p *phaseReport) { p.Tally.Published = 0 }, "nothing published"},
	} {
		p := good
		tc.change(&p)
		if ok, why := passes(p, 25); ok != (tc.why == "") || why != tc.why {
			t.Errorf("%s: %v %q", name, ok, why)
		}
	}
}

func TestBatchCreatedReadsPerItemStatuses(t *testing.T) {
	all := []byte(`{"created":2,"results":[{"index":0,"status":201},{"index":1,"status":201}]}`)
	if ok, failed := batchCreated(all, 2); !ok[0] || !ok[1] || failed != 0 {
		t.Fatalf("all created: %v %d", ok, failed)
	}
	mixed := []byte(`{"results":[{"index":0,"status":404,"error":{}},{"index":1,"status":201,"notification":{}}]}`)
	if ok, failed := batchCreated(mixed, 2); ok[0] || !ok[1] || failed != 1 {
		t.Fatalf("mixed: %v %d", ok, failed)
	}
	if ok, failed := batchCreated([]byte(`oops`), 2); ok[0] || ok[1] || failed != 2 {
		t.Fatalf("unreadable: %v %d", ok, failed)
	}
}

func TestRenderBatch(t *testing.T) {
	rt, err := newRequestTemplate("POST", "${base}/b", []string{"X: ${pubToken}"}, `{"u":"${userId}","s":${seq}}`)
	if err != nil {
		t.Fatal(err)
	}
	v := vars{Base: "http://127.0.0.1:1", PubToken: "p"}
	req, _, err := rt.renderBatch(nil, nil, &v, 3, func(k int, v *vars) { v.UserID, v.Seq = string(rune('a'+k)), uint64(10+k) })
	if err != nil {
		t.Fatal(err)
	}
	body := `{"items":[{"u":"a","s":10},{"u":"b","s":11},{"u":"c","s":12}]}`
	want := "POST /b HTTP/1.1\r\nHost: 127.0.0.1:1\r\nX: p\r\nContent-Length: 62\r\n\r\n" + body
	if string(req) != want || len(body) != 62 {
		t.Fatalf("%q", req)
	}
}

// The search and the batch publisher against the real application: a short
// search (two steps) and a batch phase, every event accounted for.
func TestSearchAndBatchAgainstFleetMan(t *testing.T) {
	env, tokens := seededStore(t, 15, nil)
	srv := testkit.NewServer(t, testkit.WithEnv(env))

	rc := testRunConfig(t, srv.URL, 30, 2)
	rc.TokensFile, rc.InProcess = tokens, true
	rc.Batch = 50
	var err error
	rc.Pub, err = newRequestTemplate("POST", defaultBatchURL, defaultPubHeaders, defaultPubBody)
	if err != nil {
		t.Fatal(err)
	}
	checkRun(t, mustRun(t, rc), 30) // 100 and 200 events in batches of 50

	// Steps of at least 150 events: 100/s for 0.5 s is held for 1.5 s.
	rc.Search = searchConfig{P99Ms: 60_000, From: 100, Max: 200, Steps: 3, Precision: 0.1, MinEvents: 150}
	rep := mustRun(t, rc)
	if rep.Search == nil || rep.Search.Best != 200 || len(rep.Search.Steps) != 2 || len(rep.Phases) != 2 {
		t.Fatalf("search %+v over %d phases", rep.Search, len(rep.Phases))
	}
	if p := rep.Phases; p[0].Tally.Published != 150 || p[1].Tally.Published != 150 || p[0].Tally.Lost != 0 || p[1].Tally.Lost != 0 {
		t.Fatalf("steps published %d and %d", p[0].Tally.Published, p[1].Tally.Published)
	}
	var out strings.Builder
	printReport(&out, rep)
	if !strings.Contains(out.String(), "highest rate at p99 ≤ 60000 ms: 200/s") {
		t.Fatalf("report:\n%s", out.String())
	}
	compareReports(&out, []string{"a", "b"}, []*runReport{rep, rep})
	if !strings.Contains(out.String(), "highest rate at the search's p99") {
		t.Fatalf("compare:\n%s", out.String())
	}

	// A warm-up phase first: in the report, marked, and not a step of the search.
	rc.WarmupRate = 100
	rep = mustRun(t, rc)
	if len(rep.Phases) != 3 || !rep.Phases[0].Warmup || rep.Phases[1].Warmup || rep.Phases[0].Tally.Lost != 0 ||
		len(rep.Search.Steps) != 2 || rep.Search.Steps[0].Rate != 100 {
		t.Fatalf("warm-up: phases %+v, search %+v", rep.Phases, rep.Search)
	}
	out.Reset()
	printReport(&out, rep)
	if !strings.Contains(out.String(), "100 (warm-up)") {
		t.Fatalf("report:\n%s", out.String())
	}
}

func mustRun(t *testing.T, cfg runConfig) *runReport {
	t.Helper()
	rep, err := run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
