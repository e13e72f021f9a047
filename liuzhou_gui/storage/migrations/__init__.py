"""Alembic migrations shipped inside the package and run when a database is opened."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from ...domain.errors import DatabaseError
from ..backup import backup_before

MIGRATIONS_DIR = Path(__file__).parent


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_known_revision(revision: str) -> bool:
    """False for a revision written by a newer version of the app."""
    script = ScriptDirectory.from_config(alembic_config())
    return revision in {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        # Batch migrations copy tables; foreign keys must be off, and the pragma only takes
        # effect outside a transaction, so it is set on the raw connection first.
        conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
        conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")


def upgrade_to_head(engine: Engine, db_path: Path) -> None:
    """Bring a database to the current schema; refuse one this app cannot understand."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return
    if current is None:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
        if tables:
            raise DatabaseError(f"文件“{db_path.name}”是其他软件的数据库，不是本软件的数据库，软件没有改动它。")
    else:
        if not is_known_revision(current):
            raise DatabaseError(
                f"数据库“{db_path.name}”由更新版本的本软件创建（结构版本 {current}），"
                "当前版本无法打开。请安装最新版本后再打开，软件没有改动它。"
            )
        backup_before(db_path, f"before-upgrade-{current}")
    upgrade(engine)
