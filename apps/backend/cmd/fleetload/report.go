package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
)

func printReport(w io.Writer, r *runReport) {
	fmt.Fprintf(w, "%s  %s  (%d CPUs, %s; load average %s at start, %s at end)\n", r.Label, r.Date, r.Machine.CPUs, r.Machine.Model,
		r.LoadAvgStart, r.LoadAvgEnd)
	s := r.Streams
	fmt.Fprintf(w, "streams: %d connected of %d (%d users × %d), %d failed, %d dropped, in %.1fs; %d worker(s)%s, %d source address(es)\n",
		s.Connected, s.Requested, s.Users, s.PerUser, s.Failed, s.Dropped, s.ConnectSeconds, s.Workers, map[bool]string{true: " in process", false: " (processes)"}[s.InProcess], s.Sources)
	for _, k := range sortedKeys(s.Errors) {
		fmt.Fprintf(w, "  stream error ×%d: %s\n", s.Errors[k], k)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if len(r.Servers) > 0 {
		fmt.Fprintln(tw, "server pid\tstreams\tRSS before MB\tKB/stream at open\tRSS idle MB\tKB/stream idle\tanon KB/stream idle\tRSS end MB\t")
		for _, sv := range r.Servers {
			fmt.Fprintf(tw, "%d\t%d\t%.1f\t%.2f\t%.1f\t%.2f\t%.2f\t%.1f\t\n", sv.PID, sv.Streams, float64(sv.RSSBeforeKB)/1024,
				sv.RSSOpenPerStreamKB, float64(sv.RSSAfterKB)/1024, sv.RSSPerStreamKB, sv.AnonPerStreamKB, float64(sv.RSSEndKB)/1024)
		}
		tw.Flush()
	}
	if len(r.Phases) > 0 {
		fmt.Fprintln(tw, "rate/s\tpublished\tpub/s\tpub errors\tpub p99 ms\tdelivered/s\texpected\tlost\tdup\tmisrouted\tp50 ms\tp90 ms\tp99 ms\tp99.9 ms\tmax ms\tserver CPU\tclient CPU\t")
		for _, p := range r.Phases {
			var pubErrs int64
			for _, v := range p.Publish.Errors {
				pubErrs += v
			}
			rate := fmt.Sprintf("%.0f", p.Rate)
			if p.Warmup {
				rate += " (warm-up)"
			}
			fmt.Fprintf(tw, "%s\t%d\t%.0f\t%d\t%.2f\t%.0f\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n",
				rate, p.Tally.Published, p.Publish.RateOK, pubErrs, p.Publish.RoundTrip.P99, p.DeliveriesPerSecond, p.Tally.Expected, p.Tally.Lost, p.Duplicates, p.Misrouted,
				p.Latency.P50, p.Latency.P90, p.Latency.P99, p.Latency.P999, p.Latency.Max, p.ServerCPU, p.ClientCPU)
		}
		tw.Flush()
		for _, p := range r.Phases {
			for _, k := range sortedKeys(p.Publish.Errors) {
				fmt.Fprintf(w, "  publish error at %.0f/s ×%d: %s\n", p.Rate, p.Publish.Errors[k], k)
			}
		}
	}
	if r.Batch > 1 {
		fmt.Fprintf(w, "publishes: %d events per request\n", r.Batch)
	}
	if s := r.Search; s != nil {
		fmt.Fprintf(w, "search (p99 ≤ %.0f ms):", s.P99Ms)
		for _, st := range s.Steps {
			verdict := "pass"
			if !st.Pass {
				verdict = st.Reason
			}
			fmt.Fprintf(w, " %.0f/s %s (p99 %.2f ms);", st.Rate, verdict, st.P99Ms)
		}
		fmt.Fprintf(w, "\nhighest rate at p99 ≤ %.0f ms: %.0f/s", s.P99Ms, s.Best)
		if s.FirstFail > 0 {
			fmt.Fprintf(w, " (%.0f/s failed)\n", s.FirstFail)
		} else {
			fmt.Fprintln(w, " (the search's highest rate: no step failed)")
		}
	}
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func readReport(path string) (*runReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r runReport
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &r, nil
}

// compareRow is one figure of every report.
type compareRow struct {
	name   string
	values []float64
	lower  bool // lower is better
}

// compareReports lines up the figures of several runs, each as a ratio to the
// first (the baseline: the raw ceiling, or another hub).
func compareReports(w io.Writer, names []string, reps []*runReport) {
	var rows []compareRow
	add := func(name string, lower bool, f func(*runReport) (float64, bool)) {
		row := compareRow{name: name, lower: lower}
		any := false
		for _, r := range reps {
			v, ok := f(r)
			if !ok {
				v = -1
			} else {
				any = true
			}
			row.values = append(row.values, v)
		}
		if any {
			rows = append(rows, row)
		}
	}
	add("streams connected", false, func(r *runReport) (float64, bool) { return float64(r.Streams.Connected), true })
	add("server RSS KB/stream", true, func(r *runReport) (float64, bool) {
		if len(r.Servers) == 0 {
			return 0, false
		}
		var kb, n float64
		for _, s := range r.Servers {
			kb += float64(s.RSSAfterKB - s.RSSBeforeKB)
			n += float64(s.Streams)
		}
		return kb / max(n, 1), true
	})
	add("server anon KB/stream", true, func(r *runReport) (float64, bool) {
		var kb, n float64
		for _, s := range r.Servers {
			if s.AnonAfterKB == 0 { // a report from before anonKB, or no RssAnon
				return 0, false
			}
			kb += float64(s.AnonAfterKB - s.AnonBeforeKB)
			n += float64(s.Streams)
		}
		return kb / max(n, 1), len(r.Servers) > 0
	})
	add("highest rate at the search's p99", false, func(r *runReport) (float64, bool) {
		if r.Search == nil {
			return 0, false
		}
		return r.Search.Best, true
	})
	maxPhases := 0
	for _, r := range reps {
		maxPhases = max(maxPhases, len(r.Phases))
	}
	for i := range maxPhases {
		phase := func(f func(p phaseReport) float64) func(*runReport) (float64, bool) {
			return func(r *runReport) (float64, bool) {
				if i >= len(r.Phases) {
					return 0, false
				}
				return f(r.Phases[i]), true
			}
		}
		rate := 0.0
		for _, r := range reps {
			if i < len(r.Phases) {
				rate = r.Phases[i].Rate
			}
		}
		pre := fmt.Sprintf("@%.0f/s ", rate)
		add(pre+"delivered/s", false, phase(func(p phaseReport) float64 { return p.DeliveriesPerSecond }))
		add(pre+"p50 ms", true, phase(func(p phaseReport) float64 { return p.Latency.P50 }))
		add(pre+"p99 ms", true, phase(func(p phaseReport) float64 { return p.Latency.P99 }))
		add(pre+"p99.9 ms", true, phase(func(p phaseReport) float64 { return p.Latency.P999 }))
		add(pre+"lost", true, phase(func(p phaseReport) float64 { return float64(p.Tally.Lost) }))
		add(pre+"server CPU cores", true, phase(func(p phaseReport) float64 { return p.ServerCPU }))
		// Cores alone flatter a hub that delivers less: CPU per event published.
		add(pre+"server CPU µs/event", true, phase(func(p phaseReport) float64 { return cpuPerEventUs(p) }))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"figure"}
	for i, n := range names {
		head = append(head, n)
		if i > 0 {
			head = append(head, "ratio")
		}
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, row := range rows {
		cells := []string{row.name}
		for i, v := range row.values {
			if v < 0 {
				cells = append(cells, "-")
			} else {
				cells = append(cells, trimFloat(v))
			}
			if i > 0 {
				cells = append(cells, ratio(v, row.values[0]))
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
}

// cpuPerEventUs is the server's CPU time over a phase (its drain included)
// per acknowledged publish, in µs; 0 when nothing was acknowledged or the
// server was not measured.
func cpuPerEventUs(p phaseReport) float64 {
	if p.Publish.OK <= 0 {
		return 0
	}
	return p.ServerCPUSeconds / float64(p.Publish.OK) * 1e6
}

func ratio(v, base float64) string {
	if v < 0 || base <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", v/base)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
