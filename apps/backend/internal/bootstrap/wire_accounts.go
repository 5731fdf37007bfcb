package bootstrap

import (
	"context"
	"time"

	accountapp "github.com/fleetman/fleetman/apps/backend/internal/account/app"
	accounthttp "github.com/fleetman/fleetman/apps/backend/internal/account/http"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/password"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/ratelimit"
	"github.com/fleetman/fleetman/packages/domain/user"
	mongostore "github.com/fleetman/fleetman/packages/persistence/mongo"
	"github.com/fleetman/fleetman/packages/persistence/sqlite"
)

func (a *App) wireAccounts(ctx context.Context) error {
	users, err := pick(ctx, a.store,
		func(db *sqlite.DB) user.Repository { return sqlite.NewUserRepository(db) },
		func(ctx context.Context, s *mongostore.Store) (user.Repository, error) {
			return mongostore.NewUserRepository(ctx, s)
		})
	if err != nil {
		return err
	}
	a.users = users
	svc, err := accountapp.NewService(users, password.Bcrypt{Cost: a.cfg.BcryptCost}, a.tokens, a.cfg.AdminEmails)
	if err != nil {
		return err
	}
	h := accounthttp.NewHandler(svc, a.cookies,
		ratelimit.New(6*time.Second, 10), // per client: 10 at once, then 10 a minute
		ratelimit.New(12*time.Second, 5)) // per account: 5 at once, then 5 a minute
	h.Register(a.api, a.priv)
	return nil
}
