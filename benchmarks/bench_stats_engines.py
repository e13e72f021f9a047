"""`campaign_progress` (the city's 附件2 figures) on 100,000 sessions, SQLite against PostgreSQL, in one run.

    bash scripts/pg_test_cluster.sh .venv/bin/python benchmarks/bench_stats_engines.py [--runs 15]
    LIUZHOU_TEST_PG_URL=postgresql://me@host/postgres .venv/bin/python benchmarks/bench_stats_engines.py

The data is bench_stats.py's (build_big_db.py's cached file, built on first use). It is loaded into
a new database on the server named by LIUZHOU_TEST_PG_URL (a superuser: the load turns triggers off
and copies the kept statistics tables as they are, with COPY), then both engines answer the same
question in alternation, one warm-up each. The figures of both must be equal, else exit status 1.
Printed: the load time, each engine's median and a plain count(*) of the sessions on each (the
baseline), and the ratios PostgreSQL/SQLite, since only ratios travel between machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PG_URL_ENV = "LIUZHOU_TEST_PG_URL"
BENCH_DATABASE = "liuzhou_bench_stats"


def _sample_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _alternated_medians(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Each action once per round, rounds repeated: a busy moment of the machine hits both alike."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            samples[name].append(_sample_ms(action))
    return {name: statistics.median(values) for name, values in samples.items()}


def load_into_server(source: Any, admin_url: str) -> tuple[str, float]:
    """A fresh server database with the source's rows (COPY per table, triggers off); its address and seconds."""
    import psycopg
    from psycopg import sql
    from sqlalchemy import select, text
    from sqlalchemy.engine import make_url

    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.models import Base
    from liuzhou_gui.storage.server import sync_sequences

    started = time.perf_counter()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DATABASE)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
    address = make_url(admin_url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    target = Database.open(address)  # the schema at head, empty but for 0001's initial rows
    try:
        tables = Base.metadata.sorted_tables
        raw = target.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert isinstance(conn, psycopg.Connection)
            with conn.cursor() as cur:
                # Rows as they are, kept tables included: no triggers, no foreign key checks during the copy.
                cur.execute("SET session_replication_role = replica")
                for table in reversed(tables):
                    cur.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table.name)))
                with source.engine.connect() as read:
                    for table in tables:
                        names = [column.name for column in table.columns]
                        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names)))
                        with cur.copy(statement) as copy:
                            for row in read.execute(select(*table.columns)):
                                copy.write_row(tuple(row))
                cur.execute("SET session_replication_role = DEFAULT")
            conn.commit()
        finally:
            raw.close()
        with target.engine.begin() as conn2:
            sync_sequences(conn2)
            conn2.execute(text("ANALYZE"))
    finally:
        target.close()
    return address, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="SQLite file to time (default: the cached 100,000-session file)")
    parser.add_argument("--runs", type=int, default=15, help="rounds (each engine once per round)")
    args = parser.parse_args()
    admin_url = os.environ.get(PG_URL_ENV)
    if not admin_url:
        print(f"{PG_URL_ENV} is not set: run through scripts/pg_test_cluster.sh, or name a server.", file=sys.stderr)
        return 2
    os.environ.setdefault("LIUZHOU_GUI_DATA_DIR", tempfile.mkdtemp(prefix="liuzhou_bench_data_"))

    from build_big_db import ensure
    from sqlalchemy import func, select

    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.models import Lecture, Unit
    from liuzhou_gui.storage.statistics import campaign_progress

    file_db = Database.open(args.db or ensure())
    with file_db.session() as session:
        lectures = session.scalar(select(func.count()).select_from(Lecture))
        units = session.scalar(select(func.count()).select_from(Unit))
    print(f"data: {file_db.path.name} — {lectures:,} sessions, {units:,} units; {args.runs} alternated rounds")
    address, load_s = load_into_server(file_db, admin_url)
    server_db = Database.open(address)
    print(f"loaded into PostgreSQL ({server_db.location.display}) in {load_s:.1f} s")

    def stats(db: Database) -> Callable[[], object]:
        def run() -> object:
            with db.session() as session:
                return campaign_progress(session)
        return run

    def count(db: Database) -> Callable[[], object]:
        def run() -> object:
            with db.session() as session:
                return session.scalar(select(func.count()).select_from(Lecture))
        return run

    same = stats(file_db)() == stats(server_db)()  # also the warm-up of each
    medians = _alternated_medians({
        "sqlite": stats(file_db), "postgresql": stats(server_db),
        "sqlite count": count(file_db), "postgresql count": count(server_db),
    }, args.runs)
    file_db.close()
    server_db.close()

    sq, pg = medians["sqlite"], medians["postgresql"]
    print(f"campaign_progress (city)  SQLite      median {sq:7.1f} ms")
    print(f"                          PostgreSQL  median {pg:7.1f} ms   ratio PostgreSQL/SQLite {pg / sq:5.2f}x")
    print(f"baseline count(*) lecture SQLite      median {medians['sqlite count']:7.1f} ms")
    print(f"                          PostgreSQL  median {medians['postgresql count']:7.1f} ms   "
          f"ratio {medians['postgresql count'] / medians['sqlite count']:5.2f}x")
    print(f"figures equal on both engines: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
