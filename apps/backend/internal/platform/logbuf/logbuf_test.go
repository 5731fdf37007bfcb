package logbuf

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

type recorder struct {
	mu     sync.Mutex
	writes []string
	fail   error
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, string(p))
	return len(p), r.fail
}

func (r *recorder) all() (string, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.writes, ""), len(r.writes)
}

func TestLinesAreWrittenTogetherInOrderAndNothingIsLostAtClose(t *testing.T) {
	out := &recorder{}
	w := New(out, time.Hour, 1<<20) // only Close writes
	var want bytes.Buffer
	for i := 0; i < 1000; i++ {
		line := strings.Repeat("x", i%50) + "\n"
		want.WriteString(line)
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if _, n := out.all(); n != 0 {
		t.Fatalf("%d writes before the interval", n)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, n := out.all()
	if got != want.String() || n != 1 {
		t.Fatalf("%d writes; same bytes: %v", n, got == want.String())
	}
	if _, err := w.Write([]byte("after\n")); err != nil { // written through
		t.Fatal(err)
	}
	if got, _ := out.all(); !strings.HasSuffix(got, "after\n") {
		t.Fatal("a write after Close was lost")
	}
}

func TestAFullBufferAndTheTimerWriteOut(t *testing.T) {
	out := &recorder{}
	w := New(out, 20*time.Millisecond, 10)
	defer w.Close()
	_, _ = w.Write([]byte("0123456789ab")) // over the size: written at once, whole
	if got, n := out.all(); n != 1 || got != "0123456789ab" {
		t.Fatalf("%d writes: %q", n, got)
	}
	_, _ = w.Write([]byte("cd"))
	deadline := time.Now().Add(5 * time.Second)
	for {
		if got, _ := out.all(); got == "0123456789abcd" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the timer never wrote the rest")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestAWriteErrorIsReportedByFlush(t *testing.T) {
	out := &recorder{fail: errors.New("disk full")}
	w := New(out, time.Hour, 1<<10)
	defer w.Close()
	_, _ = w.Write([]byte("line\n"))
	if err := w.Flush(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Flush = %v", err)
	}
}
