#!/usr/bin/env bash
# Installs what is missing, builds, and starts DO Account Pool on its embedded defaults:
# a throwaway SQLite pool and a throwaway key, nothing sent anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default

demo=$(mktemp -d /tmp/dopool-demo.XXXXXX)
trap 'rm -rf "$demo"' EXIT
export DOPOOL_DB="sqlite:$demo/pool.sqlite"
ENCRYPTION_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
export ENCRYPTION_KEY
cli=build/app/dopool-cli
# The plan's three accounts, with made-up tokens (never real ones).
for n in 1 2 3; do
    primary=()
    [ "$n" = 1 ] && primary=(--primary)
    printf 'dop_v1_demo%057d\n' "$n" | "$cli" account add --name "Account $n" --email "do$n@webrana.example" \
        --token-stdin --no-verify "${primary[@]}" >/dev/null
done
"$cli" account list
"$cli" account show "Account 1"
