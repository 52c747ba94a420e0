#!/usr/bin/env bash
# Fails when the tree cites a document a reader of the repository cannot open:
#  1. wording that points outside the repository: the product brief, the original plan and its
#     seed, the shared reference folder (a rule the code follows belongs in docs/, usually
#     docs/behaviour.md, and a comment points at its section there);
#  2. a docs/<name>.md path, in a comment or anywhere else, naming a file docs/ does not have,
#     or a #section of it that has no such heading;
#  3. a relative Markdown link in README.md, CONTRIBUTING.md or docs/*.md to a missing file
#     or heading.
# Sections are GitHub's heading anchors: lower case, punctuation dropped, spaces as '-'.
# Usage: scripts/check-doc-refs.sh [ROOT]      check the tree at ROOT (default: this checkout)
#        scripts/check-doc-refs.sh --self-test  prove the check fails on each kind of bad citation
# Run by ctest (tests/CMakeLists.txt: check_doc_refs, check_doc_refs_selftest).
set -euo pipefail
export LC_ALL=C

self_test() {
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    mkdir -p "$tmp/core" "$tmp/docs"
    printf '# Rules\n\n## Health states\n\nText.\n' >"$tmp/docs/rules.md"
    printf '// Good: docs/rules.md#health-states, docs/rules.md.\n' >"$tmp/core/Good.h"
    if ! "$0" "$tmp" >/dev/null; then
        echo "check-doc-refs self-test: a tree citing only what it has was refused" >&2
        return 1
    fi
    local cases=(
        '// the health rules (PRODUCT.md)'
        "// the plan's order: primary first"
        '// as the brief says'
        '// docs/missing.md has the rules'
        '// docs/rules.md#no-such-section'
    )
    local bad
    for bad in "${cases[@]}"; do
        printf '%s\n' "$bad" >"$tmp/core/Bad.h"
        if "$0" "$tmp" >/dev/null 2>&1; then
            echo "check-doc-refs self-test: not caught: $bad" >&2
            return 1
        fi
    done
    rm "$tmp/core/Bad.h"
    printf 'See [rules](rules.md#gone).\n' >"$tmp/docs/index.md"
    if "$0" "$tmp" >/dev/null 2>&1; then
        echo "check-doc-refs self-test: not caught: a Markdown link to a missing heading" >&2
        return 1
    fi
    echo "check-doc-refs self-test: $((${#cases[@]} + 1)) bad citations caught, a good tree passes"
}

if [ "${1:-}" = "--self-test" ]; then
    self_test
    exit
fi

root=${1:-$(dirname "$0")/..}
cd "$root"
self=scripts/check-doc-refs.sh

# The files a reader gets: sources, scripts, build files and documentation (not the build
# trees, installed npm packages or generated code).
mapfile -d '' files < <(find . \( -name build -o -name 'build-*' -o -name node_modules \
    -o -name generated -o -name .git \) -prune -o -type f \( -name '*.cpp' -o -name '*.h' \
    -o -name '*.c' -o -name '*.ts' -o -name '*.js' -o -name '*.mjs' -o -name '*.sh' \
    -o -name '*.cmake' -o -name CMakeLists.txt -o -name '*.prisma' -o -name '*.md' \
    -o -name '*.in' -o -name run -o -name '*.json' -o -name '*.ui' \) -print0 |
    sed -z 's|^\./||' | grep -zv -e '^translations/' -e "^$self\$" -e 'package-lock.json$' |
    sort -z)

problems=()

# 1. Documents outside the repository.
outside='PRODUCT\.md|\bthe plan([^-a-z_]|$)|\bplan'"'"'s\b|\boriginal plan\b|\bthe brief\b|\bthe seed\b|\bseed plan\b|reference/seed|/work/shared|\bdesign card\b'
while IFS= read -r hit; do
    problems+=("$hit  <- cites a document outside the repository; point at docs/ instead")
done < <(grep -HniE "$outside" "${files[@]}" || true)

# The anchors a Markdown file's headings make (GitHub's rule, ASCII punctuation dropped).
declare -A anchors_of
anchors() {
    local file=$1
    if [ -z "${anchors_of[$file]+set}" ]; then
        anchors_of[$file]=" $(grep -E '^#{1,6} ' "$file" | sed -E 's/^#+ +//; s/ +#+ *$//' |
            tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g' | tr '\n' ' ')"
    fi
    printf '%s' "${anchors_of[$file]}"
}

# Checks one reference (a path relative to the root, maybe with #anchor); where: file:line.
check_ref() {
    local where=$1 ref=$2
    local path=${ref%%#*} anchor=
    [[ $ref == *'#'* ]] && anchor=${ref#*#}
    if [ ! -f "$path" ]; then
        problems+=("$where: $ref  <- no such file in the repository")
    elif [ -n "$anchor" ] && [[ $(anchors "$path") != *" $anchor "* ]]; then
        problems+=("$where: $ref  <- $path has no heading with the anchor #$anchor")
    fi
}

# 2. docs/<name>.md paths anywhere.
while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    ref=${rest#*:}
    ref=${ref#"${ref%%docs/*}"}
    check_ref "$file:$line" "$ref"
done < <(grep -HnoE '(^|[^A-Za-z0-9_./-])docs/[A-Za-z0-9_-]+\.md(#[A-Za-z0-9_-]+)?' "${files[@]}" || true)

# 3. Relative Markdown links in the documentation.
for md in README.md CONTRIBUTING.md docs/*.md; do
    [ -f "$md" ] || continue
    dir=$(dirname "$md")
    while IFS= read -r hit; do
        line=${hit%%:*}
        target=${hit#*:](}
        target=${target%)}
        case $target in
        http://* | https://* | mailto:*) continue ;;
        '#'*) check_ref "$md:$line" "$md$target" ;;
        *.md | *.md'#'*)
            path=${target%%#*}
            resolved=$(realpath -m --relative-to=. "$dir/$path")
            [[ $target == *'#'* ]] && resolved="$resolved#${target#*#}"
            check_ref "$md:$line" "$resolved"
            ;;
        esac
    done < <(grep -noE '\]\([^) ]+\)' "$md" || true)
done

if [ ${#problems[@]} -gt 0 ]; then
    printf '%s\n' "${problems[@]}" >&2
    echo "check-doc-refs: ${#problems[@]} citation(s) of documents the repository does not have" >&2
    exit 1
fi
echo "check-doc-refs: ${#files[@]} files cite only documents the repository has"
