package main

import (
	"os"
	"runtime"
	"testing"
)

// The process's own figures: RssAnon is part of VmRSS, and a field that
// /proc/<pid>/status lacks is an error, not a zero.
func TestStatusKB(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	pid := os.Getpid()
	rss, err := rssKB(pid)
	if err != nil || rss <= 0 {
		t.Fatalf("rssKB = %d, %v", rss, err)
	}
	anon, err := anonKB(pid)
	if err != nil || anon <= 0 || anon > rss {
		t.Fatalf("anonKB = %d, %v (VmRSS %d)", anon, err, rss)
	}
	if kb, err := statusKB(pid, "NoSuchField:"); err == nil {
		t.Fatalf("statusKB of a missing field = %d, want an error", kb)
	}
}
