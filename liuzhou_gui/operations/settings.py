"""设置: the bureau and 填报人, a district's seal image, a new campaign year."""

from __future__ import annotations

from pathlib import Path

from ..services import installation
from ..services.district_settings import update_settings
from ..services.installation import Installation
from ..storage.campaigns import add_campaign
from ..storage.database import Database
from .core import Changes, Outcome

SETTINGS_CHANGES = Changes.SETTINGS | Changes.AUDIT


def set_seal(db: Database, district: str, source: Path) -> Outcome[None]:
    """The service checks the image (PNG/JPEG), copies it beside the database and records it."""
    update_settings(db, district, seal=source)
    return Outcome(None, SETTINGS_CHANGES)


def add_year(db: Database, year: int) -> Outcome[int]:
    """A new campaign year with the previous year's plan and quotas."""
    with db.transaction() as session:
        add_campaign(session, year)
    return Outcome(year, Changes.CAMPAIGN | Changes.AUDIT)


def save_installation(db: Database, bureau: str, reporter: str, phone: str) -> Outcome[Installation]:
    """Which bureau this installation is, and its 填报人 (the first-start dialog and 设置 → 修改)."""
    with db.transaction() as session:
        return Outcome(installation.save(session, bureau, reporter, phone), SETTINGS_CHANGES)
