#!/usr/bin/env bash
# Starts the server with the worker binary the set-up built.
set -euo pipefail
cd "$(dirname "$0")/.."
source node_modules/.tongtang/env
exec node --import tsx server/src/main.ts
