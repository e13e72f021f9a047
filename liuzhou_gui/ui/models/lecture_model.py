"""The 科普活动 list model (its query: storage.listing.lectures)."""

from __future__ import annotations

from ...storage.listing.lectures import LectureList
from .table_model import QueryTableModel


class LectureTableModel(QueryTableModel):
    query_class = LectureList
