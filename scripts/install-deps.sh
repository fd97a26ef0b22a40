#!/usr/bin/env bash
# Installs what the tests need and is missing, so a fresh machine (or CI) can run ./test.sh.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v nvim >/dev/null 2>&1 || apt_packages+=(neovim)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || apt_packages+=(libkrb5-dev)
[ -x /usr/bin/time ] || apt_packages+=(time)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${apt_packages[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
