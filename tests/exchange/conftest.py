"""Exchange tests run on SQLite and on PostgreSQL (tests/pg_engines.py)."""

from pg_engines import both_engines as engine

__all__ = ["engine"]
