"""The command line starts at once: only what a command uses is imported, and an unchanged file is not re-checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liuzhou_gui.cli.commands.registry import COMMANDS
from liuzhou_gui.cli.main import _command_in, build_parser
from liuzhou_gui.domain.errors import DatabaseError
from liuzhou_gui.storage import integrity
from liuzhou_gui.storage.database import Database

HEAVY = ("sqlalchemy", "openpyxl", "reportlab", "cryptography", "PySide6", "pypinyin", "python_calamine", "docx")


def _modules_after(argv: list[str], tmp_path: Path) -> set[str]:
    """The modules a fresh process has imported once `liuzhou-gui ARGV` has run."""
    script = (
        "import json, sys\n"
        "from liuzhou_gui.cli.main import run\n"
        "try:\n"
        f"    run({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    env = os.environ | {"LIUZHOU_GUI_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["nosuch"]])
def test_version_help_and_a_wrong_command_import_nothing_heavy(argv: list[str], tmp_path: Path) -> None:
    loaded = _modules_after(argv, tmp_path)
    assert not [m for m in loaded if m.split(".")[0] in HEAVY]
    assert not [m for m in loaded if m.startswith("liuzhou_gui.cli.commands.") and not m.endswith(".registry")]


def test_stats_imports_its_own_command_and_no_report_writer(tmp_path: Path) -> None:
    loaded = _modules_after(["--db", str(tmp_path / "x.sqlite3"), "stats", "--json"], tmp_path)
    commands = {m.rsplit(".", 1)[1] for m in loaded if m.startswith("liuzhou_gui.cli.commands.")}
    assert commands == {"registry", "stats"}
    assert "sqlalchemy" in loaded  # it does read the database
    assert not [m for m in loaded if m.split(".")[0] in ("openpyxl", "reportlab", "PySide6", "docx", "pyhanko")]


def test_stats_on_a_current_database_reads_without_the_orm(tmp_path: Path) -> None:
    """SQLAlchemy Core only: the ORM, our models and Alembic are half of what `stats` used to import."""
    db_path = tmp_path / "current.sqlite3"
    Database.open(db_path).close()  # at the newest schema: nothing to migrate
    loaded = _modules_after(["--db", str(db_path), "stats", "--json"], tmp_path)
    assert "liuzhou_gui.storage.statistics" in loaded
    assert not [m for m in loaded if m.startswith(("sqlalchemy.orm", "alembic", "liuzhou_gui.storage.models"))]


def test_every_registered_command_is_defined_by_its_module() -> None:
    """The registry and the modules agree: each name is a command of the module the registry names."""
    for name, (module, summary) in COMMANDS.items():
        parser = build_parser(only=name)
        commands = next(a for a in parser._actions if a.dest == "command")
        assert name in commands.choices, (name, module)
        assert summary in [a.help for a in commands._choices_actions if a.dest == name]
    listing = next(a for a in build_parser(listing=True)._actions if a.dest == "command")
    assert list(listing.choices) == list(COMMANDS)


@pytest.mark.parametrize(("argv", "command"), [
    (["stats", "--json"], "stats"),
    (["--db", "stats", "check"], "check"),  # the value of --db is not the command
    (["--db=x.sqlite3", "export", "2"], "export"),
    (["--d", "x.sqlite3", "audit"], "audit"),  # argparse's own abbreviation of --db
    (["--version"], None),
    (["--db", "x.sqlite3"], None),
    (["--", "stats"], "stats"),
    ([], None),
])
def test_the_command_word_is_found_before_parsing(argv: list[str], command: str | None) -> None:
    assert _command_in(argv) == command


def _settled(path: Path) -> None:
    """As a file left alone for a while: its times older than the check's settling period."""
    old = time.time() - 10
    os.utime(path, (old, old))


def test_an_unchanged_database_is_not_checked_twice_and_a_changed_one_is(db_path: Path, monkeypatch) -> None:
    Database.open(db_path).close()
    _settled(db_path)
    integrity.quick_check(db_path)
    checks = []
    real_connect = integrity.sqlite3.connect
    monkeypatch.setattr(integrity.sqlite3, "connect", lambda *a, **k: checks.append(a) or real_connect(*a, **k))
    integrity.quick_check(db_path)
    assert checks == []  # remembered as passed: not read again
    # Damaged afterwards (same size, times moved on): read again, and the damage found.
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size: page_size * 2] = b"\xff" * page_size
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="损坏"):
        integrity.quick_check(db_path)
    assert len(checks) == 1


def test_a_file_changed_a_moment_ago_is_checked_every_time(db_path: Path, monkeypatch) -> None:
    """Two writes within one tick of the file system's clock leave the same times: a fresh file is never taken
    on trust."""
    Database.open(db_path).close()
    integrity.quick_check(db_path)
    checks = []
    real_connect = integrity.sqlite3.connect
    monkeypatch.setattr(integrity.sqlite3, "connect", lambda *a, **k: checks.append(a) or real_connect(*a, **k))
    integrity.quick_check(db_path)
    assert len(checks) == 1


def test_a_broken_memo_file_only_means_checking_again(db_path: Path, data_dir: Path) -> None:
    Database.open(db_path).close()
    (data_dir / integrity.PASSED_FILE).parent.mkdir(parents=True, exist_ok=True)
    (data_dir / integrity.PASSED_FILE).write_text("[not json", encoding="utf-8")
    _settled(db_path)
    integrity.quick_check(db_path)  # no error; the memo is written anew
    assert str(db_path.resolve()) in json.loads((data_dir / integrity.PASSED_FILE).read_text(encoding="utf-8"))
