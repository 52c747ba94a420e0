#!/usr/bin/env bash
# Fails when a ctest JUnit report (ctest --output-junit) lists a skipped or not-run test.
# In a run where every real part is required (CI), a skip means something was not checked:
# ctest counts it as a pass, so this script is what turns it into a failure.
# Usage: scripts/check-no-skips.sh REPORT.xml
set -euo pipefail
report=${1:?usage: $0 REPORT.xml}
[ -s "$report" ] || { echo "check-no-skips: no test report at $report" >&2; exit 1; }

skipped=$(grep -o '<testcase name="[^"]*"[^>]*status="\(notrun\|disabled\)"' "$report" \
          | sed 's/<testcase name="\([^"]*\)".*/\1/' || true)
count=$(grep -o 'skipped="[0-9]*"' "$report" | head -1 | tr -dc '0-9')
if [ -n "$skipped" ] || [ "${count:-0}" != 0 ]; then
    echo "FAILED: tests skipped in a run where every real part is required:" >&2
    for t in $skipped; do
        echo "  $t:" >&2
        # The test's own SKIP lines say what was missing.
        awk -v t="$t" '$0 ~ "<testcase name=\""t"\"" {on=1} on && /SKIP   :/ {print "    " $0}
                       on && /<\/testcase>/ {on=0}' "$report" >&2
    done
    exit 1
fi
echo "check-no-skips: no test skipped ($(grep -c '<testcase ' "$report") tests)"
