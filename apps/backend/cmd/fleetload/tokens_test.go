package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
)

func TestCentrifugoTokens(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     tokensConfig
		wantErr string
		channel string // user 1's channel
	}{
		{"personal channel", tokensConfig{Secret: "s3cret", APIKey: "key", Users: 3, Channel: "user:${userId}"}, "", "user:" + syntheticUserID(1)},
		{"user-limited channel", tokensConfig{Secret: "s3cret", APIKey: "key", Users: 2, Channel: "user:#${userId}"}, "", "user:#" + syntheticUserID(1)},
		{"no secret", tokensConfig{APIKey: "key", Users: 1, Channel: "user:${userId}"}, "required", ""},
		{"no api key", tokensConfig{Secret: "s3cret", Users: 1, Channel: "user:${userId}"}, "required", ""},
		{"no users", tokensConfig{Secret: "s3cret", APIKey: "key", Users: 0, Channel: "user:${userId}"}, "positive", ""},
		{"one channel for all", tokensConfig{Secret: "s3cret", APIKey: "key", Users: 1, Channel: "news"}, "${userId}", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := centrifugoTokens(tc.cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Users) != tc.cfg.Users || res.Admin.Role != "admin" || res.Admin.Token != tc.cfg.APIKey {
				t.Fatalf("%d users, admin %+v", len(res.Users), res.Admin)
			}
			// Through the file and back, as `fleetload run -tokens` reads it.
			var buf bytes.Buffer
			if err := seed.Write(&buf, res); err != nil {
				t.Fatal(err)
			}
			back, err := seed.Read(&buf)
			if err != nil || len(back.Users) != tc.cfg.Users || back.Admin.Token != tc.cfg.APIKey {
				t.Fatalf("read back: %d users, admin %+v, %v", len(back.Users), back.Admin, err)
			}
			u := back.Users[1]
			claims := jwt.MapClaims{}
			if _, err := jwt.ParseWithClaims(u.Token, claims, func(*jwt.Token) (any, error) { return []byte(tc.cfg.Secret), nil },
				jwt.WithValidMethods([]string{"HS256"})); err != nil {
				t.Fatalf("token of user 1: %v", err)
			}
			subs, _ := claims["subs"].(map[string]any)
			if claims["sub"] != u.UserID || u.UserID != syntheticUserID(1) || len(subs) != 1 || subs[tc.channel] == nil {
				t.Errorf("claims %v (user %s), want sub = the user and subs = {%q: {}}", claims, u.UserID, tc.channel)
			}
		})
	}
}

func TestTokensCommandWritesAFileRunReads(t *testing.T) {
	out := filepath.Join(t.TempDir(), "tokens")
	if err := mainWith([]string{"tokens", "-centrifugo-secret", "s", "-api-key", "k", "-users", "4", "-out", out}); err != nil {
		t.Fatal(err)
	}
	users, pub, err := loadUsers(runConfig{TokensFile: out}, 4)
	if err != nil || len(users) != 4 || pub != "k" || users[3].ID != syntheticUserID(3) {
		t.Fatalf("loadUsers: %+v, %q, %v", users, pub, err)
	}
	if _, _, err := loadUsers(runConfig{TokensFile: out}, 5); err == nil {
		t.Error("5 users from a file of 4: no error")
	}
}

// Centrifugo's uni_sse push wraps the published data: the keys are found
// inside it, and its connect push (no keys) is no receipt.
func TestFieldsInsideACentrifugoPush(t *testing.T) {
	for _, tc := range []struct {
		name      string
		data      string
		seq, sent uint64
		ok        bool
	}{
		{"publication", `{"channel":"user:1","pub":{"data":{"loadSeq":"42","sentAtNs":"1764000000123456789"},"offset":7,"epoch":"x"}}`, 42, 1764000000123456789, true},
		{"numbers unquoted", `{"channel":"user:1","pub":{"data":{"loadSeq":3,"sentAtNs":9},"offset":1}}`, 3, 9, true},
		{"connect push", `{"connect":{"client":"c","version":"6.9.1 OSS","subs":{"user:1":{"recoverable":true,"offset":7}},"ping":25}}`, 0, 0, false},
		{"ping", `{}`, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seq, ok1 := numberAfter([]byte(tc.data), "loadSeq")
			sent, ok2 := numberAfter([]byte(tc.data), "sentAtNs")
			if ok := ok1 && ok2; ok != tc.ok || (ok && (seq != tc.seq || sent != tc.sent)) {
				t.Errorf("seq %d (%v), sent %d (%v); want %d, %d, %v", seq, ok1, sent, ok2, tc.seq, tc.sent, tc.ok)
			}
		})
	}
}

func TestCPUPerEvent(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    phaseReport
		want float64
	}{
		{"measured", phaseReport{ServerCPUSeconds: 2, Publish: publishStats{OK: 40000}}, 50},
		{"nothing acknowledged", phaseReport{ServerCPUSeconds: 2}, 0},
		{"server not measured", phaseReport{Publish: publishStats{OK: 10}}, 0},
	} {
		if got := cpuPerEventUs(tc.p); got != tc.want {
			t.Errorf("%s: %v µs/event, want %v", tc.name, got, tc.want)
		}
	}
}
