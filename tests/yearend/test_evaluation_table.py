"""效果评估汇总表: the Excel file read back equals a count from scratch; the PDF holds the same text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.reference import CATEGORIES


def _rows(path: Path) -> list[list[str]]:
    sheet = load_workbook(path).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _rate(pleased: int, answers: int) -> str:
    return "—" if not answers else f"{round(pleased * 100 / answers, 1):g}%"


def _from_scratch(db_path: Path, district: str, category: str | None) -> list[str]:
    """One row as the table should print it, counted with plain SQL over the held, live sessions."""
    conn = sqlite3.connect(db_path)
    try:
        joins = ("JOIN lecture_category lc ON lc.lecture_id = l.id JOIN category c ON c.id = lc.category_id"
                 if category else "")
        where = "AND c.name = :category" if category else ""
        row = conn.execute(f"""
            SELECT count(*),
                   sum(coalesce(l.questionnaires, 0) > 0 OR coalesce(l.very_satisfied, 0) + coalesce(l.satisfied, 0)
                       + coalesce(l.neutral, 0) + coalesce(l.dissatisfied, 0) > 0 OR l.opinions != ''),
                   sum(coalesce(l.questionnaires_out, 0)), sum(coalesce(l.questionnaires, 0)),
                   sum(coalesce(l.very_satisfied, 0)), sum(coalesce(l.satisfied, 0)), sum(coalesce(l.neutral, 0)),
                   sum(coalesce(l.dissatisfied, 0))
            FROM lecture l JOIN district d ON d.id = l.district_id JOIN campaign k ON k.id = l.campaign_id {joins}
            WHERE l.status = 'held' AND l.deleted_at IS NULL AND k.year = 2025 AND d.name = :district {where}
        """, {"district": district, "category": category}).fetchone()
    finally:
        conn.close()
    held, evaluated, out, collected, *counts = (v or 0 for v in row)
    return [str(held), str(evaluated), str(out), str(collected), *map(str, counts),
            _rate(counts[0] + counts[1], sum(counts))]


def test_district_table_in_excel_equals_the_database(demo_db, tmp_path: Path):
    out = tmp_path / "eval.xlsx"
    assert run(["--db", str(demo_db.path), "export", "evaluation", "--district", "柳南", "--year", "2025",
                "-o", str(out)]) == 0
    rows = {r[0]: r[1:] for r in _rows(out) if r and r[0] in (*CATEGORIES, "合计")}
    for category in CATEGORIES:
        assert rows[category][:9] == _from_scratch(demo_db.path, "柳南区", category), category
    assert rows["合计"][:9] == _from_scratch(demo_db.path, "柳南区", None)
    assert int(rows["合计"][0]) > 0 and rows["合计"][8].endswith("%")
    text = "\n".join(" ".join(r) for r in _rows(out))
    assert "主要意见和建议：" in text and "柳南区卫生健康局（盖章）" in text


def test_city_table_pdf_and_excel_carry_the_same_figures(demo_db, tmp_path: Path):
    xlsx, pdf = tmp_path / "city.xlsx", tmp_path / "city.pdf"
    for out in (xlsx, pdf):
        assert run(["--db", str(demo_db.path), "export", "evaluation", "--year", "2025", "-o", str(out)]) == 0
    rows = {r[0]: r[1:] for r in _rows(xlsx) if r and r[0]}
    liunan = _from_scratch(demo_db.path, "柳南区", None)
    assert rows["柳南"][:5] == [*liunan[:4], liunan[8]]
    for short in ("柳北", "城中", "鱼峰", "柳南", "柳江", "柳城", "鹿寨", "融安", "融水", "三江"):
        assert short in rows
    text = _pdf_text(pdf)
    assert "全市“十百千”职业健康科普宣传活动效果评估汇总表" in text and "全市合计" in text
    assert all(cell in text for cell in rows["全市合计"][:5])


def test_empty_database_gives_zeros_and_no_invented_opinions(db_path: Path, tmp_path: Path):
    out = tmp_path / "empty.xlsx"
    assert run(["--db", str(db_path), "export", "evaluation", "--district", "柳北", "-o", str(out)]) == 0
    rows = {r[0]: r[1:] for r in _rows(out) if r and r[0]}
    assert rows["合计"][:9] == ["0"] * 8 + ["—"]
    assert any("主要意见和建议：（无记录）" in r[0] for r in _rows(out) if r[0])
