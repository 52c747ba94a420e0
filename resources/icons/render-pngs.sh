#!/usr/bin/env bash
# Renders the PNG sizes of the app icon from dopool.svg (needs rsvg-convert: apt-get install
# librsvg2-bin), then packs dopool.ico and dopool.icns. All outputs are committed, so the
# build never needs this script.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" dopool.svg -o "hicolor/${size}x${size}/apps/dopool.png"
done
# The toolbar's fallback icons (resources.qrc, :/icons/actions/): PNGs, so no SVG plugin is
# needed at run time.
for svg in actions/*.svg; do
    for size in 16 24 32 48; do
        rsvg-convert -w "$size" -h "$size" "$svg" -o "${svg%.svg}-$size.png"
    done
done
python3 make-ico-icns.py
