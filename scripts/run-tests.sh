#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against real parts:
# a throwaway PostgreSQL on 127.0.0.1, gnome-keyring in a private D-Bus session, Node for the
# token-format interop test. Usage: scripts/run-tests.sh [default|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}

scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

# In this suite nothing may skip for want of a real part.
export DOPOOL_REQUIRE_PG=1 DOPOOL_REQUIRE_KEYRING=1 DOPOOL_REQUIRE_NODE=1
export QT_QPA_PLATFORM=offscreen
if [ "$preset" = asan ]; then
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
build_dir=build
[ "$preset" = default ] || build_dir="build-$preset"
report="$PWD/$build_dir/ctest-report.xml"
rm -f "$report"
scripts/test-env.sh ctest --preset "$preset" -j2 --output-junit "$report"
# ctest counts a QSKIP as a pass; here every real part is present, so a skip is a failure.
scripts/check-no-skips.sh "$report"
