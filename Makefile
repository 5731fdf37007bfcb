# FleetMan — the README's two commands are `make run` and `make test`.
# New here? docs/DEVELOPING.md says how to run each test layer, the services the tests start, and the layout.
SHELL := /bin/bash
GO ?= go
WEB := apps/frontend
SWAG_VERSION := v1.16.6
GOBIN := $(shell $(GO) env GOPATH)/bin

.PHONY: run test build web swagger api-types lint test-go test-web test-e2e bench deps-web

## run: the web app and the API on the embedded store, with demo data
run: web
	DEMO_DATA=$${DEMO_DATA:-true} $(GO) run ./apps/backend/cmd/fleetman

## test: every test: Go (SQLite always, MongoDB when MONGODB_URI is set, Redis), web units, browser journeys
test: test-go test-web test-e2e

test-go:
	@command -v redis-server >/dev/null || bash scripts/install-deps.sh redis
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash scripts/install-deps.sh nginx
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	@# Without a server the MongoDB suite skips every test and its package still says ok: say how many, on one line.
	@if [ -z "$$MONGODB_URI" ]; then \
		n=$$($(GO) test -count=1 -v -run . ./packages/persistence/mongo/ | grep -c -- '--- SKIP'); \
		echo "SKIPPED: $$n MongoDB contract tests (MONGODB_URI is not set; the SQLite store passed the same contract). Set MONGODB_URI to run them."; \
	fi

test-web: deps-web
	cd $(WEB) && npm run lint && npm test

test-e2e: deps-web
	@command -v chromium >/dev/null || bash scripts/install-deps.sh chromium
	@command -v redis-server >/dev/null || bash scripts/install-deps.sh redis
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash scripts/install-deps.sh nginx
	cd $(WEB) && npm run build && npm run e2e && npm run e2e:nginx

## build: the web app and the server binary in bin/
build: web
	$(GO) build -o bin/fleetman ./apps/backend/cmd/fleetman

deps-web: $(WEB)/node_modules/.package-lock.json

$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund

## web: build the web app when its sources, static files, build or TypeScript configuration, or locked dependencies changed
web: deps-web
	@if [ ! -f $(WEB)/dist/index.html ] || [ -n "$$(find $(WEB)/src $(WEB)/public $(WEB)/index.html $(WEB)/package.json $(WEB)/package-lock.json \
		$(WEB)/vite.config.ts $(WEB)/tsconfig*.json -newer $(WEB)/dist/index.html -print -quit)" ]; then \
		cd $(WEB) && npm run build; \
	fi

## swagger: regenerate docs/ from the swag annotations, then the web app's API types from docs/swagger.json
# --requiredByDefault: a DTO field is required unless its json tag says omitempty (encoding/json
# always sends such a field); a pointer the server sends as null says extensions:"x-nullable".
swagger:
	@command -v $(GOBIN)/swag >/dev/null || $(GO) install github.com/swaggo/swag/cmd/swag@$(SWAG_VERSION)
	$(GOBIN)/swag init --dir apps/backend/cmd/fleetman,apps/backend/internal --generalInfo main.go \
		--output docs --outputTypes go,json,yaml --parseInternal --requiredByDefault
	$(MAKE) --no-print-directory api-types

## api-types: regenerate apps/frontend/src/lib/api-schema.gen.ts from docs/swagger.json (OpenAPI 3, then TypeScript; offline)
api-types: deps-web
	cd $(WEB) && npm run gen:api

## lint: gofmt, go vet and staticcheck (pinned by module version); ESLint and tsc --noEmit for the web app
lint: deps-web
	@test -z "$$(gofmt -l apps packages scripts)" || (gofmt -l apps packages scripts; exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...
	cd $(WEB) && npm run lint

## bench: a short benchmark run (under two minutes); not part of `make test`. BENCHMARKS.md has the full runs.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2000x ./apps/backend/internal/notification/... ./apps/backend/internal/platform/sse/... ./apps/backend/internal/platform/auth/... ./packages/persistence/sqlite/...
	bash scripts/bench-stream.sh short
