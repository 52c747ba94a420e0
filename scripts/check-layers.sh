#!/usr/bin/env bash
# Fails when ui/ reaches past core/desktop: the desktop UI includes only core/desktop,
# core/model and core/common headers (and its own), and names no engine::, api::, host::,
# coord:: or cli:: type - core/desktop re-exports what it needs (desktop/EngineTypes.h).
# The one exception, with its reason, is listed below and in CONTRIBUTING.md ("Layout").
# CI runs this through scripts/check-format.sh and ctest (check_layers).
# Usage: scripts/check-layers.sh [source root]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# Folders of core/ that ui/ must not include, and the namespaces it must not name.
upper='(api|backup|coord|crypto|engine|host|pool|store|cli|fakedo|demo)'
# file:what - the composition root's resolver: the desktop's settings meet the environment and
# the command line with the precedence the CLI shares (host/PoolConfig.h, one implementation).
allowed=(
    'ui/app/DesktopConfigBuilder.cpp:host/PoolConfig.h'
    'ui/app/DesktopConfigBuilder.cpp:host::'
)

is_allowed() {
    local entry
    for entry in "${allowed[@]}"; do
        [[ "$1" == "$entry" ]] && return 0
    done
    return 1
}

violations=()
while IFS=: read -r file line text; do
    what=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$text")
    [ -e "ui/$what" ] && continue # ui's own folder of the same name (ui/backup)
    is_allowed "$file:$what" || violations+=("$file:$line: includes $what")
done < <(grep -rnE "^#include \"$upper/" ui --include='*.cpp' --include='*.h' || true)
while IFS=: read -r file line text; do
    ns=$(grep -oE "\b$upper::" <<<"$text" | head -1)
    is_allowed "$file:$ns" || violations+=("$file:$line: names $ns")
done < <(grep -rnE "\b$upper::" ui --include='*.cpp' --include='*.h' | grep -vE ':[0-9]+:\s*//' || true)

if [ ${#violations[@]} -gt 0 ]; then
    echo "check-layers: ui/ uses core/desktop, core/model and core/common only:" >&2
    printf '  %s\n' "${violations[@]}" >&2
    echo "check-layers: name the type through core/desktop (desktop/EngineTypes.h)" >&2
    exit 1
fi
echo "check-layers: ui/ depends on core/desktop, core/model and core/common only"
