#!/usr/bin/env bash
# CI's benchmark run: the scan benchmark on a small synthetic workspace, to prove the command
# works and to print its figures. It checks no time: the machines are shared and noisy.
set -uo pipefail
cd "$(dirname "$0")/.."
if dotnet run -c Release --project bench/ReadinessLsp.Benchmarks -- scan --files 200 --runs 1; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
