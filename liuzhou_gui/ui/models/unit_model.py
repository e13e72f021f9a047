"""The "五进" unit list model (its query: storage.listing.units)."""

from __future__ import annotations

from ...storage.listing.units import UnitList
from .table_model import QueryTableModel


class UnitTableModel(QueryTableModel):
    query_class = UnitList
