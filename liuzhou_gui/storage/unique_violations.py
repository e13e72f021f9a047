"""Which of our unique rules a refused write broke, on either engine.

Two clerks saving or importing the same unit at once both pass the check before the insert; the
partial unique index then refuses the second one (SQLite after its lock wait, PostgreSQL when the
first transaction commits). The caller turns that into a sentence instead of a bug report.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

# The unique index → the table it keeps free of twins (migration 0001's names).
LIVE_NAME_INDEXES = {"uq_unit_district_name_live": "unit", "uq_expert_name_unit_live": "expert"}
# SQLite names the columns, not the index: "UNIQUE constraint failed: unit.district_id, unit.name".
SQLITE_COLUMNS = {"unit.district_id, unit.name": "unit", "expert.name, expert.unit": "expert"}


def duplicate_live_name(exc: IntegrityError) -> str | None:
    """'unit' or 'expert' when `exc` is a twin refused by the live-name unique index, else None."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    if getattr(orig, "sqlstate", None) == "23505" and diag is not None:
        return LIVE_NAME_INDEXES.get(getattr(diag, "constraint_name", None) or "")
    text = str(orig)
    if "UNIQUE constraint failed:" in text:
        return SQLITE_COLUMNS.get(text.split("UNIQUE constraint failed:", 1)[1].strip())
    return None
