"""Imports into a shared server database (issue 17): two clerks at once, and a server that dies midway."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from openpyxl import Workbook
from pg_engines import admin_url, server_control
from sqlalchemy import func, select

from liuzhou_gui.domain.errors import AppError, DatabaseUnavailable
from liuzhou_gui.services.importing.apply import apply_import
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import AuditEntry, Unit, unit_category
from liuzhou_gui.storage.paths import DATA_DIR_ENV

pytestmark = pytest.mark.skipif(admin_url() is None, reason="no PostgreSQL server (LIUZHOU_TEST_PG_URL)")
HEADER = ["县区", "单位名称", "单位性质", "活动分类", "职工人数"]


def _units_file(path: Path, names: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for name in names:
        sheet.append(["柳南区", name, "企业", "职业健康，心理健康", 50])
    book.save(path)
    return path


def _import_at_once(url: str, path: str, data_dir: str, barrier, results) -> None:  # a clerk's PC
    os.environ[DATA_DIR_ENV] = data_dir
    db = Database.open(url)
    try:
        plan = plan_import(db, "units", Path(path), "柳南")
        assert not plan.errors and not plan.duplicates
        barrier.wait(timeout=60)  # both have checked their file against the same database
        try:
            results.put(("imported", apply_import(db, plan).created))
        except AppError as exc:
            results.put(("refused", exc.message))
    finally:
        db.close()


def _run_two(url: str, files: list[Path], data_dir: Path) -> list[tuple[str, object]]:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_import_at_once, args=(url, str(f), str(data_dir), barrier, results))
               for f in files]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return sorted(outcomes, key=lambda outcome: outcome[0])


def _counts(url: str) -> tuple[int, int, int]:
    db = Database.open(url)
    try:
        with db.session() as session:
            units = session.scalar(select(func.count()).select_from(Unit)) or 0
            names = session.scalar(select(func.count(func.distinct(Unit.name)))) or 0
            links = session.scalar(select(func.count()).select_from(unit_category)) or 0
            audited = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "unit"))
        assert audited == units  # every unit written has its audit row, no more
        return units, names, links
    finally:
        db.close()


def test_two_clerks_importing_the_same_units_at_once(pg_database: str, tmp_path: Path, data_dir: Path) -> None:
    names = [f"柳南单位{number:04d}" for number in range(300)]
    files = [_units_file(tmp_path / f"clerk{n}.xlsx", names) for n in (1, 2)]
    (first, created), (second, message) = _run_two(pg_database, files, data_dir)
    assert (first, created) == ("imported", 300)
    assert second == "refused" and "同时保存了同名的单位" in str(message) and "没有写入任何数据" in str(message)
    assert _counts(pg_database) == (300, 300, 600)  # one import whole, the other not at all


def test_two_clerks_importing_different_units_at_once(pg_database: str, tmp_path: Path, data_dir: Path) -> None:
    files = [_units_file(tmp_path / f"clerk{n}.xlsx", [f"第{n}位录入员的单位{i}" for i in range(200)]) for n in (1, 2)]
    assert _run_two(pg_database, files, data_dir) == [("imported", 200), ("imported", 200)]
    assert _counts(pg_database) == (400, 400, 800)


def test_the_server_dying_in_the_middle_of_an_import(pg_database: str, tmp_path: Path) -> None:
    control = server_control()
    if control is None:
        pytest.skip("the test server is not ours to stop (LIUZHOU_TEST_PG_URL set by hand)")
    path = _units_file(tmp_path / "units.xlsx", [f"单位{i}" for i in range(500)])
    db = Database.open(pg_database)
    try:
        plan = plan_import(db, "units", path, "柳南")
        stopped = []

        def stop_the_server(done: int, total: int) -> None:  # the units are inserted, not yet committed
            if not stopped:
                control("stop")
                stopped.append(done)

        try:
            with pytest.raises(DatabaseUnavailable) as caught:
                apply_import(db, plan, progress=stop_the_server)
        finally:
            control("start")
        assert stopped == [500]
        assert caught.value.message.startswith("无法连接共享数据库服务器 127.0.0.1:")
        assert "本次操作没有保存" in caught.value.message
        # The server back: nothing of the import is there, and the same import now goes through whole.
        assert _counts(pg_database) == (0, 0, 0)
        assert apply_import(db, plan).created == 500
    finally:
        db.close()
    assert _counts(pg_database) == (500, 500, 1000)
