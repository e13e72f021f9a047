"""Broken input gets its own Chinese sentence on one line, never the catch-all 程序内部出错."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from liuzhou_gui.cli.main import run
from liuzhou_gui.services.exchange.container import REPORT, write_container
from liuzhou_gui.storage.database import Database


def _one_sentence(argv: list[str], expected: str, capsys) -> str:
    capsys.readouterr()
    assert run(argv) == 1
    err = capsys.readouterr().err
    assert expected in err and "程序内部出错" not in err and err.count("\n") == 1, err
    return err


def test_a_badly_damaged_database_is_one_sentence_with_the_details_in_the_log(tmp_path: Path, capsys, caplog) -> None:
    from liuzhou_gui.domain.drafts import UnitDraft
    from liuzhou_gui.storage.units import add_units

    path = tmp_path / "damaged.sqlite3"
    db = Database.open(path)
    with db.transaction() as session:  # enough rows for many b-tree pages
        add_units(session, [UnitDraft(district="柳南", name=f"单位{i:04d}", kind="企业", categories=["职业健康"])
                            for i in range(1500)])
    db.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(2, len(data) // page, 3):  # many b-tree pages scribbled on: SQLite lists 100 problems
        data[number * page + 100: number * page + 300] = b"\xff" * 200
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR):
        err = _one_sentence(["--db", str(path), "stats"], "已损坏", capsys)
    assert "详情已写入日志" in err  # SQLite's 100 problems went to the log
    assert "On tree page" in caplog.text or "Offset" in caplog.text or "page" in caplog.text
    assert len(err) < 300


def _xlsx(path: Path) -> Path:
    book = Workbook()
    book.active.append(["县区", "单位名称", "单位性质", "活动分类"])
    book.active.append(["柳南", "某单位", "企业", "职业健康"])
    book.save(path)
    return path


# ([Content_Types].xml is not needed to read the cells: python-calamine reads such a file correctly.)
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"])
def test_broken_xml_inside_a_workbook(tmp_path: Path, part: str, capsys) -> None:
    good = _xlsx(tmp_path / "good.xlsx")
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[part] = b"<broken><unclosed"
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    _one_sentence(["--db", str(tmp_path / "db.sqlite3"), "import", "units", str(bad)], "损坏", capsys)


def _raw_package(path: Path, manifest: bytes, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("data.json", data)
    return path


def _package(path: Path, data: bytes) -> Path:
    manifest = {"district": "柳南区", "year": 2025, "created_at": "2025-06-01T08:00:00", "schema_version": "0001"}
    return write_container(path, REPORT, manifest, {"data.json": data})


MISSING_LISTS = json.dumps({"district": "柳南", "year": 2025}).encode()
PACKAGES = {
    "manifest is a list": (lambda p: _raw_package(p, b"[1, 2]", b"{}"), "不是本软件生成的报送包"),
    "manifest is not JSON": (lambda p: _raw_package(p, b"{not json", b"{}"), "说明文件无法读取"),
    "format version is text": (lambda p: _raw_package(p, json.dumps(
        {"format": "liuzhou_gui.package", "format_version": "二"}).encode(), b"{}"), "说明文件不完整"),
    "data is not JSON": (lambda p: _package(p, b"{broken"), "数据无法读取"),
    "data is a list": (lambda p: _package(p, b"[]"), "不是本软件生成的格式"),
    "data misses its lists": (lambda p: _package(p, MISSING_LISTS), "缺少“units”"),
    "data is not UTF-8": (lambda p: _package(p, b"\xff\xfe{}"), "数据无法读取"),
    "data nested too deep": (lambda p: _package(p, b"[" * 100_000 + b"]" * 100_000), "数据无法读取"),
    "units hold a string": (lambda p: _package(p, json.dumps(
        {"district": "柳南", "year": 2025, "units": "全部", "experts": [], "sessions": []}).encode()),
        "应为单位的列表"),
}


@pytest.mark.parametrize("case", list(PACKAGES))
def test_malformed_packages(tmp_path: Path, case: str, capsys) -> None:
    make, expected = PACKAGES[case]
    package = make(tmp_path / "p.lzbs")
    _one_sentence(["--db", str(tmp_path / "db.sqlite3"), "package", "import", str(package)], expected, capsys)
