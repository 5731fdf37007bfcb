package main

import (
	"context"
	"math"
)

// searchConfig asks run to find by itself the highest open-loop rate at which
// the hub keeps its p99 (publish written → event parsed) at or under P99Ms:
// rates double from From while they pass, up to Max; then the rate is
// bisected between the best passing and the lowest failing one until they are
// within Precision of each other or Steps phases have run. Each step is one
// phase of -duration on the same streams, and at least MinEvents events
// (long enough to count: with 2,000 events the p99 rests on the 20 slowest).
type searchConfig struct {
	P99Ms     float64 // 0: no search
	From      float64
	Max       float64
	Steps     int
	Precision float64 // relative: stop when (fail-pass)/pass ≤ this
	// MinEvents is the fewest events a step publishes: at a low rate it is
	// held longer than -duration, so that its p99 rests on enough events.
	MinEvents int
}

func (c searchConfig) on() bool { return c.P99Ms > 0 }

// searchReport is what a search found.
type searchReport struct {
	P99Ms float64 `json:"p99TargetMs"`
	// Best is the highest rate that passed (0: none did); FirstFail the
	// lowest that failed (0: none did, Best may then be capped by Max).
	Best      float64      `json:"bestRate"`
	FirstFail float64      `json:"firstFailRate"`
	Steps     []searchStep `json:"steps"`
}

type searchStep struct {
	Rate   float64 `json:"rate"`
	P99Ms  float64 `json:"p99Ms"`
	Pass   bool    `json:"pass"`
	Reason string  `json:"reason,omitempty"` // why it failed
}

// passes says whether a phase kept the target: its p99 at or under it,
// nothing lost, duplicated, misrouted or failed to publish, and the
// publisher on time (a schedule-lag p99 over the target means the offered
// rate was not really offered: open loop no longer holds).
func passes(ph phaseReport, p99Ms float64) (bool, string) {
	var pubErrs int64
	for _, v := range ph.Publish.Errors {
		pubErrs += v
	}
	switch {
	case ph.Tally.Published == 0:
		return false, "nothing published"
	case pubErrs > 0:
		return false, "publish errors"
	case ph.Tally.Lost > 0:
		return false, "lost events"
	case ph.Duplicates > 0 || ph.Misrouted > 0:
		return false, "duplicates or misroutes"
	case ph.Publish.ScheduleLag.P99 > p99Ms:
		return false, "publisher behind schedule"
	case ph.Latency.P99 > p99Ms:
		return false, "p99 over target"
	}
	return true, ""
}

// search runs phases through phase (one per step) as searchConfig says.
func search(ctx context.Context, c searchConfig, phase func(rate float64) phaseReport) *searchReport {
	rep := &searchReport{P99Ms: c.P99Ms}
	rate := math.Min(c.From, c.Max)
	for len(rep.Steps) < c.Steps && ctx.Err() == nil {
		ph := phase(rate)
		ok, why := passes(ph, c.P99Ms)
		rep.Steps = append(rep.Steps, searchStep{Rate: rate, P99Ms: ph.Latency.P99, Pass: ok, Reason: why})
		if ok {
			rep.Best = math.Max(rep.Best, rate)
		} else if rep.FirstFail == 0 || rate < rep.FirstFail {
			rep.FirstFail = rate
		}
		var next float64
		switch {
		case rep.FirstFail == 0 && rate >= c.Max: // passed at the cap
			return rep
		case rep.FirstFail == 0:
			next = math.Min(rate*2, c.Max)
		case rep.Best == 0:
			next = rep.FirstFail / 2
		default:
			if (rep.FirstFail-rep.Best)/rep.Best <= c.Precision {
				return rep
			}
			next = (rep.Best + rep.FirstFail) / 2
		}
		rate = math.Round(next)
		if rate < 1 {
			return rep
		}
	}
	return rep
}
