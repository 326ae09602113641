"""HJ 212-2017 Appendix A CRC-16, vectorised over many packets at once.

Per byte the standard's algorithm is ``reg = (reg >> 8) XOR byte`` followed by eight rounds of
``shift right, XOR 0xA001 if the dropped bit was 1``. The eight rounds are linear over GF(2) and
their input is below 256 after the first step, so they are one 256-entry table: the CRC is
``reg = TABLE[(reg >> 8) ^ byte]`` from ``reg = 0xFFFF``. Over n packets it runs one numpy step
per byte position, not one Python step per byte.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def _table() -> np.ndarray:
    table = np.zeros(256, dtype=np.uint16)
    for i in range(256):
        reg = i
        for _ in range(8):
            reg = (reg >> 1) ^ 0xA001 if reg & 1 else reg >> 1
        table[i] = reg
    return table


TABLE = _table()


def crc16(segments: pa.Array) -> np.ndarray:
    """The CRC of every data segment (UTF-8 bytes) in a string array, as uint16."""
    arr = pa.concat_arrays(segments.chunks) if isinstance(segments, pa.ChunkedArray) else segments
    arr = arr.cast(pa.large_binary()).fill_null(b"")
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset : arr.offset + len(arr) + 1
    ]
    data_buffer = arr.buffers()[2]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer else np.zeros(0, np.uint8)
    starts, lengths = offsets[:-1], np.diff(offsets)
    reg = np.full(len(arr), 0xFFFF, dtype=np.uint16)
    order = np.argsort(-lengths, kind="stable")  # longest first: active packets are a prefix
    starts, lengths = starts[order], lengths[order]
    out = reg.copy()
    active = len(arr)
    for position in range(int(lengths.max()) if len(arr) else 0):
        while active and lengths[active - 1] <= position:
            active -= 1
        byte = data[starts[:active] + position]
        reg[:active] = TABLE[(reg[:active] >> 8) ^ byte]
    out[order] = reg
    return out


def crc_hex(segment: str) -> str:
    """The 4-hex-digit CRC of one data segment (for writing packets)."""
    return f"{int(crc16(pa.array([segment]))[0]):04X}"


def frame(segment: str) -> str:
    """A whole packet: ``##``, the segment's length in 4 digits, the segment, its CRC."""
    return f"##{len(segment.encode()):04d}{segment}{crc_hex(segment)}"


_NIBBLE = np.full(256, -1, dtype=np.int32)
for _i, _c in enumerate(b"0123456789ABCDEF"):
    _NIBBLE[_c] = _i
    _NIBBLE[bytes([_c]).lower()[0]] = _i


def hex4(values: pa.Array) -> np.ndarray:
    """The value of every 4-hex-digit string (case-insensitive); -1 where it is not one."""
    arr = pa.concat_arrays(values.chunks) if isinstance(values, pa.ChunkedArray) else values
    arr = arr.cast(pa.large_binary()).fill_null(b"")
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset : arr.offset + len(arr) + 1
    ]
    data_buffer = arr.buffers()[2]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer else np.zeros(0, np.uint8)
    out = np.full(len(arr), -1, dtype=np.int32)
    four = np.flatnonzero(np.diff(offsets) == 4)
    if len(four):
        digits = _NIBBLE[data[offsets[four][:, None] + np.arange(4)]]
        value = (digits << np.array([12, 8, 4, 0])).sum(axis=1)
        out[four] = np.where((digits < 0).any(axis=1), -1, value)
    return out
