"""`stats`: the JSON shape of issue 2, the readable table, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.cli.table import display_width
from liuzhou_gui.domain.reference import CATEGORIES

FIGURE_KEYS = {"sessions", "units", "people"}


def test_city_json_has_the_shape_the_issue_asks_for(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(demo_path), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2025
    assert data["district"] is None
    assert list(data["categories"]) == list(CATEGORIES)
    for figures in data["categories"].values():
        assert set(figures) == FIGURE_KEYS and all(isinstance(n, int) for n in figures.values())
    assert set(data["total"]) == FIGURE_KEYS
    for key in FIGURE_KEYS:
        assert data["total"][key] == sum(c[key] for c in data["categories"].values())
    assert data["plan"] == {"职业健康": 50, "心理健康": 20, "慢性病管理": 30, "合计": 100}
    assert isinstance(data["regional_share"], float) and 0 <= data["regional_share"] <= 1
    assert data["units_target"] == 1000
    assert data["total"]["sessions"] > 0


def test_district_json_by_short_or_full_name(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    answers = []
    for name in ("柳南", "柳南区"):
        assert run(["--db", str(demo_path), "stats", "--district", name, "--year", "2025", "--json"]) == 0
        answers.append(json.loads(capsys.readouterr().out))
    assert answers[0] == answers[1]
    assert answers[0]["district"] == "柳南区" and answers[0]["units_target"] == 100
    assert answers[0]["plan"] == {"职业健康": 5, "心理健康": 2, "慢性病管理": 3, "合计": 10}


def test_text_table_columns_line_up_by_display_width(demo_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(demo_path), "stats"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("活动分类"))
    block = lines[header:header + 7]
    assert [line.split()[0] for line in block[2:]] == [*CATEGORIES, "合计"]
    # right-aligned number columns end at the same terminal column in every row
    ends = {display_width(line) for line in block}
    assert len(ends) == 1, block
    district_header = next(i for i, line in enumerate(lines) if line.startswith("县区"))
    district_block = lines[district_header:district_header + 12]
    assert len({display_width(line) for line in district_block}) == 1, district_block
    assert "融水苗族自治县" in out and "时间节点" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["stats", "--district", "柳州湾"], 2, "没有名为“柳州湾”的县区"),
        (["stats", "--year", "1999"], 1, "没有 1999 年度的活动"),
        (["stats", "--year", "二〇二五"], 2, "无效的值"),
        (["stats", "--bogus"], 2, "无法识别的参数"),
        (["nonsense"], 2, "无效的选择"),
    ],
)
def test_bad_arguments_get_one_chinese_line(
    db_path: Path, capsys: pytest.CaptureFixture, argv: list[str], code: int, message: str
) -> None:
    assert run(["--db", str(db_path), *argv]) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert captured.err.startswith("错误：") and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_empty_database_has_zero_figures(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(["--db", str(db_path), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == {"sessions": 0, "units": 0, "people": 0}
    assert data["regional_share"] == 0.0
