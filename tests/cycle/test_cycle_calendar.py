"""Stage deadlines belong to the year's campaign and can be moved; a new calendar year is offered once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import UsageError
from liuzhou_gui.domain.stages import clean_reason, stage_named
from liuzhou_gui.storage.campaigns import add_campaign, mark_new_year_offered, pending_new_year
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import campaign_for_year
from liuzhou_gui.storage.statistics import district_progress


def test_deadlines_move_and_the_bench_follows(db_path: Path, capsys) -> None:
    assert run(["--db", str(db_path), "campaign", "add", "--year", "2026"]) == 0
    assert run(["--db", str(db_path), "campaign", "deadlines", "--year", "2026", "--experts", "2026-04-24",
                "--summary", "2026-11-27"]) == 0
    assert "已修改 2026 年度 2 个截止日期" in capsys.readouterr().out
    db = Database.open(db_path)
    try:
        with db.session() as session:
            bench = district_progress(session, "柳南", 2026, today=date(2026, 4, 20))
            assert campaign_for_year(session, 2025).experts_deadline == date(2025, 4, 18)  # 2025 untouched
        assert [d.due for d in bench.deadlines] == [date(2026, 4, 24), date(2026, 5, 15), date(2026, 11, 27)]
        assert bench.deadlines[0].state == "未报送（还剩 4 天）"
    finally:
        db.close()


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["--experts", "2025-04-20"], 1, "不在 2026 年度内"),
    (["--experts", "2026-06-01"], 1, "截止日期的先后"),
    (["--experts", "4月18日"], 2, "不是日期"),
    ([], 2, "请至少指定"),
])
def test_bad_deadlines_are_refused(db_path: Path, capsys, argv, code, message) -> None:
    assert run(["--db", str(db_path), "campaign", "add", "--year", "2026"]) == 0
    assert run(["--db", str(db_path), "campaign", "deadlines", "--year", "2026", *argv]) == code
    assert message in capsys.readouterr().err
    db = Database.open(db_path)
    with db.session() as session:
        assert campaign_for_year(session, 2026).experts_deadline == date(2026, 4, 18)
    db.close()


def test_a_new_year_is_offered_once(db: Database) -> None:
    with db.session() as session:
        assert pending_new_year(session, date(2025, 12, 1)) is None  # the campaign's own year
        assert pending_new_year(session, date(2026, 12, 1)) == 2026
    with db.transaction() as session:
        mark_new_year_offered(session, 2026)  # the user chose to wait for the city's 下发包
    with db.session() as session:
        assert pending_new_year(session, date(2026, 12, 2)) is None
        assert pending_new_year(session, date(2027, 1, 5)) == 2027
    with db.transaction() as session:
        add_campaign(session, 2027)
    with db.session() as session:
        assert pending_new_year(session, date(2027, 1, 6)) is None
        assert pending_new_year(session, date(2026, 3, 1)) is None  # never backwards


def test_stage_spellings_and_reasons() -> None:
    assert stage_named("附件6").code == stage_named("units").code == "units"
    with pytest.raises(UsageError):
        stage_named("𠮷" * 10_000)
    with pytest.raises(UsageError, match="请写明原因"):
        clean_reason("   ")
    with pytest.raises(UsageError, match="太长"):
        clean_reason("=1+1" * 200)
    assert clean_reason("缺\n联系电话 <b>&") == "缺 联系电话 <b>&"
