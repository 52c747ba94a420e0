#!/usr/bin/env bash
# Fails when a C++ file of the project is not formatted as .clang-format says: every *.cpp and
# *.h under core/ app/ ui/ tests/ bench/ goes through `clang-format --dry-run --Werror`, which
# prints each difference. Fix with `clang-format -i <file>`.
# The reference is the clang-format Debian 12 ships (14): other versions may lay out some
# constructs differently, so the version in use is printed first.
# Then scripts/check-layers.sh: ui/ includes core/desktop, core/model and core/common only.
# Usage: scripts/check-format.sh [clang-format binary]
set -euo pipefail
cd "$(dirname "$0")/.."
clang_format=${1:-${CLANG_FORMAT:-clang-format}}

if ! command -v "$clang_format" >/dev/null; then
    echo "check-format: $clang_format not found (scripts/install-deps.sh installs it)" >&2
    exit 2
fi
"$clang_format" --version

mapfile -d '' files < <(find core app ui tests bench -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
failed=()
for file in "${files[@]}"; do
    "$clang_format" --dry-run --Werror "$file" || failed+=("$file")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "check-format: ${#failed[@]} of ${#files[@]} files differ from .clang-format:" >&2
    printf '  %s\n' "${failed[@]}" >&2
    echo "check-format: run clang-format -i on them" >&2
    exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says"
# The layering rule is checked with the style: both are about the source as written.
scripts/check-layers.sh
