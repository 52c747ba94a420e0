#!/usr/bin/env bash
# Builds DO_Account_Pool-<version>-x86_64.AppImage from a configured and built tree:
#   packaging/appimage/make-appimage.sh BUILD_DIR [OUT_DIR]      (default OUT_DIR: BUILD_DIR/appimage)
# 1. The AppDir: `cmake --install` into AppDir/usr; the .desktop file, icon and AppStream
#    metainfo at its root; AppRun; the Qt plugins the app loads at run time with a qt.conf that
#    points Qt at them; every library the programs and plugins need except those every desktop
#    has (the list below, with the reasons); the bundled libraries' copyright files.
# 2. The AppImage: the project's own runtime (packaging/appimage/runtime, built as
#    BUILD_DIR/packaging/appimage/runtime/appimage-runtime) followed by the AppDir as a
#    SquashFS image (mksquashfs, zstd). Type 2 of the AppImage specification.
set -euo pipefail

build=$(cd "${1:?usage: make-appimage.sh BUILD_DIR [OUT_DIR]}" && pwd)
out=${2:-$build/appimage}
src=$(cd "$(dirname "$0")/../.." && pwd)
app_id=io.github.dopool.DoAccountPool
version=$(sed -n 's/^project(DoAccountPool VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
runtime=$build/packaging/appimage/runtime/appimage-runtime
appimage=$out/DO_Account_Pool-$version-$(uname -m).AppImage
appdir=$out/AppDir
say() { echo "make-appimage: $*"; }
die() { echo "make-appimage: $*" >&2; exit 1; }

[ -x "$runtime" ] || die "no runtime at $runtime: build the target appimage-runtime (it needs libsquashfuse-dev, libfuse3-dev: scripts/install-deps.sh)"
mksquashfs=$(command -v mksquashfs || echo /usr/sbin/mksquashfs)
[ -x "$mksquashfs" ] || die "mksquashfs not found (package squashfs-tools)"

rm -rf "$appdir" "$out/bundled-from.txt"
mkdir -p "$appdir"
say "installing into $appdir/usr"
cmake --install "$build" --prefix "$appdir/usr" --strip >/dev/null
# What only a system install uses: the systemd unit and the .deb's environment template.
rm -rf "$appdir/usr/lib/systemd" "$appdir/usr/share/dopool"

# freedesktop files at the AppDir's root, as the AppImage specification wants them.
cp "$src/resources/$app_id.desktop" "$appdir/"
cp "$src/resources/icons/hicolor/256x256/apps/dopool.png" "$appdir/dopool.png"
ln -sf dopool.png "$appdir/.DirIcon"
[ -f "$appdir/usr/share/metainfo/$app_id.metainfo.xml" ] || die "metainfo missing from the install"
ln -sf "usr/share/metainfo/$app_id.metainfo.xml" "$appdir/$app_id.metainfo.xml"
ln -sf "$app_id.metainfo.xml" "$appdir/usr/share/metainfo/$app_id.appdata.xml"

# Qt plugins loaded at run time (no library links to them, so no ldd finds them). Not
# platformthemes/libqgtk3 (it would bring the whole GTK stack; without it Qt draws its own
# widgets): xdgdesktopportal is the theme plugin shipped.
qt_plugins=$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null || /usr/lib/qt6/bin/qmake -query QT_INSTALL_PLUGINS)
qt_translations=$(qtpaths6 --query QT_INSTALL_TRANSLATIONS 2>/dev/null || /usr/lib/qt6/bin/qmake -query QT_INSTALL_TRANSLATIONS)
mkdir -p "$appdir/usr/plugins" "$appdir/usr/translations"
for dir in platforms sqldrivers tls imageformats iconengines platformthemes \
    platforminputcontexts xcbglintegrations wayland-shell-integration \
    wayland-graphics-integration-client wayland-decoration-client networkinformation; do
    if [ -d "$qt_plugins/$dir" ]; then
        cp -r "$qt_plugins/$dir" "$appdir/usr/plugins/"
    fi
done
# Desktop platforms only: eglfs, linuxfb, vnc and vkkhrdisplay are for embedded screens (and
# would bring libinput, libwacom, tslib...).
rm -f "$appdir/usr/plugins/platformthemes/libqgtk3.so" "$appdir"/usr/plugins/platforms/libq{eglfs,linuxfb,vnc,vkkhrdisplay,minimalegl}.so
for required in platforms/libqxcb.so platforms/libqoffscreen.so platforms/libqwayland-generic.so \
    sqldrivers/libqsqlite.so sqldrivers/libqsqlpsql.so tls/libqopensslbackend.so \
    xcbglintegrations/libqxcb-glx-integration.so imageformats/libqjpeg.so \
    iconengines/libqsvgicon.so platformthemes/libqxdgdesktopportal.so; do
    [ -f "$appdir/usr/plugins/$required" ] \
        || die "Qt plugin $required not found in $qt_plugins (scripts/install-deps.sh)"
done
# Qt's own messages (dialogs' buttons...) in the languages the app speaks.
cp "$qt_translations"/qtbase_id.qm "$appdir/usr/translations/" 2>/dev/null || true
printf '[Paths]\nPrefix = ..\nPlugins = plugins\nTranslations = translations\n' >"$appdir/usr/bin/qt.conf"

# AppRun: the desktop app; "AppRun cli ARGS", or the AppImage called through a link named
# dopool-cli, runs the CLI from the same image (for servers without a desktop).
cat >"$appdir/AppRun" <<'APPRUN'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
export LD_LIBRARY_PATH="$here/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export QT_PLUGIN_PATH="$here/usr/plugins"
case "${ARGV0##*/}" in
    dopool-cli*) exec "$here/usr/bin/dopool-cli" "$@" ;;
esac
if [ "${1:-}" = cli ]; then
    shift
    exec "$here/usr/bin/dopool-cli" "$@"
fi
exec "$here/usr/bin/dopool" "$@"
APPRUN
chmod 755 "$appdir/AppRun"

# --- Libraries. Left out are only those every desktop provides (and the bare Debian base
# check-bare-debian.sh runs the image on has: minbase + libgl1 libegl1 libfontconfig1
# libfreetype6 libx11-6 libx11-xcb1 libxcb1):
#  - glibc and its parts: they must match the system's dynamic loader;
#  - libGL/libEGL and what libgl1/libegl1 pull in for the graphics stack (libglvnd, Mesa's
#    libglapi/libgbm, libdrm, the xcb/X extensions Mesa uses, Wayland's client and server
#    libraries, libxshmfence), with libstdc++/libgcc_s, libexpat, libz and libzstd, which
#    Mesa's drivers load into the process too: the GPU driver must be the system's own, with
#    the libraries it was built against (a bundled older libstdc++ would break a newer driver);
#  - libX11, libX11-xcb, libxcb (and libXau/libXdmcp): the display server's client side;
#  - fontconfig and freetype (with libpng16 and brotli, which freetype pulls in): the system's
#    fonts and their configuration.
# What Debian's Mesa happens to pull in besides (ICU 72, libffi 8, libxml2, LLVM's helpers)
# differs by soname between distributions, so it is bundled when something here needs it.
# Everything else (Qt, QtKeychain, OpenSSL, libpq, glib, D-Bus, libsecret, ICU, xkbcommon, the
# xcb-util libraries, ...) goes into usr/lib.
exclude='^(ld-linux.*|lib(c|m|mvec|dl|rt|pthread|resolv|util|anl|nsl|BrokenLocale|thread_db|nss_[a-z]+)\.so'
exclude+='|lib(GL|GLX|GLX_mesa|GLX_indirect|GLdispatch|EGL|EGL_mesa|glapi|gbm)\.so'
exclude+='|libdrm(_[a-z]+)?\.so|libxshmfence\.so|libwayland-(client|server)\.so'
exclude+='|lib(stdc\+\+|gcc_s|expat|z|zstd)\.so'
exclude+='|libxcb-(dri2|dri3|glx|present|randr|shm|sync|xfixes)\.so|libX(ext|fixes|xf86vm)\.so'
exclude+='|lib(X11|X11-xcb|xcb|Xau|Xdmcp)\.so'
exclude+='|lib(fontconfig|freetype|png16|brotli(common|dec|enc))\.so)'
mkdir -p "$appdir/usr/lib"
# Loaded with dlopen, so ldd cannot see it: QtKeychain's Secret Service backend.
secret=$(/sbin/ldconfig -p | awk '/libsecret-1\.so\.0 / { print $NF; exit }')
[ -n "$secret" ] || die "libsecret-1.so.0 not found (package libsecret-1-0)"
cp -L "$secret" "$appdir/usr/lib/"
# Follow ldd from every executable, plugin and bundled library until nothing new comes in.
while :; do
    added=0
    while read -r lib; do
        name=$(basename "$lib")
        if [[ ! $name =~ $exclude ]] && [ ! -e "$appdir/usr/lib/$name" ]; then
            cp -L "$lib" "$appdir/usr/lib/$name"
            echo "$lib" >>"$out/bundled-from.txt"
            added=$((added + 1))
        fi
    done < <(find "$appdir/usr/bin" "$appdir/usr/plugins" "$appdir/usr/lib" -type f \
        \( -perm -u+x -o -name '*.so*' \) -exec ldd {} + 2>/dev/null \
        | awk '/=> \// { print $3 }' | sort -u)
    [ "$added" -gt 0 ] || break
done
chmod 644 "$appdir/usr/lib/"*.so*
strip --strip-unneeded "$appdir/usr/lib/"*.so* 2>/dev/null || true
say "bundled $(find "$appdir/usr/lib" -name '*.so*' | wc -l) libraries, $(find "$appdir/usr/plugins" -name '*.so' | wc -l) Qt plugins"

# The bundled libraries' licences: each one's Debian copyright file, by package.
mkdir -p "$appdir/usr/share/doc"
mapfile -t paths < <(sort -u "$out/bundled-from.txt" | xargs readlink -f | sed 'p; s|^/usr/lib/|/lib/|')
{ dpkg -S "${paths[@]}" 2>/dev/null || true; } | cut -d: -f1 | sort -u | while read -r pkg; do
    if [ -f "/usr/share/doc/$pkg/copyright" ]; then
        mkdir -p "$appdir/usr/share/doc/$pkg"
        cp "/usr/share/doc/$pkg/copyright" "$appdir/usr/share/doc/$pkg/"
    fi
done
rm -f "$out/bundled-from.txt"

# --- Pack: runtime + SquashFS.
say "packing with $mksquashfs (zstd)"
rm -f "$out/image.sqfs" "$appimage"
"$mksquashfs" "$appdir" "$out/image.sqfs" -root-owned -noappend -comp zstd \
    -quiet -no-progress >/dev/null
cat "$runtime" "$out/image.sqfs" >"$appimage"
rm -f "$out/image.sqfs"
chmod 755 "$appimage"
say "wrote $appimage ($(stat -c %s "$appimage") bytes; runtime $(stat -c %s "$runtime") bytes)"
