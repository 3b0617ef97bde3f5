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
# The same servers on PostgreSQL (DATABASE_URL, several servers) instead of SQLite: the tests that work the
# database most, each test server with a database of its own in one throw-away cluster (testkit/postgres.ts).
echo "[test] integration tests on PostgreSQL"
on_postgres=(signIn tokens apiKeys permissions.signalling review timetable webhooks broadcasts dashboard inspection
  schoolRecording participation races sso openapi ipFiltering metrics)
on_postgres=("${on_postgres[@]/#/server/test/}")
TEST_DATABASE=postgres npx vitest run "${on_postgres[@]/%/.integration.test.ts}"
echo "[test] end-to-end tests"
npx playwright test -c e2e/playwright.config.ts
