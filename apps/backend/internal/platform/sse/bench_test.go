package sse

import (
	"strings"
	"testing"
)

// A typical notification payload (NEW_MESSAGE, ~600 bytes of JSON).
var payload = []byte(`{"id":"0190c6f1a2b37c4d8e9f0a1b2c3d4e5f","userId":"0190c6f1a2b37c4d8e9f0a1b2c3d4e60","type":"NEW_MESSAGE",` +
	`"title":"notification.newMessage.title","message":"notification.newMessage.body","metadata":{"messageId":"0190c6f1a2b37c4d8e9f0a1b2c3d4e61",` +
	`"senderId":"0190c6f1a2b37c4d8e9f0a1b2c3d4e62","senderName":"Ana García","preview":"` + strings.Repeat("Grúa lista para mañana ", 4) +
	`","conversationWith":"0190c6f1a2b37c4d8e9f0a1b2c3d4e62"},"actionUrl":"/messages/0190c6f1a2b37c4d8e9f0a1b2c3d4e62",` +
	`"priority":"NORMAL","source":"messaging","read":false,"readAt":null,"createdAt":"2026-11-23T01:02:03.456Z"}`)

func BenchmarkAppendEvent(b *testing.B) {
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendEvent(buf[:0], Event{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", Name: "notification", Data: payload})
	}
}

func BenchmarkAppendEventMultiline(b *testing.B) {
	data := []byte(strings.Repeat("line of text\r\n", 40))
	buf := make([]byte, 0, 2048)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendEvent(buf[:0], Event{Name: "message", Data: data})
	}
}

func BenchmarkParser(b *testing.B) {
	frame := AppendEvent(nil, Event{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", Name: "notification", Data: payload})
	p := &Parser{OnEvent: func(Parsed) {}}
	b.SetBytes(int64(len(frame)))
	for b.Loop() {
		p.Feed(frame)
	}
}

// BenchmarkParserRaw is the load tool's path: OnRaw, no allocation per event.
func BenchmarkParserRaw(b *testing.B) {
	frame := AppendEvent(nil, Event{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", Name: "notification", Data: payload})
	p := &Parser{OnRaw: func(typ, data []byte) {}}
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	for b.Loop() {
		p.Feed(frame)
	}
}
