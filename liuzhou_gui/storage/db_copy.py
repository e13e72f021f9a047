"""Copying every row of one database into another, on either engine, and proving the copy equal.

The tables are those of the models (`Base.metadata`), copied in foreign-key order with SQLAlchemy
Core, so a file and a server are just two connections. Ids are copied as they are; card numbers are
copied as stored (ciphertext: the card column's type is swapped for its plain text, nothing is
decrypted or re-encrypted).

The statistics tables kept by triggers (`KEPT_BY_TRIGGERS`, and lecture.category_mask):
- into SQLite they are not copied: the target's own triggers rebuild them while the sessions, their
  categories and their units are inserted, exactly as they keep them in daily use (SQLite cannot
  switch a trigger off, and its triggers cost little here);
- into PostgreSQL the triggers are switched off for the copy (`ALTER TABLE … DISABLE TRIGGER USER`,
  inside the copy's transaction: the owner may, and a rollback switches them back on) and the kept
  tables are copied as they are. Letting them run would update the same few hundred lecture_tally
  rows 100,000 times in one transaction, and PostgreSQL's row versions make that quadratic.
Either way `verify_copy` compares them with the source's kept rows and with a count from scratch on
the target, so a trigger that differs on the target's engine, or a source whose kept tables had
drifted, refuses the copy instead of passing it on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from ..domain.errors import DatabaseError
from .card_crypto import EncryptedCard
from .lectures import DOUBLE_BOOKING_WAIVER
from .models import Base

BATCH_ROWS = 2000
# Written only by the database's triggers (migrations 0008 and 0009): rebuilt by the target's.
KEPT_BY_TRIGGERS = ("unit_coverage", "lecture_tally")
_DIGEST_MODULUS = 1 << 256

# The kept tables' rows that count, and the same figures counted from the sessions themselves.
# Plain SQL both engines read alike (no bit operators, no boolean arithmetic).
KEPT_COVERAGE = "SELECT campaign_id, unit_id, category_id, sessions FROM unit_coverage WHERE sessions != 0"
COVERAGE_FROM_SCRATCH = """
SELECT l.campaign_id, lu.unit_id, lc.category_id, count(*)
FROM lecture AS l
JOIN lecture_unit AS lu ON lu.lecture_id = l.id
JOIN lecture_category AS lc ON lc.lecture_id = l.id
WHERE l.status = 'held' AND l.deleted_at IS NULL
GROUP BY l.campaign_id, lu.unit_id, lc.category_id
"""
KEPT_TALLY = """
SELECT campaign_id, district_id, status, category_id, sessions, people, subsidised FROM lecture_tally
WHERE sessions != 0 OR people != 0 OR subsidised != 0
"""
TALLY_FROM_SCRATCH = """
SELECT l.campaign_id, l.district_id, l.status, c.id, count(*), coalesce(sum(l.attendance), 0),
       sum(CASE WHEN l.subsidised THEN 1 ELSE 0 END)
FROM lecture AS l
JOIN (SELECT 0 AS id UNION ALL SELECT id FROM category) AS c
  ON c.id = 0 OR c.id IN (SELECT category_id FROM lecture_category WHERE lecture_id = l.id)
WHERE l.deleted_at IS NULL
GROUP BY l.campaign_id, l.district_id, l.status, c.id
"""
MASK_MISMATCHES = """
SELECT count(*) FROM lecture AS l
WHERE l.category_mask != coalesce((SELECT sum(c.weight) FROM lecture_category AS lc
                                   JOIN (SELECT id, {weights} AS weight FROM category) AS c ON c.id = lc.category_id
                                   WHERE lc.lecture_id = l.id), 0)
"""


@dataclass(frozen=True)
class CopyProgress:
    """Where a copy is: `done` of `total` rows of `table`, the `index`-th of `tables` tables."""

    table: str
    done: int
    total: int
    index: int
    tables: int


ProgressCallback = Callable[[CopyProgress], None]


@dataclass
class TableSummary:
    """Rows and an order-free digest of their values: equal summaries, equal tables."""

    rows: int = 0
    digest: int = 0

    def add(self, row: Sequence[Any]) -> None:
        self.rows += 1
        self.digest = (self.digest + _row_hash(row)) % _DIGEST_MODULUS


def _row_hash(row: Sequence[Any]) -> int:
    # repr of the values as SQLAlchemy's types give them (int, str, bool, float, date, datetime, bytes):
    # the same on both engines for the same data. Summed, not chained: rows may come in any order.
    return int.from_bytes(hashlib.sha256(repr(tuple(row)).encode("utf-8", "surrogatepass")).digest(), "big")


def _plain_type(column: Column[Any]) -> Any:
    return column.type.impl if isinstance(column.type, EncryptedCard) else column.type


def plain_tables() -> list[Table]:
    """The models' tables in foreign-key order, with card columns as the text they are stored as."""
    metadata = MetaData()
    tables = []
    for table in Base.metadata.sorted_tables:
        columns = [Column(c.name, _plain_type(c), primary_key=c.primary_key, autoincrement=False) for c in table.c]
        tables.append(Table(table.name, metadata, *columns))
    return tables


def copied_tables(*, kept_too: bool = False) -> list[Table]:
    """What is copied: every table, less the kept ones when the target's triggers rebuild them."""
    return [t for t in plain_tables() if kept_too or t.name not in KEPT_BY_TRIGGERS]


def pause_triggers(target: Connection) -> bool:
    """PostgreSQL: the target's own triggers off until `resume_triggers` (True); SQLite: left on (False),
    but for the lecturer double-booking rule (migration 0017), which stands aside as for the city's
    import of 报送包: a city's data may hold clashes between districts, and a copy keeps them as they are.
    Only the app's triggers (USER): the foreign keys are still checked."""
    if target.dialect.name != "postgresql":
        target.execute(insert(_setting()).values(key=DOUBLE_BOOKING_WAIVER, value="1"))
        return False
    for table in plain_tables():
        target.execute(text(f'ALTER TABLE "{table.name}" DISABLE TRIGGER USER'))
    return True


def resume_triggers(target: Connection) -> None:
    """After the rows, before the comparison (the waiver row is no row of the source)."""
    if target.dialect.name != "postgresql":
        target.execute(delete(_setting()).where(_setting().c.key == DOUBLE_BOOKING_WAIVER))
        return
    for table in plain_tables():
        target.execute(text(f'ALTER TABLE "{table.name}" ENABLE TRIGGER USER'))


def _setting() -> Table:
    return Base.metadata.tables["setting"]


def unknown_tables(connection: Connection) -> list[str]:
    """Tables in the database the models do not know (besides Alembic's): a copy would lose them."""
    from sqlalchemy import inspect

    known = {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
    return sorted(set(inspect(connection).get_table_names()) - known)


def empty_tables(target: Connection) -> None:
    """Remove every row of the target (the reference rows its migrations seeded), children first."""
    for table in reversed(plain_tables()):
        target.execute(table.delete())


def copy_rows(source: Connection, target: Connection, progress: ProgressCallback | None = None, *,
              kept_too: bool = False) -> dict[str, TableSummary]:
    """Insert every row of the source's tables into the target's; returns what was read, per table.
    `kept_too`: the kept statistics tables as well (the target's triggers are paused).

    Runs inside the caller's transactions: the source's one read (one consistent snapshot) and the
    target's one write (all or nothing)."""
    tables = copied_tables(kept_too=kept_too)
    summaries: dict[str, TableSummary] = {}
    for index, table in enumerate(tables, start=1):
        total = source.execute(select(func.count()).select_from(table)).scalar_one()
        summary = summaries[table.name] = TableSummary()
        if progress:
            progress(CopyProgress(table.name, 0, total, index, len(tables)))
        query = select(table).order_by(*table.primary_key.columns)
        result = source.execution_options(yield_per=BATCH_ROWS).execute(query)
        for batch in result.partitions():
            for row in batch:
                summary.add(row)
            _insert(target, table, [row._asdict() for row in batch])
            if progress:
                progress(CopyProgress(table.name, summary.rows, total, index, len(tables)))
    return summaries


def _insert(target: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    try:
        target.execute(table.insert(), rows)
    except DBAPIError as exc:
        if exc.connection_invalidated or _is_environmental(exc):
            raise
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
        raise DatabaseError(
            f"目标数据库不接受表“{table.name}”中的数据（{reason[:200]}），复制已取消，目标没有写入任何数据。"
        ) from exc


def _is_environmental(exc: DBAPIError) -> bool:
    from .database import sqlite_result_code

    code = sqlite_result_code(exc.orig) if exc.orig is not None else None
    return code is not None and code != 1 and code != 19  # SQLITE_ERROR, SQLITE_CONSTRAINT: the data's fault


def reset_sequences(target: Connection) -> None:
    """PostgreSQL: each serial id continues after the largest copied id (SQLite needs nothing)."""
    if target.dialect.name == "postgresql":
        from .server import sync_sequences

        sync_sequences(target)


def summarise(connection: Connection, tables: Iterable[Table]) -> dict[str, TableSummary]:
    summaries = {}
    for table in tables:
        summary = summaries[table.name] = TableSummary()
        for batch in connection.execution_options(yield_per=BATCH_ROWS).execute(select(table)).partitions():
            for row in batch:
                summary.add(row)
    return summaries


def kept_statistics(connection: Connection) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The kept tables' rows that count, sorted: (unit_coverage, lecture_tally)."""
    return (sorted(tuple(r) for r in connection.execute(text(KEPT_COVERAGE))),
            sorted(tuple(r) for r in connection.execute(text(KEPT_TALLY))))


def statistics_from_scratch(connection: Connection) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The same figures counted from the sessions, their units and categories."""
    return (sorted(tuple(r) for r in connection.execute(text(COVERAGE_FROM_SCRATCH))),
            sorted(tuple(r) for r in connection.execute(text(TALLY_FROM_SCRATCH))))


def mask_mismatches(connection: Connection) -> int:
    """Sessions whose category_mask (kept by triggers, migration 0007) is not their categories' bits."""
    ids = list(connection.execute(text("SELECT id FROM category")).scalars())
    weights = "CASE id " + " ".join(f"WHEN {int(i)} THEN {1 << (int(i) - 1)}" for i in ids) + " ELSE 0 END"
    if not ids:
        weights = "0"
    return int(connection.execute(text(MASK_MISMATCHES.format(weights=weights))).scalar_one())


def _campaign_figures(connection: Connection) -> dict[int, Any]:
    from sqlalchemy.orm import Session

    from .statistics import campaign_progress

    fixed_day = date(2000, 1, 1)  # deadlines depend on today: the same day on both sides
    with Session(bind=connection) as session:
        years = session.execute(text("SELECT year FROM campaign ORDER BY year")).scalars().all()
        return {year: campaign_progress(session, year, today=fixed_day) for year in years}


@dataclass(frozen=True)
class Mismatch:
    what: str  # Chinese: which table or which figures
    source: str
    target: str


def verify_copy(source: Connection, target: Connection, copied: dict[str, TableSummary]) -> list[Mismatch]:
    """Everything that differs between the source and the finished copy (nothing: the copy is good)."""
    found: list[Mismatch] = []
    written = summarise(target, [t for t in plain_tables() if t.name in copied])
    for name, summary in copied.items():
        theirs = written[name]
        if theirs.rows != summary.rows:
            found.append(Mismatch(f"表“{name}”的行数", str(summary.rows), str(theirs.rows)))
        elif theirs.digest != summary.digest:
            found.append(Mismatch(f"表“{name}”的内容", "原样", "有不同"))
    source_kept, target_kept = kept_statistics(source), kept_statistics(target)
    scratch = statistics_from_scratch(target)
    for index, name in enumerate(KEPT_BY_TRIGGERS):
        if source_kept[index] != target_kept[index]:
            found.append(Mismatch(f"统计表“{name}”", f"{len(source_kept[index])} 行", f"{len(target_kept[index])} 行"))
        if target_kept[index] != scratch[index]:
            found.append(Mismatch(f"统计表“{name}”与逐条重算", f"{len(scratch[index])} 行",
                                  f"{len(target_kept[index])} 行"))
    bad_masks = mask_mismatches(target)
    if bad_masks:
        found.append(Mismatch("活动的类别标记（category_mask）", "0 场不一致", f"{bad_masks} 场不一致"))
    source_figures, target_figures = _campaign_figures(source), _campaign_figures(target)
    for year in sorted(set(source_figures) | set(target_figures)):
        if source_figures.get(year) != target_figures.get(year):
            found.append(Mismatch(f"{year} 年度全市汇总数字", "源数据库", "与源数据库不同"))
    return found
