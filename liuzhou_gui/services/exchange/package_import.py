"""The city imports a district's 报送包: verified, then the district's year replaced in one transaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import LEVEL_REGIONAL
from ...storage import audit, trash
from ...storage import units as unit_store
from ...storage.campaigns import add_campaign
from ...storage.database import Database
from ...storage.experts import save_expert
from ...storage.lectures import add_lectures
from ...storage.lookups import campaign_years, district_by_name
from ...storage.migrations import is_known_revision
from ...storage.models import Campaign, Expert, Lecture, ReceivedPackage, Unit
from ...storage.paths import received_tables_dir
from ...storage.units import add_units, save_unit
from ..backup import make_backup
from ..files import write_atomically
from ..trust.keys import InstallationKey
from ..trust.policy import read_trusted
from .container import REPORT
from .package_file import PackageContent, check_table_signatures, package_content, package_district
from .package_photos import add_package_photos
from .submissions import already_imported, fill_regional_cards, record_older_stage, record_received

log = logging.getLogger(__name__)


class ImportCancelled(AppError):
    def __init__(self) -> None:
        super().__init__("已取消导入，数据库没有任何改动。")


@dataclass(frozen=True)
class ImportResult:
    district: str
    year: int
    counts: dict[str, int]
    replaced_older: bool
    tables_folder: Path | None = None  # the district's stamped PDFs from the package, when it had any
    stage: str | None = None  # the reporting stage the package submits (None: a full package)
    unchanged: bool = False  # this very package had been imported before: nothing was written
    older_recorded: bool = False  # an older stage package: its 报送 recorded, the newer data kept
    signer_fingerprint: str = ""
    key_recorded: str | None = None  # first_use / confirmed when this import recorded the district's key
    cards_omitted: bool = False  # the district did not have the city's key: no bank card numbers came


def _draft(cls: type, record: dict[str, Any], **extra: Any) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in record.items() if k in names}, **extra)


def _lecture_draft(record: dict[str, Any], year: int, units: dict[int, int], experts: dict[int, int]) -> LectureDraft:
    draft = _draft(LectureDraft, record | {"year": year})
    draft.held_on = date.fromisoformat(record["held_on"]) if record.get("held_on") else None
    draft.start_time = time.fromisoformat(record["start_time"]) if record.get("start_time") else None
    draft.end_time = time.fromisoformat(record["end_time"]) if record.get("end_time") else None
    draft.unit_ids = [units[ref] for ref in record.get("unit_ids", [])]
    draft.expert_ids = [experts[ref] for ref in record.get("expert_ids", [])]
    return draft


def _check_order(session: Session, district_id: int, year: int, created_at: datetime, force: bool) -> bool:
    latest = session.scalars(
        select(ReceivedPackage)
        .where(ReceivedPackage.district_id == district_id, ReceivedPackage.year == year)
        .order_by(ReceivedPackage.created_at.desc()).limit(1)
    ).first()
    if latest is not None and latest.created_at > created_at and not force:
        raise AppError(
            f"已导入过该县区 {year} 年度更新的报送包（生成于 {latest.created_at:%Y-%m-%d %H:%M}），"
            f"这个较旧的报送包（生成于 {created_at:%Y-%m-%d %H:%M}）未导入。确需导入请使用“强制导入”。"
        )
    return latest is not None


def _replace_units(session: Session, district_id: int, district: str, records: list[dict]) -> dict[int, int]:
    live = {u.name: u for u in session.scalars(
        select(Unit).where(Unit.district_id == district_id, Unit.deleted_at.is_(None)))}
    mapping: dict[int, int] = {}
    new: list[tuple[int, UnitDraft]] = []
    for record in records:
        draft = _draft(UnitDraft, record | {"district": district})
        existing = live.pop(draft.name.strip(), None)
        if existing is None:
            new.append((record["ref"], draft))
        elif draft.clean() == unit_store.draft_of(existing).clean():
            mapping[record["ref"]] = existing.id  # unchanged since the last package: nothing to write
        else:
            mapping[record["ref"]] = save_unit(session, draft, existing.id).id
    # New units in one statement per table, as an Excel import writes them (a first package has 1,000s).
    ids = add_units(session, [draft for _, draft in new])
    mapping.update((ref, unit_id) for (ref, _), unit_id in zip(new, ids, strict=True))
    for gone in live.values():  # units the district no longer lists
        trash.move_to_trash(session, Unit, gone.id, gone.name)
    return mapping


def _merge_experts(session: Session, records: list[dict], cards_omitted: bool) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for record in records:
        draft = _draft(ExpertDraft, record)
        existing = session.scalars(select(Expert).where(
            Expert.name == draft.name.strip(), Expert.unit == draft.unit.strip(), Expert.deleted_at.is_(None)
        )).first()
        if existing is not None and existing.level == LEVEL_REGIONAL:
            mapping[record["ref"]] = existing.id  # shared by all districts: the city's copy stays as it is
        else:
            if cards_omitted and existing is not None:  # a package without card numbers keeps the city's
                draft.bank_card = existing.bank_card or ""
            mapping[record["ref"]] = save_expert(session, draft, existing.id if existing else None).id
    return mapping


def import_package(
    db: Database, path: Path, *, force: bool = False, trust: str | None = None, key: InstallationKey | None = None,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """`trust`: the fingerprint the user confirmed for a district whose key is new or changed."""
    container, decision = read_trusted(db, path, REPORT, lambda m: package_district(path, m), confirmed=trust, key=key)
    content: PackageContent = package_content(path, container)
    check_table_signatures(path, content)
    manifest, data = content.manifest, content.data
    if not is_known_revision(str(manifest.get("schema_version", ""))):
        raise AppError(
            f"报送包“{path.name}”由更新版本的本软件生成（数据结构 {manifest.get('schema_version')}），请先升级软件。"
        )
    year = int(data["year"])
    created_at = datetime.fromisoformat(manifest["created_at"])
    total = len(data["units"]) + len(data["experts"]) + len(data["sessions"])
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if cancelled and cancelled():
            raise ImportCancelled()
        if progress and done % 50 == 0:
            progress(done, total)

    known = None if force else already_imported(db, data, content.content_sha256)
    if known is not None:
        return ImportResult(known[0], int(data["year"]), known[1], True, None, manifest.get("stage"), unchanged=True)
    older = None if force else record_older_stage(db, data, manifest, content.content_sha256, path.name, now)
    if older is not None:
        if decision.how is not None:  # its 报送 was recorded: so is the key that signed it
            with db.transaction() as session:
                decision.remember(session)
        return ImportResult(older, int(data["year"]), manifest.get("counts", {}), False, None, manifest.get("stage"),
                            unchanged=True, older_recorded=True)
    make_backup(db, "before-package")
    try:
        with db.transaction() as session:
            district = district_by_name(session, data["district"])
            if district.name != decision.party:  # the key vouches for the district the manifest names
                raise AppError(f"报送包“{path.name}”的说明写的是{decision.party}，"
                               f"数据却是{district.name}的，未写入任何数据。")
            replaced = _check_order(session, district.id, year, created_at, force)
            if year not in campaign_years(session):
                add_campaign(session, year)
            campaign = session.scalars(select(Campaign).where(Campaign.year == year)).one()
            units = _replace_units(session, district.id, district.name, data["units"])
            done += len(units)
            experts = _merge_experts(session, data["experts"], content.cards_omitted)
            done += len(experts)
            # The district's sessions of the year are replaced wholesale, in the trash too.
            session.execute(
                delete(Lecture).where(Lecture.district_id == district.id, Lecture.campaign_id == campaign.id)
            )
            drafts = []
            for record in data["sessions"]:
                drafts.append(_lecture_draft(record, year, units, experts))
                step()
            ids = add_lectures(session, drafts)  # in one go: hundreds of sessions in a fraction of a second
            photos = add_package_photos(session, list(zip(ids, data["sessions"], strict=True)), content.photos)
            district.reporter = data.get("reporter", "")
            district.reporter_phone = data.get("reporter_phone", "")
            counts = {"units": len(units), "experts": len(experts), "sessions": len(data["sessions"]), "photos": photos}
            session.add(ReceivedPackage(
                district_id=district.id, year=year, created_at=created_at,
                content_sha256=content.content_sha256, counts=json.dumps(counts), file_name=path.name[:260],
            ))
            audit.record(session, "import", "district", district.id, f"{district.name} {year} 年度报送包", {})
            decision.remember(session)
            record_received(session, district.id, year, manifest, content.content_sha256, path.name, now)
            fill_regional_cards(session, data["experts"])
    except ValidationError as exc:
        raise AppError(f"报送包“{path.name}”中有不符合规则的记录，未写入任何数据：{exc.message}") from exc
    except (KeyError, ValueError, TypeError) as exc:
        raise AppError(f"报送包“{path.name}”的数据不完整（{exc}），未写入任何数据。") from exc
    if progress:
        progress(total, total)
    folder = _keep_tables(db, year, district.name, content.attachments)
    return ImportResult(district.name, year, counts, replaced, folder, manifest.get("stage"),
                        signer_fingerprint=decision.signer.fingerprint, key_recorded=decision.how,
                        cards_omitted=content.cards_omitted)


def _keep_tables(db: Database, year: int, district: str, tables: dict[str, bytes]) -> Path | None:
    """The district's stamped 附件 PDFs, replacing those of an older package (after the data is in:
    a failure here leaves the imported data intact and is only logged)."""
    if not tables:
        return None
    folder = received_tables_dir(db.path, year, district)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in tables.items():
            # Path(name).name: never a path out of the folder, whatever the package says.
            write_atomically(folder / Path(name).name, lambda path, data=content: path.write_bytes(data))
    except (OSError, AppError):
        log.exception("could not keep the tables of %s %s", district, year)
        return None
    return folder


def received_packages(db: Database) -> list[dict[str, Any]]:
    with db.session() as session:
        rows = session.scalars(select(ReceivedPackage).order_by(ReceivedPackage.received_at.desc())).all()
        return [
            {"district": r.district.name, "year": r.year, "created_at": r.created_at, "received_at": r.received_at,
             "counts": json.loads(r.counts), "file_name": r.file_name}
            for r in rows
        ]
