"""Record versions and the lecturer double-booking rule in the database (several clerks at once)

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-01 22:40:00

With several clerks on one database, a form may save over a record that someone else saved after
the form opened it. Experts, units and sessions get a version, raised by one at every save
(SQLAlchemy's version_id_col): an UPDATE names the version it read, and a form names the version it
opened, so a stale save is refused instead of silently undoing the other clerk's work. Existing rows
start at 1.

A lecturer booked twice at the same time was refused only by a check before the write; two clerks
saving at once could both pass it. Triggers now refuse it in the database too, by the rule of
domain.drafts.slot_of: no start time is the whole day, a start without an end lasts two hours
(capped at 23:59), cancelled sessions and those in the 回收站 do not count, nor lecturers in the
回收站. The city's import of a 报送包 does not check (clashes between districts are reported by
`check`): it writes a `double_booking_waived` setting row inside its own transaction, which no
other transaction sees and which is gone when it ends. On PostgreSQL the trigger first locks the
lecturer's row, so two transactions booking one lecturer check one after the other.

Lists follow other clerks' saves (storage.change_marker). SQLite tells any connection that another has
committed (PRAGMA data_version); PostgreSQL is told by statement triggers on the tables the app writes,
which NOTIFY `liuzhou_changes` (delivered once per transaction, at its commit).
"""

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None

VERSIONED = ("expert", "unit", "lecture")
REFUSAL = "lecturer_double_booked"  # storage.lectures.DOUBLE_BOOKING_REFUSAL


def _seconds(column: str) -> str:
    # SQLAlchemy stores a time as 'HH:MM:SS.ffffff' text in SQLite.
    return (f"(CAST(substr({column}, 1, 2) AS INTEGER) * 3600 + CAST(substr({column}, 4, 2) AS INTEGER) * 60"
            f" + CAST(substr({column}, 7, 2) AS INTEGER))")


def _slot_end(row: str) -> str:
    start = f"{row}.start_time"
    minutes = f"(CAST(substr({start}, 1, 2) AS INTEGER) * 60 + CAST(substr({start}, 4, 2) AS INTEGER))"
    return (f"(CASE WHEN {row}.end_time IS NULL THEN min({minutes} + 120, 1439) * 60"
            f" ELSE {_seconds(f'{row}.end_time')} END)")


def _sqlite_overlap(a: str, b: str) -> str:
    return (f"({a}.start_time IS NULL OR {b}.start_time IS NULL OR"
            f" ({_seconds(f'{a}.start_time')} < {_slot_end(b)} AND {_seconds(f'{b}.start_time')} < {_slot_end(a)}))")


WAIVED = "EXISTS (SELECT 1 FROM setting WHERE key = 'double_booking_waived')"

SQLITE_TRIGGERS = {
    # A lecturer added to a session.
    "lecturer_double_booking_link": ("AFTER INSERT ON lecture_expert", f"""
    SELECT RAISE(ABORT, '{REFUSAL}')
    WHERE NOT {WAIVED} AND EXISTS (
        SELECT 1 FROM lecture AS mine, expert AS e, lecture_expert AS le, lecture AS other
        WHERE mine.id = NEW.lecture_id AND mine.deleted_at IS NULL AND mine.status <> 'cancelled'
          AND e.id = NEW.expert_id AND e.deleted_at IS NULL
          AND le.expert_id = NEW.expert_id AND le.lecture_id <> NEW.lecture_id
          AND other.id = le.lecture_id AND other.deleted_at IS NULL AND other.status <> 'cancelled'
          AND other.held_on = mine.held_on AND {_sqlite_overlap('mine', 'other')});"""),
    # A session moved in time, brought back from 回收站 or from 已取消.
    "lecturer_double_booking_move": (
        "AFTER UPDATE OF held_on, start_time, end_time, status, deleted_at ON lecture", f"""
    SELECT RAISE(ABORT, '{REFUSAL}')
    WHERE NEW.deleted_at IS NULL AND NEW.status <> 'cancelled' AND NOT {WAIVED} AND EXISTS (
        SELECT 1 FROM lecture_expert AS mine, expert AS e, lecture_expert AS le, lecture AS other
        WHERE mine.lecture_id = NEW.id AND e.id = mine.expert_id AND e.deleted_at IS NULL
          AND le.expert_id = mine.expert_id AND le.lecture_id <> NEW.id
          AND other.id = le.lecture_id AND other.deleted_at IS NULL AND other.status <> 'cancelled'
          AND other.held_on = NEW.held_on AND {_sqlite_overlap('NEW', 'other')});"""),
}

# PostgreSQL: the same rule in PL/pgSQL. A slot's end as a time: the stored end, or start + 2 h
# capped at 23:59 (time + interval would wrap past midnight).
POSTGRESQL_FUNCTIONS = f"""
CREATE FUNCTION lecture_slot_end(start_time time, end_time time) RETURNS time
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN end_time IS NOT NULL THEN end_time
                ELSE make_time(LEAST(EXTRACT(HOUR FROM start_time)::int * 60
                                     + EXTRACT(MINUTE FROM start_time)::int + 120, 1439) / 60,
                               LEAST(EXTRACT(HOUR FROM start_time)::int * 60
                                     + EXTRACT(MINUTE FROM start_time)::int + 120, 1439) % 60, 0)
           END
$$;

CREATE FUNCTION lecturer_is_double_booked(lecture_id integer, expert_id integer) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    mine lecture%ROWTYPE;
BEGIN
    IF EXISTS (SELECT 1 FROM setting WHERE key = 'double_booking_waived') THEN
        RETURN false;
    END IF;
    -- One booking of this lecturer at a time: a second transaction waits here, then sees the first's rows.
    PERFORM 1 FROM expert AS e WHERE e.id = lecturer_is_double_booked.expert_id AND e.deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    SELECT * INTO mine FROM lecture AS l WHERE l.id = lecturer_is_double_booked.lecture_id;
    IF mine.deleted_at IS NOT NULL OR mine.status = 'cancelled' THEN
        RETURN false;
    END IF;
    RETURN EXISTS (
        SELECT 1 FROM lecture_expert AS le JOIN lecture AS other ON other.id = le.lecture_id
        WHERE le.expert_id = lecturer_is_double_booked.expert_id AND le.lecture_id <> mine.id
          AND other.deleted_at IS NULL AND other.status <> 'cancelled' AND other.held_on = mine.held_on
          AND (mine.start_time IS NULL OR other.start_time IS NULL
               OR (mine.start_time < lecture_slot_end(other.start_time, other.end_time)
                   AND other.start_time < lecture_slot_end(mine.start_time, mine.end_time))));
END
$$;

CREATE FUNCTION lecturer_double_booking_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF lecturer_is_double_booked(NEW.lecture_id, NEW.expert_id) THEN
        RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'exclusion_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION lecturer_double_booking_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    booked integer;
BEGIN
    FOR booked IN SELECT le.expert_id FROM lecture_expert AS le WHERE le.lecture_id = NEW.id ORDER BY le.expert_id LOOP
        IF lecturer_is_double_booked(NEW.id, booked) THEN
            RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'exclusion_violation';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER lecturer_double_booking_link AFTER INSERT ON lecture_expert
    FOR EACH ROW EXECUTE FUNCTION lecturer_double_booking_link();
CREATE TRIGGER lecturer_double_booking_move
    AFTER UPDATE OF held_on, start_time, end_time, status, deleted_at ON lecture
    FOR EACH ROW WHEN (NEW.deleted_at IS NULL AND NEW.status <> 'cancelled')
    EXECUTE FUNCTION lecturer_double_booking_move();
"""

CHANGE_CHANNEL = "liuzhou_changes"  # storage.change_marker.CHANGE_CHANNEL
# The tables a user's action writes (not the statistics, which only follow them, nor alembic_version).
NOTIFYING_TABLES = (
    "district", "category", "unit_kind", "campaign", "plan_target", "subsidy_quota", "expert", "unit",
    "unit_category", "lecture", "lecture_unit", "lecture_category", "lecture_expert", "lecture_photo", "setting",
    "audit_log", "received_package", "submission", "applied_directive", "trusted_key",
)
POSTGRESQL_NOTIFY = f"""
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANGE_CHANNEL}', '');
    RETURN NULL;
END
$$;
""" + "".join(
    f"CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
    " FOR EACH STATEMENT EXECUTE FUNCTION notify_change();\n"
    for table in NOTIFYING_TABLES
)

POSTGRESQL_DROP = "".join(f"DROP TRIGGER IF EXISTS notify_change ON {table};\n" for table in NOTIFYING_TABLES) + """
DROP FUNCTION IF EXISTS notify_change();
DROP TRIGGER IF EXISTS lecturer_double_booking_move ON lecture;
DROP TRIGGER IF EXISTS lecturer_double_booking_link ON lecture_expert;
DROP FUNCTION IF EXISTS lecturer_double_booking_move();
DROP FUNCTION IF EXISTS lecturer_double_booking_link();
DROP FUNCTION IF EXISTS lecturer_is_double_booked(integer, integer);
DROP FUNCTION IF EXISTS lecture_slot_end(time, time);
"""


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in VERSIONED:
        # A database whose revision was set back by hand (tests do) may have the column already.
        if 'version' not in {column['name'] for column in inspector.get_columns(table)}:
            op.add_column(table, sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
    if bind.dialect.name == "postgresql":
        op.execute(POSTGRESQL_DROP)
        op.execute(POSTGRESQL_FUNCTIONS)
        op.execute(POSTGRESQL_NOTIFY)
        return
    for name, (when, body) in SQLITE_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {when}\nBEGIN{body}\nEND")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_DROP)
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in reversed(VERSIONED):
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
