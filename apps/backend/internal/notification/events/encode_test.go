package events

import (
	"encoding/json"
	"testing"
	"time"
)

// reference encodes d with encoding/json's reflection (the type without its
// MarshalJSON method).
func reference(t testing.TB, d NotificationDTO) string {
	t.Helper()
	type plain NotificationDTO
	b, err := json.Marshal(plain(d))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAppendJSONIsWhatEncodingJSONWrites(t *testing.T) {
	url := "/machines/0190c6f1a2b37c4d8e9f0a1b2c3d4e62?tab=plans&x=<y>"
	read := time.Date(2026, 11, 23, 8, 34, 40, 123456789, time.UTC)
	local := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
	for _, d := range []NotificationDTO{
		{ID: "0190c6f1a2b37c4d8e9f0a1b2c3d4e5f", UserID: "u", Type: "SYSTEM", Title: "t", Message: "m",
			Metadata: map[string]any{}, Priority: "NORMAL", Source: "admin", CreatedAt: read},
		{ID: "a", Title: `quote " backslash \ tab 	 newline
 nul ` + "\x00", Message: "<script>alert('&')</script>", Metadata: nil,
			ActionURL: &url, Read: true, ReadAt: &read, CreatedAt: local},
		{Title: "Bagger 7 – Öl prüfen ✓ \u2028 \u2029 ☃", Message: "invalid \xff\xfe utf-8",
			Metadata: map[string]any{"b": 1.5, "a": []any{"x", map[string]any{"k": nil}}, "<": true}, CreatedAt: time.Time{}},
		{Title: "flat metadata, written without reflection", CreatedAt: read, Metadata: map[string]any{
			"machineId": "0190c6f1a2b37c4d8e9f0a1b2c3d4e62", "overdue": true, "acknowledged": false, "note": nil,
			"Zeta": "<b>&</b>", "é": "ü", "": "empty key", "a\"b": "q", "loadSeq": "12", "sentAtNs": "1764633600000000000",
			"k01": "1", "k02": "2", "k03": "3", "k04": "4", "k05": "5", "k06": "6", "k07": "7", "k08": "8"}},
	} {
		got, err := d.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(t, d); string(got) != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		if m, _ := json.Marshal(d); string(m) != reference(t, d) {
			t.Fatalf("json.Marshal through MarshalJSON: %s", m)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("title", "message", "/x", "k", "v")
	f.Add("\u2028<&>\"\\", "\xff", "", "$", "\x00")
	f.Fuzz(func(t *testing.T, title, message, action, key, value string) {
		d := NotificationDTO{ID: key, Title: title, Message: message, ActionURL: &action,
			Metadata: map[string]any{key: value}, CreatedAt: time.Unix(0, int64(len(title))*1e9+7).UTC()}
		got, err := d.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(t, d); string(got) != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}
