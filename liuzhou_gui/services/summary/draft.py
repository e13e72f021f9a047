"""`summary --district NAME [--year] -o FILE.docx`: the 工作总结 draft of a district, or of the city."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.errors import UsageError
from ...domain.reference import CATEGORIES
from ...storage.database import Database
from ...storage.lookups import district_by_name
from ..files import write_atomically
from .chart import month_chart_png
from .content import summary_blocks
from .docx_writer import render_docx
from .facts import SummaryFacts, summary_facts

TABLE2_HEADER = ["活动分类", "场次", "覆盖单位数", "覆盖人数"]


def table2_rows(facts: SummaryFacts) -> list[list[str]]:
    """附件2 as `stats` gives it: the category rows, then 合计 (their sum, note 2)."""
    p = facts.progress
    rows = [[c, str(p.categories[c].sessions), str(p.categories[c].units), str(p.categories[c].people)]
            for c in CATEGORIES]
    total = p.total
    return [TABLE2_HEADER, *rows, ["合计", str(total.sessions), str(total.units), str(total.people)]]


def summary_docx(db: Database, district: str | None, year: int | None, today: date | None = None) -> tuple[str, bytes]:
    """(file stem, .docx bytes)."""
    with db.session() as session:
        facts = summary_facts(session, district, year)
        signer = ""
        if district:
            d = district_by_name(session, district)
            signer = f"填报人：{d.reporter or '          '}        联系电话：{d.reporter_phone}"
    chart = month_chart_png(facts.by_month, f"{facts.who}{facts.year}年各月开展活动场次（按活动分类）")
    blocks = summary_blocks(facts, table2_rows(facts), chart, today or date.today(), signer)
    title = blocks[0].text
    return f"工作总结_{facts.who}_{facts.year}", render_docx(blocks, title=title, author=facts.office)


def write_summary(db: Database, district: str | None, year: int | None, output: Path,
                  today: date | None = None) -> Path:
    if output.suffix.lower() != ".docx" and not output.is_dir():
        raise UsageError("工作总结保存为 Word 文件，请让输出文件以 .docx 结尾。")
    stem, data = summary_docx(db, district, year, today)
    if output.is_dir():
        output = output / f"{stem}.docx"
    return write_atomically(output, lambda path: path.write_bytes(data), "工作总结")
