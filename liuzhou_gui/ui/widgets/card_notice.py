"""Bank card numbers in the GUI: the notice when this PC cannot read them, and audited reveals."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.errors import AppError
from ...storage import audit
from ...storage.card_crypto import card_key_notice
from ...storage.database import Database
from .. import messages


class CardKeyBanner(QLabel):
    """A red line above the pages while card numbers cannot be decrypted here; hidden otherwise."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #fdecea; color: #b71c1c; padding: 6px 10px; "
                           "border: 1px solid #f5c6c3; }")
        self.refresh()

    def refresh(self) -> None:
        with self.db.session() as session:
            text = card_key_notice(session)
        self.setText(text or "")
        self.setVisible(bool(text))


def audited_reveal(parent: QWidget | None, db: Database, expert_id: int | None, label: str) -> bool:
    """Write the reveal to the 操作记录 first; False (and a message) when it cannot be recorded."""
    try:
        with db.transaction() as session:
            audit.record_card_reveal(session, expert_id, label)
    except Exception as exc:  # whatever stopped the record, the number stays hidden
        reason = exc.message if isinstance(exc, AppError) else "数据库暂时无法写入"
        messages.warning(parent, f"无法记录这次查看（{reason}），完整银行卡号没有显示。", "无法显示银行卡号")
        return False
    return True
