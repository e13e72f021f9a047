"""Excel files that add up: counts are numbers, everything a person typed stays text, the 汇总表 reads true."""

from __future__ import annotations

from openpyxl import load_workbook
from read_back import pdf_text
from sqlalchemy import select

from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.services.reports.catalog import LEDGER
from liuzhou_gui.services.reports.export import SUMMARY, ExportOptions, export_attachment
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.storage.statistics import campaign_progress
from liuzhou_gui.storage.units import add_units

DISTRICT = "柳南区"


def _sheet_rows(path, header_first: str):
    sheet = load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0].value == header_first) + 1
    body = []
    for row in rows[start:]:
        if row[0].border.left.style is None:
            break
        body.append(row)
    return [c.value for c in rows[start - 1]], body


def _export(db, number, folder, fmt="xlsx", **options):
    district = DISTRICT if number in (2, 3, 5, 6, LEDGER) else None
    return export_attachment(db, number, district=district, fmt=fmt, output=folder / f"t{number}.{fmt}",
                             options=ExportOptions(**options))


def test_counts_are_numbers_in_every_table_and_sum_in_excel(demo_db, tmp_path) -> None:
    _header, body = _sheet_rows(_export(demo_db, 1, tmp_path, with_actuals=True), "县区")
    for row in body:
        assert all(isinstance(c.value, int) and c.data_type == "n" for c in row[1:]), [c.value for c in row]
    assert sum(row[1].value for row in body[:-1]) == body[-1][1].value  # SUM over 总计划数 gives the 合计
    _header, body = _sheet_rows(_export(demo_db, 2, tmp_path), "活动分类")
    assert all(isinstance(c.value, int) for row in body for c in row[1:])
    assert [sum(row[i].value for row in body[:-1]) for i in (1, 2, 3)] == [body[-1][i].value for i in (1, 2, 3)]
    header, body = _sheet_rows(_export(demo_db, SUMMARY, tmp_path), "县区")
    text_columns = {header.index("县区"), header.index("完成率"), header.index("自治区专家授课占比"),
                    header.index("报送包生成时间")}
    for row in body:
        for index, cell in enumerate(row):
            assert isinstance(cell.value, int) != (index in text_columns) or cell.value in (None, ""), (
                header[index], cell.value)
    header, body = _sheet_rows(_export(demo_db, LEDGER, tmp_path), "日期")
    people = header.index("覆盖人数")
    assert body and all(isinstance(row[people].value, int) or row[people].value is None for row in body)
    assert all(isinstance(row[0].value, str) for row in body)  # 日期 stays as the ledger writes it


def test_typed_text_stays_text_beside_numbers(demo_db, tmp_path) -> None:
    names = ["=1+1", "+8613800000000", "-5", "@所有人", "0772", "6222021234567890128"]
    with demo_db.transaction() as session:
        add_units(session, [UnitDraft(district=DISTRICT, name=name, kind="企业", categories=["职业健康"])
                            for name in names])
    _header, body = _sheet_rows(_export(demo_db, 5, tmp_path), "县区")
    written = {row[1].value: row[1].data_type for row in body}
    for name in names:
        assert written[name] == "s", name
    with demo_db.session() as session:
        assert session.scalar(select(Unit.name).where(Unit.name == "-5")) == "-5"


def test_the_summary_shows_the_distinct_sessions_the_rate_uses(demo_db, tmp_path) -> None:
    header, body = _sheet_rows(_export(demo_db, SUMMARY, tmp_path), "县区")
    total, distinct, plan, rate = (header.index(h) for h in ("合计场次", "实际场次", "计划场次", "完成率"))
    with demo_db.session() as session:
        city = campaign_progress(session)
    by_name = {row[0].value: row for row in body}
    overcounted = 0
    for progress in city.districts:
        row = next(r for name, r in by_name.items() if name and progress.district.startswith(name))
        assert row[total].value == progress.total.sessions and row[distinct].value == progress.distinct.sessions
        if row[plan].value:
            assert row[rate].value == f"{row[distinct].value / row[plan].value:.0%}"
        overcounted += row[total].value > row[distinct].value
    assert overcounted  # the demo has sessions of several categories: the two figures differ somewhere
    note = "完成率＝实际场次÷计划场次"
    assert any(note in str(c.value) for c in load_workbook(tmp_path / "t0.xlsx").active["A"])
    assert note in pdf_text(_export(demo_db, SUMMARY, tmp_path, fmt="pdf"))
