"""Streaming checks of a zipped workbook (.xlsx/.xlsm, .ods) before the reader is let at it.

Every member is unpacked once, in chunks, counting its real size (a member that unpacks to more
than it declares fails its checksum), and the XML that decides the reader's work is looked at as it
streams: the shared strings and all tables of an .ods with expat; the .xlsx sheet to be read by
byte patterns over whole rows, or with expat when it holds formulas (to find those saved without a
value) or cells without their reference. Memory stays flat whatever the file holds.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from array import array
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from .sheet_limits import (
    MAX_CELL_CHARS,
    MAX_MEMBERS,
    MAX_UNPACKED_BYTES,
    SheetCensus,
    broken_xml,
    broken_zip,
    cell_too_long,
    too_big,
)

CHUNK = 1 << 20
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
CONFIG_NS = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"


@dataclass
class WorkbookScan:
    """The sheet to read when the file says which (its active tab), and what each scanned sheet holds."""

    preferred_sheet: str | None = None
    sheets: dict[str, SheetCensus] = field(default_factory=dict)
    members_read: set[str] = field(default_factory=set)


class Unpacked:
    """Real unpacked bytes of the whole file, counted against one budget."""

    def __init__(self, book: zipfile.ZipFile, name: str) -> None:
        self.book, self.name, self.spent = book, name, 0

    def chunks(self, info: zipfile.ZipInfo) -> Generator[bytes, None, None]:
        with self.book.open(info) as member:
            while chunk := member.read(CHUNK):
                self.spent += len(chunk)
                if self.spent > MAX_UNPACKED_BYTES:
                    raise too_big(self.name, f"解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
                yield chunk


def _parser(file_name: str) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_doctype(*_args) -> None:  # spreadsheets never declare one; entities are a way to blow up
        raise broken_xml(file_name)

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.buffer_text = True
    return parser


def _feed(parser: expat.XMLParserType, chunks: Generator[bytes, None, None], file_name: str) -> None:
    try:
        with closing(chunks):  # the member is closed even when a handler refuses halfway
            for chunk in chunks:
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise broken_xml(file_name) from exc


def column_index(reference: str) -> tuple[int, int]:
    """'B9' → (8, 1): 0-based row and column."""
    column, digits = 0, ""
    for position, char in enumerate(reference):
        if "A" <= char <= "Z" or "a" <= char <= "z":
            column = column * 26 + (ord(char.upper()) - 64)
        else:
            digits = reference[position:]
            break
    return int(digits) - 1 if digits.isdigit() else -1, column - 1


def scan_zip(path: Path, kind: str) -> WorkbookScan:
    """Check the zip's members and the XML the reader will build cells from (kind "xlsx" or "ods")."""
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            names = [i.filename for i in infos]
            if len(infos) > MAX_MEMBERS:
                raise too_big(path.name, f"包含 {len(infos):,} 个部件")
            if len(set(names)) != len(names):
                raise broken_zip(path.name)  # two members of one name: readers disagree on which counts
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise too_big(path.name, f"解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
            unpacked = Unpacked(book, path.name)
            scan = _scan_xlsx(book, unpacked, path.name) if kind == "xlsx" else _scan_ods(book, unpacked, path.name)
            for info in infos:  # the rest: real size within the budget, checksums right
                if info.filename not in scan.members_read:
                    with closing(unpacked.chunks(info)) as chunks:
                        for _chunk in chunks:
                            pass
            return scan
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise broken_zip(path.name) from exc


def _xml(unpacked: Unpacked, scan: WorkbookScan, member: str, handlers: dict[str, Callable]) -> bool:
    """Parse one member with the given expat handlers; False when the zip has no such member."""
    try:
        info = unpacked.book.getinfo(member)
    except KeyError:
        return False
    parser = _parser(unpacked.name)
    for event, handler in handlers.items():
        setattr(parser, event, handler)
    _feed(parser, unpacked.chunks(info), unpacked.name)
    scan.members_read.add(member)
    return True


def _relationships(unpacked: Unpacked, scan: WorkbookScan, member: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target path inside the zip)."""
    base = posixpath.dirname(posixpath.dirname(member))  # xl/_rels/workbook.xml.rels → xl
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.endswith(" Relationship") or name == "Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

    _xml(unpacked, scan, member, {"StartElementHandler": start})
    return found


def _scan_xlsx(book: zipfile.ZipFile, unpacked: Unpacked, file_name: str) -> WorkbookScan:
    scan = WorkbookScan()
    sheets: list[tuple[str, str, str]] = []  # (name, state, relationship id)
    active = [0]

    def workbook_start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "sheet":
            relation = attrs.get(f"{RELATIONSHIP_NS} id", "")
            sheets.append((attrs.get("name", ""), attrs.get("state", "visible"), relation))
        elif local == "workbookView" and attrs.get("activeTab", "0").isdigit():
            active[0] = int(attrs.get("activeTab", "0"))

    if not _xml(unpacked, scan, "xl/workbook.xml", {"StartElementHandler": workbook_start}):
        raise broken_zip(file_name)
    relations = _relationships(unpacked, scan, "xl/_rels/workbook.xml.rels")
    worksheets = [(n, s, relations[r][1]) for n, s, r in sheets
                  if r in relations and relations[r][0].endswith("/worksheet") and s == "visible"]
    if not worksheets:
        return scan
    active_name = sheets[active[0]][0] if active[0] < len(sheets) else ""
    chosen = next((w for w in worksheets if w[0] == active_name), worksheets[0])
    scan.preferred_sheet = chosen[0]
    strings = next((target for kind, target in relations.values() if kind.endswith("/sharedStrings")),
                   "xl/sharedStrings.xml")
    lengths = _shared_string_lengths(unpacked, scan, strings)
    census = SheetCensus(chosen[0])
    try:
        info = book.getinfo(chosen[2])
    except KeyError:
        raise broken_zip(file_name) from None
    spent = unpacked.spent
    if not _census_by_pattern(unpacked, info, census, lengths):
        # Formulas, or cells without a reference: the exact (slower) walk through the XML.
        unpacked.spent, census = spent, SheetCensus(chosen[0])
        _xml(unpacked, scan, chosen[2], _xlsx_sheet_handlers(census, lengths, file_name))
    scan.members_read.add(chosen[2])
    census.check(file_name)
    scan.sheets[chosen[0]] = census
    return scan


def _shared_string_lengths(unpacked: Unpacked, scan: WorkbookScan, member: str) -> array:
    lengths = array("I")
    state = {"in_t": 0, "count": 0, "phonetic": 0}

    def start(name: str, _attrs) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "si":
            state["count"] = 0
        elif local == "t":
            state["in_t"] += 1
        elif local == "rPh":
            state["phonetic"] += 1

    def end(name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "si":
            lengths.append(state["count"])
        elif local == "t":
            state["in_t"] -= 1
        elif local == "rPh":
            state["phonetic"] -= 1

    def text(data: str) -> None:
        if state["in_t"] and not state["phonetic"]:
            state["count"] += len(data)
            if state["count"] > MAX_CELL_CHARS:
                raise cell_too_long(unpacked.name)

    _xml(unpacked, scan, member, {"StartElementHandler": start, "EndElementHandler": end,
                                  "CharacterDataHandler": text})
    return lengths


# Patterns over a sheet's bytes, any namespace prefix allowed (the .NET SDK writes <x:c>).
PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
CELL_START = re.compile(rb"<" + PREFIX + rb"c[\s>/]")
CELL_WITH_REFERENCE = re.compile(rb"<" + PREFIX + rb'c\s[^>]*\br\s*=\s*"')
VALUED_CELL = re.compile(rb'<' + PREFIX + rb'c\s[^>]*?\br\s*=\s*"([A-Za-z]{1,3})([0-9]{1,7})"[^>]*>\s*<'
                         + PREFIX + rb"(?:v|is)\b")
SHARED_REFERENCE = re.compile(rb"<" + PREFIX + rb'c\s[^>]*\bt\s*=\s*"s"[^>]*>\s*<' + PREFIX + rb"v>\s*([0-9]+)\s*<")
FORMULA = re.compile(rb"<" + PREFIX + rb"f[\s>/]")
ROW_END = re.compile(rb"</" + PREFIX + rb"row>")
MAX_PENDING = 8 << 20  # bytes of one unfinished row before the exact walk takes over


def _census_by_pattern(unpacked: Unpacked, info: zipfile.ZipInfo, census: SheetCensus, lengths: array) -> bool:
    """The census of a sheet without formulas by patterns over whole rows of bytes (about ten times faster
    than expat with Python callbacks). Inline text is not amplified and is checked after reading.

    False when the exact walk through the XML must decide: formulas (to find those without a value),
    cells without their reference, a row longer than MAX_PENDING.
    """
    pending = b""
    with closing(unpacked.chunks(info)) as chunks:
        for chunk in chunks:
            data = pending + chunk
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise broken_xml(unpacked.name)  # never in a spreadsheet; entities are a way to blow up
            ends = [m.end() for m in ROW_END.finditer(data, max(0, len(pending) - 16))]
            cut = ends[-1] if ends else 0
            rows, pending = data[:cut], data[cut:]
            if len(pending) > MAX_PENDING:
                return False
            if rows and not _census_of_rows(rows, census, lengths):
                return False
            census.check(unpacked.name)
        if pending and not _census_of_rows(pending, census, lengths):
            return False
    return True


def _census_of_rows(rows: bytes, census: SheetCensus, lengths: array) -> bool:
    if FORMULA.search(rows):
        return False
    # Every cell must carry its reference. Excel, WPS and openpyxl write it first: plain counts then.
    cells = rows.count(b"<c ") + rows.count(b"<c>")
    if (not cells or cells != rows.count(b'<c r="')) and \
            len(CELL_START.findall(rows)) != len(CELL_WITH_REFERENCE.findall(rows)):
        return False
    cells = VALUED_CELL.findall(rows)
    if not cells:
        return True
    census.filled_rows.update(int(row) - 1 for _column, row in cells)
    census.last_row = max(census.last_row, max(census.filled_rows))
    for letters in {column for column, _row in cells}:
        index = 0
        for letter in letters.upper():
            index = index * 26 + letter - 64
        census.last_column = max(census.last_column, index - 1)
    shared = SHARED_REFERENCE.findall(rows) if b'"s"' in rows else []
    census.text_chars += sum(lengths[i] for i in map(int, shared) if i < len(lengths))
    census.text_chars += len(rows)  # inline text: at most the bytes the rows take
    return True


def _xlsx_sheet_handlers(census: SheetCensus, lengths: array, file_name: str) -> dict[str, Callable]:
    cell = {"row": -1, "column": -1, "type": "", "value": None, "formula": False, "inline": 0, "in": ""}
    position = {"row": -1, "next_column": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "c":
            row, column = column_index(attrs["r"]) if "r" in attrs else (-1, -1)
            if column < 0:
                row, column = position["row"], position["next_column"]
            position["next_column"] = column + 1
            cell.update(row=row, column=column, type=attrs.get("t", "n"), value=None, formula=False, inline=0)
        elif local == "row":
            given = attrs.get("r", "")
            position["row"] = int(given) - 1 if given.isdigit() else position["row"] + 1
            position["next_column"] = 0
        elif local == "v":
            cell["in"], cell["value"] = "v", ""
        elif local == "f":
            cell["formula"] = True
        elif local == "is":
            cell["in"], cell["value"] = "is", ""

    def text(data: str) -> None:
        if cell["in"] == "v":
            cell["value"] += data
            if len(cell["value"]) > MAX_CELL_CHARS:
                raise cell_too_long(file_name)
        elif cell["in"] == "is":
            cell["inline"] += len(data)
            if cell["inline"] > MAX_CELL_CHARS:
                raise cell_too_long(file_name)

    def end(name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local in ("v", "is"):
            cell["in"] = ""
        elif local == "c":
            value = cell["value"]
            # openpyxl and other programs write a formula they never computed as <f>…</f><v/>.
            if value is None or (value == "" and cell["type"] not in ("s", "str", "inlineStr")):
                if cell["formula"]:
                    census.formulas_without_value.add((cell["row"], cell["column"]))
                return
            if cell["type"] == "s":
                index = int(value) if value.strip().isdigit() else -1
                chars = lengths[index] if 0 <= index < len(lengths) else 0
            else:
                chars = cell["inline"] or len(value)
            census.add_cell(cell["row"], cell["column"], chars)
        elif local == "row":
            census.check(file_name)

    return {"StartElementHandler": start, "EndElementHandler": end, "CharacterDataHandler": text}


def _scan_ods(book: zipfile.ZipFile, unpacked: Unpacked, file_name: str) -> WorkbookScan:
    scan = WorkbookScan()
    active = {"in": False, "name": None}

    def settings_start(name: str, attrs: dict[str, str]) -> None:
        active["in"] = name == f"{CONFIG_NS} config-item" and attrs.get(f"{CONFIG_NS} name") == "ActiveTable"

    def settings_text(data: str) -> None:
        if active["in"]:
            active["name"] = (active["name"] or "") + data

    def settings_end(_name: str) -> None:
        active["in"] = False

    if not _xml(unpacked, scan, "content.xml", _ods_content_handlers(scan, file_name)):
        raise broken_zip(file_name)
    _xml(unpacked, scan, "settings.xml", {"StartElementHandler": settings_start,
                                          "CharacterDataHandler": settings_text, "EndElementHandler": settings_end})
    scan.preferred_sheet = active["name"]
    return scan


def _ods_content_handlers(scan: WorkbookScan, file_name: str) -> dict[str, Callable]:
    state = {"census": None, "row": -1, "row_repeat": 1, "column": 0, "cell": None}
    cell_names = {f"{TABLE_NS} table-cell", f"{TABLE_NS} covered-table-cell"}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name in cell_names:
            repeat = attrs.get(f"{TABLE_NS} number-columns-repeated", "1")
            state["cell"] = {
                "repeat": int(repeat) if repeat.isdigit() else 1,
                "valued": f"{OFFICE_NS} value-type" in attrs,
                "formula": f"{TABLE_NS} formula" in attrs, "chars": 0,
            }
        elif name == f"{TABLE_NS} table-row":
            repeat = attrs.get(f"{TABLE_NS} number-rows-repeated", "1")
            state["row"] += state["row_repeat"]
            state["row_repeat"] = int(repeat) if repeat.isdigit() else 1
            state["column"] = 0
        elif name == f"{TABLE_NS} table":
            census = SheetCensus(attrs.get(f"{TABLE_NS} name", ""))
            scan.sheets[census.name] = census
            state.update(census=census, row=-1, row_repeat=1)
        elif name == f"{TEXT_NS} s" and state["cell"] is not None:
            spaces = attrs.get(f"{TEXT_NS} c", "1")
            _count(state["cell"], int(spaces) if spaces.isdigit() else 1, file_name)

    def text(data: str) -> None:
        if state["cell"] is not None:
            _count(state["cell"], len(data), file_name)

    def end(name: str) -> None:
        cell, census = state["cell"], state["census"]
        if name in cell_names and cell is not None and census is not None:
            if cell["valued"] or cell["chars"]:
                census.add_cell(state["row"], state["column"], max(cell["chars"], 1), state["row_repeat"],
                                cell["repeat"])
            elif cell["formula"]:
                census.formulas_without_value.add((state["row"], state["column"]))
            state["column"] += cell["repeat"]
            state["cell"] = None
        elif name == f"{TABLE_NS} table-row" and census is not None:
            census.check(file_name)

    return {"StartElementHandler": start, "EndElementHandler": end, "CharacterDataHandler": text}


def _count(cell: dict, chars: int, file_name: str) -> None:
    cell["chars"] += chars
    if cell["chars"] > MAX_CELL_CHARS:
        raise cell_too_long(file_name)
