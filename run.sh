#!/usr/bin/env bash
# Quick start: runs Dispatch with the demo chat app on http://127.0.0.1:8080 (websocket path /ws).
# Installs PHP first when it is missing. Extra arguments go to the service (for example --urls http://0.0.0.0:9000).
set -euo pipefail
cd "$(dirname "$0")"
deploy/install-deps.sh
exec dotnet run --project Dispatch.Service -c Release -- "$@"
