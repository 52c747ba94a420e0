#!/usr/bin/env bash
# Builds the Linux packages from a built tree and checks them as an admin would get them:
#   scripts/check-packages.sh BUILD_DIR
# - cpack -G "DEB;TGZ" (into a temporary folder; the build tree is left alone)
# - the .deb's contents and control fields (executables, .desktop, icons, metainfo, Depends)
# - the .deb unpacked into a clean prefix (dpkg -x): dopool-cli --version and a real command on
#   a throwaway SQLite pool (loads the SQL driver plugin); dopool --version offscreen when the
#   package has the desktop app (and its demo start when it offers one)
# - the TGZ unpacked: bin/dopool-cli runs
# - appstreamcli validate and desktop-file-validate on the installed files
# Exits non-zero at the first failed check.
set -euo pipefail

build=$(cd "${1:?usage: check-packages.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
for tool in cpack dpkg-deb dpkg-shlibdeps file appstreamcli desktop-file-validate; do
    command -v "$tool" >/dev/null || { echo "check-packages: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
done
app_id=io.github.dopool.DoAccountPool
version=$(sed -n 's/^project(DoAccountPool VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
start=$(date +%s)

work=$(mktemp -d /tmp/dopool-check-packages.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-packages: FAIL: $*" >&2; exit 1; }
ok() { echo "check-packages: ok: $*"; }

# A throwaway home and pool for every program run below: nothing touches the real ones, and
# nothing can leak in from the caller's environment.
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
clean_env=(env -i "PATH=/usr/bin:/bin" "HOME=$work/home" "XDG_DATA_HOME=$work/home/.local/share"
    "XDG_CONFIG_HOME=$work/home/.config" "XDG_RUNTIME_DIR=$work/runtime" "LANG=C.UTF-8"
    "DBUS_SESSION_BUS_ADDRESS=disabled:" "QT_QPA_PLATFORM=offscreen")

echo "check-packages: cpack -G DEB;TGZ in $build"
(cd "$build" && cpack -G "DEB;TGZ" -B "$work/out" >"$work/cpack.log" 2>&1) \
    || { cat "$work/cpack.log" >&2; fail "cpack"; }
debs=("$work"/out/*.deb)
tgzs=("$work"/out/*.tar.gz)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "expected one .deb, got: ${debs[*]}"; fi
if [ ${#tgzs[@]} -ne 1 ] || [ ! -f "${tgzs[0]}" ]; then fail "expected one .tar.gz, got: ${tgzs[*]}"; fi
deb=${debs[0]}
tgz=${tgzs[0]}
for f in "$deb" "$tgz"; do echo "check-packages: $(basename "$f"): $(stat -c %s "$f") bytes"; done

# --- the .deb: control fields
dpkg-deb -I "$deb" >"$work/info"
field() { sed -n "s/^ $1: //p" "$work/info"; }
[ "$(field Package)" = dopool ] || fail "Package is '$(field Package)', not dopool"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ "$(field Section)" = admin ] || fail "Section is '$(field Section)'"
depends=$(field Depends)
for dep in libqt6sql6-psql libqt6sql6-sqlite qt6-qpa-plugins libsecret-1-0 libqt6core6 libc6; do
    grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
ok "control: dopool $version, Depends: $depends"

# --- the .deb: files
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/contents"
want=(/usr/bin/dopool-cli "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml" /usr/share/icons/hicolor/scalable/apps/dopool.svg
    /usr/share/doc/dopool/examples/dopool-serve.service /usr/share/doc/dopool/README.md)
for size in 16 24 32 48 64 128 256 512; do
    want+=("/usr/share/icons/hicolor/${size}x${size}/apps/dopool.png")
done
for path in "${want[@]}"; do
    grep -qx "$path" "$work/contents" || fail "the .deb lacks $path"
done
ok "the .deb has ${#want[@]} expected files ($(grep -vc '/$' "$work/contents") files in all)"

# --- the .deb installed into a clean prefix
root=$work/root
dpkg -x "$deb" "$root"
cli=$root/usr/bin/dopool-cli
[ -x "$cli" ] || fail "dopool-cli is not executable"
file "$cli" | grep -q ', stripped' || fail "dopool-cli is not stripped"
if command -v readelf >/dev/null && readelf -d "$cli" | grep -E 'R(UN)?PATH' | grep -q "$build"; then
    fail "dopool-cli still has the build tree in its RPATH"
fi
got=$("${clean_env[@]}" "$cli" --version) || fail "dopool-cli --version exited $?"
[ "$got" = "dopool-cli $version" ] || fail "dopool-cli --version printed '$got'"
ok "installed dopool-cli --version: $got"
key=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
"${clean_env[@]}" ENCRYPTION_KEY="$key" "$cli" --db "sqlite:$work/pool.sqlite" --json status \
    >"$work/status.json" || fail "installed dopool-cli status on a new SQLite pool"
grep -q '"backend"' "$work/status.json" || fail "status printed no JSON document"
ok "installed dopool-cli status on a throwaway SQLite pool"

gui=$root/usr/bin/dopool
if [ -x "$gui" ]; then
    got=$("${clean_env[@]}" "$gui" --version) || fail "dopool --version exited $?"
    grep -q "$version" <<<"$got" || fail "dopool --version printed '$got'"
    ok "installed dopool --version (offscreen): $got"
    help=$("${clean_env[@]}" "$gui" --help 2>&1) || true
    if grep -q -- '--quit-after-ms' <<<"$help" && grep -q -- '--demo' <<<"$help"; then
        "${clean_env[@]}" timeout 60 "$gui" --demo --quit-after-ms 1500 >"$work/gui.log" 2>&1 \
            || { cat "$work/gui.log" >&2; fail "dopool --demo --quit-after-ms 1500"; }
        ok "installed dopool --demo started offscreen and quit"
    else
        echo "check-packages: skip: dopool offers no --demo --quit-after-ms; smoke start not run"
    fi
else
    echo "check-packages: skip: the package has no desktop app (dopool) yet"
fi

# --- the TGZ
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
tgz_cli=$(find "$work/tgz" -path '*/bin/dopool-cli' -type f)
[ -n "$tgz_cli" ] || fail "the TGZ has no bin/dopool-cli"
got=$("${clean_env[@]}" "$tgz_cli" --version) || fail "TGZ dopool-cli --version exited $?"
[ "$got" = "dopool-cli $version" ] || fail "TGZ dopool-cli --version printed '$got'"
ok "TGZ: ${tgz_cli#"$work/tgz/"} runs"

# --- freedesktop files as installed
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" >"$work/as.log" 2>&1 \
    || { cat "$work/as.log" >&2; fail "appstreamcli validate"; }
ok "appstreamcli validate --no-net: $(tail -n 1 "$work/as.log")"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop" >"$work/dfv.log" 2>&1 \
    || { cat "$work/dfv.log" >&2; fail "desktop-file-validate"; }
[ ! -s "$work/dfv.log" ] || { cat "$work/dfv.log" >&2; fail "desktop-file-validate has remarks"; }
ok "desktop-file-validate: no remarks"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
    || fail "the metainfo has no <release> for version $version"

echo "check-packages: all checks passed in $(($(date +%s) - start)) s"
