#!/usr/bin/env bash
# End-to-end test of `readiness mcp` with the official TypeScript MCP SDK's client (a client this
# project did not write). Installs its npm packages when missing, builds the server once, and
# prints "mcp e2e: N passed, M failed".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="$repo/.artifacts/e2e-server"

if ! (cd "$here" && node -e "require.resolve('@modelcontextprotocol/sdk/client/index.js')" 2>/dev/null); then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "${READINESS_E2E_SKIP_BUILD:-}" != "1" ]; then
  dotnet build "$repo/server/ReadinessLsp.Server/ReadinessLsp.Server.csproj" -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly
fi

node "$here/e2e.js" "$out/ReadinessLsp.Server.dll"
