"""The expert list model (its query: storage.listing.experts); card numbers masked by default."""

from __future__ import annotations

from ...storage.listing.experts import ExpertList
from .table_model import QueryTableModel


class ExpertTableModel(QueryTableModel):
    query_class = ExpertList
    query: ExpertList

    @property
    def reveal_cards(self) -> bool:
        return self.query.reveal_cards

    def set_reveal_cards(self, reveal: bool) -> None:
        """Full bank card numbers only while the user asks for it (list_pages records the reveal)."""
        self.query.reveal_cards = reveal
        if self.loaded:
            self.refresh()
