"""The plan's own tables 附件1 and 附件4, read from ../shared/seeds, to compare our data and output with."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

SEEDS_DIR = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()


def plan_text() -> str:
    files = sorted(SEEDS_DIR.glob("000_*.txt")) if SEEDS_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the city plan is not present at {SEEDS_DIR} (../shared/seeds/000_*.txt)")
    return files[0].read_text(encoding="utf-8")


def table_rows(text: str, start: str, end: str) -> list[list[str]]:
    """Rows of one attachment table: blocks of tab-indented cells separated by blank lines."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == start)
    last = next(i for i, line in enumerate(lines) if i > first and line.strip() == end)
    rows: list[list[str]] = []
    current: list[str] = []
    for line in lines[first + 1:last]:
        if line.startswith("\t"):
            current.append(line.strip())
        elif current:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return rows


@functools.cache
def plan_table_1_rows() -> list[list[str]]:
    """Header row dropped; ten districts then 合计."""
    rows = table_rows(plan_text(), "附件1", "附件2")
    assert rows[0] == ["县区", "总计划数", "职业健康", "心理健康", "慢性病管理"]
    return rows[1:]


@functools.cache
def plan_table_4_rows() -> list[list[str]]:
    """Header row dropped; 县区 empty, the category repeated on every row, names without padding."""
    rows = table_rows(plan_text(), "附件4", "附件5")
    assert rows[0] == ["县区", "分类", "姓名", "所在单位", "职称/职务"]
    result, category = [], ""
    for row in rows[1:]:
        assert len(row) == 5, row
        category = row[1] or category  # the plan writes a category once for its group of rows
        name = "".join(row[2].split())  # "刘  芸" is padded to three characters' width
        result.append([row[0], category, name, row[3], row[4]])
    return result
