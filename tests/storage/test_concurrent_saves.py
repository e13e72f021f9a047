"""Several clerks at once, as separate processes on one database (a file, or a PostgreSQL server): one save
wins, the other is refused with the message a clerk would see, and nothing is half-written or lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liuzhou_gui.domain.drafts import ExpertDraft, UnitDraft
from liuzhou_gui.operations import records
from liuzhou_gui.storage.models import Lecture, Unit

CLERK = Path(__file__).with_name("concurrent_clerk.py")
ROUNDS = 3
TIMEOUT = 120


def _race(db_target: Path | str, folder: Path, action: str, *args: str) -> list[list[dict]]:
    """Two clerks, ROUNDS times, released together at each round; their outcomes per round."""
    folder.mkdir()
    clerks = {
        name: subprocess.Popen(
            [sys.executable, str(CLERK), str(db_target), str(folder), name, str(ROUNDS), action, *args],
            env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in ("甲", "乙")
    }
    rounds = []
    try:
        for round_no in range(ROUNDS):
            for name in clerks:
                _wait(folder / f"{name}-ready-{round_no}", clerks)
            (folder / f"go-{round_no}").touch()
            outcomes = []
            for name in clerks:
                done = folder / f"{name}-done-{round_no}"
                _wait(done, clerks)
                outcomes.append(json.loads(done.read_text("utf-8")) | {"clerk": name})
            rounds.append(outcomes)
        for proc in clerks.values():
            _, err = proc.communicate(timeout=TIMEOUT)
            assert proc.returncode == 0, err
    finally:
        for proc in clerks.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return rounds


def _wait(path: Path, clerks: dict[str, subprocess.Popen]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        for proc in clerks.values():
            if proc.poll() not in (None, 0):
                raise AssertionError(proc.communicate()[1])
        assert time.monotonic() < deadline, f"no {path.name}"
        time.sleep(0.005)


def _one_wins(outcomes: list[dict]) -> tuple[dict, dict]:
    saved = [o for o in outcomes if "saved" in o]
    refused = [o for o in outcomes if "refused" in o]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    return saved[0], refused[0]


def _unit(db, name: str = "柳州钢铁集团") -> int:
    return records.save_unit(db, UnitDraft(district="柳北", name=name, kind="企业", categories=["职业健康"])).value


def test_two_clerks_saving_the_same_record_one_wins_the_other_sees_both_versions(db, db_target, tmp_path):
    unit_id = _unit(db)
    for round_no, outcomes in enumerate(_race(db_target, tmp_path / "signals", "edit-unit", str(unit_id))):
        winner, loser = _one_wins(outcomes)
        assert loser["kind"] == "RecordChanged"
        assert loser["refused"].startswith("此记录已被他人修改")
        assert loser["mine"] == loser["clerk"]  # what the loser typed comes back to it
        assert loser["theirs"] == winner["clerk"]  # and what the winner saved, as stored now
        assert loser["their_version"] == 2 + round_no
        with db.session() as session:
            unit = session.get_one(Unit, unit_id)
    assert unit.contact == winner["clerk"] and unit.version == 1 + ROUNDS


@pytest.mark.parametrize("checked", [True, False], ids=["checked-first", "database-only"])
def test_two_clerks_booking_one_lecturer_at_one_time_one_succeeds(db, db_target, tmp_path, checked):
    unit_id = _unit(db)
    expert_id = records.save_expert(db, ExpertDraft(name="韦明", level="市级", category="职业健康",
                                                    unit="柳州市职业病防治院", district="柳北")).value
    args = ["book", str(expert_id), str(unit_id), *([] if checked else ["--no-check"])]
    for outcomes in _race(db_target, tmp_path / "signals", *args):
        _, loser = _one_wins(outcomes)
        assert loser["kind"] == "ValidationError"
        assert loser["refused"].startswith("授课专家：时间冲突：韦明在 2025-06-1"), loser
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lecture)) == ROUNDS


@pytest.mark.parametrize("checked", [True, False], ids=["checked-first", "database-only"])
def test_two_clerks_adding_the_same_unit_name_one_succeeds(db, db_target, tmp_path, checked):
    args = ["add-unit", "柳州钢铁集团", *([] if checked else ["--no-check"])]
    for round_no, outcomes in enumerate(_race(db_target, tmp_path / "signals", *args)):
        _, loser = _one_wins(outcomes)
        assert loser == {"refused": f"单位名称：本县区已有同名单位：柳州钢铁集团{round_no}", "kind": "ValidationError",
                         "clerk": loser["clerk"]}
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == ROUNDS
