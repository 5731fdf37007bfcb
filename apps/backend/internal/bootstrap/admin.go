package bootstrap

import (
	"context"
	"log/slog"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/config"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/metrics"
	"github.com/fleetman/fleetman/packages/domain/user"
)

// CreateAdmin is `fleetman admin create`: it opens the configured store
// (no server is started) and creates an account holding the admin role.
// An address that already has an account is refused: the role is only ever
// given to an account the operator made.
func CreateAdmin(ctx context.Context, cfg config.Config, log *slog.Logger, cmd accountapp.CreateAdmin) (user.User, error) {
	a := &App{cfg: cfg, log: log, metrics: metrics.New(), tokens: auth.NewTokens(cfg.JWTSecret, cfg.JWTTTL)}
	store, err := openBackend(ctx, cfg, log)
	if err != nil {
		return user.User{}, err
	}
	a.store = store
	a.closers = append(a.closers, store.close)
	defer a.Close(context.WithoutCancel(ctx))
	if err := a.wireSessions(ctx); err != nil {
		return user.User{}, err
	}
	d, err := a.accountDeps()
	if err != nil {
		return user.User{}, err
	}
	return accountapp.NewCreateAdminHandler(d).Handle(ctx, cmd)
}
