package events

import (
	"encoding/json"
	"testing"
	"time"
)

// loadDTO is a notification as fleetload publishes it.
func loadDTO() NotificationDTO {
	return NotificationDTO{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", UserID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e60", Type: "SYSTEM",
		Title: "load.title", Message: "load.message", Metadata: map[string]any{"loadSeq": "12", "sentAtNs": "1764633600000000000"},
		Priority: "NORMAL", Source: "api", CreatedAt: time.Date(2026, 12, 2, 20, 0, 0, 123456789, time.UTC)}
}

// BenchmarkAppendJSON is the hand-written encoder every published
// notification goes through twice (its event and the publisher's answer);
// BenchmarkAppendJSONReflection, encoding/json on the same value, is why.
func BenchmarkAppendJSON(b *testing.B) {
	d := loadDTO()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.AppendJSON(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendJSONReflection(b *testing.B) {
	type plain NotificationDTO
	d := plain(loadDTO())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(d); err != nil {
			b.Fatal(err)
		}
	}
}
