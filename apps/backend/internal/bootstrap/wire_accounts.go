package bootstrap

import (
	"context"
	"time"

	"github.com/fleetman/fleetman/apps/backend/internal/account/accountapp"
	"github.com/fleetman/fleetman/apps/backend/internal/account/accounthttp"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/auth"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/password"
	"github.com/fleetman/fleetman/apps/backend/internal/platform/ratelimit"
)

func (a *App) wireAccounts(ctx context.Context) error {
	d, err := a.accountDeps()
	if err != nil {
		return err
	}
	a.accounts = d
	uc := accounthttp.UseCases{
		Register:         accountapp.NewRegisterUserHandler(d),
		LogIn:            accountapp.NewLogInHandler(d),
		Me:               accountapp.NewGetCurrentUserHandler(d),
		LogOut:           accountapp.NewLogOutHandler(d),
		LogOutEverywhere: accountapp.NewLogOutEverywhereHandler(d),
		ChangePassword:   accountapp.NewChangePasswordHandler(d),
		Deactivate:       accountapp.NewDeactivateUserHandler(d),
	}
	h := accounthttp.NewHandler(uc, a.cookies, a.verify, accounthttp.Limits{
		LoginPerClient:    ratelimit.New(6*time.Second, 10),                // per address, any accounts: 10 at once, then 10 a minute
		LoginPerPair:      ratelimit.New(12*time.Second, 5),                // per (account, address): 5 at once, then 5 a minute
		LoginPerAccount:   ratelimit.New(1200*time.Millisecond, 60),        // per account from everywhere: 60 at once, then 50 a minute
		RegisterPerClient: ratelimit.New(time.Minute, a.cfg.RegisterBurst), // per address: REGISTER_BURST_PER_CLIENT (5) at once, then 1 a minute
		RegisterGlobal:    ratelimit.New(100*time.Millisecond, 50),         // in all: 50 at once, then 10 a second
	})
	h.Register(a.api, a.priv, auth.SameOrigin(a.cfg.AllowedOrigins), auth.Admin())
	return nil
}

// accountDeps builds what the account use cases share.
func (a *App) accountDeps() (*accountapp.Deps, error) {
	return accountapp.NewDeps(accountapp.Stores{Users: a.users, Credentials: a.credentials, Sessions: a.sessionStore},
		a.sessionEvents, password.Bcrypt{Cost: a.cfg.BcryptCost}, a.tokens, a.cfg.AdminEmails)
}
