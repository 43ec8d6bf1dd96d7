#!/usr/bin/env bash
# Installs what Dispatch needs beside the .NET SDK: php-cli (the workers) and, with --tests, phpunit.
# Safe to run repeatedly; does nothing when everything is present. Works as root (CI) or through sudo.
set -euo pipefail

want_tests=0
[[ "${1:-}" == "--tests" ]] && want_tests=1

missing=()
command -v php >/dev/null 2>&1 || missing+=(php-cli)
if command -v php >/dev/null 2>&1 && ! php -m 2>/dev/null | grep -qi '^mbstring$'; then missing+=(php-mbstring); fi
if [[ $want_tests == 1 ]]; then
  command -v phpunit >/dev/null 2>&1 || missing+=(phpunit)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Dispatch needs: ${missing[*]}. Install them with your package manager (php >= 8.1)." >&2
  exit 1
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Dispatch needs: ${missing[*]}, and installing them needs root." >&2
    exit 1
  fi
fi

echo "Installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" php-mbstring >/dev/null
