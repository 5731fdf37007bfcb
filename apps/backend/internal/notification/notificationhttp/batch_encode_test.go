package notificationhttp

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/notification/events"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/httperr"
)

func TestBatchResultAppendJSONIsWhatEncodingJSONWrites(t *testing.T) {
	url := "/machines/1?tab=<plans>&x=1"
	at := time.Date(2026, 12, 2, 20, 0, 0, 123456789, time.UTC)
	created := events.NotificationDTO{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", UserID: "u1", Type: "SYSTEM",
		Title: "Öl & Filter", Message: "line\nbreak \"quoted\"", Metadata: map[string]any{"b": 2, "a": []any{"x", true}},
		ActionURL: &url, Priority: "HIGH", Source: "api", CreatedAt: at}
	read := created
	read.Metadata, read.ActionURL, read.Read, read.ReadAt = nil, nil, true, &at
	tests := []struct {
		name string
		dto  BatchResultDTO
	}{
		{"no results", BatchResultDTO{}},
		{"empty results", BatchResultDTO{Results: []BatchItemDTO{}}},
		{"every kind of item", BatchResultDTO{Created: 2, Replayed: 1, Failed: 2, Results: []BatchItemDTO{
			{Index: 0, Status: 201, Notification: &created},
			{Index: 1, Status: 201, Replayed: true, Notification: &read},
			{Index: 2, Status: 204},
			{Index: 3, Status: 400, Error: &httperr.Detail{Code: "VALIDATION_FAILED", Message: "userId: required",
				Fields: map[string]string{"userId": "required"}}},
			{Index: 4, Status: 404, Error: &httperr.Detail{Code: "NOT_FOUND", Message: "no such user"}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(tt.dto)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tt.dto.AppendJSON(nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Fatalf("AppendJSON:\n%s\nencoding/json:\n%s", got, want)
			}
		})
	}
}
