#!/usr/bin/env bash
# A self-signed certificate for trying FleetMan behind nginx locally
# (docker-compose.yml mounts deploy/nginx/tls). In production, put your real
# certificate and key there (or point FLEETMAN_TLS_DIR at them) instead.
# Usage: deploy/nginx/make-cert.sh [hostname]   (default: localhost)
set -euo pipefail
cd "$(dirname "$0")"
name=${1:-localhost}
mkdir -p tls
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$name" \
	-addext "subjectAltName=DNS:$name,DNS:localhost,IP:127.0.0.1" \
	-keyout tls/tls.key -out tls/tls.crt 2>/dev/null
chmod 644 tls/tls.crt tls/tls.key # read by nginx's master in the container
echo "wrote $(pwd)/tls/tls.crt and tls.key for $name (self-signed, 30 days)"
