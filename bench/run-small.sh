#!/usr/bin/env bash
# CI's benchmark run: every benchmark on small synthetic workspaces, to prove the commands work and
# to print their figures. It checks no time: the machines are shared and noisy.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0
run() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
run dotnet run -c Release --project bench/ReadinessLsp.Benchmarks -- scan --files 200 --runs 1
run dotnet run -c Release --project bench/ReadinessLsp.Benchmarks -- report --files 200 --runs 1
run dotnet run -c Release --project bench/ReadinessLsp.LspBenchmark -- --files 300 --edits 30
run dotnet run -c Release --project bench/ReadinessLsp.Benchmarks -- mcp --files 200 --calls 20
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
