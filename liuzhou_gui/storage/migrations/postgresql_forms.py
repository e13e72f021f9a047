"""PostgreSQL's forms of the SQLite triggers that keep the statistics (migrations 0007, 0008, 0009).

SQLite writes a trigger as `CREATE TRIGGER name timing BEGIN body END`; PostgreSQL needs a plpgsql
function holding the body and a row trigger calling it. The bodies stay in each migration.
"""

from __future__ import annotations

from alembic import op


def on_postgresql() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def pg_trigger_sql(name: str, timing: str, body: str) -> list[str]:
    """PostgreSQL's form of `CREATE TRIGGER name timing BEGIN body END`: a plpgsql function and a row
    trigger calling it (a BEFORE DELETE trigger returns OLD, or the row would not be deleted)."""
    returned = "OLD" if timing.startswith("BEFORE DELETE") else "NULL"
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN {body}\n"
        f"    RETURN {returned};\nEND $body$",
        f"CREATE TRIGGER {name} {timing} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def pg_drop_trigger_sql(name: str, timing: str) -> list[str]:
    table = timing.rsplit(" ON ", 1)[1]
    return [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
