"""The real entry point `python -m liuzhou_gui`: exit codes and one Chinese line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*argv: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIUZHOU_GUI_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "liuzhou_gui", *argv], capture_output=True, text=True, encoding="utf-8",
        cwd=ROOT, env=env, timeout=120,
    )


@pytest.mark.parametrize("content", [b"this is not a database\n" * 50, b"SQLite format 3\x00" + b"\x00" * 80])
def test_a_file_that_is_not_a_database(tmp_path: Path, data_dir: Path, content: bytes) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(content)
    result = _run("--db", str(bad), "stats", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1
    assert bad.read_bytes() == content, "a refused file is left untouched"


def test_usage_error_exits_2(tmp_path: Path, data_dir: Path) -> None:
    result = _run("--db", str(tmp_path / "x.sqlite3"), "stats", "--district", "不存在", data_dir=data_dir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "没有名为“不存在”的县区" in result.stderr


def test_stats_json_on_a_new_database(tmp_path: Path, data_dir: Path) -> None:
    result = _run("--db", str(tmp_path / "new.sqlite3"), "stats", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert '"year": 2025' in result.stdout and result.stderr == ""


def test_output_into_a_pipe_closed_early(tmp_path: Path, data_dir: Path) -> None:
    """`liuzhou-gui check | head -1`: the reader leaves after one line; no error, no traceback."""
    env = {**os.environ, "LIUZHOU_GUI_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    db = str(tmp_path / "x.sqlite3")
    assert _run("--db", db, "demo", data_dir=data_dir).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "liuzhou_gui", "--db", db, "check"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as head does after its line
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"Traceback" not in err and "内部出错".encode() not in err
