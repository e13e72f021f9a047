"""One clerk on another PC, as a separate process: `python concurrent_clerk.py DB FOLDER NAME ROUNDS ACTION ARGS`.

Each round it gets ready (opens the record it will edit), writes FOLDER/NAME-ready-N, waits for
FOLDER/go-N, saves, and writes its outcome as JSON to FOLDER/NAME-done-N: {"saved": id} or
{"refused": message, "kind": class name, "theirs": …}. `--no-check` switches off the checks made
before the write, so only the database can refuse (a race both checks would have passed).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from liuzhou_gui.domain.drafts import LectureDraft, UnitDraft
from liuzhou_gui.domain.errors import AppError, RecordChanged
from liuzhou_gui.operations import records
from liuzhou_gui.storage import lectures, units
from liuzhou_gui.storage.database import Database

DAY = date(2025, 6, 10)
WAIT_SECONDS = 60


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"no {path.name}")
        time.sleep(0.002)


def _prepare(db: Database, action: str, args: list[str], name: str, round_no: int) -> Any:
    """What the clerk has typed into the form by the time the others are ready too."""
    if action == "edit-unit":
        opened = records.open_unit(db, int(args[0]))
        opened.draft.contact = name
        return lambda: records.save_unit(db, opened.draft, opened.record_id, opened.version)
    if action == "add-unit":
        draft = UnitDraft(district="柳北", name=f"{args[0]}{round_no}", kind="企业", categories=["职业健康"],
                          contact=name)
        return lambda: records.save_unit(db, draft)
    if action == "book":
        expert_id, unit_id = int(args[0]), int(args[1])
        draft = LectureDraft(
            year=2025, district="柳北", held_on=DAY + timedelta(days=round_no), start_time=None, end_time=None,
            place=f"{name}的会议室", unit_ids=[unit_id], categories=["职业健康"], expert_ids=[expert_id],
            attendance=30, status="held",
        )
        return lambda: records.save_lecture(db, draft)
    raise SystemExit(f"unknown action {action}")


def _outcome(save: Any) -> dict[str, Any]:
    try:
        return {"saved": save().value}
    except RecordChanged as exc:
        theirs = exc.theirs.contact if exc.theirs is not None else None
        return {"refused": exc.message, "kind": type(exc).__name__, "theirs": theirs,
                "their_version": exc.their_version, "mine": exc.mine.contact}
    except AppError as exc:
        return {"refused": exc.message, "kind": type(exc).__name__}


def main(argv: list[str]) -> None:
    db_path, folder, name, rounds, action, *args = argv
    if "--no-check" in args:
        args.remove("--no-check")
        lectures.save_lecture = partial(lectures.save_lecture, check_double_booking=False)
        units._check_duplicate = lambda *_a, **_k: None  # type: ignore[attr-defined]
    signals = Path(folder)
    db = Database.open(db_path)
    try:
        for round_no in range(int(rounds)):
            save = _prepare(db, action, args, name, round_no)
            (signals / f"{name}-ready-{round_no}").touch()
            _wait_for(signals / f"go-{round_no}")
            outcome = _outcome(save)
            written = signals / f"{name}-done-{round_no}.tmp"
            written.write_text(json.dumps(outcome, ensure_ascii=False), "utf-8")
            written.replace(signals / f"{name}-done-{round_no}")  # whole when it appears
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv[1:])
