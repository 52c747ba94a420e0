#!/usr/bin/env bash
# Asks the installed shell completion scripts for answers, in bash, zsh and fish:
#   scripts/check-completion.sh ROOT      (ROOT: an installed tree, e.g. the .deb unpacked)
# For "dopool-cli acc", "dopool-cli account " and "dopool-cli account add --to" each shell
# must offer "account", "add" and "--token-stdin"/"--token-env", and nothing after "--db ".
set -euo pipefail
root=${1:?usage: check-completion.sh ROOT}
bash_file=$root/usr/share/bash-completion/completions/dopool-cli
zsh_file=$root/usr/share/zsh/vendor-completions/_dopool-cli
fish_file=$root/usr/share/fish/vendor_completions.d/dopool-cli.fish
fail() { echo "check-completion: FAIL: $*" >&2; exit 1; }

# Each case: the command line up to the cursor, and a word the answer must hold ('' = empty answer).
cases=("dopool-cli acc|account" "dopool-cli account |add" "dopool-cli account add --to|--token-stdin"
    "dopool-cli --json key |fingerprint" "dopool-cli --db |" "dopool-cli |completion")

ask_bash() { # LINE
    bash --norc --noprofile -c 'source "$1"; read -ra COMP_WORDS <<<"$2"; [[ $2 == *" " ]] && COMP_WORDS+=("");
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dopool_cli; printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_file" "$1"
}
ask_zsh() {
    zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }; compdef() { :; }
        source "$1"; words=(${=2}); [[ $2 == *" " ]] && words+=(""); CURRENT=${#words}; _dopool_cli
        [[ $2 == *" " ]] || true' _ "$zsh_file" "$1" | { if [[ $1 == *" " ]]; then cat; else grep "^${1##* }" || true; fi; }
}
ask_fish() {
    fish --no-config -c 'source $argv[1]; complete -C"$argv[2]"' "$fish_file" "$1" | cut -f1
}

for shell in bash zsh fish; do
    for c in "${cases[@]}"; do
        line=${c%|*}
        want=${c##*|}
        got=$(ask_$shell "$line") || fail "$shell: completing '$line' failed"
        if [ -z "$want" ]; then
            [ -z "$got" ] || fail "$shell: '$line' offered: $(echo $got)"
        else
            grep -qx -- "$want" <<<"$got" || fail "$shell: '$line' did not offer $want: $(echo $got)"
        fi
    done
done
echo "check-packages: ok: shell completion answers in bash, zsh and fish (${#cases[@]} cases each)"
