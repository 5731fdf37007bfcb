package bootstrap

import "context"

// wireNotifications builds this module's repositories, services and handlers.
// Its owner fills it in; until then the module is not served.
func (a *App) wireNotifications(ctx context.Context) error { return nil }
