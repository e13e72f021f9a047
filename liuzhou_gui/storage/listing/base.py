"""A list's query: filter, sort, count and pages of rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..collation import text_order

if TYPE_CHECKING:
    from sqlalchemy import Select

    # A select() of some columns: each list has its own, the base class only adds filters and order.
    Rows: TypeAlias = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Column:
    header: str
    sort: Any  # SQL expression for ORDER BY
    show: Callable[[Any], str]  # row → text
    align_right: bool = False


class ListQuery:
    """Subclasses give columns, `select_rows()`, `where_clauses()` (from `self.filters`) and,
    for many-to-many columns, `extra_values()`."""

    columns: Sequence[Column] = ()
    id_column: Any = None  # the primary key Column (Model.__table__.c.id), the last sort key

    def __init__(self) -> None:
        self.filters: dict[str, Any] = {}

    def select_rows(self) -> Rows:
        """A select() of the row columns (the first one the id), joined as needed."""
        raise NotImplementedError

    def where_clauses(self) -> list[Any]:
        raise NotImplementedError

    def count_statement(self) -> Select[int]:
        """How many rows match; a subclass may count from fewer tables."""
        return select(func.count()).select_from(self.select_rows().where(*self.where_clauses()).subquery())

    def count(self, session: Session) -> int:
        return session.scalar(self.count_statement()) or 0

    def extra_values(self, session: Session, ids: list[int]) -> dict[int, dict[str, str]]:
        """Many-to-many columns (categories, units, lecturers) of the given rows."""
        return {}

    def ordered(self, sort_column: int, descending: bool) -> Rows:
        expression = text_order(self.columns[sort_column].sort)
        key = expression.desc() if descending else expression.asc()
        tie = self.id_column.desc() if descending else self.id_column.asc()
        return self.select_rows().where(*self.where_clauses()).order_by(key, tie)

    def fetch_page(self, session: Session, offset: int, limit: int, sort_column: int,
                   descending: bool) -> list[Any]:
        """The rows offset … offset + limit of the current filter and sort."""
        return list(session.execute(self.ordered(sort_column, descending).limit(limit).offset(offset)))


class RowView:
    """A fetched row with its many-to-many texts: row.name, row.extra('categories')."""

    def __init__(self, row: Any, extra: dict[str, str]) -> None:
        self._row = row
        self._extra = extra

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)

    def extra(self, name: str) -> str:
        return self._extra.get(name, "")


def text_or_blank(value: object) -> str:
    return "" if value is None else str(value)
