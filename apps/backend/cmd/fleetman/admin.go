package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/bootstrap"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
)

const adminUsage = `usage: fleetman admin create --email <address> [--name <name>] [--business <name>] < password

Creates an account holding the admin role in the configured store (the same
environment as the server: SQLITE_PATH or MONGODB_URI, BCRYPT_COST, ...).
The password is the first line of standard input, never an argument. An
address that already has an account is refused.`

// adminCommand runs `fleetman admin ...`.
func adminCommand(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New(strings.TrimSpace(adminUsage))
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "the admin's address")
	name := fs.String("name", "Administrator", "display name")
	business := fs.String("business", "", "business name")
	if err := fs.Parse(args[1:]); err != nil || *email == "" || fs.NArg() > 0 {
		return errors.New(strings.TrimSpace(adminUsage))
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read the password from stdin: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	u, err := bootstrap.CreateAdmin(ctx, cfg, log, accountapp.CreateAdmin{
		Email: *email, Password: password, Name: *name, BusinessName: *business})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "admin %s created (id %s)\n", u.Email(), u.ID())
	return nil
}
