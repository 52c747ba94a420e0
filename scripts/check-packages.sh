#!/usr/bin/env bash
# Builds every Linux package this machine can build from a built tree, into BUILD_DIR/packages/,
# and checks each as an admin would get it:
#   scripts/check-packages.sh BUILD_DIR
# - cpack -G "DEB;TGZ": dopool_<version>_amd64.deb and the .tar.gz
# - the .deb's control fields and contents (executables, .desktop, icons, metainfo, man pages,
#   shell completion, copyright, changelog, the systemd unit), and lintian on it: any error
#   or warning fails unless packaging/debian/lintian-overrides explains it
# - the .deb unpacked into a clean prefix (dpkg -x): dopool-cli --version and a real command on
#   a throwaway SQLite pool (loads the SQL driver plugin); dopool --version and --demo offscreen;
#   the shell completion scripts answer in bash, zsh and fish
# - the TGZ unpacked: bin/dopool-cli runs
# - appstreamcli validate and desktop-file-validate on the installed files and the AppImage's
# - DO_Account_Pool-<version>-x86_64.AppImage (packaging/appimage/make-appimage.sh): its magic
#   and offset, extraction, and a run through FUSE where /dev/fuse works (else the one-line
#   no-FUSE message)
# - scripts/check-bare-debian.sh: the AppImage and the .deb on bare Debian 12 roots (as root;
#   DOPOOL_SKIP_BARE_ROOTS=1 leaves that part out, for a quick look without root)
# Exits non-zero at the first failed check.
set -euo pipefail

build=$(cd "${1:?usage: check-packages.sh BUILD_DIR}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"
for tool in cpack dpkg-deb dpkg-shlibdeps file appstreamcli desktop-file-validate lintian bash zsh fish; do
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

packages=$build/packages
rm -rf "$packages"
mkdir -p "$packages"

# The bare Debian 12 roots take longest to build (download, unpack): the desktop one in the
# background from the start, while everything else runs; check-bare-debian.sh check uses them
# at the end.
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo --preserve-env=DOPOOL_ROOT_CACHE,HOME)
if [ "${DOPOOL_SKIP_BARE_ROOTS:-}" != 1 ]; then
    roots_start=$(date +%s)
    "${sudo[@]}" scripts/check-bare-debian.sh roots "$packages" desktop >"$work/roots-desktop.log" 2>&1 &
    desktop_root_pid=$!
fi
echo "check-packages: cpack -G DEB;TGZ in $build"
(cd "$build" && cpack -G "DEB;TGZ" -B "$work/out" >"$work/cpack.log" 2>&1) \
    || { cat "$work/cpack.log" >&2; fail "cpack"; }
mv "$work"/out/*.deb "$work"/out/*.tar.gz "$packages/"
debs=("$packages"/*.deb)
tgzs=("$packages"/*.tar.gz)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "expected one .deb, got: ${debs[*]}"; fi
if [ ${#tgzs[@]} -ne 1 ] || [ ! -f "${tgzs[0]}" ]; then fail "expected one .tar.gz, got: ${tgzs[*]}"; fi
deb=${debs[0]}
tgz=${tgzs[0]}
for f in "$deb" "$tgz"; do echo "check-packages: $(basename "$f"): $(stat -c %s "$f") bytes"; done

# The .deb's bare root (the desktop root started above) in the background from here too.
if [ "${DOPOOL_SKIP_BARE_ROOTS:-}" != 1 ]; then
    "${sudo[@]}" scripts/check-bare-debian.sh roots "$packages" deb >"$work/roots-deb.log" 2>&1 &
    deb_root_pid=$!
fi

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
want=(/usr/bin/dopool-cli /usr/bin/dopool /usr/bin/dopool-fake-do "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml" /usr/share/icons/hicolor/scalable/apps/dopool.svg
    /usr/share/doc/dopool/README.md /usr/share/doc/dopool/copyright /usr/share/doc/dopool/changelog.gz
    /usr/share/man/man1/dopool.1.gz /usr/share/man/man1/dopool-cli.1.gz
    /usr/share/man/man1/dopool-fake-do.1.gz /usr/share/bash-completion/completions/dopool-cli
    /usr/share/zsh/vendor-completions/_dopool-cli /usr/share/fish/vendor_completions.d/dopool-cli.fish
    /usr/lib/systemd/system/dopool-serve.service /usr/share/dopool/serve.env)
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
[ -x "$gui" ] || fail "the package has no desktop app (dopool)"
got=$("${clean_env[@]}" "$gui" --version) || fail "dopool --version exited $?"
grep -q "$version" <<<"$got" || fail "dopool --version printed '$got'"
ok "installed dopool --version (offscreen): $got"
"${clean_env[@]}" timeout 60 "$gui" --demo --quit-after-ms 1500 >"$work/gui.log" 2>&1 \
    || { cat "$work/gui.log" >&2; fail "dopool --demo --quit-after-ms 1500"; }
ok "installed dopool --demo started offscreen and quit"

# --- the package's own parts: changelog version, man pages render, completion answers
zcat "$root/usr/share/doc/dopool/changelog.gz" | head -n 1 | grep -q "^dopool ($version)" \
    || fail "changelog.gz does not start with version $version"
for page in dopool dopool-cli dopool-fake-do; do
    man -l "$root/usr/share/man/man1/$page.1.gz" 2>/dev/null | grep -q . || fail "man $page renders nothing"
done
# Every command of dopool-cli --help is in its man page.
# (A command line of the usage text: two spaces, the command's words, then its synopsis, which
# starts with an option, a placeholder, a bracket or a choice.)
"${clean_env[@]}" "$cli" --help | awk '/^  [a-z]/ { name = ""
    for (i = 1; i <= NF && $i !~ /^[-[(<A-Z]|[|]/; i++) name = name (name == "" ? "" : " ") $i
    print name }' >"$work/commands"
[ "$(wc -l <"$work/commands")" -ge 15 ] || fail "dopool-cli --help lists $(wc -l <"$work/commands") commands"
zcat "$root/usr/share/man/man1/dopool-cli.1.gz" | sed 's/\\-/-/g' >"$work/cli.1"
while read -r command; do
    grep -qx "\.SS $command" "$work/cli.1" || fail "dopool-cli(1) lacks the command '$command'"
done <"$work/commands"
ok "man pages dopool(1), dopool-cli(1) (all $(wc -l <"$work/commands") commands), dopool-fake-do(1); changelog $version"
scripts/check-completion.sh "$root" || fail "shell completion"

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

# --- lintian: clean, or explained in packaging/debian/lintian-overrides (shipped in the .deb)
lintian --info --display-level '>=warning' "$deb" 2>&1 | grep -v '^running with root privileges' >"$work/lintian.log" || true
if grep -E '^[EW]: ' "$work/lintian.log" >"$work/lintian.bad"; then
    cat "$work/lintian.log" >&2
    fail "lintian reports $(wc -l <"$work/lintian.bad") error(s)/warning(s)"
fi
ok "lintian $(lintian --version | cut -d' ' -f2): no error or warning"

# --- the AppImage
appimage_start=$(date +%s)
packaging/appimage/make-appimage.sh "$build" "$work/appimage" >"$work/appimage.log" 2>&1 \
    || { cat "$work/appimage.log" >&2; fail "make-appimage.sh"; }
mv "$work/appimage/DO_Account_Pool-$version-x86_64.AppImage" "$packages/"
appimage=$packages/DO_Account_Pool-$version-x86_64.AppImage
runtime=$build/packaging/appimage/runtime/appimage-runtime
[ "$(head -c 11 "$appimage" | tail -c 3 | od -An -c | tr -d ' ')" = 'AI002' ] || fail "the AppImage has no AI\\x02 at offset 8"
offset=$("$appimage" --appimage-offset)
[ "$offset" = "$(stat -c %s "$runtime")" ] || fail "--appimage-offset $offset, runtime $(stat -c %s "$runtime") bytes"
file "$runtime" | grep -q 'statically linked' || fail "the runtime is not statically linked"
(cd "$work" && "$appimage" --appimage-extract >/dev/null) || fail "--appimage-extract"
ad=$work/squashfs-root
for f in AppRun .DirIcon dopool.png "$app_id.desktop" "$app_id.metainfo.xml" usr/bin/qt.conf \
    usr/plugins/platforms/libqxcb.so usr/plugins/platforms/libqoffscreen.so \
    usr/plugins/platforms/libqwayland-generic.so usr/plugins/sqldrivers/libqsqlite.so \
    usr/plugins/sqldrivers/libqsqlpsql.so usr/plugins/tls/libqopensslbackend.so \
    usr/lib/libQt6Core.so.6 usr/lib/libqt6keychain.so.1 usr/lib/libpq.so.5 usr/lib/libssl.so.3 \
    usr/lib/libglib-2.0.so.0 usr/lib/libdbus-1.so.3 usr/lib/libsecret-1.so.0; do
    [ -e "$ad/$f" ] || fail "the AppImage lacks $f"
done
for f in usr/lib/libc.so.6 usr/lib/libGL.so.1 usr/lib/libX11.so.6 usr/lib/libxcb.so.1 usr/lib/libfontconfig.so.1; do
    [ ! -e "$ad/$f" ] || fail "the AppImage bundles $f, which the desktop provides"
done
desktop-file-validate "$ad/$app_id.desktop" >"$work/dfv2.log" 2>&1 && [ ! -s "$work/dfv2.log" ] \
    || { cat "$work/dfv2.log" >&2; fail "desktop-file-validate (AppDir)"; }
appstreamcli validate --no-net "$ad/$app_id.metainfo.xml" >"$work/as2.log" 2>&1 \
    || { cat "$work/as2.log" >&2; fail "appstreamcli validate (AppDir)"; }
ok "AppImage $(basename "$appimage"): $(stat -c %s "$appimage") bytes, runtime $offset bytes (static), $(find "$ad/usr/lib" -name '*.so*' | wc -l) libraries, $(find "$ad/usr/plugins" -name '*.so' | wc -l) Qt plugins; .desktop and metainfo valid at the root"
if [ -c /dev/fuse ] && [ -r /dev/fuse ] && [ -w /dev/fuse ]; then
    got=$("${clean_env[@]}" "$appimage" cli --version) || fail "the AppImage through FUSE exited $?"
    [ "$got" = "dopool-cli $version" ] || fail "AppImage (FUSE) cli --version printed '$got'"
    ok "AppImage mounted with FUSE: cli --version: $got"
else
    code=0
    "${clean_env[@]}" "$appimage" cli --version 2>"$work/nofuse.log" || code=$?
    [ "$code" -ne 0 ] && [ "$(wc -l <"$work/nofuse.log")" = 1 ] && grep -q -- --appimage-extract-and-run "$work/nofuse.log" \
        || { cat "$work/nofuse.log" >&2; fail "without FUSE the AppImage did not say to use --appimage-extract-and-run"; }
    ok "no FUSE here; the AppImage says: $(cat "$work/nofuse.log")"
fi
ok "AppImage built and checked in $(($(date +%s) - appimage_start)) s"

# --- the bare Debian 12 roots
if [ "${DOPOOL_SKIP_BARE_ROOTS:-}" = 1 ]; then
    echo "check-packages: DOPOOL_SKIP_BARE_ROOTS=1: the bare-root checks were not run"
else
    for root in desktop deb; do
        pid_var=${root}_root_pid
        wait "${!pid_var}" || { cat "$work/roots-$root.log" >&2; fail "building the bare $root root"; }
        cat "$work/roots-$root.log"
    done
    "${sudo[@]}" scripts/check-bare-debian.sh check "$packages"
    ok "bare Debian 12 roots in $(($(date +%s) - roots_start)) s"
fi

ls -l "$packages"
echo "check-packages: all checks passed in $(($(date +%s) - start)) s"
