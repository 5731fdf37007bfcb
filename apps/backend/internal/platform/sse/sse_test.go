package sse

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parseAll feeds frame to a fresh parser in random-sized chunks.
func parseAll(t testing.TB, frame []byte, seed uint64) ([]Parsed, []string) {
	t.Helper()
	var events []Parsed
	var comments []string
	p := &Parser{OnEvent: func(e Parsed) { events = append(events, e) }, OnComment: func(c string) { comments = append(comments, c) }}
	rng := rand.New(rand.NewPCG(seed, 7))
	for len(frame) > 0 {
		n := 1 + rng.IntN(8)
		if n > len(frame) {
			n = len(frame)
		}
		p.Feed(frame[:n])
		frame = frame[n:]
	}
	return events, comments
}

func TestEncoderRoundTrips(t *testing.T) {
	big := strings.Repeat("0123456789abcdef\u00e9\U0001F69C", 40_000) // ~1.2 MB
	cases := []struct {
		name, data, want string
	}{
		{"plain JSON", `{"a":1}`, `{"a":1}`},
		{"empty", "", ""},
		{"LF", "a\nb", "a\nb"},
		{"CR", "a\rb", "a\nb"},
		{"CRLF", "a\r\nb", "a\nb"},
		{"CR then LF lines", "a\r\rb\n\n", "a\n\nb\n\n"},
		{"trailing LF", "a\n", "a\n"},
		{"only LF", "\n", "\n"},
		{"NUL", "a\x00b", "a\x00b"},
		{"leading space kept", " x", " x"},
		{"leading colon", ":x", ":x"},
		{"non-ASCII", "Grúa «Ñandú» 🚜 ✓", "Grúa «Ñandú» 🚜 ✓"},
		{"BOM inside", "\uFEFFx", "\uFEFFx"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"large", big, big},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			frame := AppendEvent(nil, Event{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", Name: "notification", Data: []byte(c.data)})
			events, _ := parseAll(t, frame, uint64(i))
			if len(events) != 1 {
				t.Fatalf("%d events", len(events))
			}
			e := events[0]
			if e.Type != "notification" || e.LastEventID != "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f" || e.Data != c.want {
				t.Fatalf("got %q %q %.80q", e.Type, e.LastEventID, e.Data)
			}
			if Normalize([]byte(c.data)) != c.want {
				t.Fatalf("Normalize disagrees")
			}
		})
	}
}

func TestIDsAndNamesNeverCarryLineBreaksOrNUL(t *testing.T) {
	frame := AppendEvent(nil, Event{ID: "a\r\nb\x00c\rd\ne", Name: "x\ny\rz", Data: []byte("d")})
	events, _ := parseAll(t, frame, 1)
	if len(events) != 1 || events[0].LastEventID != "abcde" || events[0].Type != "xyz" {
		t.Fatalf("%+v", events)
	}
}

func TestRetryCommentAndStreamOfEvents(t *testing.T) {
	var b []byte
	b = AppendRetry(b, 3*time.Second)
	b = AppendEvent(b, Event{Name: "connected", Data: []byte(`{}`)})
	b = AppendComment(b, "heartbeat")
	b = AppendEvent(b, Event{ID: "1", Name: "notification", Data: []byte(`{"n":1}`)})
	b = AppendEvent(b, Event{Data: []byte(`plain`)})
	var retry int
	var events []Parsed
	var comments []string
	p := &Parser{OnEvent: func(e Parsed) { events = append(events, e) }, OnComment: func(c string) { comments = append(comments, c) },
		OnRetry: func(ms int) { retry = ms }}
	p.Feed(b)
	if retry != 3000 || len(comments) != 1 || comments[0] != "heartbeat" || len(events) != 3 {
		t.Fatalf("retry %d comments %v events %+v", retry, comments, events)
	}
	if events[0].Type != "connected" || events[1].LastEventID != "1" || events[2].Type != "message" || events[2].LastEventID != "1" {
		t.Fatalf("%+v", events)
	}
}

func TestParserFollowsTheStandard(t *testing.T) {
	// Examples from the WHATWG standard, plus edge cases of line ends and decoding.
	var events []Parsed
	p := &Parser{OnEvent: func(e Parsed) { events = append(events, e) }}
	p.Feed([]byte("\uFEFFdata: YHOO\ndata: +2\ndata: 10\n\n"))
	p.Feed([]byte(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"))
	p.Feed([]byte("data\n\ndata\ndata\n\ndata:\n\n"))
	p.Feed([]byte("id: x\x00y\ndata: nul id ignored\r"))
	p.Feed([]byte("\n\r\nevent: e\rdata: cr lines\r\rdata: \xe2\x82x\n\n"))
	p.Feed([]byte("data: unfinished"))
	want := []Parsed{
		{"message", "YHOO\n+2\n10", ""},
		{"message", "first event", "1"},
		{"message", "second event", ""},
		{"message", " third event", ""},
		{"message", "", ""},
		{"message", "\n", ""},
		{"message", "", ""},
		{"message", "nul id ignored", ""},
		{"e", "cr lines", ""},
		{"message", "\uFFFDx", ""},
	}
	if len(events) != len(want) {
		t.Fatalf("%d events: %+v", len(events), events)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, events[i], want[i])
		}
	}
}

// FuzzEncoder holds the encoder against the parser: whatever the id, name and
// data, one frame is one event whose fields read back as documented.
func FuzzEncoder(f *testing.F) {
	f.Add("0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", "notification", []byte(`{"a":"b"}`), uint64(1))
	f.Add("a\rb", "x\ny", []byte("l1\r\nl2\rl3\nl4\x00\r"), uint64(2))
	f.Add("\x00", "", []byte(""), uint64(3))
	f.Add("é\xff", ":", []byte("\xf0\x9f\x9a\x9c \xe2\x82 \r\n\r\n"), uint64(4))
	f.Add("", "\uFEFF", []byte("\uFEFF:data: x\n\nid: y\n\n"), uint64(5))
	f.Fuzz(func(t *testing.T, id, name string, data []byte, seed uint64) {
		var frame []byte
		frame = AppendComment(frame, "heartbeat\r\nx") // a comment before must not interfere
		frame = AppendEvent(frame, Event{ID: id, Name: name, Data: data})
		if !utf8.Valid(frame) {
			t.Fatal("frame is not UTF-8")
		}
		events, comments := parseAll(t, frame, seed)
		if len(events) != 1 || len(comments) != 1 {
			t.Fatalf("%d events, %d comments from %q", len(events), len(comments), frame)
		}
		e := events[0]
		if e.Data != Normalize(data) {
			t.Fatalf("data %q, want %q", e.Data, Normalize(data))
		}
		if strings.ContainsAny(e.LastEventID, "\r\n\x00") || strings.ContainsAny(e.Type, "\r\n") {
			t.Fatalf("id %q or type %q carries a line break or NUL", e.LastEventID, e.Type)
		}
		clean := func(s string) bool { return utf8.ValidString(s) && !strings.ContainsAny(s, "\r\n\x00") }
		if clean(id) && e.LastEventID != id {
			t.Fatalf("id %q read back as %q", id, e.LastEventID)
		}
		if clean(name) && name != "" && e.Type != name {
			t.Fatalf("name %q read back as %q", name, e.Type)
		}
		if name == "" && e.Type != "message" {
			t.Fatalf("no name read back as %q", e.Type)
		}
		if !bytes.HasSuffix(frame, []byte("\n\n")) {
			t.Fatal("frame does not end with a blank line")
		}
	})
}
