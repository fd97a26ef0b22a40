#!/usr/bin/env bash
# Runs every test of the project: .NET tests (unit, fixtures, protocol, real server process),
# end-to-end tests in real editors, and a small benchmark run. Prints one line per suite and a
# total line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-deps.sh || { echo "test.sh: installing dependencies failed"; exit 1; }

passed=0; failed=0; suites_failed=()
log_dir="$(mktemp -d)"

# Adds the "N passed, N failed" figures a suite printed to the totals.
count() {
  local name="$1" log="$2" status="$3" p f
  p=$(grep -Eo '([0-9]+) passed, ([0-9]+) failed' "$log" | tail -1 | awk '{print $1}')
  f=$(grep -Eo '([0-9]+) passed, ([0-9]+) failed' "$log" | tail -1 | awk '{print $3}')
  p=${p:-0}; f=${f:-0}
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$status" -ne 0 ] && suites_failed+=("$name")
  echo "== $name: $p passed, $f failed"
}

run_suite() {
  local name="$1"; shift
  local log="$log_dir/$name.log"
  echo "== $name"
  "$@" 2>&1 | tee "$log"
  count "$name" "$log" "${PIPESTATUS[0]}"
}

dotnet_tests() {
  dotnet test ReadinessLsp.sln --nologo 2>&1 | grep -v NU1603 | tee /dev/stderr | \
    sed -nE 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/dotnet: \2 passed, \1 failed/p'
  return "${PIPESTATUS[0]}"
}

# node's test runner ends with "ℹ pass N" / "ℹ fail N"; turn that into the shared summary form.
extension_unit_tests() {
  npm test --silent 2>&1 | tee /dev/stderr | \
    awk '/^ℹ pass /{p=$3} /^ℹ fail /{f=$3} END{print "extension unit: " p+0 " passed, " f+0 " failed"}'
  return "${PIPESTATUS[0]}"
}

run_suite dotnet dotnet_tests
run_suite extension-unit extension_unit_tests
for suite in tests/e2e/*/run.sh; do
  [ -f "$suite" ] || continue
  run_suite "e2e-$(basename "$(dirname "$suite")")" bash "$suite"
done
if [ -f bench/run-small.sh ]; then
  run_suite benchmark bash bench/run-small.sh
fi

rm -rf "$log_dir"
echo
[ ${#suites_failed[@]} -gt 0 ] && echo "failed suites: ${suites_failed[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#suites_failed[@]} -eq 0 ]
