#!/usr/bin/env bash
# End-to-end test with headless Neovim (Debian's 0.7 package) as the LSP client. Installs neovim
# when missing, builds the server once, and prints "nvim e2e: N passed, M failed".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="$repo/.artifacts/e2e-server"

if ! command -v nvim >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq neovim >/dev/null
fi

if [ "${READINESS_E2E_SKIP_BUILD:-}" != "1" ]; then
  dotnet build "$repo/server/ReadinessLsp.Server/ReadinessLsp.Server.csproj" -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly
fi

workspace="$(mktemp -d "${TMPDIR:-/tmp}/readiness-e2e-nvim-XXXXXX")"
trap 'rm -rf "$workspace"' EXIT
(cd "$repo/samples/VibeShop" && tar --exclude=./bin --exclude=./obj -cf - .) | (cd "$workspace" && tar -xf -)

cd "$workspace"
READINESS_SERVER_CMD="dotnet $out/ReadinessLsp.Server.dll --stdio" \
  timeout 120 nvim --headless -u NONE -c "luafile $here/test.lua" Program.cs </dev/null
