package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadReplayCountsTheNotificationsBeforeTheCount(t *testing.T) {
	tests := []struct {
		name    string
		stream  string
		want    int
		wantErr bool
	}{
		{"three replayed", "retry: 3000\n\nevent: connected\ndata: {}\n\nid: a\nevent: notification\ndata: {}\n\n" +
			"id: b\nevent: notification\ndata: {}\n\nid: c\nevent:notification\ndata: {}\n\nevent: unread-count\ndata: {\"count\":3}\n\n", 3, false},
		{"nothing to replay", "event: connected\ndata: {}\n\nevent: unread-count\ndata: {\"count\":0}\n\n", 0, false},
		{"a reset", "event: connected\ndata: {}\n\nevent: reset\ndata: {\"reason\":\"gone\"}\n\n", 0, true},
		{"cut before the count", "event: connected\ndata: {}\n\nid: a\nevent: notification\ndata: {}\n\n", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readReplay(strings.NewReader(tt.stream))
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("readReplay = %d, %v; want %d, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// reads against a stand-in for FleetMan's two routes: every user has ten
// notifications; the replay after the one -back behind the newest sends
// -back of them, then the count.
func TestReadsMeasuresTheInboxAndTheReplay(t *testing.T) {
	var inboxes, streams atomic.Int64
	ids := func(user string) []string {
		out := make([]string, 10)
		for i := range out {
			out[i] = fmt.Sprintf("%s-%02d", user, 9-i) // newest first
		}
		return out
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer tok-")
		switch r.URL.Path {
		case "/api/v1/notifications":
			inboxes.Add(1)
			var items []string
			for _, id := range ids(user) {
				items = append(items, `{"id":"`+id+`"}`)
			}
			fmt.Fprintf(w, `{"items":[%s],"nextCursor":null}`, strings.Join(items, ","))
		case "/api/v1/notifications/stream":
			streams.Add(1)
			after := r.Header.Get("Last-Event-ID")
			w.Header().Set("Content-Type", "text/event-stream")
			fmt.Fprint(w, "event: connected\ndata: {}\n\n")
			for _, id := range ids(user) {
				if id > after {
					fmt.Fprintf(w, "id: %s\nevent: notification\ndata: {}\n\n", id)
				}
			}
			fmt.Fprint(w, "event: unread-count\ndata: {\"count\":1}\n\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	tokens := filepath.Join(t.TempDir(), "tokens.tsv")
	var file strings.Builder
	file.WriteString("admin\tadmin\tadmin@x\ttok-admin\n")
	for i := range 20 {
		fmt.Fprintf(&file, "user\tu%d\tu%d@x\ttok-u%d\n", i, i, i)
	}
	if err := os.WriteFile(tokens, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := reads(context.Background(), readsConfig{Target: srv.URL, TokensFile: tokens, Sample: 8, Back: 4,
		Rate: 200, Duration: 300 * time.Millisecond, Conns: 4, Phases: []string{"inbox", "replay"}, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Users != 20 || rep.Sampled != 8 || len(rep.Phases) != 2 {
		t.Fatalf("report %+v", rep)
	}
	for _, p := range rep.Phases {
		if p.Requests < 40 || p.Errors != 0 || p.Latency.Count != uint64(p.Requests) || p.Latency.P99 <= 0 {
			t.Fatalf("phase %s: %+v", p.Name, p)
		}
	}
	if streams.Load() != rep.Phases[1].Requests || inboxes.Load() != rep.Phases[0].Requests+8 {
		t.Fatalf("%d inbox and %d stream requests for %+v", inboxes.Load(), streams.Load(), rep.Phases)
	}
	// Asking for more than a user has is an error of each replay.
	rep, err = reads(context.Background(), readsConfig{Target: srv.URL, TokensFile: tokens, Sample: 3, Back: 12,
		Rate: 100, Duration: 100 * time.Millisecond, Conns: 2, Phases: []string{"replay"}, Seed: 1})
	if err == nil {
		t.Fatalf("no user has 13 notifications, yet: %+v", rep)
	}
}
