#!/usr/bin/env python3
"""Draws the add-in icons (a speech bubble with three dots on a blue rounded square) as PNGs, without libraries.

Run from the repository root: python3 src/ReplyCoach.Api/Addin/make-icons.py
"""
import struct
import zlib
from pathlib import Path

BLUE = (15, 108, 189)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "wwwroot" / "assets"


def inside_rounded(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1


def colour_at(u, v):
    """u, v in 0..1; returns RGBA."""
    if not inside_rounded(u, v, 0.0, 0.0, 1.0, 1.0, 0.2):
        return (0, 0, 0, 0)
    # the three dots inside the bubble
    for cx in (0.33, 0.5, 0.67):
        if (u - cx) ** 2 + (v - 0.43) ** 2 <= 0.05 ** 2:
            return BLUE + (255,)
    bubble = inside_rounded(u, v, 0.16, 0.2, 0.84, 0.66, 0.12)
    # tail: a triangle under the bubble's lower left
    tail = 0.62 <= v <= 0.82 and 0.28 <= u <= 0.28 + (0.82 - v) * 0.9
    if bubble or tail:
        return WHITE + (255,)
    return BLUE + (255,)


def outline_at(u, v):
    """The unified manifest's outline icon: white bubble on transparent."""
    for cx in (0.33, 0.5, 0.67):
        if (u - cx) ** 2 + (v - 0.43) ** 2 <= 0.05 ** 2:
            return (0, 0, 0, 0)
    bubble = inside_rounded(u, v, 0.1, 0.16, 0.9, 0.68, 0.14)
    tail = 0.64 <= v <= 0.88 and 0.26 <= u <= 0.26 + (0.88 - v) * 0.9
    return WHITE + (255,) if bubble or tail else (0, 0, 0, 0)


def png(size, colour=None):
    colour_at_ = colour or colour_at
    samples = 4  # supersampling for smooth edges
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at_((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size)
                    for i in range(3):
                        acc[i] += c[i] * c[3]
                    acc[3] += c[3]
            alpha = acc[3] / (samples * samples)
            rgb = [int(acc[i] / acc[3]) if acc[3] else 0 for i in range(3)]
            row += bytes(rgb + [int(round(alpha))])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 64, 80, 128, 192):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
    # The unified manifest's outline icon: 32x32, white on transparent.
    (OUT / "outline.png").write_bytes(png(32, outline_at))
    # The unified manifest's app package carries its own copies (color 192x192, outline 32x32).
    manifest = Path(__file__).resolve().parents[3] / "manifest"
    (manifest / "color.png").write_bytes(png(192))
    (manifest / "outline.png").write_bytes(png(32, outline_at))
    print("wrote", sorted(p.name for p in OUT.glob("*.png")))
