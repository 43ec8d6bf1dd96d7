#!/usr/bin/env bash
# Soak test: N minutes (default 30) of connection churn plus broadcast traffic against a Dispatch started here with
# 2 PHP workers; prints the node's resident memory, open handles, worker restarts and queue depths every minute, then
# a summary. Loopback only; every load loop is bounded by the duration.
#
#   deploy/soak.sh [MINUTES] [SUBSCRIBERS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}; subscribers=${2:-200}; rate=${3:-100}
seconds=$((minutes * 60))
deploy/install-deps.sh
dotnet build -c Release Dispatch.Service -v quiet -nologo >/dev/null
dotnet build -c Release Dispatch.Bench -v quiet -nologo >/dev/null

out=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
Dispatch__Workers__Count=2 Dispatch__Workers__App="$PWD/deploy/bench-apps/broadcast.php" Logging__LogLevel__Default=Warning \
  dotnet Dispatch.Service/bin/Release/net10.0/Dispatch.Service.dll --urls "$base" >"$out/service.log" 2>&1 &
service=$!
cleanup() { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/readyz" >/dev/null || { echo "Dispatch did not become ready:"; cat "$out/service.log"; exit 1; }

bench="dotnet Dispatch.Bench/bin/Release/net10.0/Dispatch.Bench.dll"
$bench broadcast --url "ws://127.0.0.1:$port/ws" --server-pid "$service" --subscribers "$subscribers" --rate "$rate" \
  --duration "$seconds" --warmup 0 --no-progress >"$out/broadcast.txt" 2>&1 &
traffic=$!
$bench connect --url "ws://127.0.0.1:$port/ws" --server-pid "$service" --concurrency 4 \
  --duration "$seconds" --warmup 0 --no-progress >"$out/connect.txt" 2>&1 &
churn=$!

field() { grep -o "\"$1\":[0-9]*" <<<"$2" | head -n 1 | cut -d: -f2; }
printf '%-7s %12s %10s %9s %9s %11s %11s %12s\n' minute rss_kb php_rss_kb handles restarts conns dispatch_q apply_q
first_rss=""; last_rss=""
for minute in $(seq 0 "$minutes"); do
  stats=$(curl -fs "$base/stats" || echo '{}')
  rss=$(field resident_kb "$stats"); handles=$(field open_handles "$stats"); restarts=$(field worker_restarts "$stats")
  conns=$(field connections "$stats"); dq=$(field dispatch_queue_depth "$stats"); aq=$(field apply_queue_depth "$stats")
  php=$(grep -o '"worker_resident_kb":\[[0-9,]*\]' <<<"$stats" | grep -o '[0-9][0-9]*' | awk '{ s += $1 } END { print s + 0 }')
  printf '%-7s %12s %10s %9s %9s %11s %11s %12s\n' "$minute" "$rss" "$php" "$handles" "$restarts" "$conns" "$dq" "$aq"
  [ -z "$first_rss" ] && [ "$minute" -ge 1 ] && first_rss=$rss
  last_rss=$rss
  [ "$minute" -lt "$minutes" ] && sleep 60
done

wait "$traffic" || true; wait "$churn" || true
echo
echo "== broadcast"; tail -n 20 "$out/broadcast.txt"
echo "== connect churn"; tail -n 20 "$out/connect.txt"
echo
echo "resident memory after minute 1: ${first_rss:-?} KB; at the end: ${last_rss:-?} KB"
