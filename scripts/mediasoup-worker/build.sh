#!/usr/bin/env bash
# Builds the mediasoup worker against Debian 12's libraries, in a scratch copy
# of node_modules/mediasoup/worker (so node_modules stays pristine), and
# installs the binary at the given path. Usage: build.sh <worker-src> <dest-bin>
set -euo pipefail
src=$1
dest=$2
here="$(cd "$(dirname "$0")" && pwd)"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tongtang-worker.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -a "$src/." "$scratch/"
"$here/../../node_modules/.bin/tsx" "$here/patch-meson.ts" "$scratch"
cd "$scratch"
meson setup --prefix "$scratch/out/Release" --bindir '' --libdir '' --buildtype release \
  -Db_ndebug=true -Db_pie=true -Db_staticpic=true out/Release/build >"$scratch/meson.log" 2>&1 \
  || { tail -40 "$scratch/meson.log" >&2; exit 1; }
ninja -C out/Release/build -j "$(nproc)" mediasoup-worker
mkdir -p "$(dirname "$dest")"
# Copy then rename, so an interrupted build never leaves a half-written binary.
cp out/Release/build/mediasoup-worker "$dest.tmp"
mv "$dest.tmp" "$dest"
echo "[mediasoup-worker] built $dest"
