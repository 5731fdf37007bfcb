package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/fleetman/fleetman/apps/backend/cmd/fleetseed/seed"
)

// `fleetload tokens` writes a token file (fleetseed's format) for a peer hub
// that authenticates streams with HMAC-signed connection JWTs rather than
// with accounts in a store: Centrifugo. Each user's token names the user
// (sub) and subscribes its connection to the user's own channel (subs), so
// one stream receives exactly its user's events, as a FleetMan stream does.
// The admin line carries the publisher's credential (Centrifugo's HTTP API
// key), which the publish template reads as ${pubToken}.

// tokensConfig is what `fleetload tokens` is told.
type tokensConfig struct {
	Secret  string // HMAC key of the connection tokens
	APIKey  string // the publisher's credential, written as the admin's token
	Users   int
	Channel string // channel template; ${userId} is the user's id
}

func tokensCommand(args []string) error {
	fs := flag.NewFlagSet("tokens", flag.ContinueOnError)
	var cfg tokensConfig
	fs.StringVar(&cfg.Secret, "centrifugo-secret", "", "HMAC secret of the connection JWTs (Centrifugo's client.token.hmac_secret_key)")
	fs.StringVar(&cfg.APIKey, "api-key", "", "publisher credential written as the admin's token (Centrifugo's http_api.key)")
	fs.IntVar(&cfg.Users, "users", 10000, "users (one token each)")
	fs.StringVar(&cfg.Channel, "channel", "user:${userId}", "each user's channel, subscribed by its token's subs claim")
	out := fs.String("out", "", "token file to write (default: stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("tokens: %w", err)
		}
		defer f.Close()
		w = f
	}
	res, err := centrifugoTokens(cfg)
	if err != nil {
		return err
	}
	if err := seed.Write(w, res); err != nil {
		return fmt.Errorf("tokens: write: %w", err)
	}
	return nil
}

// centrifugoTokens makes the accounts: synthetic users (the same ids as a run
// without a token file), each with a connection JWT.
func centrifugoTokens(cfg tokensConfig) (seed.Result, error) {
	if cfg.Secret == "" || cfg.APIKey == "" {
		return seed.Result{}, errors.New("tokens: -centrifugo-secret and -api-key are required")
	}
	if cfg.Users < 1 {
		return seed.Result{}, errors.New("tokens: -users must be positive")
	}
	if !strings.Contains(cfg.Channel, "${userId}") {
		return seed.Result{}, errors.New("tokens: -channel must carry ${userId}: each stream subscribes to its own user's channel")
	}
	res := seed.Result{Admin: seed.Account{Role: "admin", UserID: "publisher", Email: "publisher@load.fleetman.test", Token: cfg.APIKey}}
	key := []byte(cfg.Secret)
	for i := range cfg.Users {
		id := syntheticUserID(i)
		channel := strings.ReplaceAll(cfg.Channel, "${userId}", id)
		// No exp: a benchmark's streams live as long as the run; Centrifugo
		// then never asks for a refresh, which uni_sse could not answer.
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
			"sub":  id,
			"subs": map[string]any{channel: map[string]any{}},
		}).SignedString(key)
		if err != nil {
			return seed.Result{}, fmt.Errorf("tokens: sign user %d: %w", i, err)
		}
		res.Users = append(res.Users, seed.Account{Role: "user", UserID: id,
			Email: "synthetic-" + strconv.Itoa(i) + "@load.fleetman.test", Token: tok})
	}
	return res, nil
}

// syntheticUserID is user i's id when no store issues ids (the raw server,
// a peer hub): 24 hex digits, the shape of FleetMan's ids.
func syntheticUserID(i int) string { return fmt.Sprintf("%024x", 0xf1ee7000000+i) }
