#!/usr/bin/env python3
"""Packs the rendered PNGs into dopool.ico (Windows: MSI product icon, .exe icon) and
dopool.icns (macOS bundle icon). Both formats may embed PNG data directly, so no image
library is needed. Run after render-pngs.sh; the outputs are committed."""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def png(size):
    with open(os.path.join(here, "hicolor", f"{size}x{size}", "apps", "dopool.png"), "rb") as f:
        return f.read()


def write_ico(sizes, path):
    images = [png(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    with open(path, "wb") as f:
        f.write(header + entries + b"".join(images))


def write_icns(types, path):
    body = b""
    for kind, size in types:
        data = png(size)
        body += kind + struct.pack(">I", 8 + len(data)) + data
    with open(path, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


write_ico([16, 24, 32, 48, 64, 128, 256], os.path.join(here, "dopool.ico"))
write_icns([(b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
            (b"ic09", 512), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512)],
           os.path.join(here, "dopool.icns"))
