#!/usr/bin/env bash
# Starts the server, supervised, with the worker binary the set-up built.
set -euo pipefail
cd "$(dirname "$0")/.."
source node_modules/.tongtang/env
# The supervisor restarts the server if it dies (server/src/supervisor.ts).
exec node --import tsx server/src/supervisor.ts
