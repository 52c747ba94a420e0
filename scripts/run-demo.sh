#!/usr/bin/env bash
# Installs what is missing, builds, and starts DO Account Pool (`dopool --demo`) on its
# embedded defaults:
# a throwaway SQLite pool, a throwaway key and the built-in fake DO API with the three demo
# accounts (20/25, 5/25, 25/25). Nothing is sent anywhere but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default

# The desktop app on a display; the same demo through the CLI without one (or with --cli).
if [ "${1:-}" != "--cli" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    exec build/app/dopool --demo
fi
[ "${1:-}" = "--cli" ] || echo "No display found: showing the demo through dopool-cli instead." >&2

demo=$(mktemp -d /tmp/dopool-demo.XXXXXX)
fake_pid=""
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$demo"; }
trap cleanup EXIT INT TERM

build/app/dopool-fake-do --demo >"$demo/fake-do.out" &
fake_pid=$!
for _ in $(seq 1 100); do grep -q listening "$demo/fake-do.out" 2>/dev/null && break; sleep 0.1; done
DOPOOL_API_BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$demo/fake-do.out")
export DOPOOL_API_BASE DOPOOL_DB="sqlite:$demo/pool.sqlite"
ENCRYPTION_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export ENCRYPTION_KEY
cli=build/app/dopool-cli
set -x
# The three demo accounts (docs/behaviour.md#the-demo-pool); their made-up tokens are the
# fake DO API's demo tokens.
printf 'dop_v1_demo%057d\n' 1 | "$cli" account add --name "Primary" --primary --token-stdin >/dev/null
printf 'dop_v1_demo%057d\n' 2 | "$cli" account add --name "Account 2" --token-stdin >/dev/null
printf 'dop_v1_demo%057d\n' 3 | "$cli" account add --name "Account 3" --token-stdin >/dev/null
"$cli" sync --all
"$cli" account list
"$cli" select
"$cli" provision --order-id 0a1b2c3d-demo-order
"$cli" status
