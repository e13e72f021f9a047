"""A database file's whole schema against the one our migrations make for its revision.

A backup that is whole and ours by its tables can still carry extra triggers or views (a file
edited by another program: a trigger that deletes experts whenever a unit is imported). The
reference is made by migrating an empty temporary database to the same revision, once per
revision and process; every entry of sqlite_master (tables, columns, indexes, triggers, views)
must match, the SQL compared with its whitespace normalised (and a table's clauses as a set).
"""

from __future__ import annotations

import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from . import migrations
from .database import create_db_engine

KIND_NAMES = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
Entry = tuple[str, str, str, str]  # type, name, table, normalised SQL


def _split_top_level(body: str) -> list[str]:
    """The comma-separated parts of a table's definition, commas inside brackets and quotes kept."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index].strip())
            start = index + 1
    parts.append(body[start:].strip())
    return parts


def _normal(sql: str | None) -> str:
    """Whitespace collapsed; a table's columns and constraints as a set: Alembic's batch migrations
    write the foreign keys of a rebuilt table in no fixed order."""
    text = " ".join((sql or "").split())
    if not text.upper().startswith("CREATE TABLE") or "(" not in text or ")" not in text:
        return text
    opening, closing = text.index("("), text.rindex(")")
    parts = sorted(_split_top_level(text[opening + 1:closing]))
    return f"{text[:opening].strip()} ({', '.join(parts)}){text[closing + 1:]}"


def schema_of(conn: sqlite3.Connection) -> frozenset[Entry]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    # SQLite's own bookkeeping (AUTOINCREMENT counters, ANALYZE statistics) comes and goes with use.
    return frozenset(
        (kind, name, table, _normal(sql)) for kind, name, table, sql in rows
        if name != "sqlite_sequence" and not name.startswith("sqlite_stat")
    )


@cache
def reference_schema(revision: str) -> frozenset[Entry]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = create_db_engine(path)
        try:
            migrations.upgrade(engine, revision)
        finally:
            engine.dispose()
        conn = sqlite3.connect(path)
        try:
            return schema_of(conn)
        finally:
            conn.close()


def schema_differences(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Each difference as a short Chinese phrase (多出触发器“x”, 表“unit”的结构不同…); empty when equal."""
    actual, expected = schema_of(conn), reference_schema(revision)
    found = []
    expected_names = {(kind, name) for kind, name, *_ in expected}
    actual_names = {(kind, name) for kind, name, *_ in actual}
    for kind, name in sorted(actual_names - expected_names):
        found.append(f"多出{KIND_NAMES.get(kind, kind)}“{name[:40]}”")
    for kind, name in sorted(expected_names - actual_names):
        found.append(f"缺少{KIND_NAMES.get(kind, kind)}“{name}”")
    changed = {(kind, name) for kind, name, *_ in actual ^ expected} & actual_names & expected_names
    found += [f"{KIND_NAMES.get(kind, kind)}“{name}”的定义不同" for kind, name in sorted(changed)]
    return found
