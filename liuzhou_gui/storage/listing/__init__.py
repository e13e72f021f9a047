"""The queries behind the GUI's lists (experts, units, 科普活动, 操作记录), without Qt.

Each list is a ListQuery: its columns (title, SQL sort expression, how a row reads), its filters
as WHERE clauses, and pages of rows fetched with LIMIT/OFFSET. The Qt table models in ui/ only
ask these for pages; no SQL is written in ui/.
"""

from .base import Column, ListQuery, RowView, text_or_blank

__all__ = ["Column", "ListQuery", "RowView", "text_or_blank"]
