"""No command writes its output over the database, its companions, its backups, a seal or an input.

Each way a path can name a file twice is tried (symbolic link, hard link, `..`, case, Windows' trailing
dot and `:stream`), for every command that writes: exit 1, its own Chinese sentence, no file written
or changed, the database's content the same.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from liuzhou_gui.cli.main import build_parser, run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.services.output_guard import OutputRefused, check_output, same_file
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.paths import backups_dir, seals_dir
from liuzhou_gui.storage.units import save_unit

DATABASE = "正在使用的数据库文件"
COMPANION = "配套文件"
BACKUPS = "备份文件夹"
SEALS = "公章图片文件夹"
INPUT = "本次要读取的文件"
OTHER_DB = "已有的数据库文件"


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city" / "liuzhou.sqlite3"
    path.parent.mkdir()
    db = Database.open(path)
    with db.transaction() as session:
        save_unit(session, UnitDraft(district="柳南", name="柳南单位", kind="企业", categories=["职业健康"]))
    db.close()
    assert run(["--db", str(path), "backup"]) == 0  # a backup in the backups folder
    return path


def _dump(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every file under folder with its bytes (links by their target), to prove nothing was written."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[str(path)] = path.read_bytes()
    return found


def _refused(db_path: Path, argv: list[str], sentence: str, capsys: pytest.CaptureFixture) -> None:
    root = db_path.parent.parent
    before_db, before_files = _dump(db_path), _tree(root)
    capsys.readouterr()
    assert run(["--db", str(db_path), *argv]) == 1, argv
    err = capsys.readouterr().err
    assert sentence in err, (argv, err)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _tree(root) == before_files, argv
    assert _dump(db_path) == before_db


def _writers(out: Path) -> list[list[str]]:
    """Every command that writes a file, aimed at `out`."""
    return [
        ["export", "2", "--district", "柳南", "--format", "xlsx", "-o", str(out)],
        ["export", "1", "--format", "pdf", "-o", str(out)],
        ["template", "units", "-o", str(out)],
        ["package", "export", "--district", "柳南", "-o", str(out)],
        ["audit", "-o", str(out)],
        ["backup", "-o", str(out)],
    ]


def _aliases_of(target: Path, tmp_path: Path) -> list[Path]:
    """Other names of `target`: `..`, a symbolic link, a link to its folder, a hard link, case, trailing dot, stream."""
    links = tmp_path / "links"
    links.mkdir(exist_ok=True)
    n = len(list(links.iterdir()))
    symlink = links / f"link{n}.xlsx"
    symlink.symlink_to(target)
    folder_link = links / f"folder{n}"
    folder_link.symlink_to(target.parent, target_is_directory=True)
    aliases = [
        target.parent / ".." / target.parent.name / target.name,
        symlink,
        folder_link / target.name,
        target.with_name(target.name.upper()),
        target.with_name(target.name + "."),
        target.with_name(target.name + " "),
        target.with_name(target.name + "::$DATA"),
    ]
    if target.exists():
        hard = links / f"hard{n}.xlsx"
        os.link(target, hard)
        aliases.append(hard)
    return aliases


def test_every_writer_refuses_every_name_of_the_database(city: Path, tmp_path: Path, capsys) -> None:
    for alias in [city, *_aliases_of(city, tmp_path)]:
        for argv in _writers(alias):
            _refused(city, argv, DATABASE, capsys)


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock", "-mj1A2B3C4D"])
def test_every_writer_refuses_the_database_companions(city: Path, tmp_path: Path, suffix: str, capsys) -> None:
    companion = city.with_name(city.name + suffix)
    sentence = "日志文件" if suffix.startswith("-mj") else COMPANION
    for alias in (companion, companion.with_name(companion.name.upper()), _aliases_of(companion, tmp_path)[1]):
        for argv in _writers(alias):
            _refused(city, argv, sentence, capsys)


def test_the_lock_file_is_refused_while_it_exists_through_a_hard_link(city: Path, tmp_path: Path, capsys) -> None:
    lock = city.with_name(city.name + ".lock")
    lock.write_bytes(b"")
    hard = tmp_path / "lock-link.xlsx"
    os.link(lock, hard)
    _refused(city, ["template", "units", "-o", str(hard)], COMPANION, capsys)


def test_backups_and_seals_are_never_overwritten(city: Path, tmp_path: Path, capsys) -> None:
    backups = backups_dir(city)
    existing = next(backups.glob("*.sqlite3"))
    seals = seals_dir(city)
    (seals / "450204-abc.png").write_bytes(b"\x89PNG seal")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    hard_backup = outside / "copy.xlsx"
    os.link(existing, hard_backup)
    hard_seal = outside / "seal.xlsx"
    os.link(seals / "450204-abc.png", hard_seal)
    cases = [
        (existing, BACKUPS), (backups / "new.xlsx", BACKUPS), (backups, BACKUPS), (hard_backup, BACKUPS),
        (_aliases_of(existing, tmp_path)[1], BACKUPS), (backups.parent / "BACKUPS" / "x.xlsx", BACKUPS),
        (seals / "450204-abc.png", SEALS), (seals / "new.pdf", SEALS), (hard_seal, SEALS),
        (city.with_name("liuzhou-damaged-20250101-000000.sqlite3"), "损坏数据库副本"),
    ]
    for target, sentence in cases:
        for argv in _writers(target):
            _refused(city, argv, sentence, capsys)


def test_another_database_file_is_not_overwritten(city: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "柳北.sqlite3"
    Database.open(other).close()
    before = other.read_bytes()
    for argv in _writers(other):
        _refused(city, argv, OTHER_DB, capsys)
    assert other.read_bytes() == before


def _units_workbook(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    book.active.append(["县区", "单位名称", "单位性质", "活动分类"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_error_list_never_replaces_the_input(city: Path, tmp_path: Path, capsys) -> None:
    source = _units_workbook(tmp_path / "单位.xlsx", [["柳南", "", "企业", "职业健康"]])  # an error: no name
    for alias in [source, *_aliases_of(source, tmp_path)]:
        _refused(city, ["import", "units", str(source), "--errors", str(alias)], INPUT, capsys)
    # The seal given to an export is an input too.
    seal = tmp_path / "seal.png"
    seal.write_bytes(b"\x89PNG")
    _refused(city, ["export", "2", "--district", "柳南", "--seal", str(seal), "--format", "pdf", "-o", str(seal)],
             INPUT, capsys)


def test_a_genuine_output_is_still_written(city: Path, tmp_path: Path) -> None:
    source = _units_workbook(tmp_path / "单位.xlsx", [["柳南", "", "企业", "职业健康"]])
    errors = tmp_path / "单位-错误清单.xlsx"
    assert run(["--db", str(city), "import", "units", str(source), "--errors", str(errors)]) == 1
    assert errors.is_file()
    for argv in _writers(tmp_path / "out" / "file.xlsx"):
        (tmp_path / "out").mkdir(exist_ok=True)
        assert run(["--db", str(city), *argv]) == 0, argv


def test_a_folder_export_checks_each_file_it_writes(city: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "附件2"
    folder.mkdir()
    # The third district's file is planted as a link to the database.
    (folder / "附件2_柳北区_2025.xlsx").symlink_to(city)
    before = _dump(city)
    assert run(["--db", str(city), "export", "2", "--district", "all", "--format", "xlsx", "-o", str(folder)]) == 1
    assert DATABASE in capsys.readouterr().err
    assert _dump(city) == before and (folder / "附件2_柳北区_2025.xlsx").is_symlink()
    # One file in a folder: the name it gets is checked too.
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "附件2_柳南区_2025.pdf").symlink_to(city)
    _refused(city, ["export", "2", "--district", "柳南", "--format", "pdf", "-o", str(tmp_path / "one")],
             DATABASE, capsys)


def test_a_planted_partial_file_cannot_redirect_a_write(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    out.with_name(out.name + ".partial").symlink_to(city)
    before = _dump(city)
    assert run(["--db", str(city), "template", "units", "-o", str(out)]) == 0
    assert _dump(city) == before and out.is_file() and not out.is_symlink()


def test_every_path_a_command_takes_is_declared_as_read_or_written() -> None:
    """A new command that writes a file cannot forget the check: its path arguments must be declared."""
    parser = build_parser()

    def leaves(p):
        subs = [a for a in p._actions if a.__class__.__name__ == "_SubParsersAction"]
        if not subs:
            yield p
        for sub in subs:
            for child in sub.choices.values():
                yield from leaves(child)

    for leaf in leaves(parser):
        if leaf is parser:
            continue
        declared = set(leaf.get_default("writes") or ()) | set(leaf.get_default("reads") or ())
        paths = {a.dest for a in leaf._actions if a.type is Path}
        assert paths <= declared, (leaf.prog, paths - declared)


def test_the_guard_itself(city: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="无效"):
        check_output(city, Path("out\0.xlsx"))
    assert check_output(city, tmp_path / "new.xlsx") == tmp_path / "new.xlsx"
    assert same_file(city, city.parent / ".." / "city" / city.name)
    assert not same_file(city, tmp_path / "other.sqlite3")
