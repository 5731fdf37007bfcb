package middleware

import (
	"testing"
	"time"
)

func TestBodyAllowanceGrowsWithTheAnnouncedLength(t *testing.T) {
	const rate = 64 << 10
	tests := []struct {
		name    string
		minRate int64
		length  int64
		want    time.Duration
	}{
		{"a JSON body", rate, 1_000, 5*time.Second + 15258789*time.Nanosecond},
		{"a 10 MiB file", rate, 10 << 20, 165 * time.Second},
		{"unknown length (chunked)", rate, -1, 5 * time.Second},
		{"no body", rate, 0, 5 * time.Second},
		{"no rate allowance", 0, 10 << 20, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bodyAllowance(5*time.Second, tt.minRate, tt.length); got != tt.want {
				t.Fatalf("bodyAllowance = %v, want %v", got, tt.want)
			}
		})
	}
}
