#!/usr/bin/env bash
# One set-up for `npm start` and `npm test`: installs only what is missing, so a
# second run takes seconds. Usage: setup.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1

say() { printf '[setup] %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------
# Build deps of the mediasoup worker (linked against Debian's own libraries, see
# scripts/mediasoup-worker/README.md), Redis for live state, coturn for TURN,
# ffmpeg for the lesson recorders (stream copy into segments, ffprobe in the tests).
packages=(build-essential pkg-config meson ninja-build libuv1-dev libssl-dev libsrtp2-dev
  libusrsctp-dev nlohmann-json3-dev libabsl-dev redis-server coturn ffmpeg)
# A CJK font so screenshots from the tests show the Chinese UI, not boxes.
# certutil (libnss3-tools) gives a test Chromium an NSS store that trusts only a test server's own CA (HTTPS, TURN
# over TLS); nftables blocks ports inside the tests' own network namespaces; docker-compose checks docker/compose.yaml
# (its `config` needs no container engine).
# postgresql: the integration tests run a second pass on PostgreSQL, in clusters of their own (testkit/postgres.ts).
[ "$for_tests" = 1 ] && packages+=(chromium sox espeak-ng fonts-wqy-microhei libnss3-tools nftables docker-compose postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "Tongtang set-up needs these Debian packages: ${missing[*]} — run as root or install them with apt-get." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The dpkg lock may be held by an unattended upgrade for a moment: retry.
  for attempt in 1 2 3 4 5; do
    if { [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit)" ] || apt-get update -q; } \
       && apt-get install -y -q --no-install-recommends "${missing[@]}"; then break; fi
    [ "$attempt" = 5 ] && { echo "apt-get install failed for: ${missing[*]}" >&2; exit 1; }
    apt-get update -q || true
    sleep 5
  done
  # Debian starts these as system services; Tongtang runs its own instances on
  # free loopback ports instead, so the system ones are not needed.
  systemctl disable --now redis-server coturn postgresql >/dev/null 2>&1 || true
fi

# --- 2. npm packages ----------------------------------------------------------
cache_root="${TONGTANG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tongtang}"
mkdir -p "$cache_root" node_modules/.tongtang
recipe_hash=$(cat scripts/mediasoup-worker/build.sh scripts/mediasoup-worker/patch-meson.ts | sha256sum | cut -c1-12)
mediasoup_version=$(node -p "require('./package.json').dependencies.mediasoup")
worker_bin="$cache_root/mediasoup-worker/$mediasoup_version-$recipe_hash/mediasoup-worker"
# mediasoup's postinstall would download a prebuilt worker from the web; with
# MEDIASOUP_WORKER_BIN set it does nothing, and we build the worker below.
export MEDIASOUP_WORKER_BIN="$worker_bin"
# Playwright must use Debian's Chromium, never download one.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat node_modules/.tongtang/npm-stamp 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  mkdir -p node_modules/.tongtang
  echo "$lock_hash" > node_modules/.tongtang/npm-stamp
fi

# --- 3. mediasoup worker, built once per version and recipe -------------------
if [ ! -x "$worker_bin" ]; then
  say "building the mediasoup $mediasoup_version worker (6–10 min on 2 cores, once)"
  bash scripts/mediasoup-worker/build.sh "$root/node_modules/mediasoup/worker" "$worker_bin"
fi
echo "export MEDIASOUP_WORKER_BIN='$worker_bin'" > node_modules/.tongtang/env

# --- 4. client bundle, rebuilt only when its sources change -------------------
client_hash=$( (find client shared -type f -not -path 'client/dist/*' -print0 | sort -z | xargs -0 sha256sum; sha256sum package-lock.json) | sha256sum | cut -c1-16)
if [ "$(cat client/dist/.stamp 2>/dev/null)" != "$client_hash" ]; then
  say "building the client"
  npx vite build --config client/vite.config.ts --logLevel warn
  echo "$client_hash" > client/dist/.stamp
fi
say "ready"
