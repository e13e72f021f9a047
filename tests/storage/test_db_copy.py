"""`db copy`: a database into a new file (and, with the server fixture, a server), all or nothing,
proved equal to its source (rows, values as stored, kept statistics, the city's figures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from stored_rows import one_message, stored, without_zero_rows

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.services import db_transfer
from liuzhou_gui.services.db_transfer import CopyRefused, copy_database
from liuzhou_gui.storage import db_copy, lectures, units
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.db_copy import CopyProgress
from liuzhou_gui.storage.models import LecturePhoto
from liuzhou_gui.storage.statistics import campaign_progress

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def source(demo_master: Path, tmp_path: Path):
    """The demo data with what a year adds besides: a photo, a session in the 回收站, card numbers."""
    path = tmp_path / "office.sqlite3"
    shutil.copy2(demo_master, path)
    database = Database.open(path)
    with database.transaction() as session:
        lecture_id = session.execute(text("SELECT min(id) FROM lecture")).scalar_one()
        session.add(LecturePhoto(lecture_id=lecture_id, data=bytes(range(256)) * 40, width=10, height=10,
                                 caption="<b>&𠮷", sha256="0" * 64))
        trashed = session.execute(text("SELECT max(id) FROM lecture WHERE status = 'held'")).scalar_one()
        lectures.delete_lecture(session, trashed)
    yield database
    database.close()


def test_a_copy_holds_every_row_as_stored_and_the_same_figures(source: Database, tmp_path: Path) -> None:
    target = tmp_path / "moved" / "office.sqlite3"
    target.parent.mkdir()
    result = copy_database(source, target)
    assert result.rows["lecture"] > 100 and result.rows["lecture_photo"] == 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["office.sqlite3"]  # no .partial, -wal, -shm
    theirs, ours = stored(source.path), stored(target)
    assert theirs.keys() == ours.keys()
    assert without_zero_rows(theirs) == without_zero_rows(ours)
    cards = [r for r in ours["expert"] if any(isinstance(v, str) and v.startswith("c1:") for v in r)]
    assert cards, "the demo's card numbers travel as ciphertext"
    assert not any("6222" in repr(r) for r in ours["expert"])
    copy = Database.open(target)
    try:
        with source.session() as mine, copy.session() as other:
            for year in (2025,):
                assert campaign_progress(mine, year) == campaign_progress(other, year)
        with copy.transaction() as session:  # new rows get new ids, after the copied ones
            unit = units.save_unit(session, UnitDraft(district="柳南", name="搬迁后新增单位", kind="企业",
                                                      categories=["职业健康"]))
            assert unit.id > max(r[0] for r in theirs["unit"])
    finally:
        copy.close()


def test_back_to_a_file_from_the_copy_is_the_same_again(source: Database, tmp_path: Path) -> None:
    first, second = tmp_path / "there.sqlite3", tmp_path / "back.sqlite3"
    copy_database(source, first)
    moved = Database.open(first)
    try:
        copy_database(moved, second)
    finally:
        moved.close()
    assert without_zero_rows(stored(second)) == without_zero_rows(stored(source.path))


def test_the_check_finds_a_changed_value_and_rebuilt_statistics_that_differ(source: Database, tmp_path: Path) -> None:
    target = Database.open(tmp_path / "check.sqlite3")
    try:
        with source.engine.connect() as src, target.engine.connect() as dst, src.begin(), dst.begin():
            db_copy.empty_tables(dst)
            copied = db_copy.copy_rows(src, dst)
            assert db_copy.verify_copy(src, dst, copied) == []
            dst.execute(text("UPDATE unit SET address = address || ' ' WHERE id = (SELECT min(id) FROM unit)"))
            dst.execute(text("UPDATE lecture_tally SET people = people + 1 WHERE sessions > 0"))
            found = {m.what for m in db_copy.verify_copy(src, dst, copied)}
            dst.rollback()
    finally:
        target.close()
    assert "表“unit”的内容" in found
    assert "统计表“lecture_tally”" in found and "统计表“lecture_tally”与逐条重算" in found
    assert "2025 年度全市汇总数字" in found


def test_drifted_statistics_in_the_source_refuse_the_copy_and_leave_no_file(source: Database, tmp_path: Path) -> None:
    with source.transaction() as session:
        session.execute(text("UPDATE unit_coverage SET sessions = sessions + 1"))
    target = tmp_path / "drift.sqlite3"
    with pytest.raises(CopyRefused, match=r"核对不一致.*unit_coverage"):
        copy_database(source, target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("drift")) == []


def test_ctrl_c_in_the_middle_leaves_nothing(source: Database, tmp_path: Path) -> None:
    target = tmp_path / "cancelled.sqlite3"
    seen: list[CopyProgress] = []

    def interrupt(step: CopyProgress) -> None:
        seen.append(step)
        if step.table == "lecture" and step.done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_database(source, target, progress=interrupt)
    assert seen and not any(p.name.startswith("cancelled") for p in tmp_path.iterdir())


def test_small_batches_copy_the_same(source: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_copy, "BATCH_ROWS", 7)
    steps: list[CopyProgress] = []
    copy_database(source, tmp_path / "batched.sqlite3", progress=steps.append)
    lecture_steps = [s.done for s in steps if s.table == "lecture"]
    total = next(s.total for s in steps if s.table == "lecture")
    assert lecture_steps[:2] == [0, 7] and lecture_steps[-1] == total
    assert lecture_steps == sorted(lecture_steps) and len(lecture_steps) > 10
    assert without_zero_rows(stored(tmp_path / "batched.sqlite3")) == without_zero_rows(stored(source.path))


def test_an_old_source_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    old = tmp_path / "old.sqlite3"
    shutil.copy2(FIXTURES / "schema_0001.sqlite3", old)
    before = stored(old)
    assert run(["--db", str(old), "db", "copy", "--to", str(tmp_path / "new.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert "请先用本软件打开它一次" in err and one_message(err)
    assert stored(old) == before and before["alembic_version"] == [("0001",)]
    assert not (tmp_path / "new.sqlite3").exists()
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_the_command_line_refuses_a_used_target_and_writes_nothing(source: Database, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    source.close()
    other = tmp_path / "other.sqlite3"
    Database.open(other).close()
    before = other.read_bytes()
    text_file = tmp_path / "notes.txt"
    text_file.write_text("keep me")
    for target, sentence in ((other, "已有的数据库文件"), (text_file, "已存在，不是空的"),
                             (tmp_path / "missing" / "x.sqlite3", "不存在"), (source.path, "数据库文件")):
        assert run(["--db", str(source.path), "db", "copy", "--to", str(target)]) == 1
        err = capsys.readouterr().err
        assert sentence in err and one_message(err), err
    assert other.read_bytes() == before and text_file.read_text() == "keep me"
    assert not (tmp_path / "missing").exists()


def test_the_command_line_copies_and_shows_progress(source: Database, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from liuzhou_gui.cli.commands import db as db_command

    source.close()
    monkeypatch.setattr(db_command, "PROGRESS_EVERY_S", 0.0)
    target = tmp_path / "cli.sqlite3"
    assert run(["--db", str(source.path), "db", "copy", "--to", str(target)]) == 0
    out, err = capsys.readouterr()
    assert "已复制到" in out and "核对一致" in out
    assert "正在复制" in err and "“lecture”" in err
    assert run(["--db", str(target), "stats", "--json"]) == 0
    copied_stats = capsys.readouterr().out
    assert run(["--db", str(source.path), "stats", "--json"]) == 0
    assert capsys.readouterr().out == copied_stats


def test_the_command_line_ctrl_c_says_nothing_was_kept(source: Database, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    source.close()

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(db_transfer, "reset_sequences", interrupted)
    target = tmp_path / "stopped.sqlite3"
    assert run(["--db", str(source.path), "db", "copy", "--to", str(target)]) == 130
    assert "已取消复制" in capsys.readouterr().err
    assert not any(p.name.startswith("stopped") for p in tmp_path.iterdir())


def test_an_unreachable_server_is_one_sentence(source: Database, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source.close()
    url = "postgresql://clerk:secret@127.0.0.1:1/liuzhou"
    assert run(["--db", str(source.path), "db", "copy", "--to", url]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("错误：") and one_message(err) and "secret" not in err


def test_a_citys_clash_between_districts_is_copied_as_it_is(source: Database, tmp_path: Path) -> None:
    """One lecturer in two districts' sessions at once (the city's import lets it in, `check` reports it):
    the copy into a file keeps it, past the file's double-booking triggers, and leaves no waiver behind."""
    with source.transaction() as session:
        session.execute(text(f"INSERT INTO setting (key, value) VALUES ('{lectures.DOUBLE_BOOKING_WAIVER}', '1')"))
        first, second = session.execute(text(
            "SELECT a.id, b.id FROM lecture a JOIN lecture b ON a.district_id <> b.district_id AND a.id < b.id"
            " WHERE a.status = 'held' AND b.status = 'held' AND a.deleted_at IS NULL AND b.deleted_at IS NULL"
            " ORDER BY a.id, b.id LIMIT 1")).one()
        session.execute(text("UPDATE lecture SET held_on = (SELECT held_on FROM lecture WHERE id = :a),"
                             " start_time = NULL, end_time = NULL WHERE id IN (:a, :b)"), {"a": first, "b": second})
        session.execute(text("INSERT INTO lecture_expert (lecture_id, expert_id) SELECT :b, expert_id"
                             " FROM lecture_expert WHERE lecture_id = :a AND expert_id NOT IN"
                             " (SELECT expert_id FROM lecture_expert WHERE lecture_id = :b) LIMIT 1"),
                        {"a": first, "b": second})
        session.execute(text(f"DELETE FROM setting WHERE key = '{lectures.DOUBLE_BOOKING_WAIVER}'"))
    target = tmp_path / "backup.sqlite3"
    copy_database(source, target)
    assert without_zero_rows(stored(target)) == without_zero_rows(stored(source.path))
