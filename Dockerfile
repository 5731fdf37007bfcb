# The web app, then the Go binary, then a small runtime image.
FROM node:20-bookworm AS web
WORKDIR /src/apps/frontend
COPY apps/frontend/package.json apps/frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY apps/frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS server
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY apps/backend ./apps/backend
COPY packages ./packages
COPY docs ./docs
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/fleetman ./apps/backend/cmd/fleetman

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=server /out/fleetman /app/fleetman
COPY --from=web /src/apps/frontend/dist /app/web
EXPOSE 8080
ENTRYPOINT ["/app/fleetman"]
