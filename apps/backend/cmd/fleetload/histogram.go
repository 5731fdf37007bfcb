package main

import (
	"math"
	"math/bits"
	"time"
)

// histogram records durations in log-linear buckets: exact below 128 ns, then
// 128 buckets per power of two, so any percentile is within 0.8% of the true
// value. Recording is one index computation and an increment.
type histogram struct {
	counts   []uint64
	n        uint64
	sum      float64
	min, max int64
}

const subBits = 7
const subCount = 1 << subBits

func newHistogram() *histogram {
	return &histogram{counts: make([]uint64, (64-subBits+1)*subCount), min: math.MaxInt64}
}

func bucketOf(v int64) int {
	if v < subCount {
		return int(max(v, 0))
	}
	e := bits.Len64(uint64(v)) - subBits - 1 // v>>e is in [128, 256)
	return (e+1)*subCount + int(uint64(v)>>e) - subCount
}

// bucketHigh is the highest value that falls in bucket i.
func bucketHigh(i int) int64 {
	if i < subCount {
		return int64(i)
	}
	e := i/subCount - 1
	low := int64(i%subCount+subCount) << e
	return low + (int64(1) << e) - 1
}

func (h *histogram) record(v int64) {
	v = max(v, 0)
	h.counts[bucketOf(v)]++
	h.n++
	h.sum += float64(v)
	h.min = min(h.min, v)
	h.max = max(h.max, v)
}

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.sum += o.sum
	h.min = min(h.min, o.min)
	h.max = max(h.max, o.max)
}

// quantile returns the value at or below which a fraction q of the records
// fall (the bucket's highest value, capped by the largest record).
func (h *histogram) quantile(q float64) int64 {
	if h.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for i, c := range h.counts {
		if seen += c; seen >= rank {
			return min(bucketHigh(i), h.max)
		}
	}
	return h.max
}

func (h *histogram) mean() float64 {
	if h.n == 0 {
		return 0
	}
	return h.sum / float64(h.n)
}

// latencySummary is a histogram's figures in milliseconds.
type latencySummary struct {
	Count uint64  `json:"count"`
	Mean  float64 `json:"mean"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	P99   float64 `json:"p99"`
	P999  float64 `json:"p999"`
	Max   float64 `json:"max"`
}

func ms(ns int64) float64 { return math.Round(float64(ns)/float64(time.Millisecond)*1000) / 1000 }

func (h *histogram) summary() latencySummary {
	if h.n == 0 {
		return latencySummary{}
	}
	return latencySummary{Count: h.n, Mean: ms(int64(h.mean())), P50: ms(h.quantile(0.5)), P90: ms(h.quantile(0.9)),
		P99: ms(h.quantile(0.99)), P999: ms(h.quantile(0.999)), Max: ms(h.max)}
}
