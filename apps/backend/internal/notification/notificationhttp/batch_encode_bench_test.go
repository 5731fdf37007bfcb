package notificationhttp

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
)

// batchAnswer is the answer to a batch of n created notifications.
func batchAnswer(n int) BatchResultDTO {
	out := BatchResultDTO{Created: n, Results: make([]BatchItemDTO, n)}
	for i := range out.Results {
		d := events.NotificationDTO{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", UserID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e60", Type: "SYSTEM",
			Title: "load.title", Message: "load.message", Metadata: map[string]any{"loadSeq": "12"},
			Priority: "NORMAL", Source: "api", CreatedAt: time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)}
		out.Results[i] = BatchItemDTO{Index: i, Status: 201, Notification: &d}
	}
	return out
}

// BenchmarkBatchAnswerAppendJSON encodes a 200-item batch answer by hand;
// BenchmarkBatchAnswerEncodingJSON, with encoding/json as gin's c.JSON did
// (which also re-reads each notification's own JSON to compact it), is why.
func BenchmarkBatchAnswerAppendJSON(b *testing.B) {
	out := batchAnswer(200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := out.AppendJSON(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBatchAnswerEncodingJSON(b *testing.B) {
	out := batchAnswer(200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(out); err != nil {
			b.Fatal(err)
		}
	}
}
