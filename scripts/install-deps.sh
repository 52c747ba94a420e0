#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages DO Account Pool needs to build, run, test and check.
# Only what is missing is installed; uses sudo when not run as root.
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev libssl-dev libqt6sql6-psql
    libqt6sql6-sqlite qt6-qpa-plugins libsecret-1-0 postgresql-15 dbus gnome-keyring xvfb xauth dpkg-dev file
    appstream desktop-file-utils libsecret-tools openssl
    # Qt plugins the AppImage bundles besides the ones above: Wayland, the portal theme, SVG icons
    qt6-wayland qt6-xdgdesktopportal-platformtheme libqt6svg6
    # The AppImage runtime (packaging/appimage/runtime): static squashfuse, FUSE 3 and the
    # compression libraries squashfuse reads with; mksquashfs packs the image; fuse3's
    # fusermount3 mounts it for a user who is not root
    squashfs-tools libsquashfuse-dev libfuse3-dev fuse3 zlib1g-dev liblzma-dev liblzo2-dev
    liblz4-dev libzstd-dev
    # scripts/check-packages.sh: man pages (help2man builds, man renders), lintian, the shells
    # whose completion it asks, and mmdebstrap for the bare Debian 12 roots
    help2man man-db lintian zsh fish mmdebstrap
    clang-format) # scripts/check-format.sh: Debian 12's clang-format (14) is the reference
command -v node >/dev/null || packages+=(nodejs)
# The order-service stand-in (tests/orderservice): the build runs `npm ci` for it, and Prisma 7
# needs Node.js 20.19 or later (Debian 12's own nodejs is 18: use the machine's, or NodeSource's).
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
node_check() {
    command -v node >/dev/null || return 0
    node -e 'const [a, b] = process.versions.node.split(".").map(Number);
        process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
        echo "install-deps: WARNING: Node.js $(node --version) is older than 20.19, which Prisma 7 (tests/orderservice) needs" >&2
}
if [ ${#missing[@]} -eq 0 ]; then
    node_check
    exit 0
fi

sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
echo "Installing: ${missing[*]}"
# The tests start their own throwaway PostgreSQL; don't let the package start a server on 5432.
if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
    "${sudo[@]}" mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
node_check
