"""设置: the bureau and 填报人, a district's seal image, a new campaign year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..services import installation
from ..services.district_settings import set_city_seal as set_city_seal_file
from ..services.district_settings import update_settings
from ..services.installation import Installation
from ..storage.campaigns import add_campaign, mark_new_year_offered
from ..storage.campaigns import set_deadlines as move_deadlines
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


def set_city_seal(db: Database, source: Path | None) -> Outcome[Path | None]:
    """The city office's own seal, for 汇总表, the city-wide 附件6 and the settlement list."""
    return Outcome(set_city_seal_file(db, source), SETTINGS_CHANGES)


def set_deadlines(db: Database, year: int, deadlines: dict[str, date]) -> Outcome[dict]:
    """Move a year's stage deadlines ({stage code: date}); the 工作台 and 报送情况 count against them."""
    with db.transaction() as session:
        changes = move_deadlines(session, year, deadlines)
    return Outcome(changes, Changes.CAMPAIGN | Changes.AUDIT if changes else Changes.NONE)


def answer_new_year(db: Database, year: int, start: bool, copy_from: int | None = None) -> Outcome[int | None]:
    """The new-year question answered (asked once either way): start `year` from `copy_from`'s plan, or wait."""
    with db.transaction() as session:
        mark_new_year_offered(session, year)
        if start:
            add_campaign(session, year, copy_from)
    return Outcome(year if start else None, Changes.CAMPAIGN | Changes.AUDIT if start else Changes.SETTINGS)
