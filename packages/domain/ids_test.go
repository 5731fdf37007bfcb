package domain

import (
	"testing"
	"time"
)

func TestNewIDIncreasesWithinOneMillisecond(t *testing.T) {
	var g idGenerator
	now := time.UnixMilli(1_700_000_000_000)
	prev := g.next(now)
	for i := 0; i < 10_000; i++ {
		id := g.next(now)
		if id <= prev {
			t.Fatalf("id %d: %s not after %s", i, id, prev)
		}
		if !ValidID(id) {
			t.Fatalf("invalid id %q", id)
		}
		prev = id
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{NewID(), true},
		{"", false},
		{"0123456789abcdef0123456789abcdeF", false},
		{"0123456789abcdef0123456789abcde", false},
		{"{$gt: ''}", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.in); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIDAfter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"00000000000000000000000000000000", "00000000000000000000000000000001"},
		{"0190c6f1a2b37c4d8e9f0a1b2c3d4e59", "0190c6f1a2b37c4d8e9f0a1b2c3d4e5a"},
		{"0190c6f1a2b37c4d8e9f0a1b2c3d4eff", "0190c6f1a2b37c4d8e9f0a1b2c3d4f00"},
	}
	for _, tt := range tests {
		if got := IDAfter(tt.in); got != tt.want || got <= tt.in || !ValidID(got) {
			t.Errorf("IDAfter(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
