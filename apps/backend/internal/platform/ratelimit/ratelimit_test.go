package ratelimit

import (
	"testing"
	"time"
)

func TestAllowPerKey(t *testing.T) {
	now := time.Unix(1000, 0)
	l := New(time.Minute, 2)
	l.now = func() time.Time { return now }
	for i := 0; i < 2; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("event %d refused", i)
		}
	}
	ok, wait := l.Allow("a")
	if ok || wait <= 0 || wait > time.Minute {
		t.Fatalf("third event: %v %v", ok, wait)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key must not share the bucket")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("a token must come back after a minute")
	}
	now = now.Add(time.Hour)
	l.Allow("c")
	if _, ok := l.buckets["b"]; ok {
		t.Fatal("idle bucket kept")
	}
}
