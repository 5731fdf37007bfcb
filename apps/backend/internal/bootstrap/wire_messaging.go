package bootstrap

import "context"

// wireMessaging builds this module's repositories, services and handlers.
// Its owner fills it in; until then the module is not served.
func (a *App) wireMessaging(ctx context.Context) error { return nil }
