#!/usr/bin/env bash
# Installs the Debian packages the tests need (CI starts on a clean machine).
# Usage: scripts/install-deps.sh [redis] [chromium] [nginx]
set -euo pipefail
pkgs=()
for want in "$@"; do
  case "$want" in
    redis) command -v redis-server >/dev/null || pkgs+=(redis-server) ;;
    chromium) command -v chromium >/dev/null || pkgs+=(chromium) ;;
    # Debian's nginx (1.22 on bookworm: TLS and HTTP/2 built in); its own service is never started.
    nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || pkgs+=(nginx) ;;
    *) echo "unknown dependency: $want" >&2; exit 2 ;;
  esac
done
[ ${#pkgs[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
