"""Checks of a binary Excel workbook (.xlsb) before the reader is let at it.

An .xlsb is a zip of binary records; like .xlsx, its reader copies a shared string once per cell
that uses it. The shared-string lengths and every worksheet's cell records are walked here (record
headers and a few integers, nothing decoded), each sheet counted against the bounds. Every
worksheet part is counted, hidden ones too: a sheet the user never sees may not blow up the reader.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from contextlib import closing
from pathlib import Path

from .sheet_limits import (
    MAX_CELL_CHARS,
    MAX_MEMBERS,
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    SheetCensus,
    broken_zip,
    cell_too_long,
    too_big,
)
from .sheet_scan import Unpacked, WorkbookScan

ROW_HEADER, CELL_INLINE, CELL_SHARED, FORMULA_STRING, SST_ITEM = 0, 6, 7, 8, 19
VALUE_CELLS = {2, 3, 4, 5, 9, 10, 11}  # RK, error, bool, real, and formulas giving a number, bool or error


def _varint(data: bytes, position: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if position >= len(data):
            raise ValueError("truncated record header")
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, position


def records(data: bytes):
    """(record type, payload offset, payload size) of each record."""
    position = 0
    while position < len(data):
        kind, position = _varint(data, position, 2)
        size, position = _varint(data, position, 4)
        yield kind, position, size
        position += size


def shared_string_lengths(data: bytes, name: str) -> list[int]:
    lengths = []
    for kind, at, size in records(data):
        if kind == SST_ITEM and size >= 5:
            chars = struct.unpack_from("<I", data, at + 1)[0]
            if chars > MAX_CELL_CHARS:
                raise cell_too_long(name)
            lengths.append(chars)
    return lengths


def sheet_census(data: bytes, title: str, lengths: list[int], name: str) -> SheetCensus:
    census = SheetCensus(title)
    row = -1
    for kind, at, size in records(data):
        if kind == ROW_HEADER and size >= 4:
            row = struct.unpack_from("<I", data, at)[0]
        elif kind == CELL_SHARED and size >= 12:
            column, index = struct.unpack_from("<I", data, at)[0], struct.unpack_from("<I", data, at + 8)[0]
            census.add_cell(row, column, lengths[index] if index < len(lengths) else 0)
        elif kind in (CELL_INLINE, FORMULA_STRING) and size >= 12:
            column, chars = struct.unpack_from("<I", data, at)[0], struct.unpack_from("<I", data, at + 8)[0]
            if chars > MAX_CELL_CHARS:
                raise cell_too_long(name)
            census.add_cell(row, column, chars)
        elif kind in VALUE_CELLS and size >= 4:
            census.add_cell(row, struct.unpack_from("<I", data, at)[0], 1)
        if census.text_chars > MAX_TEXT_CHARS:
            census.check(name)  # stop at once; rows and columns are checked at the sheet's end
    census.check(name)
    return census


def scan_xlsb(path: Path) -> WorkbookScan:
    scan = WorkbookScan()
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            names = [i.filename for i in infos]
            if len(infos) > MAX_MEMBERS:
                raise too_big(path.name, f"包含 {len(infos):,} 个部件")
            if len(set(names)) != len(names):
                raise broken_zip(path.name)
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise too_big(path.name, f"解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
            unpacked = Unpacked(book, path.name)

            def read(info: zipfile.ZipInfo) -> bytes:
                with closing(unpacked.chunks(info)) as chunks:
                    return b"".join(chunks)

            lengths = shared_string_lengths(read(book.getinfo("xl/sharedStrings.bin")), path.name) \
                if "xl/sharedStrings.bin" in names else []
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".bin"):
                    sheet_census(read(info), Path(info.filename).stem, lengths, path.name)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error) as exc:
        raise broken_zip(path.name) from exc
    return scan
