#!/usr/bin/env bash
# The HTML report in a real browser: renders the report for samples/VibeShop with `check --format
# html`, opens it in headless Chromium (driven by playwright-core) at desktop and phone widths,
# checks that it makes no request, runs no blocked code, filters, searches and prints, and takes
# screenshots into $E2E_ARTIFACTS (default: ./artifacts).
#
#   tests/e2e/report/run.sh                    the sample
#   REPORT_FILE=/tmp/big.html tests/e2e/report/run.sh   an existing report (e.g. the benchmark's)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
CACHE="${READINESS_E2E_CACHE:-$HOME/.cache/readiness-e2e}"
ARTIFACTS="${E2E_ARTIFACTS:-$HERE/artifacts}"
PLAYWRIGHT_VERSION=1.65.1

log() { printf '[report-e2e] %s\n' "$*" >&2; }
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/*.pdf

if ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium (apt)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

PLAYWRIGHT_DIR="$CACHE/tools"
if [ ! -f "$PLAYWRIGHT_DIR/node_modules/playwright-core/package.json" ] ||
   ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$PLAYWRIGHT_DIR/node_modules/playwright-core/package.json"; then
  log "installing playwright-core $PLAYWRIGHT_VERSION"
  mkdir -p "$PLAYWRIGHT_DIR"
  (cd "$PLAYWRIGHT_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$PLAYWRIGHT_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm --no-audit --no-fund --loglevel=error install "playwright-core@$PLAYWRIGHT_VERSION")
fi

REPORT="${REPORT_FILE:-}"
if [ -z "$REPORT" ]; then
  REPORT="$ARTIFACTS/report.html"
  log "rendering the report for samples/VibeShop"
  (cd "$REPO" && dotnet run --project server/ReadinessLsp.Server -c Release -- \
    check samples/VibeShop --format html --output "$REPORT" --fail-on never) >&2
fi

NODE_PATH="$PLAYWRIGHT_DIR/node_modules" REPORT_FILE="$REPORT" E2E_ARTIFACTS="$ARTIFACTS" \
  CHROMIUM="$(command -v chromium)" node "$HERE/scenario.js"
