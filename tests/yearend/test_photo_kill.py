"""A process killed (SIGKILL) while it attaches photos leaves the database whole, with all or none of them."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from yearend_photos import camera_jpeg

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

KILLS = 8
PHOTOS = 12


def _state(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM lecture_photo").fetchone()[0])
    finally:
        conn.close()


def test_killing_a_photo_import(photo_session, tmp_path: Path) -> None:
    db, lecture_id, _ = photo_session
    master = tmp_path / "master.sqlite3"
    db.close()
    shutil.copy(db.path, master)
    files = [str(camera_jpeg(tmp_path / f"IMG_{i:04d}.JPG", orientation=6 if i % 2 else 1)) for i in range(PHOTOS)]
    env = os.environ | {"LIUZHOU_GUI_DATA_DIR": str(tmp_path / "data")}
    shutil.copy(master, tmp_path / "timing.sqlite3")
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "liuzhou_gui", "--db", str(tmp_path / "timing.sqlite3"), "photos", "attach",
                    str(lecture_id), *files], env=env, check=True, capture_output=True)
    longest = (time.monotonic() - start) * 1.2
    assert _state(tmp_path / "timing.sqlite3") == ("ok", PHOTOS)
    rng = random.Random(1120)
    outcomes = []
    for attempt in range(KILLS):
        target = tmp_path / f"kill{attempt}.sqlite3"
        shutil.copy(master, target)
        proc = subprocess.Popen([sys.executable, "-m", "liuzhou_gui", "--db", str(target), "photos", "attach",
                                 str(lecture_id), *files], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + rng.uniform(0.2, longest)
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        check, count = _state(target)
        assert check == "ok", (attempt, check)
        assert count in (0, PHOTOS), (attempt, count)
        outcomes.append((killed, count))
    assert any(killed for killed, _ in outcomes)
    print("photo import kills:", outcomes, f"longest {longest:.1f} s")
