"""The 工作总结 draft read back with python-docx: layout, fonts, 附件2 equal to `stats`, figures equal to the
database, prompts where only a person can write, nothing invented on an empty database."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.reference import CATEGORIES

PROMPT = re.compile(r"【请填写：[^】]+】")


def _summary(db_path: Path, out: Path, *args: str) -> Document:
    assert run(["--db", str(db_path), "summary", *args, "--year", "2025", "-o", str(out)]) == 0
    return Document(str(out))


def _east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def _text(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _stats(db_path: Path, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert run(["--db", str(db_path), "stats", *args, "--year", "2025", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def district_doc(demo_db, tmp_path: Path):
    path = demo_db.path
    demo_db.close()
    return path, _summary(path, tmp_path / "柳南.docx", "--district", "柳南")


def test_page_layout_and_fonts_follow_gb_t_9704(district_doc):
    _path, document = district_doc
    section = document.sections[0]
    def mm(*lengths):  # Word keeps twentieths of a point: 37 mm reads back as 36.99…
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (37, 35, 28, 26)
    paragraphs = document.paragraphs
    title = paragraphs[0].runs[0]
    assert _east_asian(title) == "方正小标宋简体" and title.font.size == Pt(22)
    headings = [p for p in paragraphs if re.match(r"^[一二三四五六七八九十]、", p.text)]
    subheadings = [p for p in paragraphs if re.match(r"^（[一二三四五六七八九十]）", p.text)]
    assert len(headings) == 6 and len(subheadings) == 3
    assert all(_east_asian(p.runs[0]) == "黑体" and p.runs[0].font.size == Pt(16) for p in headings)
    assert all(_east_asian(p.runs[0]) == "楷体_GB2312" for p in subheadings)
    body = next(p for p in paragraphs if p.text.startswith("2025年，柳南区共开展"))
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # 22 lines in the 225 mm between the margins; 28 characters of 16 pt in the 156 mm between them.
    assert abs(body.paragraph_format.line_spacing.pt * 22 - Mm(225).pt) < 1
    assert abs(16 * 28 - Mm(156).pt) < 10
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    # The office and the date at the end, right-aligned, where the seal goes.
    texts = [p.text for p in paragraphs]
    office = texts.index("柳南区卫生健康局")
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[office + 1])
    assert len(document.inline_shapes) == 1  # the chart


def test_attachment_2_table_equals_stats(district_doc, capsys):
    path, document = district_doc
    stats = _stats(path, capsys, "--district", "柳南")
    table = document.tables[-1]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["活动分类", "场次", "覆盖单位数", "覆盖人数"]
    for row in cells[1:-1]:
        figures = stats["categories"][row[0]]
        assert row[1:] == [str(figures["sessions"]), str(figures["units"]), str(figures["people"])]
    total = stats["total"]
    assert cells[-1] == ["合计", str(total["sessions"]), str(total["units"]), str(total["people"])]
    assert [r[0] for r in cells[1:-1]] == list(CATEGORIES)


def test_every_figure_in_the_text_equals_the_database(district_doc, capsys):
    path, document = district_doc
    text = _text(document)
    stats = _stats(path, capsys, "--district", "柳南")
    distinct = stats["distinct"]
    assert f"共开展“十百千”职业健康科普宣传活动{distinct['sessions']}场，目标不少于{stats['sessions_target']}场" in text
    assert f"覆盖“五进”单位{distinct['units']}家，目标不少于{stats['units_target']}家" in text
    assert f"覆盖{distinct['people']}人次" in text
    for category in CATEGORIES:
        f = stats["categories"][category]
        assert f"{category}{f['sessions']}场" in text and f"覆盖单位{f['units']}家、{f['people']}人次" in text
    assert f"自治区级专家授课{stats['regional_sessions']}场，占已开展场次的{stats['regional_share'] * 100:.1f}%" in text
    assert f"补助名额{stats['subsidy']['quota']}场" in text
    conn = sqlite3.connect(path)
    try:
        held = "l.status = 'held' AND l.deleted_at IS NULL AND d.short_name = '柳南'"
        base = f"FROM lecture l JOIN district d ON d.id = l.district_id WHERE {held}"
        out, collected, very, good, neutral, bad = conn.execute(
            "SELECT sum(coalesce(questionnaires_out, 0)), sum(coalesce(questionnaires, 0)), sum(very_satisfied),"
            f" sum(satisfied), sum(neutral), sum(dissatisfied) {base}").fetchone()
        kinds = dict(conn.execute(
            "SELECT k.name, count(DISTINCT u.id) FROM lecture l JOIN district d ON d.id = l.district_id"
            " JOIN lecture_unit lu ON lu.lecture_id = l.id JOIN unit u ON u.id = lu.unit_id"
            f" JOIN unit_kind k ON k.id = u.kind_id WHERE {held} AND u.deleted_at IS NULL GROUP BY k.name"))
        june = conn.execute(f"SELECT count(*) {base} AND l.held_on BETWEEN '2025-06-01' AND '2025-06-30'").fetchone()[0]
    finally:
        conn.close()
    assert f"发放问卷{out}份，回收{collected}份" in text
    assert f"非常满意{very}份、满意{good}份、一般{neutral}份、不满意{bad}份" in text
    answers = very + good + neutral + bad
    assert f"满意率（非常满意和满意）{round((very + good) * 100 / answers, 1):g}%" in text
    for kind, count in kinds.items():
        assert f"{kind}{count}家" in text
    assert (f"安全生产月（6月）开展{june}场" in text) if june else "安全生产月（6月）" in text


def test_prompts_mark_what_only_a_person_can_write(district_doc):
    _path, document = district_doc
    prompts = PROMPT.findall(_text(document))
    assert len(prompts) >= 6
    assert "【请填写：本年度工作的主要经验和体会】" in prompts and "【请填写：下一年度的工作打算】" in prompts
    highlighted = [r for p in document.paragraphs for r in p.runs if PROMPT.fullmatch(r.text)]
    assert len(highlighted) == len(prompts)
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in highlighted)


def test_empty_database_says_zero_and_invents_nothing(db_path: Path, tmp_path: Path):
    document = _summary(db_path, tmp_path / "空.docx", "--district", "柳北")
    text = _text(document)
    assert "共开展“十百千”职业健康科普宣传活动0场，目标不少于10场，完成率0.0%（未完成）" in text
    assert "覆盖“五进”单位0家" in text and "覆盖0人次" in text
    assert "尚未录入效果评估" in text and "意见和建议：" not in text and "知识测试" not in text
    assert "活动尚未登记授课专家" in text and "参与组织活动的单位" not in text
    assert "本年度未在关键时间节点开展活动" in text
    assert len(PROMPT.findall(text)) >= 6
    cells = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert all(row[1:] == ["0", "0", "0"] for row in cells[1:])


def test_city_version_adds_up_and_ranks_the_districts(demo_db, tmp_path: Path, capsys):
    path = demo_db.path
    demo_db.close()
    document = _summary(path, tmp_path / "全市.docx", "--city")
    stats = _stats(path, capsys)
    text = _text(document)
    assert document.paragraphs[0].text.startswith("柳州市卫生健康委员会2025年")
    assert f"全市共开展“十百千”职业健康科普宣传活动{stats['distinct']['sessions']}场" in text
    ranking = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ranking[0][:3] == ["排名", "县区", "开展场次"] and len(ranking) == 11
    sessions = [int(r[2]) for r in ranking[1:]]
    assert sessions == sorted(sessions, reverse=True)
    by_district = {d["district"]: d["distinct"]["sessions"] for d in stats["districts"]}
    assert sum(sessions) == sum(by_district.values()) == stats["distinct"]["sessions"]
    assert "拟通报表扬的先进集体和个人" in text


def test_command_line_refusals(db_path: Path, tmp_path: Path, capsys):
    assert run(["--db", str(db_path), "summary", "--district", "柳北", "-o", str(tmp_path / "a.pdf")]) == 2
    assert run(["--db", str(db_path), "summary", "--district", "不存在", "-o", str(tmp_path / "a.docx")]) == 2
    assert run(["--db", str(db_path), "summary", "-o", str(tmp_path / "a.docx")]) == 2
    assert not list(tmp_path.glob("a.*"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_libreoffice_opens_the_draft_as_a4_pages(district_doc, tmp_path: Path):
    from pypdf import PdfReader

    path = tmp_path / "柳南.docx"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True,
                   timeout=240)
    reader = PdfReader(tmp_path / "柳南.pdf")
    assert len(reader.pages) >= 3
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - Mm(210).pt) < 2 and abs(height - Mm(297).pt) < 2
    first = "".join(reader.pages[0].extract_text().split())
    assert "工作总结" in first and "一、工作完成情况" in first
