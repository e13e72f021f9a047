"""Python's cycle collector paused while an import turns thousands of rows into objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Every row's objects are kept until the import ends, so a collection frees nothing; yet each full
    one walks every object the app holds (pypinyin's dictionaries and SQLAlchemy's, about 250,000), and
    10,000 rows set off several. Reference counting still frees what it can; the collector runs again
    at the end."""
    if not gc.isenabled():  # paused already (a nested import, another thread's)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
