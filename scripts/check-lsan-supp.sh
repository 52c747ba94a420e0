#!/usr/bin/env bash
# Fails when tests/sanitizer/lsan.supp (or FILE) has a leak: line that names a library instead of
# a function. A library pattern matches any frame of a leak's stack, and Debian's Qt runs its
# event loop through glib: one such line exempts every allocation made from a timer, a socket
# or a queued signal (see the comment at the top of lsan.supp). Refused: a pattern with ".so"
# or a "/" in it, one starting with "lib" that has no "_" or "::" (libglib-2.0, libQt6Core),
# and an empty or bare "*" pattern. A function (leak:g_type_register_static,
# leak:QDBusConnectionManager::*) passes.
# Usage: scripts/check-lsan-supp.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-tests/sanitizer/lsan.supp}
[ -r "$file" ] || { echo "check-lsan-supp: cannot read $file" >&2; exit 2; }

bad=0
n=0
while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    trimmed=$(printf '%s' "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    case "$trimmed" in
    leak:*) ;;
    *) continue ;;
    esac
    pattern=${trimmed#leak:}
    why=""
    if [ -z "$pattern" ] || [ "$pattern" = "*" ]; then
        why="matches every leak"
    elif [[ $pattern == *.so* ]]; then
        why="names a shared library (.so)"
    elif [[ $pattern == */* ]]; then
        why="names a file path"
    elif [[ $pattern == lib* && $pattern != *_* && $pattern != *::* ]]; then
        why="names a library"
    fi
    if [ -n "$why" ]; then
        echo "$file:$n: $trimmed: $why; suppress the one function that allocates instead" >&2
        bad=1
    fi
done <"$file"
if [ $bad != 0 ]; then
    echo "check-lsan-supp: FAILED (a library-wide suppression hides every leak made under it)" >&2
    exit 1
fi
echo "check-lsan-supp: every leak: line in $file names a function"
