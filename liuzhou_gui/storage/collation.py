"""Text sorted the same on both engines: by code point, whatever the server's collation.

SQLite compares text byte by byte (BINARY), which for UTF-8 is code point order; a PostgreSQL
database created with a zh_CN or en_US collation would sort the same names differently (and ignore
spaces and punctuation at first). The lists sort by our own pinyin keys, so the server's collation
is switched off for ORDER BY: `COLLATE "C"` on PostgreSQL, the expression unchanged on SQLite.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class codepoint_order(FunctionElement[str]):  # lower case, like SQLAlchemy's own SQL constructs
    """`expression` for ORDER BY, compared by code point on every engine."""

    type = String()
    inherit_cache = True
    name = "codepoint_order"


@compiles(codepoint_order)
def _as_is(element: codepoint_order, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(codepoint_order, "postgresql")
def _collate_c(element: codepoint_order, compiler: SQLCompiler, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


def text_order(expression: Any) -> Any:
    """`expression` itself unless it is text; text wrapped in codepoint_order."""
    return codepoint_order(expression) if isinstance(getattr(expression, "type", None), String) else expression
