#!/usr/bin/env bash
# Proves the Linux packages on bare Debian 12 systems built with mmdebstrap (from the same
# package registry apt uses), as an admin would get them:
#   scripts/check-bare-debian.sh [check] PACKAGES_DIR            (needs root)
#   scripts/check-bare-debian.sh roots PACKAGES_DIR [desktop|deb]
# `roots` only builds the roots (both at once, or the one named): scripts/check-packages.sh
# starts the desktop root in the background before anything else and the .deb's right after
# cpack; `check` (the default) builds what is missing and runs the checks.
# - the AppImage on a bare desktop base: minbase plus only the libraries every desktop has
#   (GL/EGL, fontconfig, freetype, X11/xcb) and one font: no Qt, OpenSSL, libpq, libsecret.
#   Through --appimage-extract-and-run: no library missing (ldd on every ELF file in the
#   image), dopool-cli --version (also through a link named dopool-cli), a SQLite pool with an
#   account whose token is stored encrypted and shown masked, dopool --version and a short
#   --demo start offscreen, and an https:// API base that reaches the TLS backend (a refused
#   connection is reported as refused, not as missing TLS);
# - the .deb on a bare Debian 12 with apt (variant apt; apt must resolve every Depends):
#   dopool-cli --version, the same SQLite round trip, dopool --version offscreen, the systemd
#   unit where systemd looks, the system user dopool, /etc/dopool/serve.env (0600), and
#   `dopool-cli serve` started as that user with that file, stopped by SIGTERM.
# /proc and /dev are mounted into a root only while its commands run (unmounted by a trap).
# Roots and downloaded packages are kept in DOPOOL_ROOT_CACHE (default ~/.cache/dopool-roots):
# the desktop root is built once, the .deb's root again only for a different .deb, and a
# rebuild downloads nothing already fetched.
set -euo pipefail

mode=check
if [ "${1:-}" = roots ] || [ "${1:-}" = check ]; then
    mode=$1
    shift
fi
packages=$(cd "${1:?usage: check-bare-debian.sh [roots|check] PACKAGES_DIR [desktop|deb]}" && pwd)
only=${2:-}
src=$(cd "$(dirname "$0")/.." && pwd)
cache=${DOPOOL_ROOT_CACHE:-$HOME/.cache/dopool-roots}
suite=bookworm
desktop_base=libgl1,libegl1,libfontconfig1,libfreetype6,libx11-6,libx11-xcb1,libxcb1,fonts-dejavu-core
version=$(sed -n 's/^project(DoAccountPool VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
fail() { echo "check-bare-debian: FAIL: $*" >&2; exit 1; }
ok() { echo "check-bare-debian: ok: $*"; }
[ "$(id -u)" = 0 ] || fail "needs root (mmdebstrap, chroot and mounts): run it with sudo"
command -v mmdebstrap >/dev/null || fail "mmdebstrap not found (scripts/install-deps.sh)"
debs=("$packages"/dopool_*_amd64.deb)
deb=${debs[0]}
[ -f "$deb" ] || [ "$only" = desktop ] || fail "no .deb in $packages"
mkdir -p "$cache/archives"

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
    mounted=()
}
trap unmount_all EXIT

# make_root NAME STAMP MMDEBSTRAP-ARGS...: the root in $cache/NAME, built again only when
# STAMP (what it was built from) differs. The apt archive is synced in and out of the cache.
make_root() {
    local name=$1 dir=$cache/$1 stamp=$2 started
    shift 2
    if [ -d "$dir" ] && [ "$(cat "$dir.stamp" 2>/dev/null)" = "$stamp" ]; then
        ok "root $name: reused from $cache"
        return
    fi
    rm -rf "$dir" "$dir.stamp"
    started=$(date +%s)
    echo "check-bare-debian: building root $name: mmdebstrap $* $suite"
    mmdebstrap --skip=essential/unlink \
        --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
        --setup-hook="sync-in '$cache/archives' /var/cache/apt/archives/" \
        --customize-hook="sync-out /var/cache/apt/archives '$cache/archives'" \
        --dpkgopt=force-unsafe-io "$@" "$suite" "$dir" >"$cache/$name.log" 2>&1 \
        || { tail -n 30 "$cache/$name.log" >&2; rm -rf "$dir"; fail "mmdebstrap for root $name"; }
    echo "$stamp" >"$dir.stamp"
    ok "root $name built in $(($(date +%s) - started)) s ($(du -sm "$dir" | cut -f1) MB)"
}

desktop_root() {
    make_root desktop "$suite --variant=minbase --include=$desktop_base" \
        --variant=minbase --include="$desktop_base"
}
deb_root() {
    # The stamp is the package's content (control fields, file checksums, maintainer
    # scripts), not the file: cpack writes new timestamps on every run.
    make_root deb "$({ dpkg-deb -f "$deb"; dpkg-deb -I "$deb" md5sums postinst postrm; } | sha256sum | cut -d' ' -f1)" --variant=apt \
        --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount --include="$deb"
}
if [ "$mode" = roots ]; then
    case $only in
    desktop) desktop_root ;;
    deb) deb_root ;;
    *)
        desktop_root &
        desktop_pid=$!
        deb_root
        wait $desktop_pid
        ;;
    esac
    exit 0
fi
appimages=("$packages"/DO_Account_Pool-*-x86_64.AppImage)
[ -f "${appimages[0]}" ] || fail "no AppImage in $packages"
appimage=${appimages[0]}

# in_root ROOT SCRIPT: runs SCRIPT with sh in ROOT, with /proc and /dev mounted for it only,
# and a clean environment (plus the variables given after SCRIPT).
in_root() {
    local root=$1 script=$2 code=0
    shift 2
    mount -t proc proc "$root/proc" && mounted+=("$root/proc")
    mount --bind /dev "$root/dev" && mounted+=("$root/dev")
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen DBUS_SESSION_BUS_ADDRESS=disabled: XDG_RUNTIME_DIR=/tmp/check/run \
        "$@" /bin/sh -euc "$script" || code=$?
    unmount_all
    return $code
}

key=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
token=dop_v1_$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
# The SQLite round trip, the same in both roots: $CLI is how the root runs dopool-cli.
round_trip='
mkdir -p /tmp/check/run && chmod 700 /tmp/check/run
printf "%s\n" "$TOKEN" | $CLI --db sqlite:/tmp/check/pool.sqlite account add --name Bare \
    --email bare@example.com --no-verify --token-stdin
$CLI --db sqlite:/tmp/check/pool.sqlite --json account show Bare >/tmp/check/show.json
grep -q "\"tokenMasked\": \"dop_v1_.*$(printf %s "$TOKEN" | tail -c 4)\"" /tmp/check/show.json \
    || { cat /tmp/check/show.json; echo "the token is not shown masked"; exit 1; }
! grep -q "$TOKEN" /tmp/check/show.json || { echo "the token was shown in clear"; exit 1; }
! grep -aq "$TOKEN" /tmp/check/pool.sqlite || { echo "the token is stored in clear"; exit 1; }
echo "round trip: account Bare stored encrypted, shown as $(sed -n "s/.*\"tokenMasked\": \"\(.*\)\".*/\1/p" /tmp/check/show.json)"
'

# --- The AppImage on a bare desktop base.
started=$(date +%s)
desktop_root
root=$cache/desktop
rm -rf "$root/tmp/check"
mkdir -p "$root/tmp/check"
cp "$appimage" "$root/tmp/check/"
name=$(basename "$appimage")
if in_root "$root" '
cd /tmp/check
# Nothing the image needs is missing from the bare base.
./'"$name"' --appimage-extract >/dev/null
missing=$(find squashfs-root -type f \( -name "*.so*" -o -perm -u+x \) -exec sh -c \
    "file=\$1; head -c 4 \"\$file\" | grep -q ELF && LD_LIBRARY_PATH=squashfs-root/usr/lib ldd \"\$file\" 2>/dev/null | grep \"not found\" | sed \"s|^|\$file: |\"" _ {} \; | sort -u)
[ -z "$missing" ] || { echo "libraries missing on the bare base:"; echo "$missing"; exit 1; }
echo "ldd: every library of $(find squashfs-root -name "*.so*" | wc -l) bundled ones and the programs resolves"
rm -rf squashfs-root
export APPIMAGE_EXTRACT_AND_RUN=1
ln -s '"$name"' dopool-cli
got=$(./dopool-cli --version)
[ "$got" = "dopool-cli '"$version"'" ] || { echo "dopool-cli --version (link): $got"; exit 1; }
echo "dopool-cli --version through a link named dopool-cli: $got"
got=$(./'"$name"' --appimage-extract-and-run cli --version)
[ "$got" = "dopool-cli '"$version"'" ] || { echo "--appimage-extract-and-run cli --version: $got"; exit 1; }
CLI="./'"$name"' cli"
'"$round_trip"'
got=$(./'"$name"' --version)
echo "$got" | grep -q '"$version"' || { echo "dopool --version: $got"; exit 1; }
echo "dopool --version (offscreen): $got"
timeout 120 ./'"$name"' --demo --quit-after-ms 1500 >/tmp/check/demo.log 2>&1 \
    || { cat /tmp/check/demo.log; echo "dopool --demo did not start and quit"; exit 1; }
echo "dopool --demo started offscreen and quit"
code=0
printf "%s\n" "$TOKEN" | ./'"$name"' cli --api-base https://127.0.0.1:9 account add --name Tls \
    --token-stdin >/tmp/check/tls.log 2>&1 || code=$?
if [ $code -ne 4 ] || ! grep -qi "refused" /tmp/check/tls.log || grep -qi "tls\|ssl" /tmp/check/tls.log; then
    cat /tmp/check/tls.log; echo "https to a closed port: exit $code, not a refused connection"; exit 1
fi
echo "https://127.0.0.1:9: $(cat /tmp/check/tls.log)"
' ENCRYPTION_KEY="$key" TOKEN="$token"; then
    ok "AppImage on the bare desktop base ($suite minbase + $desktop_base) in $(($(date +%s) - started)) s"
else
    fail "the AppImage on the bare desktop base"
fi
rm -rf "$root/tmp/check"

# --- The .deb with apt on a bare Debian 12.
started=$(date +%s)
deb_root
root=$cache/deb
if in_root "$root" '
# A reused root: what an earlier run left behind goes first.
rm -rf /tmp/check /var/lib/dopool
mkdir -p /tmp/check
got=$(dopool-cli --version)
[ "$got" = "dopool-cli '"$version"'" ] || { echo "dopool-cli --version: $got"; exit 1; }
echo "dopool-cli --version: $got"
CLI=dopool-cli
'"$round_trip"'
got=$(dopool --version)
echo "$got" | grep -q '"$version"' || { echo "dopool --version: $got"; exit 1; }
echo "dopool --version (offscreen): $got"
unit=/usr/lib/systemd/system/dopool-serve.service
grep -qx "ExecStart=/usr/bin/dopool-cli serve.*" $unit && grep -qx User=dopool $unit \
    && grep -qx EnvironmentFile=/etc/dopool/serve.env $unit || { echo "$unit is not the serve unit"; exit 1; }
entry=$(getent passwd dopool) || { echo "no user dopool"; exit 1; }
uid=$(echo "$entry" | cut -d: -f3)
[ "$uid" -lt 1000 ] && echo "$entry" | grep -q ":/usr/sbin/nologin$" || { echo "dopool is not a system user: $entry"; exit 1; }
[ "$(stat -c %a:%U /etc/dopool/serve.env)" = 600:root ] || { echo "serve.env is $(stat -c %a:%U /etc/dopool/serve.env)"; exit 1; }
echo "systemd unit $unit, system user $entry, /etc/dopool/serve.env (0600 root)"
cat /usr/share/dopool/serve.env >/etc/dopool/serve.env
# What systemd would do: state directory, environment file, the user; then SIGTERM.
install -d -o dopool -g dopool -m 0700 /var/lib/dopool
echo "ENCRYPTION_KEY=$ENCRYPTION_KEY" >>/etc/dopool/serve.env
code=0
(set -a; . /etc/dopool/serve.env; set +a
 exec runuser -u dopool -- env HOME=/var/lib/dopool DOPOOL_DB=sqlite:/var/lib/dopool/pool.sqlite \
    timeout --preserve-status -s TERM 3 dopool-cli serve --sync-interval 300 --health-interval 60) \
    >/tmp/check/serve.log 2>&1 || code=$?
[ $code -eq 0 ] && [ -s /var/lib/dopool/pool.sqlite ] || { cat /tmp/check/serve.log; echo "serve as dopool exited $code"; exit 1; }
echo "dopool-cli serve ran as dopool with /etc/dopool/serve.env and stopped on SIGTERM: $(head -n 1 /tmp/check/serve.log)"
' ENCRYPTION_KEY="$key" TOKEN="$token"; then
    ok ".deb installed by apt on a bare $suite (variant apt) in $(($(date +%s) - started)) s"
else
    fail "the .deb on a bare $suite"
fi
