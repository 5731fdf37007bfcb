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
