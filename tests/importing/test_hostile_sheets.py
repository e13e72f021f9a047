"""Spreadsheets that are wrong or hostile: the sheet read, bounds checked before reading, own sentences."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sheet_files import ods_content, write_csv, write_ods_content, write_xlsx
from sqlalchemy import func, select

from liuzhou_gui.domain.errors import AppError
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit

HEADER = ["县区", "单位名称", "单位性质", "活动分类"]
GOOD = [HEADER, ["柳南区", "柳南第一中学", "学校", "心理健康"]]
OLD = [HEADER, ["柳北区", "旧名单里的厂", "企业", "职业健康"]]


def _units(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Unit))


def _refused(db: Database, path: Path) -> str:
    with pytest.raises(AppError) as refused:
        plan_import(db, "units", path)
    assert _units(db) == 0
    return refused.value.message


def test_a_hidden_first_sheet_is_never_read_and_the_preview_names_the_sheet(db: Database, tmp_path: Path) -> None:
    plan = plan_import(db, "units", write_xlsx(tmp_path / "hidden.xlsx", GOOD, hidden_first=OLD))
    assert plan.sheet.sheet_name == "名单"
    assert [d.name for _row, d in plan.drafts] == ["柳南第一中学"]
    tables = [("旧名单", OLD, [], True), ("名单", GOOD, [], False)]
    plan = plan_import(db, "units", write_ods_content(tmp_path / "hidden.ods", ods_content(tables)))
    assert plan.sheet.sheet_name == "名单" and [d.name for _row, d in plan.drafts] == ["柳南第一中学"]


def test_the_active_sheet_is_read(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["请在第二张表中填写"])
    sheet = book.create_sheet("五进单位")
    for row in GOOD:
        sheet.append(row)
    book.active = 1
    book.save(tmp_path / "two.xlsx")
    plan = plan_import(db, "units", tmp_path / "two.xlsx")
    assert plan.sheet.sheet_name == "五进单位" and len(plan.drafts) == 1
    settings = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-settings '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings"><config:config-item config:name="ActiveTable" '
        'config:type="string">五进单位</config:config-item></config:config-item-set></office:settings>'
        "</office:document-settings>"
    )
    content = ods_content([("说明", [["请在第二张表中填写"]], [], False), ("五进单位", GOOD, [], False)])
    plan = plan_import(db, "units", write_ods_content(tmp_path / "two.ods", content, settings))
    assert plan.sheet.sheet_name == "五进单位" and len(plan.drafts) == 1


def test_no_header_names_the_templates_own_titles_and_the_sheet(db: Database, tmp_path: Path) -> None:
    message = _refused(db, write_xlsx(tmp_path / "x.xlsx", [["甲", "乙"], ["1", "2"]]))
    assert message.endswith("必须有这些列：单位名称、单位性质、活动分类。")
    assert "工作表“Sheet”" in message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_csv_in_the_encodings_other_systems_export(db: Database, tmp_path: Path, encoding: str) -> None:
    rows = [HEADER, ["柳南区", "柳州螺蛳粉有限公司", "企业", "职业健康、心理健康"]]
    plan = plan_import(db, "units", write_csv(tmp_path / "units.csv", rows, encoding=encoding))
    assert not plan.errors and plan.drafts[0][1].name == "柳州螺蛳粉有限公司"
    assert plan.drafts[0][1].categories == ["职业健康", "心理健康"]


def test_a_semicolon_or_tab_separated_csv(db: Database, tmp_path: Path) -> None:
    for separator in (";", "\t"):
        path = tmp_path / "units.csv"
        path.write_text("\n".join(separator.join(row) for row in GOOD), encoding="utf-8")
        plan = plan_import(db, "units", path)
        assert [d.name for _r, d in plan.drafts] == ["柳南第一中学"]


def test_content_that_does_not_match_the_extension(db: Database, tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "real.xlsx", GOOD)
    renamed = tmp_path / "名单.xls"
    renamed.write_bytes(xlsx.read_bytes())
    assert "内容是 Excel（.xlsx）文件，与扩展名“.xls”不符" in _refused(db, renamed)
    as_csv = tmp_path / "名单.csv"
    as_csv.write_bytes(xlsx.read_bytes())
    assert "内容是 Excel（.xlsx）文件，与扩展名“.csv”不符" in _refused(db, as_csv)
    text = tmp_path / "名单.ods"
    text.write_text("县区,单位名称\n", encoding="utf-8")
    assert "不是 OpenDocument 表格（.ods）文件" in _refused(db, text)
    docx = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(docx, "w") as book:
        book.writestr("word/document.xml", "<w/>")
    assert "可能是 Word 等文档" in _refused(db, docx)
    other = tmp_path / "名单.txt"
    other.write_text("x", encoding="utf-8")
    assert "不是可导入的表格文件" in _refused(db, other)
    gibberish = tmp_path / "坏.csv"
    gibberish.write_bytes(b"\x81\x30\xff\xfe\xfd" * 10 + "单位".encode("utf-16-be"))
    assert "编码无法识别" in _refused(db, gibberish) or "找不到表头" in _refused(db, gibberish)


def _replace_member(path: Path, member: str, data: bytes, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            target.writestr(info, data if info.filename == member else content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return path


SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx_parts(path: Path, rows_xml: str, strings: list[str]) -> Path:
    """An .xlsx whose sheet data and shared strings are written by hand (openpyxl writes inline strings)."""
    write_xlsx(path, [["x"]])
    sheet = f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1"/><sheetData>{rows_xml}</sheetData></worksheet>'
    sst = f'<sst xmlns="{MAIN_NS}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    return _replace_member(path, SHEET, sheet.encode(), extra={"xl/sharedStrings.xml": sst.encode()})


def _shared_row(number: int, indexes: list[int]) -> str:
    return f'<row r="{number}">' + "".join(
        f'<c r="{"ABCDEFGHIJ"[i]}{number}" t="s"><v>{index}</v></c>' for i, index in enumerate(indexes)) + "</row>"


def test_broken_xml_and_broken_zip_each_get_their_own_sentence(db: Database, tmp_path: Path) -> None:
    broken = _replace_member(write_xlsx(tmp_path / "xml.xlsx", GOOD), SHEET, b"<worksheet><sheetData><row>")
    assert "表格数据已损坏" in _refused(db, broken)
    entity = _replace_member(write_xlsx(tmp_path / "dtd.xlsx", GOOD), SHEET,
                             b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>')
    assert "表格数据已损坏" in _refused(db, entity)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(write_xlsx(tmp_path / "whole.xlsx", GOOD).read_bytes()[:-300])
    assert "压缩包结构不完整" in _refused(db, truncated)
    ods = write_ods_content(tmp_path / "bad.ods", "<office:document-content><office:body>")
    assert "表格数据已损坏" in _refused(db, ods)


def test_a_member_that_unpacks_to_more_than_it_declares(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lie.xlsx", GOOD)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(SHEET)
    # The declared size in the central directory (and the local header) halved: the real data is longer.
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_length = int.from_bytes(raw[central + 28:central + 30], "little")
        if raw[central + 46:central + 46 + name_length] == SHEET.encode():
            raw[central + 24:central + 28] = (info.file_size // 2).to_bytes(4, "little")
        central = raw.find(b"PK\x01\x02", central + 4)
    local = info.header_offset
    raw[local + 22:local + 26] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    assert "压缩包结构不完整" in _refused(db, path)


def test_repeated_or_too_many_members(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "twice.xlsx", GOOD)
    with zipfile.ZipFile(path) as source:
        sheet = source.read(SHEET)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as book:
        book.writestr(SHEET, sheet)
    assert "压缩包结构不完整" in _refused(db, path)
    many = _replace_member(write_xlsx(tmp_path / "many.xlsx", GOOD), "",
                           b"", extra={f"customXml/item{i}.xml": b"<a/>" for i in range(5_001)})
    assert "个部件" in _refused(db, many)


def test_a_cell_longer_than_excel_allows(db: Database, tmp_path: Path) -> None:
    long_name = "厂" * 32_768
    inline = f'<row r="2"><c r="B2" t="inlineStr"><is><t>{long_name}</t></is></c></row>'
    assert "超过 32,767 个字符" in _refused(db, _xlsx_parts(tmp_path / "inline.xlsx", inline, []))
    shared = _xlsx_parts(tmp_path / "shared.xlsx", _shared_row(1, [0, 1, 2, 3]), [*HEADER[:3], "a" * 40_000])
    assert "超过 32,767 个字符" in _refused(db, shared)
    ods = write_ods_content(tmp_path / "long.ods", ods_content([("S", [HEADER, ["柳南", long_name]], [], False)]))
    assert "超过 32,767 个字符" in _refused(db, ods)
    csv_file = write_csv(tmp_path / "long.csv", [HEADER, ["柳南", long_name]])
    assert "超过 32,767 个字符" in _refused(db, csv_file)
    spaces = ods_content([("S", [HEADER, ["柳南", "x"]], [], False)]).replace(
        "<text:p>x</text:p>", '<text:p>x<text:s text:c="1000000"/></text:p>')
    assert "超过 32,767 个字符" in _refused(db, write_ods_content(tmp_path / "spaces.ods", spaces))


def test_too_many_columns_or_a_far_away_cell(db: Database, tmp_path: Path) -> None:
    wide = [HEADER + [f"列{i}" for i in range(300)], ["柳南区", "某厂", "企业", "职业健康"]]
    assert "超过 200 列" in _refused(db, write_xlsx(tmp_path / "wide.xlsx", wide))
    assert "超过 200 列" in _refused(db, write_csv(tmp_path / "wide.csv", wide))
    book = Workbook()
    for row in GOOD:
        book.active.append(row)
    book.active["A1048576"] = "迷路的单元格"
    book.active["GR1"] = "远处"
    book.save(tmp_path / "far.xlsx")
    assert "有内容的区域过大" in _refused(db, tmp_path / "far.xlsx")


def _shared_string_bomb(path: Path, cells: int) -> Path:
    """One 30,000-character shared string used by every cell: a few hundred KB on disk."""
    rows = "".join(_shared_row(r, [0] * 10) for r in range(1, cells // 10 + 1))
    return _xlsx_parts(path, rows, ["柳" * 30_000])


def test_one_huge_shared_string_repeated_is_refused_quickly_with_little_memory(tmp_path: Path) -> None:
    """The 0.3 MB file of issue 11 took minutes and 3.6 GB: now a second and tens of MB, in a fresh process."""
    path = _shared_string_bomb(tmp_path / "bomb.xlsx", 200_000)
    assert path.stat().st_size < 1_000_000
    script = textwrap.dedent(f"""
        import resource, sys, time
        from pathlib import Path
        from liuzhou_gui.domain.errors import AppError
        from liuzhou_gui.services.importing.workbook import read_rows
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            read_rows(Path({str(path)!r}), {{"单位名称": "name"}}, {{"name"}})
        except AppError as exc:
            print(exc.message)
        print(time.perf_counter() - start, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    message, figures = done.stdout.strip().splitlines()
    seconds, rss_before_kb, rss_after_kb = (float(x) for x in figures.split())
    assert "文字总量过大" in message
    assert seconds < 2.0 and time.perf_counter() - started < 30
    assert rss_after_kb - rss_before_kb < 100_000  # under 100 MB more than the bare interpreter with the app


def test_ods_cells_repeated_a_million_times_are_refused(db: Database, tmp_path: Path) -> None:
    content = ods_content([("S", [HEADER], [], False)]).replace(
        "</table:table>",
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="100" office:value-type="string"><text:p>柳南</text:p></table:table-cell>'
        "</table:table-row></table:table>")
    start = time.perf_counter()
    assert "超过 20,000 行" in _refused(db, write_ods_content(tmp_path / "repeat.ods", content))
    assert time.perf_counter() - start < 2
    wide = ods_content([("S", [HEADER], [], False)]).replace(
        "</table:table>",
        '<table:table-row><table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
        "<text:p>柳南</text:p></table:table-cell></table:table-row></table:table>")
    assert "超过 200 列" in _refused(db, write_ods_content(tmp_path / "wide.ods", wide))


def test_trailing_empty_repeats_as_libreoffice_writes_them_are_fine(db: Database, tmp_path: Path) -> None:
    content = ods_content([("S", GOOD, [], False)]).replace(
        "</table:table>",
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row></table:table>")
    plan = plan_import(db, "units", write_ods_content(tmp_path / "lo.ods", content))
    assert [d.name for _r, d in plan.drafts] == ["柳南第一中学"]


def test_cells_without_references_and_prefixed_tags_are_read(db: Database, tmp_path: Path) -> None:
    """Both allowed by the format: <c> without r="A1" (some exporters) and <x:c> (the .NET SDK)."""
    def row(values: list[str], prefix: str = "") -> str:
        return f"<{prefix}row>" + "".join(
            f'<{prefix}c t="inlineStr"><{prefix}is><{prefix}t>{v}</{prefix}t></{prefix}is></{prefix}c>'
            for v in values) + f"</{prefix}row>"

    plan = plan_import(db, "units", _xlsx_parts(tmp_path / "no_r.xlsx", row(GOOD[0]) + row(GOOD[1]), []))
    assert [d.name for _r, d in plan.drafts] == ["柳南第一中学"]
    referenced = "".join(
        f'<x:row r="{r}">' + "".join(f'<x:c r="{"ABCD"[i]}{r}" t="inlineStr"><x:is><x:t>{v}</x:t></x:is></x:c>'
                                     for i, v in enumerate(values)) + "</x:row>"
        for r, values in enumerate(GOOD, start=1))
    path = _xlsx_parts(tmp_path / "prefixed.xlsx", "", [])
    _replace_member(path, SHEET, (f'<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData>{referenced}</x:sheetData>'
                                  "</x:worksheet>").encode())
    plan = plan_import(db, "units", path)
    assert [d.name for _r, d in plan.drafts] == ["柳南第一中学"]


def test_xls_the_active_sheet_never_a_hidden_one(db: Database, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for title, rows, hidden in (("旧名单", OLD, True), ("说明", [["请看下一张表"]], False), ("名单", GOOD, False)):
        sheet = book.add_sheet(title)
        sheet.visibility = 1 if hidden else 0
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.set_active_sheet(2)
    book.save(str(tmp_path / "three.xls"))
    plan = plan_import(db, "units", tmp_path / "three.xls")
    assert plan.sheet.sheet_name == "名单" and [d.name for _r, d in plan.drafts] == ["柳南第一中学"]
    book.set_active_sheet(0)  # a hidden active sheet: the first visible one is read
    book.save(str(tmp_path / "hidden_active.xls"))
    with pytest.raises(AppError, match=r"找不到表头.*工作表“说明”"):
        plan_import(db, "units", tmp_path / "hidden_active.xls")


def test_xls_one_long_shared_string_repeated_is_refused_before_reading(db: Database, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    for c, value in enumerate(HEADER):
        sheet.write(0, c, value)
    long_text = "柳" * 30_000
    for r in range(1, 201):
        for c in range(100):
            sheet.write(r, c, long_text)
    path = tmp_path / "bomb.xls"
    book.save(str(path))
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    assert "文字总量过大" in _refused(db, path)
    assert time.perf_counter() - start < 3


def test_a_broken_xls_gets_a_sentence(db: Database, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("S").write(0, 0, "x")
    book.save(str(tmp_path / "whole.xls"))
    data = (tmp_path / "whole.xls").read_bytes()
    (tmp_path / "cut.xls").write_bytes(data[:len(data) // 2])
    assert "无法读取" in _refused(db, tmp_path / "cut.xls")


def _xlsb(path: Path, strings: list[str], cells: list[tuple[int, int, int]]) -> Path:
    """An .xlsb's shared strings and one sheet as binary records (row header, shared-string cells)."""
    import struct

    def record(kind: int, payload: bytes) -> bytes:
        size, header = len(payload), bytes([kind])
        while True:
            byte, size = size & 0x7F, size >> 7
            header += bytes([byte | (0x80 if size else 0)])
            if not size:
                return header + payload

    sst = b"".join(record(19, b"\x00" + struct.pack("<I", len(s)) + s.encode("utf-16-le")) for s in strings)
    rows, current = b"", -1
    for row, column, index in cells:
        if row != current:
            rows += record(0, struct.pack("<I", row) + b"\x00" * 13)
            current = row
        rows += record(7, struct.pack("<III", column, 0, index))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.bin", b"")
        book.writestr("xl/sharedStrings.bin", sst)
        book.writestr("xl/worksheets/sheet1.bin", rows)
    return path


def test_xlsb_one_long_shared_string_repeated_or_too_long_is_refused(db: Database, tmp_path: Path) -> None:
    bomb = _xlsb(tmp_path / "bomb.xlsb", ["柳" * 30_000], [(r, c, 0) for r in range(2_000) for c in range(10)])
    assert bomb.stat().st_size < 1_000_000
    start = time.perf_counter()
    assert "文字总量过大" in _refused(db, bomb)
    assert time.perf_counter() - start < 3
    assert "超过 32,767 个字符" in _refused(db, _xlsb(tmp_path / "long.xlsb", ["a" * 40_000], [(0, 0, 0)]))
    assert "有内容的列超过 200 列" in _refused(db, _xlsb(tmp_path / "wide.xlsb", ["a"], [(0, 500, 0)]))
