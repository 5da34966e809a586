#!/usr/bin/env bash
# `npm test` drives real serial PTYs (socat), a real browser (Debian's chromium), and the hub's real engines: a
# throwaway PostgreSQL server (Debian's postgresql, its binaries under /usr/lib/postgresql/<major>/bin) and redis-server.
# On a fresh Debian machine where we are root, install them; anywhere else, say exactly what is missing instead of
# failing halfway through the suite.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
command -v socat >/dev/null 2>&1 || missing+=(socat)
[ -x "$chromium_path" ] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing test dependencies: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "npm test needs: ${missing[*]}" >&2
echo "  Debian/Ubuntu: sudo apt-get install -y ${missing[*]}   (or set CHROMIUM_PATH to another Chromium build)" >&2
exit 1
