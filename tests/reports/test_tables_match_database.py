"""Each table exported from the demo data, read back from the PDF and the Excel file, against the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_tables import plan_table_1_rows, plan_table_4_rows
from read_back import pdf_fonts, pdf_pages_text, pdf_text, xlsx_body, xlsx_rows
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from liuzhou_gui.domain.reference import CATEGORIES, LEVEL_REGIONAL
from liuzhou_gui.services.reports.export import SUMMARY, ExportOptions, export_attachment
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import district_by_name
from liuzhou_gui.storage.models import Expert, Lecture, Unit
from liuzhou_gui.storage.statistics import campaign_progress

DISTRICT = "柳南区"
HEADERS = {
    1: ["县区", "总计划数", "职业健康", "心理健康", "慢性病管理"],
    2: ["活动分类", "场次", "覆盖单位数", "覆盖人数"],
    3: ["县区", "分类", "姓名", "所在单位", "职称/职务"],
    4: ["县区", "分类", "姓名", "所在单位", "职称/职务"],
    5: ["县区", "单位名称", "单位性质", "活动分类"],
    6: ["授课人姓名", "单位", "授课时间", "授课地点", "授课内容", "个人银行卡号", "备注"],
}


def export_both(db: Database, number: int, folder: Path, **options) -> tuple[Path, Path]:
    district = DISTRICT if number in (2, 3, 5, 6) else None
    return tuple(
        export_attachment(db, number, district=district, fmt=fmt, output=folder / f"t{number}.{fmt}",
                          options=ExportOptions(**options))
        for fmt in ("pdf", "xlsx")
    )


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_in_pdf(pdf: Path, rows: list[list[str]]) -> None:
    text = pdf_text(pdf)
    for row in rows:
        for cell in row:
            assert squeeze(cell) in text, cell


def test_attachment_5_lists_the_district_units_in_both_formats(demo_db, tmp_path):
    pdf, xlsx = export_both(demo_db, 5, tmp_path)
    with demo_db.session() as session:
        district = district_by_name(session, DISTRICT)
        units = session.scalars(
            select(Unit).where(Unit.district_id == district.id, Unit.deleted_at.is_(None))
            .options(selectinload(Unit.categories), selectinload(Unit.kind)).order_by(Unit.id)
        ).all()
        expected = [[district.short_name, u.name, u.kind.name, {c.name for c in u.categories}] for u in units]
    body = xlsx_body(xlsx, HEADERS[5])
    assert len(body) == len(expected) > 50
    for row, (short, name, kind, categories) in zip(body, expected, strict=True):
        assert row[:3] == [short, name, kind]
        assert set(row[3].split("、")) == categories
    assert_in_pdf(pdf, [[name] for _, name, _, _ in expected])
    pages = pdf_pages_text(pdf)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):  # title and header repeated, page numbers
        assert "“五进”单位名单" in page and "单位性质" in page
        assert f"第 {number} 页 共 {len(pages)} 页" in page


def test_attachment_2_figures_are_the_statistics(demo_db, tmp_path):
    pdf, xlsx = export_both(demo_db, 2, tmp_path)
    with demo_db.session() as session:
        progress = next(p for p in campaign_progress(session).districts if p.district == DISTRICT)
        reporter = district_by_name(session, DISTRICT).reporter
    expected = [[c, str(f.sessions), str(f.units), str(f.people)]
                for c, f in ((c, progress.categories[c]) for c in CATEGORIES)]
    totals = [sum(int(row[i]) for row in expected) for i in (1, 2, 3)]
    expected.append(["合计", *map(str, totals)])
    assert xlsx_body(xlsx, HEADERS[2]) == expected
    assert_in_pdf(pdf, expected)
    for path_text in (pdf_text(pdf), squeeze(" ".join(" ".join(r) for r in xlsx_rows(xlsx)))):
        assert "柳南区卫生健康局（盖章）" in path_text
        assert f"填报人：{reporter}" in path_text
        assert "可以重复计算场次、覆盖单位数和人数" in path_text


def test_attachment_3_groups_the_district_experts_by_category(demo_db, tmp_path):
    pdf, xlsx = export_both(demo_db, 3, tmp_path)
    with demo_db.session() as session:
        district = district_by_name(session, DISTRICT)
        experts = session.scalars(select(Expert).where(Expert.district_id == district.id,
                                                       Expert.deleted_at.is_(None))).all()
        expected = {(e.category.name, e.name, e.unit, e.title) for e in experts}
    body = xlsx_body(xlsx, HEADERS[3])
    assert body[0][0] == "柳南" and all(row[0] == "" for row in body[1:])  # 县区 (short, as 附件1/5) merged over it
    seen, category = set(), ""
    for row in body:
        category = row[1] or category
        seen.add((category, *row[2:]))
    assert seen == expected
    sheet_merges = {str(r) for r in load_workbook(xlsx).active.merged_cells.ranges}
    first = next(i for i, row in enumerate(xlsx_rows(xlsx)) if row == HEADERS[3]) + 2
    assert f"A{first}:A{first + len(body) - 1}" in sheet_merges
    assert_in_pdf(pdf, [[name, unit] for _, name, unit, _ in expected])


def test_attachment_6_has_the_regional_lectures_with_full_or_masked_cards(demo_db, tmp_path):
    pdf, xlsx = export_both(demo_db, 6, tmp_path)
    with demo_db.session() as session:
        district = district_by_name(session, DISTRICT)
        lectures = session.scalars(select(Lecture).where(
            Lecture.district_id == district.id, Lecture.deleted_at.is_(None), Lecture.status != "cancelled"
        )).all()
        expected = [(e.name, e.bank_card, x.place) for x in lectures for e in x.experts if e.level == LEVEL_REGIONAL]
    body = xlsx_body(xlsx, HEADERS[6])
    assert len(body) == len(expected) > 0
    assert {(row[0], row[5], row[3]) for row in body} == set(expected)
    assert all(len(card) >= 16 for _, card, _ in expected)
    assert_in_pdf(pdf, [[name, card] for name, card, _ in expected])

    (tmp_path / "masked").mkdir()
    masked_pdf, masked_xlsx = export_both(demo_db, 6, tmp_path / "masked", mask_cards=True)
    masked_text, masked_cells = pdf_text(masked_pdf), xlsx_body(masked_xlsx, HEADERS[6])
    for _, card, _ in expected:
        assert card not in masked_text and squeeze(card) not in masked_text
        assert card[-4:] in masked_text
    assert all("*" in row[5] and row[5][-4:].isdigit() for row in masked_cells)


def test_attachments_1_and_4_from_a_new_database_are_the_plan(db, tmp_path):
    pdf1, xlsx1 = export_both(db, 1, tmp_path)
    assert xlsx_body(xlsx1, HEADERS[1]) == plan_table_1_rows()
    assert_in_pdf(pdf1, plan_table_1_rows())
    pdf4, xlsx4 = export_both(db, 4, tmp_path)
    body, category, rows = xlsx_body(xlsx4, HEADERS[4]), "", []
    for row in body:
        category = row[1] or category
        rows.append(["", category, *row[2:]])
    assert rows == plan_table_4_rows()
    assert_in_pdf(pdf4, [row[2:] for row in plan_table_4_rows()])


def test_attachment_1_with_actuals_and_the_city_summary(demo_db, tmp_path):
    _, xlsx1 = export_both(demo_db, 1, tmp_path, with_actuals=True)
    body = xlsx_body(xlsx1, [*HEADERS[1], "完成"])
    with demo_db.session() as session:
        city = campaign_progress(session)
    assert [int(row[5]) for row in body[:-1]] == [p.distinct.sessions for p in city.districts]
    assert int(body[-1][5]) == sum(p.distinct.sessions for p in city.districts)
    pdf, xlsx = export_both(demo_db, SUMMARY, tmp_path)
    rows = xlsx_rows(xlsx)
    total_row = next(row for row in rows if row[0] == "全市合计")
    assert int(total_row[5]) == sum(p.total.sessions for p in city.districts)
    assert "全市合计" in pdf_text(pdf)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6, SUMMARY])
def test_every_table_embeds_its_chinese_font(demo_db, tmp_path, number):
    pdf, _ = export_both(demo_db, number, tmp_path)
    fonts = pdf_fonts(pdf)
    assert fonts and all(font["embedded"] for font in fonts), fonts
    assert all("+" in font["name"] for font in fonts)  # a subset, not the whole 20 MB font
