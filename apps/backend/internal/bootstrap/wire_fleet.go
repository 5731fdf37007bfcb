package bootstrap

import "context"

// wireFleet builds this module's repositories, services and handlers.
// Its owner fills it in; until then the module is not served.
func (a *App) wireFleet(ctx context.Context) error { return nil }
