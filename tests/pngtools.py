"""A tiny PNG reader and writer (zlib only) for the browser test: 8-bit RGB/RGBA/grey."""

from __future__ import annotations

import struct
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def read_png(data: bytes) -> tuple[int, int, list[list[tuple[int, ...]]]]:
    """(width, height, rows of pixels as RGB tuples)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and color in CHANNELS and not interlace, "unsupported PNG"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    n = CHANNELS[color]
    raw = zlib.decompress(idat)
    stride = width * n
    high = int.from_bytes(b"\x80" * stride, "big")
    low = int.from_bytes(b"\x7f" * stride, "big")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f in (0, 2):  # None, Up: byte-wise addition of whole rows at once
            if f == 2:
                a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
                line = bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high))
                                 .to_bytes(stride, "big"))
            prev = line
            rows.append(_pixels(line, width, n))
            continue
        for i in range(stride):
            a = line[i - n] if i >= n else 0
            b = prev[i]
            c = prev[i - n] if i >= n else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(_pixels(line, width, n))
    return width, height, rows


def _pixels(line: bytearray, width: int, n: int) -> list[tuple[int, ...]]:
    if n >= 3:
        return [tuple(line[x * n:x * n + 3]) for x in range(width)]
    return [(line[x * n],) * 3 for x in range(width)]


def write_png(rows: list[list[tuple[int, ...]]]) -> bytes:
    """An RGB PNG from rows of pixels."""
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px[:3]) for row in rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
