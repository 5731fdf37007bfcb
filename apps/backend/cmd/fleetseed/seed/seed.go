// Package seed creates synthetic accounts in bulk for load tests and writes
// their tokens, signed with the server's JWT secret, to a token file that
// fleetload reads.
//
// The token file has one account a line, tab-separated:
//
//	role	userId	email	token
//
// with role "admin" (the publisher) or "user" (a stream); lines starting with
// '#' are comments.
package seed

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/password"
	"github.com/fleetman/fleetman/packages/domain/session"
	"github.com/fleetman/fleetman/packages/domain/user"
	"github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

// Options says what to create.
type Options struct {
	Users      int    // synthetic stream users
	Prefix     string // email local-part prefix; users are <prefix>-<i>@<Domain>
	Domain     string // default load.fleetman.test
	AdminEmail string // default: the first of ADMIN_EMAILS
	Password   string // every seeded account's password
	Batch      int    // users per bulk insert (SQLite); default 5000
}

// Account is one line of the token file.
type Account struct {
	Role, UserID, Email, Token string
}

// Result is what Seed created (Admin first is not assumed; see Admin()).
type Result struct {
	Admin Account
	Users []Account
}

// bulkCreator is the SQLite repository's bulk path.
type bulkCreator interface {
	CreateMany(ctx context.Context, users []user.User) error
}

// bulkSessions is the SQLite session repository's bulk path.
type bulkSessions interface {
	CreateMany(ctx context.Context, sessions []session.Session) error
}

// Seed opens the configured store (MongoDB when MONGODB_URI is set, else the
// SQLite file), creates opts.Users accounts and the admin (reusing the admin if
// it exists), and issues a token for each with the configured secret and TTL.
func Seed(ctx context.Context, cfg config.Config, opts Options, log *slog.Logger) (Result, error) {
	if opts.Users < 0 {
		return Result{}, errors.New("seed: users must not be negative")
	}
	if opts.Domain == "" {
		opts.Domain = "load.fleetman.test"
	}
	if opts.Prefix == "" {
		opts.Prefix = "load-" + strconv.FormatInt(time.Now().Unix(), 36)
	}
	if opts.Password == "" {
		opts.Password = "load-test-password"
	}
	if opts.Batch <= 0 {
		opts.Batch = 5000
	}
	if opts.AdminEmail == "" {
		if len(cfg.AdminEmails) == 0 {
			return Result{}, errors.New("seed: no admin: set ADMIN_EMAILS (the server must list the publisher as admin) or -admin-email")
		}
		opts.AdminEmail = cfg.AdminEmails[0]
	}
	adminEmail, err := user.NormalizeEmail(opts.AdminEmail)
	if err != nil {
		return Result{}, fmt.Errorf("seed: admin email: %w", err)
	}
	if len(cfg.AdminEmails) > 0 && !slices.Contains(cfg.AdminEmails, adminEmail) {
		log.Warn("the admin account is not in ADMIN_EMAILS: the server gives it no admin role and publishing will get 403", "email", adminEmail)
	}

	users, sessions, closeStore, err := openUsers(ctx, cfg, log)
	if err != nil {
		return Result{}, err
	}
	defer closeStore()

	hash, err := password.Bcrypt{Cost: cfg.BcryptCost}.Hash(opts.Password) // one hash, shared: seeding must not take minutes
	if err != nil {
		return Result{}, err
	}
	tokens := auth.NewTokens(cfg.JWTSecret, cfg.JWTTTL)
	now := time.Now()

	// The seeder is the operator's tool (it writes the store directly): its
	// publisher is created with the admin role, as `fleetman admin create` does.
	admin, err := users.ByEmail(ctx, adminEmail)
	if errors.Is(err, user.ErrNotFound) {
		admin, err = user.New(adminEmail, "Load Publisher", "FleetMan load test", hash, now)
		if err == nil {
			admin = admin.WithRoles(user.RoleAdmin)
			err = users.Create(ctx, admin)
		}
	}
	if err != nil {
		return Result{}, fmt.Errorf("seed: admin: %w", err)
	}
	if !admin.HasRole(user.RoleAdmin) {
		log.Warn("the existing publisher account has no admin role (it was not created by the operator): publishing will get 403", "email", adminEmail)
	}
	res := Result{Admin: Account{Role: "admin", UserID: admin.ID(), Email: admin.Email()}}
	issue := func(userID string) (string, session.Session, error) {
		s, err := session.New(userID, now, cfg.JWTTTL)
		if err != nil {
			return "", session.Session{}, err
		}
		tok, _, err := tokens.Issue(userID, s.ID())
		return tok, s, err
	}
	tok, adminSession, err := issue(admin.ID())
	if err != nil {
		return Result{}, err
	}
	if err := sessions.Create(ctx, adminSession); err != nil {
		return Result{}, fmt.Errorf("seed: admin session: %w", err)
	}
	res.Admin.Token = tok

	res.Users = make([]Account, 0, opts.Users)
	batch := make([]user.User, 0, min(opts.Batch, opts.Users))
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var err error
		if bulk, ok := users.(bulkCreator); ok {
			err = bulk.CreateMany(ctx, batch)
		} else {
			for _, u := range batch {
				if err = users.Create(ctx, u); err != nil {
					break
				}
			}
		}
		if err != nil {
			return fmt.Errorf("seed: users: %w", err)
		}
		opened := make([]session.Session, 0, len(batch))
		for _, u := range batch {
			tok, s, err := issue(u.ID())
			if err != nil {
				return err
			}
			opened = append(opened, s)
			res.Users = append(res.Users, Account{Role: "user", UserID: u.ID(), Email: u.Email(), Token: tok})
		}
		if bulk, ok := sessions.(bulkSessions); ok {
			err = bulk.CreateMany(ctx, opened)
		} else {
			for _, s := range opened {
				if err = sessions.Create(ctx, s); err != nil {
					break
				}
			}
		}
		if err != nil {
			return fmt.Errorf("seed: sessions: %w", err)
		}
		batch = batch[:0]
		return nil
	}
	for i := range opts.Users {
		u, err := user.New(fmt.Sprintf("%s-%d@%s", opts.Prefix, i, opts.Domain), fmt.Sprintf("Load User %d", i), "Load Fleet", hash, now)
		if err != nil {
			return Result{}, fmt.Errorf("seed: user %d: %w", i, err)
		}
		if batch = append(batch, u); len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return Result{}, err
			}
		}
	}
	if err := flush(); err != nil {
		return Result{}, err
	}
	return res, nil
}

func openUsers(ctx context.Context, cfg config.Config, log *slog.Logger) (user.Repository, session.Repository, func(), error) {
	if cfg.MongoURI != "" {
		s, err := mongostore.Connect(ctx, cfg.MongoURI, cfg.MongoDatabase, log)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("seed: %w", err)
		}
		repo, err := mongostore.NewUserRepository(ctx, s)
		if err != nil {
			_ = s.Close(ctx)
			return nil, nil, nil, fmt.Errorf("seed: %w", err)
		}
		sessions, err := mongostore.NewSessionRepository(ctx, s)
		if err != nil {
			_ = s.Close(ctx)
			return nil, nil, nil, fmt.Errorf("seed: %w", err)
		}
		return repo, sessions, func() { _ = s.Close(context.Background()) }, nil
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("seed: %w", err)
	}
	return sqlite.NewUserRepository(db), sqlite.NewSessionRepository(db), func() { _ = db.Close() }, nil
}

// Write writes the token file: the admin, then the users.
func Write(w io.Writer, r Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# role\tuserId\temail\ttoken (fleetseed)")
	for _, a := range append([]Account{r.Admin}, r.Users...) {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", a.Role, a.UserID, a.Email, a.Token)
	}
	return bw.Flush()
}

// Read parses a token file.
func Read(rd io.Reader) (Result, error) {
	var res Result
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 4 {
			return Result{}, fmt.Errorf("token file line %d: want 4 tab-separated fields, got %d", line, len(f))
		}
		a := Account{Role: f[0], UserID: f[1], Email: f[2], Token: f[3]}
		switch a.Role {
		case "admin":
			res.Admin = a
		case "user":
			res.Users = append(res.Users, a)
		default:
			return Result{}, fmt.Errorf("token file line %d: role %q is neither admin nor user", line, a.Role)
		}
	}
	return res, sc.Err()
}
