"""Checks of an old Excel (.xls, BIFF8) workbook before the reader is let at it.

The reader lays out every sheet of an .xls at once, copying a shared string (SST) once per cell
that uses it; a small file can thus repeat one long string a hundred thousand times. The records
are walked here first (cell positions, string lengths, nothing decoded), every sheet is counted
against the bounds, and the active sheet is named from the workbook's window record.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ...domain.errors import AppError
from .sheet_limits import MAX_CELL_CHARS, MAX_TEXT_CHARS, SheetCensus, broken_xml, cell_too_long
from .sheet_scan import WorkbookScan

BOF, EOF, CONTINUE, SST, BOUNDSHEET, WINDOW1 = 0x0809, 0x000A, 0x003C, 0x00FC, 0x0085, 0x003D
LABELSST, LABEL, RSTRING, NUMBER, RK, BOOLERR, FORMULA, MULRK = (
    0x00FD, 0x0204, 0x00D6, 0x0203, 0x027E, 0x0205, 0x0006, 0x00BD)
VALUE_CELLS = {NUMBER, RK, BOOLERR, FORMULA}


def _records(stream: bytes):
    """(offset, type, payload) of each record, a CONTINUE's payload kept apart."""
    position, end = 0, len(stream)
    while position + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, position)
        yield position, kind, stream[position + 4:position + 4 + size]
        position += 4 + size


def _string_lengths(parts: list[bytes], name: str) -> list[int]:
    """The character count of each SST string; the characters may run on into CONTINUE records,
    each of which then starts with a fresh option byte."""
    lengths: list[int] = []
    if not parts or len(parts[0]) < 8:
        return lengths
    part, offset = 0, 8  # the total and unique counts come first
    count = struct.unpack_from("<I", parts[0], 4)[0]

    def take(size: int) -> bytes:
        nonlocal part, offset
        data = b""
        while len(data) < size:
            if offset >= len(parts[part]):
                part, offset = part + 1, 0
                if part >= len(parts):
                    raise broken_xml(name)
            piece = parts[part][offset:offset + size - len(data)]
            data += piece
            offset += len(piece)
        return data

    for _ in range(count):
        if part >= len(parts) or (part == len(parts) - 1 and offset >= len(parts[part])):
            break
        chars, flags = struct.unpack("<HB", take(3))
        runs = struct.unpack("<H", take(2))[0] if flags & 0x08 else 0
        extra = struct.unpack("<I", take(4))[0] if flags & 0x04 else 0
        if chars > MAX_CELL_CHARS:
            raise cell_too_long(name)
        wide, left = flags & 0x01, chars
        while left:
            if offset >= len(parts[part]):  # characters continue in the next record, behind an option byte
                part, offset = part + 1, 0
                if part >= len(parts):
                    raise broken_xml(name)
                wide = take(1)[0] & 0x01
            room = (len(parts[part]) - offset) // (2 if wide else 1)
            step = min(left, max(room, 1))
            take(step * (2 if wide else 1))
            left -= step
        take(4 * runs + extra)
        lengths.append(chars)
    return lengths


def scan_xls_file(path: Path) -> WorkbookScan:
    """The workbook stream of an .xls file, scanned; BIFF5 files ("Book") have no shared strings to repeat."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as container:
            if not container.exists("Workbook"):
                return WorkbookScan()
            stream = container.openstream("Workbook").read()
    except (OSError, ValueError, struct.error, IndexError, TypeError) as exc:
        raise AppError(f"无法读取“{path.name}”：文件已损坏或不是 Excel 工作簿。") from exc
    return scan_xls(stream, path.name)


def scan_xls(stream: bytes, name: str) -> WorkbookScan:
    """The census of every sheet of a BIFF8 workbook stream, and its active sheet."""
    scan = WorkbookScan()
    sheets: list[tuple[int, str, int]] = []  # (offset of its BOF, name, visibility)
    active = 0
    sst_parts: list[bytes] = []
    lengths: list[int] = []
    census: SheetCensus | None = None
    by_offset: dict[int, str] = {}
    in_sst = False
    for offset, kind, payload in _records(stream):
        if kind == CONTINUE:
            if in_sst:
                sst_parts.append(payload)
            continue
        if in_sst:
            lengths, in_sst = _string_lengths(sst_parts, name), False
        if kind == SST:
            sst_parts, in_sst = [payload], True
        elif kind == BOUNDSHEET and len(payload) >= 8:
            position, visibility, characters, wide = struct.unpack_from("<IBxBB", payload)
            raw = payload[8:8 + characters * (2 if wide & 1 else 1)]
            title = raw.decode("utf-16-le" if wide & 1 else "latin-1", "replace")
            sheets.append((position, title, visibility & 0x03))
            by_offset[position] = title
        elif kind == WINDOW1 and len(payload) >= 12:
            active = struct.unpack_from("<H", payload, 10)[0]
        elif kind == BOF and offset in by_offset:
            census = SheetCensus(by_offset[offset])
            scan.sheets[census.name] = census
        elif kind == EOF and census is not None:
            census.check(name)
            census = None
        elif census is not None and len(payload) >= 4:
            _count_cell(census, kind, payload, lengths, name)
    visible = [title for _position, title, visibility in sheets if visibility == 0]
    chosen = sheets[active][1] if active < len(sheets) else None
    scan.preferred_sheet = chosen if chosen in visible else (visible[0] if visible else None)
    return scan


def _count_cell(census: SheetCensus, kind: int, payload: bytes, lengths: list[int], name: str) -> None:
    row, column = struct.unpack_from("<HH", payload)
    if kind == LABELSST and len(payload) >= 10:
        index = struct.unpack_from("<I", payload, 6)[0]
        census.add_cell(row, column, lengths[index] if index < len(lengths) else 0)
    elif kind in (LABEL, RSTRING) and len(payload) >= 8:
        census.add_cell(row, column, struct.unpack_from("<H", payload, 6)[0])
    elif kind in VALUE_CELLS:
        census.add_cell(row, column, 1)
    elif kind == MULRK and len(payload) >= 6:
        last = struct.unpack_from("<H", payload, len(payload) - 2)[0]
        census.add_cell(row, column, 1, repeat_columns=max(1, last - column + 1))
    if census.text_chars > MAX_TEXT_CHARS:
        census.check(name)  # stop at once; rows and columns are checked at the sheet's end
