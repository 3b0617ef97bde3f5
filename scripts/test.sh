#!/usr/bin/env bash
# `npm test`: type check, unit and integration tests (Vitest, real mediasoup
# worker and Redis), then end-to-end tests (Playwright + Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
source node_modules/.tongtang/env
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "[test] type check"
npx tsc -p tsconfig.json --noEmit
echo "[test] unit and integration tests"
npx vitest run
echo "[test] end-to-end tests"
npx playwright test -c e2e/playwright.config.ts
