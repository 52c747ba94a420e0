#!/usr/bin/env bash
# Builds the DO Account Pool AppImage from a configured and built tree:
#   packaging/appimage/make-appimage.sh BUILD_DIR [OUT_DIR]
# 1. An AppDir in OUT_DIR (default BUILD_DIR/appimage): `cmake --install` into AppDir/usr, the
#    .desktop file, icon and AppStream metainfo, AppRun, the Qt plugins the app loads at run
#    time (platforms, sqldrivers, tls, imageformats, ...) with a qt.conf pointing at them.
# 2. Packing: with linuxdeploy (+ its Qt plugin) on PATH it bundles the libraries and writes
#    the AppImage; else with appimagetool on PATH the script bundles the libraries itself (ldd)
#    and appimagetool packs; else it stops after the AppDir and says so (exit 0).
# Debian 12 has neither tool: there the AppDir is the end product (see packaging/README.md).
set -euo pipefail

build=${1:?usage: make-appimage.sh BUILD_DIR [OUT_DIR]}
build=$(cd "$build" && pwd)
out=${2:-$build/appimage}
src=$(cd "$(dirname "$0")/../.." && pwd)
app_id=io.github.dopool.DoAccountPool
appdir=$out/AppDir

rm -rf "$appdir"
mkdir -p "$appdir"
echo "make-appimage: installing into $appdir/usr"
cmake --install "$build" --prefix "$appdir/usr" --strip >/dev/null

# freedesktop files at the AppDir's root, as the AppImage spec wants them.
cp "$src/resources/$app_id.desktop" "$appdir/"
cp "$src/resources/icons/hicolor/256x256/apps/dopool.png" "$appdir/dopool.png"
ln -sf dopool.png "$appdir/.DirIcon"
[ -f "$appdir/usr/share/metainfo/$app_id.metainfo.xml" ] \
    || { echo "make-appimage: metainfo missing from the install" >&2; exit 1; }
# appimagetool looks for the older *.appdata.xml name as well.
ln -sf "$app_id.metainfo.xml" "$appdir/usr/share/metainfo/$app_id.appdata.xml"

# Qt plugins loaded at run time (no library links to them, so no ldd finds them).
qt_plugins=$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null \
    || /usr/lib/qt6/bin/qmake -query QT_INSTALL_PLUGINS)
mkdir -p "$appdir/usr/plugins"
for dir in platforms sqldrivers tls imageformats iconengines platformthemes \
    platforminputcontexts xcbglintegrations wayland-shell-integration \
    wayland-graphics-integration-client wayland-decoration-client networkinformation; do
    if [ -d "$qt_plugins/$dir" ]; then
        cp -r "$qt_plugins/$dir" "$appdir/usr/plugins/"
    fi
done
for required in platforms/libqxcb.so platforms/libqoffscreen.so sqldrivers/libqsqlite.so \
    sqldrivers/libqsqlpsql.so tls/libqopensslbackend.so; do
    [ -f "$appdir/usr/plugins/$required" ] \
        || { echo "make-appimage: Qt plugin $required not found in $qt_plugins" >&2; exit 1; }
done
printf '[Paths]\nPrefix = ..\nPlugins = plugins\n' >"$appdir/usr/bin/qt.conf"

# AppRun: the desktop app; "AppRun cli ARGS" runs dopool-cli from the same image.
cat >"$appdir/AppRun" <<'EOF'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
export LD_LIBRARY_PATH="$here/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QT_PLUGIN_PATH="$here/usr/plugins"
if [ "${1:-}" = cli ] || [ ! -x "$here/usr/bin/dopool" ]; then
    [ "${1:-}" = cli ] && shift
    exec "$here/usr/bin/dopool-cli" "$@"
fi
exec "$here/usr/bin/dopool" "$@"
EOF
chmod 755 "$appdir/AppRun"

# Copies every library the AppDir's binaries and plugins need into usr/lib, except the base
# system ones every desktop has (glibc, the graphics stack, X/Wayland client libraries...).
bundle_libraries() {
    local exclude='^(ld-linux|lib(c|m|dl|rt|pthread|resolv|util|gcc_s|stdc\+\+|z|dbus-1|systemd|udev|asound|gpg-error|expat|uuid)\.so|libGL|libEGL|libOpenGL|libdrm|libgbm|libX|libxcb|libxkbcommon|libwayland|libfontconfig|libfreetype|libharfbuzz|libICE|libSM)'
    mkdir -p "$appdir/usr/lib"
    find "$appdir/usr/bin" "$appdir/usr/plugins" -type f \( -perm -u+x -o -name '*.so*' \) \
        -exec ldd {} + 2>/dev/null | awk '/=> \// { print $3 }' | sort -u | while read -r lib; do
        name=$(basename "$lib")
        if ! grep -Eq "$exclude" <<<"$name"; then
            cp -L -n "$lib" "$appdir/usr/lib/$name"
        fi
    done
    # Loaded with dlopen, so ldd cannot see it: QtKeychain's Secret Service backend.
    local secret
    secret=$(/sbin/ldconfig -p 2>/dev/null | awk '/libsecret-1\.so\.0 / { print $NF; exit }')
    if [ -n "$secret" ]; then
        cp -L -n "$secret" "$appdir/usr/lib/"
    else
        echo "make-appimage: warning: libsecret-1.so.0 not found; the keychain needs it" >&2
    fi
}

export VERSION=${VERSION:-$(sed -n 's/^project(DoAccountPool VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")}
if command -v linuxdeploy >/dev/null && command -v linuxdeploy-plugin-qt >/dev/null; then
    echo "make-appimage: packing with linuxdeploy --plugin qt"
    extra=()
    [ -x "$appdir/usr/bin/dopool" ] && extra+=(--executable "$appdir/usr/bin/dopool")
    (cd "$out" && EXTRA_QT_PLUGINS="sqldrivers;tls" linuxdeploy --appdir "$appdir" \
        --desktop-file "$appdir/$app_id.desktop" --icon-file "$appdir/dopool.png" \
        --executable "$appdir/usr/bin/dopool-cli" "${extra[@]}" --plugin qt --output appimage)
    echo "make-appimage: wrote $(ls "$out"/*.AppImage)"
elif command -v appimagetool >/dev/null; then
    echo "make-appimage: bundling libraries (ldd), packing with appimagetool"
    bundle_libraries
    ARCH=$(uname -m) appimagetool "$appdir" "$out/DO_Account_Pool-$VERSION-$(uname -m).AppImage"
else
    bundle_libraries
    echo "make-appimage: AppDir ready at $appdir"
    echo "make-appimage: neither linuxdeploy nor appimagetool is on PATH (Debian 12 packages"
    echo "  neither), so no .AppImage was written. Where they exist, run this script again; or"
    echo "  pack this AppDir with: appimagetool $appdir"
fi
