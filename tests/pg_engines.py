"""Running tests on both engines: SQLite files and the throw-away PostgreSQL cluster (issue 17).

`bash scripts/dev.sh test` starts the cluster (scripts/pg_test_cluster.sh) and exports its address
as LIUZHOU_TEST_PG_URL (a superuser, trust authentication, on 127.0.0.1). A directory turns the
PostgreSQL variants on in its conftest.py with `engine = both_engines`; the `db` fixture (tests/conftest.py)
then opens a fresh, migrated server database for the `postgresql` variant: the schema is migrated
once per run into a template database, and each test gets `CREATE DATABASE … TEMPLATE` (a file copy
on the server, some tens of milliseconds), dropped afterwards.

Without the variable the `postgresql` variants are skipped with the reason; under CI (CI=true) the
run stops at once instead, so CI never passes without them.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

PG_URL_ENV = "LIUZHOU_TEST_PG_URL"
ENGINES = ("sqlite", "postgresql")
NO_SERVER_REASON = (
    f"no PostgreSQL server for the tests: {PG_URL_ENV} is not set "
    "(run `bash scripts/dev.sh test`, which starts a throw-away cluster, or set it to a superuser's URL)"
)
_numbers = itertools.count(1)


def admin_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def require_server_under_ci() -> None:
    """CI must run the PostgreSQL variants: fail the whole run when the cluster is missing."""
    if os.environ.get("CI", "").lower() in ("true", "1", "yes") and not admin_url():
        raise pytest.UsageError(f"CI=true but {PG_URL_ENV} is not set: the PostgreSQL test cluster did not start")


def database_url(name: str) -> str:
    """The address of database `name` on the test server, as the app's --db takes it."""
    url = make_url(_required_admin_url()).set(database=name)
    return url.render_as_string(hide_password=False)


def _required_admin_url() -> str:
    url = admin_url()
    if url is None:
        pytest.skip(NO_SERVER_REASON)
    return url


def admin_connection() -> psycopg.Connection:
    """A superuser connection to the cluster's `postgres` database, autocommit (CREATE/DROP DATABASE)."""
    return psycopg.connect(_required_admin_url(), autocommit=True)


def create_database(name: str, *, template: str | None = None) -> str:
    with admin_connection() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            # FILE_COPY (PostgreSQL 15+) copies the template's files: half the time of the default
            # WAL_LOG for a database this small (about 60 against 120 ms here).
            strategy = sql.SQL(" STRATEGY FILE_COPY") if conn.info.server_version >= 150000 else sql.SQL("")
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}{}").format(
                sql.Identifier(name), sql.Identifier(template), strategy))
    return database_url(name)


def drop_database(name: str) -> None:
    with admin_connection() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def unique_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{next(_numbers)}"


def server_control() -> Callable[[str], None] | None:
    """`pg_ctl stop`/`start` of the test cluster (for the tests that kill the server mid-import), or
    None when the server is not ours (LIUZHOU_TEST_PG_URL set by hand)."""
    pg_ctl, data = os.environ.get("LIUZHOU_TEST_PG_CTL"), os.environ.get("LIUZHOU_TEST_PG_DATA")
    if not pg_ctl or not data:
        return None
    run_as = os.environ.get("LIUZHOU_TEST_PG_RUN_AS")
    prefix = ["runuser", "-u", run_as, "--"] if run_as else []

    def control(action: str) -> None:
        if action == "stop":  # as a crash or a pulled cable would: no goodbye to the clients
            command = [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"]
        else:
            command = [pg_ctl, "-D", data, "-l", os.environ["LIUZHOU_TEST_PG_LOG"],
                       "-o", os.environ["LIUZHOU_TEST_PG_OPTS"], "-w", "-t", "60", "start"]
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=90)

    return control


@pytest.fixture(params=ENGINES)
def both_engines(request: pytest.FixtureRequest) -> str:
    """`engine = both_engines` in a directory's conftest.py runs its `db` tests on both engines."""
    if request.param == "postgresql" and admin_url() is None:
        pytest.skip(NO_SERVER_REASON)
    return str(request.param)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database migrated to head once per run, the template of every test's own database."""
    from liuzhou_gui.storage.database import Database

    name = unique_name("lz_template")
    Database.open(create_database(name)).close()  # close: a template must have no connections
    yield name
    drop_database(name)


@pytest.fixture
def pg_database(pg_template: str) -> Iterator[str]:
    """A fresh, migrated server database for this test: its --db address."""
    name = unique_name("lz_test")
    url = create_database(name, template=pg_template)
    yield url
    drop_database(name)


@pytest.fixture(scope="session")
def pg_demo_template(pg_template: str, card_key: Path, demo_seed: int, tmp_path_factory: pytest.TempPathFactory,
                     ) -> Iterator[str]:
    """The demo data once per run on the server (as tests/conftest.py's demo_master is for SQLite),
    its bank cards under the run's card key: the template of every test's demo database there."""
    from liuzhou_gui.services.demo import fill_demo
    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.paths import DATA_DIR_ENV

    name = unique_name("lz_demo")
    folder = tmp_path_factory.mktemp("pg-demo") / "data"
    (folder / "keys").mkdir(parents=True)
    shutil.copy2(card_key, folder / "keys" / card_key.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(folder))
        database = Database.open(create_database(name, template=pg_template))
        try:
            fill_demo(database, seed=demo_seed)
        finally:
            database.close()
    yield name
    drop_database(name)


@pytest.fixture
def pg_demo_database(pg_demo_template: str) -> Iterator[str]:
    """A private copy of the server's demo database for this test: its --db address."""
    name = unique_name("lz_demo_test")
    url = create_database(name, template=pg_demo_template)
    yield url
    drop_database(name)


@pytest.fixture
def new_pg_database() -> Iterator[Callable[[], str]]:
    """Makes empty server databases (no schema) for tests of opening and migrating; all dropped afterwards."""
    names: list[str] = []

    def make() -> str:
        names.append(unique_name("lz_empty"))
        return create_database(names[-1])

    yield make
    for name in names:
        drop_database(name)
