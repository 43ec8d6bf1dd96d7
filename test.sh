#!/usr/bin/env bash
# Runs every test: the xunit suite (unit, pipeline, end-to-end with real PHP workers and sockets) and the PHPUnit
# suite of php-worker/. Installs php-cli and phpunit when missing. Ends with one line: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"
deploy/install-deps.sh --tests || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== dotnet test"
dotnet test Dispatch.sln -c Release --logger "trx;LogFileName=dispatch.trx" --results-directory "$results" 2>&1 | tail -n 40
dotnet_status=${PIPESTATUS[0]}

echo "== phpunit"
(cd php-worker && phpunit --log-junit "$results/phpunit.xml") 2>&1 | tail -n 15

echo "== k6 scripts (syntax)"
k6_passed=0; k6_failed=0
if command -v node >/dev/null 2>&1 && [ -d deploy/k6 ]; then
  for script in deploy/k6/*.js; do
    if node --check "$script"; then k6_passed=$((k6_passed + 1)); else k6_failed=$((k6_failed + 1)); echo "node --check failed: $script"; fi
  done
fi

count() { grep -o "$2=\"[0-9]*\"" "$1" 2>/dev/null | head -n 1 | grep -o '[0-9]*' || echo 0; }
trx="$results/dispatch.trx"
x_passed=$(count "$trx" passed); x_failed=$(count "$trx" failed)
if [ ! -f "$trx" ]; then x_failed=$((x_failed + 1)); echo "dotnet test produced no results (build failure?)"; fi
[ "$dotnet_status" -ne 0 ] && [ "$x_failed" -eq 0 ] && x_failed=1

junit="$results/phpunit.xml"
p_tests=$(count "$junit" tests); p_fail=$(count "$junit" failures); p_err=$(count "$junit" errors); p_skip=$(count "$junit" skipped)
if [ ! -f "$junit" ]; then p_err=$((p_err + 1)); echo "phpunit produced no results"; fi
p_failed=$((p_fail + p_err))
p_passed=$((p_tests - p_fail - p_err - p_skip))

passed=$((x_passed + p_passed + k6_passed))
failed=$((x_failed + p_failed + k6_failed))
echo "xunit: $x_passed passed, $x_failed failed; phpunit: $p_passed passed, $p_failed failed; k6 syntax: $k6_passed passed, $k6_failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
