"""The round trip: a district's own 附件3, 附件5 and 活动台账 Excel files, imported into a new database,
give the same statistics as the database they came from."""

from __future__ import annotations

from pathlib import Path

from liuzhou_gui.services.importing.apply import apply_import
from liuzhou_gui.services.importing.plan import plan_import
from liuzhou_gui.services.reports.catalog import LEDGER
from liuzhou_gui.services.reports.export import export_all_districts
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.statistics import campaign_progress

COMPARED = ("categories", "total", "distinct", "regional_sessions", "regional_share", "subsidy", "units_target")


def _statistics(db: Database) -> dict[str, dict]:
    with db.session() as session:
        city = campaign_progress(session)
    return {p.district or "全市": {key: p.as_json()[key] for key in COMPARED} for p in [*city.districts, city]}




def _import_all(db: Database, kind: str, files: list[Path]) -> None:
    for path in files:
        district = path.stem.split("_")[1]
        plan = plan_import(db, kind, path, district)
        assert not plan.errors, [(e.row, e.column, e.message) for e in plan.errors][:5]
        apply_import(db, plan, update_duplicates=False)


def test_the_district_files_import_back_into_the_same_statistics(demo_db, db, tmp_path):
    files = {number: export_all_districts(demo_db, number, fmt="xlsx", folder=tmp_path / str(number))
             for number in (3, 5, LEDGER)}
    _import_all(db, "experts", files[3])
    _import_all(db, "units", files[5])
    _import_all(db, "sessions", files[LEDGER])
    before, after = _statistics(demo_db), _statistics(db)
    assert after == before
    assert after["全市"]["total"]["sessions"] > 100
