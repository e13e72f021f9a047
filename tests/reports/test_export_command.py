"""`liuzhou-gui export` as a clerk types it: files written, and every mistake a Chinese line, no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from read_back import pdf_images, pdf_text

from liuzhou_gui.cli.main import run


@pytest.fixture
def demo_file(demo_db) -> Path | str:
    """The demo database as --db names it: a file, or a server database's address."""
    target = demo_db.target
    demo_db.close()
    return target


def test_each_table_in_each_format(demo_file, tmp_path, capsys):
    for table in ("1", "2", "3", "4", "5", "6", "summary"):
        for fmt in ("pdf", "xlsx"):
            district = [] if table in ("1", "4", "summary") else ["--district", "柳南"]
            assert run(["--db", str(demo_file), "export", table, *district, "--format", fmt, "-o", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx"))
    assert len(written) == 14
    assert "附件5_柳南区_2025.pdf" in written and "汇总表_全市_2025.xlsx" in written
    assert "已导出" in capsys.readouterr().out


def test_all_districts_one_file_each(demo_file, tmp_path, demo_db):
    folder = tmp_path / "附件2"
    assert run(["--db", str(demo_file), "export", "2", "--district", "all", "--format", "xlsx", "-o", str(folder)]) == 0
    files = sorted(folder.iterdir())
    assert len(files) == 10
    bureau_lines = {next(v for (v,) in load_workbook(f).active.iter_rows(max_col=1, values_only=True)
                         if v and v.endswith("（盖章）")) for f in files}
    assert len(bureau_lines) == 10 and all(line.endswith("卫生健康局（盖章）") for line in bureau_lines)


def test_seal_file_and_size_on_the_command_line(demo_file, tmp_path, seal_scan):
    out = tmp_path / "a6.pdf"
    assert run(["--db", str(demo_file), "export", "6", "--district", "柳南区", "--seal", str(seal_scan),
                "--seal-size", "35", "--mask-cards", "-o", str(out)]) == 0
    [seal] = pdf_images(out)
    assert seal.width == pytest.approx(35 * 72 / 25.4, abs=0.5)
    assert "****" in pdf_text(out)


@pytest.mark.parametrize(("args", "message"), [
    (["7", "-o", "x.pdf"], "无效的选择"),
    (["5", "-o", "x.pdf"], "请用 --district 指定县区"),
    (["1", "--district", "柳南", "-o", "x.pdf"], "附件1是全市的表"),
    (["summary", "--district", "柳南", "-o", "x.pdf"], "汇总表是全市的表"),
    (["4", "--district", "all", "-o", "out"], "附件4是全市的表"),
    (["5", "--district", "桂林", "-o", "x.pdf"], "桂林"),
    (["2", "--district", "柳南", "-o", "x.doc"], "--format"),
    (["2", "--district", "柳南", "--seal-size", "500", "-o", "x.pdf"], "10 到 80 毫米"),
    (["2", "--district", "柳南", "--year", "2031", "-o", "x.pdf"], "2031"),
    (["2", "--district", "柳南", "--seal", "missing.png", "-o", "x.pdf"], "找不到公章图片"),
])
def test_mistakes_get_a_chinese_line_and_no_file(demo_file, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    status = run(["--db", str(demo_file), "export", *args])
    err = capsys.readouterr().err
    assert status in (1, 2)
    assert message in err and "Traceback" not in err
    assert [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx", ".doc", ".partial")] == []
    assert not (tmp_path / "out").exists()


