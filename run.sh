#!/usr/bin/env bash
# Quick start: runs Dispatch with the demo chat app on http://127.0.0.1:8080 (websocket path /ws).
# Installs PHP first when it is missing. Extra arguments go to the service (for example --urls http://0.0.0.0:9000).
set -euo pipefail
cd "$(dirname "$0")"
deploy/install-deps.sh

# The server API (http://127.0.0.1:8081 unless Dispatch__Api__Url says otherwise) always gets a token here, so even
# the demo never serves an open API; set Dispatch__Api__Token yourself to choose it.
if [ -z "${Dispatch__Api__Token:-}" ]; then
  Dispatch__Api__Token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export Dispatch__Api__Token
fi
echo "Server API: ${Dispatch__Api__Url:-http://127.0.0.1:8081}  (Authorization: Bearer $Dispatch__Api__Token)"
exec dotnet run --project Dispatch.Service -c Release -- "$@"
