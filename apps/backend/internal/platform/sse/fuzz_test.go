package sse

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// run feeds in to a parser in chunks of the given sizes (cycled; the whole
// input at once when sizes is empty) and records everything it reports.
type run struct {
	events   []Parsed
	raw      []Parsed
	comments []string
	retries  []int
	lastID   string
}

func parse(in []byte, sizes []int, bytewise bool) run {
	var r run
	p := &Parser{bytewise: bytewise,
		OnEvent:   func(e Parsed) { r.events = append(r.events, e) },
		OnRaw:     func(typ, data []byte) { r.raw = append(r.raw, Parsed{Type: string(typ), Data: string(data)}) },
		OnComment: func(c string) { r.comments = append(r.comments, c) },
		OnRetry:   func(ms int) { r.retries = append(r.retries, ms) },
	}
	if len(sizes) == 0 {
		p.Feed(in)
	}
	for i := 0; len(sizes) > 0 && len(in) > 0; i++ {
		n := min(sizes[i%len(sizes)], len(in))
		p.Feed(in[:n])
		in = in[n:]
	}
	r.lastID = p.LastEventID
	return r
}

func sameRun(a, b run) bool {
	return slices.Equal(a.events, b.events) && slices.Equal(a.raw, b.raw) && slices.Equal(a.comments, b.comments) &&
		slices.Equal(a.retries, b.retries) && a.lastID == b.lastID
}

// FuzzParser checks that the fast path agrees with the byte-by-byte decoder
// (the standard's steps, one byte at a time), that no split of the input
// into reads changes what is dispatched, and what every client may rely on:
// types and data are valid UTF-8, a type holds no line break, data no CR,
// and OnRaw reports exactly what OnEvent does.
func FuzzParser(f *testing.F) {
	for _, seed := range []string{
		"retry: 3000\n\n: heartbeat\n\nevent: connected\ndata: {}\n\n",
		"event: notification\r\nid: 7\r\ndata: {\"a\":1,\r\ndata: \"b\": 2}\r\n\r\n",
		"\uFEFFdata: bom\r\rdata:no space\n\n",
		"data: caf\xc3\xa9 \xe2\x82\n\ndata: \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf\n\n",
		"id: a\x00b\ndata: x\n\nid\ndata\n\n",
		"retry: 12a\nretry:\nretry: 99999999999999\ndata: y\n\nevent: partial\ndata: never finished",
		":comment only\n\n\n\nevent: empty\n\ndata:\n\n",
	} {
		f.Add([]byte(seed), []byte{1, 3, 7})
	}
	f.Fuzz(func(t *testing.T, in []byte, splits []byte) {
		sizes := make([]int, 0, len(splits))
		for _, s := range splits {
			sizes = append(sizes, int(s%16)+1)
		}
		want := parse(in, nil, true)
		for _, got := range []run{parse(in, nil, false), parse(in, sizes, false), parse(in, sizes, true)} {
			if !sameRun(got, want) {
				t.Fatalf("input %q split %v:\n got %+v\nwant %+v", in, sizes, got, want)
			}
		}
		if len(want.raw) != len(want.events) {
			t.Fatalf("%d raw, %d events", len(want.raw), len(want.events))
		}
		for i, e := range want.events {
			if e.Type != want.raw[i].Type || e.Data != want.raw[i].Data {
				t.Fatalf("raw %+v, event %+v", want.raw[i], e)
			}
			if !utf8.ValidString(e.Type) || !utf8.ValidString(e.Data) || !utf8.ValidString(e.LastEventID) {
				t.Fatalf("invalid UTF-8 dispatched: %+v", e)
			}
			if e.Type == "" || strings.ContainsAny(e.Type, "\r\n") || strings.ContainsRune(e.Data, '\r') ||
				strings.ContainsAny(e.LastEventID, "\r\n\x00") {
				t.Fatalf("a line break leaked: %+v", e)
			}
		}
	})
}
