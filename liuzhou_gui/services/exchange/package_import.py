"""The city imports a district's 报送包: verified, then the district's year replaced in one transaction."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ...domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import LEVEL_CITY, LEVEL_REGIONAL, DistrictInfo, find_district
from ...domain.stages import STAGE_BY_CODE
from ...storage import audit, trash
from ...storage import experts as expert_store
from ...storage import units as unit_store
from ...storage.campaigns import add_campaign
from ...storage.database import Database
from ...storage.experts import save_expert
from ...storage.lectures import add_lectures
from ...storage.lookups import campaign_years, district_by_name
from ...storage.migrations import is_known_revision
from ...storage.models import Campaign, District, Expert, Lecture, ReceivedPackage, Unit, lecture_unit
from ...storage.paths import received_tables_dir
from ...storage.units import add_units, save_unit
from ..backup import backup_before_change
from ..files import write_atomically
from ..output_guard import check_output
from ..trust.keys import InstallationKey
from ..trust.policy import read_trusted
from .container import REPORT
from .package_content import CLOCK_TOLERANCE, PackageData, PackageRefused, checked_content
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
    newer_seen: datetime | None = None  # a newer package of the district was imported before: only gaps filled
    signer_fingerprint: str = ""
    key_recorded: str | None = None  # first_use / confirmed when this import recorded the district's key
    cards_omitted: bool = False  # the district did not have the city's key: no bank card numbers came

    @property
    def stage_label(self) -> str:
        """The short name of the stage the package submits ("" for a full package)."""
        return STAGE_BY_CODE[self.stage].short if self.stage else ""


def _draft(cls: type, record: dict[str, Any], **extra: Any) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in record.items() if k in names}, **extra)


def _lecture_draft(record: dict[str, Any], year: int, units: dict[int, int], experts: dict[int, int]) -> LectureDraft:
    draft: LectureDraft = _draft(LectureDraft, record | {"year": year})
    draft.held_on = date.fromisoformat(record["held_on"]) if record.get("held_on") else None
    draft.start_time = time.fromisoformat(record["start_time"]) if record.get("start_time") else None
    draft.end_time = time.fromisoformat(record["end_time"]) if record.get("end_time") else None
    draft.unit_ids = [units[ref] for ref in record.get("unit_ids", [])]
    draft.expert_ids = [experts[ref] for ref in record.get("expert_ids", [])]
    return draft


@dataclass(frozen=True)
class Order:
    """Where a package stands among those already received from its district (any year, any order)."""

    newest_of_district: bool  # sets the unit list, 填报人 and phone
    newest_of_year: bool  # sets the sessions of its year
    replaced_older: bool  # an older package of the same year had been imported
    newest_created_at: datetime  # of the district's newest package, this one included
    newer_seen: datetime | None  # the newest package that outranks this one, if any


def _order(session: Session, district_id: int, package: PackageData, force: bool) -> Order:
    # A received package dated in the future (before this check existed) never outranks a genuine one.
    horizon = datetime.now() + CLOCK_TOLERANCE
    rows = session.execute(
        select(ReceivedPackage.year, ReceivedPackage.created_at)
        .where(ReceivedPackage.district_id == district_id, ReceivedPackage.created_at <= horizon)
    ).all()
    created = package.created_at
    newer = [when for _, when in rows if when > created]
    newer_same_year = [when for year, when in rows if year == package.year and when > created]
    newest = created if force or not newer else max(newer)
    return Order(
        newest_of_district=force or not newer, newest_of_year=force or not newer_same_year,
        replaced_older=any(year == package.year and (force or when <= created) for year, when in rows),
        newest_created_at=newest, newer_seen=None if force or not newer else max(newer),
    )


def _refuse_row(file_name: str, what: str, number: int, name: str, owner: str, district: str) -> None:
    raise PackageRefused(
        f"报送包“{file_name}”的第 {number} 个{what}“{name[:30]}”属于{owner}，不属于这个报送包的县区{district}。"
        "县区的报送包只能报送本县区的记录，整个报送包未导入，未写入任何数据。"
    )


def _check_own_rows(file_name: str, package: PackageData) -> None:
    """Units and sessions are the district's own, every one of them."""
    own = package.district
    for what, records in (("单位", package.units), ("活动", package.sessions)):
        for number, record in enumerate(records, start=1):
            stated = record.get("district") or own.name
            found = find_district(stated)
            if found != own:
                owner = found.name if found else f"“{stated[:20]}”"
                _refuse_row(file_name, what, number, str(record.get("name") or record.get("place") or ""),
                            owner, own.name)


def _outranks(created_at: datetime, row_created_at: datetime | None, force: bool) -> bool:
    """A package may change a row that no newer package has set (rows typed in by hand have no time)."""
    return force or row_created_at is None or created_at >= row_created_at


def _merge_units(session: Session, district: District, package: PackageData, order: Order, wanted: set[int],
                 force: bool) -> dict[int, int]:
    """Units by name within the district. Every listed unit when this is the district's newest package;
    otherwise only those its sessions need. A row a newer package set is left as it is."""
    live = {u.name: u for u in session.scalars(
        select(Unit).where(Unit.district_id == district.id, Unit.deleted_at.is_(None)))}
    mapping: dict[int, int] = {}
    new: list[tuple[int, UnitDraft]] = []
    for record in package.units:
        if not order.newest_of_district and record["ref"] not in wanted:
            existing = live.get(str(record.get("name", "")).strip())
            if existing is None or not _outranks(package.created_at, existing.package_created_at, force):
                continue
        draft = _draft(UnitDraft, record | {"district": district.name})
        existing = live.get(draft.name.strip())
        if existing is None:
            new.append((record["ref"], draft))
            continue
        mapping[record["ref"]] = existing.id
        if _outranks(package.created_at, existing.package_created_at, force):
            if draft.clean() != unit_store.draft_of(existing).clean():
                save_unit(session, draft, existing.id)
            existing.package_created_at = package.created_at
    # New units in one statement per table, as an Excel import writes them (a first package has 1,000s).
    ids = add_units(session, [draft for _, draft in new])
    if ids:
        session.execute(update(Unit).where(Unit.id.in_(ids)).values(package_created_at=package.created_at))
    mapping.update((ref, unit_id) for (ref, _), unit_id in zip(new, ids, strict=True))
    return mapping


def _trash_left_over_units(session: Session, district_id: int, order: Order) -> None:
    """Units the district's newest package no longer lists go to the 回收站, unless a session of any
    year still covers them. An older package only clears what packages brought, never rows typed in."""
    used = select(lecture_unit.c.unit_id).join(Lecture).where(Lecture.deleted_at.is_(None))
    query = select(Unit).where(
        Unit.district_id == district_id, Unit.deleted_at.is_(None), Unit.id.not_in(used),
        or_(Unit.package_created_at.is_(None), Unit.package_created_at != order.newest_created_at),
    )
    if not order.newest_of_district:
        query = query.where(Unit.package_created_at.is_not(None))
    for gone in session.scalars(query):
        trash.move_to_trash(session, Unit, gone.id, gone.name)


def _reference_expert(session: Session, file_name: str, draft: ExpertDraft, owner: DistrictInfo | None,
                      own: DistrictInfo) -> int:
    """A lecturer the package may name but not change: regional and city experts are the city's, a
    district expert of another district is that district's. A city expert of the package's own
    district that the city does not know yet is added once (districts propose their city-level
    experts, 附件3); from then on it is the city's copy and no package changes it."""
    query = select(Expert.id).where(
        Expert.name == draft.name.strip(), Expert.unit == draft.unit.strip(), Expert.deleted_at.is_(None))
    if draft.level in (LEVEL_REGIONAL, LEVEL_CITY):
        query = query.where(Expert.level.in_((LEVEL_REGIONAL, LEVEL_CITY)))
        missing = (f"{draft.level}专家由市里统一管理，县区的报送包只能引用、不能新增或修改。"
                   "请先在市里的专家名单中添加这位专家，再导入")
    else:
        query = query.where(Expert.district_id == district_by_name(session, owner.name).id) if owner else query
        missing = f"这位专家属于{owner.name if owner else '其他县区'}，由该县区报送。请先导入该县区的报送包"
    found = session.scalars(query.limit(1)).first()
    if found is None and draft.level == LEVEL_CITY and owner == own:
        found = save_expert(session, draft).id
    if found is None:
        raise PackageRefused(
            f"报送包“{file_name}”中的活动请了专家“{draft.name.strip()[:30]}”（{draft.unit.strip()[:50]}），"
            f"市里的数据库中没有这位专家。{missing}。未写入任何数据。"
        )
    return found


def _merge_experts(session: Session, file_name: str, district: District, package: PackageData,
                   force: bool, cards_omitted: bool) -> dict[int, int]:
    """The district's own experts by name and unit within the district; every other one only referenced."""
    mapping: dict[int, int] = {}
    own = package.district
    for record in package.experts:
        draft = _draft(ExpertDraft, record).clean()  # a bad record refuses the package, referenced or not
        owner = find_district(draft.district) if draft.district else None
        if draft.level in (LEVEL_REGIONAL, LEVEL_CITY) or owner != own:
            mapping[record["ref"]] = _reference_expert(session, file_name, draft, owner, own)
            continue
        existing = session.scalars(select(Expert).where(
            Expert.name == draft.name.strip(), Expert.unit == draft.unit.strip(), Expert.district_id == district.id,
            Expert.deleted_at.is_(None),
        )).first()
        if existing is not None and not _outranks(package.created_at, existing.package_created_at, force):
            mapping[record["ref"]] = existing.id
            continue
        if cards_omitted and existing is not None:  # a package without card numbers keeps the city's
            draft.bank_card = existing.bank_card or ""
        if existing is None or draft.clean() != expert_store.draft_of(existing).clean():
            existing = save_expert(session, draft, existing.id if existing else None)
        existing.package_created_at = package.created_at
        mapping[record["ref"]] = existing.id
    return mapping


def _replace_sessions(session: Session, district: District, campaign: Campaign, package: PackageData,
                      units: dict[int, int], experts: dict[int, int], photos: dict[str, bytes],
                      step: Callable[[], None]) -> int:
    """The year's sessions from this package, with their photos; returns how many photos were added."""
    # The district's sessions of the year are replaced wholesale, in the trash too.
    session.execute(delete(Lecture).where(Lecture.district_id == district.id, Lecture.campaign_id == campaign.id))
    drafts = []
    for record in package.sessions:
        drafts.append(_lecture_draft(record | {"district": district.name}, package.year, units, experts))
        step()
    ids = add_lectures(session, drafts)  # in one go: hundreds of sessions in a fraction of a second
    return add_package_photos(session, list(zip(ids, package.sessions, strict=True)), photos)


def import_package(
    db: Database, path: Path, *, force: bool = False, trust: str | None = None, key: InstallationKey | None = None,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None, expected_digest: str | None = None,
) -> ImportResult:
    """`expected_digest`: the manifest digest of the file the user confirmed (the GUI reads it first);
    `now`: when the city received it (a stage's 报送 is recorded with it); `trust`: the fingerprint the
    user confirmed for a district whose key is new or changed."""
    container, decision = read_trusted(db, path, REPORT, lambda m: package_district(path, m), confirmed=trust, key=key)
    content: PackageContent = package_content(path, container)
    check_table_signatures(path, content)
    manifest = content.manifest
    if expected_digest is not None and content.content_sha256 != expected_digest:
        raise PackageRefused(
            f"报送包“{path.name}”在确认之后被替换或改动过，与确认时显示的不是同一份文件，未导入，未写入任何数据。"
            "请重新选择报送包。"
        )
    if not is_known_revision(str(manifest.get("schema_version", ""))):
        raise AppError(
            f"报送包“{path.name}”由更新版本的本软件生成（数据结构 {str(manifest.get('schema_version'))[:20]}），"
            "请先升级软件。"
        )
    package = checked_content(path.name, manifest, content.data)
    _check_own_rows(path.name, package)
    year = package.year
    total = len(package.units) + len(package.experts) + len(package.sessions)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if cancelled and cancelled():
            raise ImportCancelled()
        if progress and done % 50 == 0:
            progress(done, total)

    data = content.data  # checked above: the district, year and lists are sound
    known = None if force else already_imported(db, data, content.content_sha256)
    if known is not None:
        return ImportResult(known[0], year, known[1], True, None, manifest.get("stage"), unchanged=True)
    older = None if force else record_older_stage(db, data, manifest, content.content_sha256, path.name, now)
    if older is not None:
        if decision.how is not None:  # its 报送 was recorded: so is the key that signed it
            with db.transaction() as session:
                decision.remember(session)
        return ImportResult(older, year, package.counts, False, None, manifest.get("stage"),
                            unchanged=True, older_recorded=True)
    backup_before_change(db, "before-package")
    try:
        with db.transaction() as session:
            district = district_by_name(session, package.district.name)
            if district.name != decision.party:  # the key vouches for the district the manifest names
                raise PackageRefused(f"报送包“{path.name}”的说明写的是{decision.party}，"
                                     f"数据却是{district.name}的，未写入任何数据。")
            order = _order(session, district.id, package, force)
            if year not in campaign_years(session):
                add_campaign(session, year)
            campaign = session.scalars(select(Campaign).where(Campaign.year == year)).one()
            wanted = {ref for record in package.sessions for ref in record.get("unit_ids", [])} \
                if order.newest_of_year else set()
            experts = _merge_experts(session, path.name, district, package, force, content.cards_omitted)
            done += len(experts)
            photos = 0  # the sessions (and their photos) of an older package of the year stay out
            units = _merge_units(session, district, package, order, wanted, force)
            done += len(package.units)
            if order.newest_of_year:
                photos = _replace_sessions(session, district, campaign, package, units, experts, content.photos, step)
            if order.newest_of_district:
                district.reporter, district.reporter_phone = package.reporter, package.reporter_phone
            session.flush()
            _trash_left_over_units(session, district.id, order)
            counts = package.counts | {"photos": photos}
            session.add(ReceivedPackage(
                district_id=district.id, year=year, created_at=package.created_at,
                content_sha256=content.content_sha256, counts=json.dumps(counts), file_name=path.name[:260],
            ))
            audit.record(session, "import", "district", district.id, f"{district.name} {year} 年度报送包", {})
            decision.remember(session)
            record_received(session, district.id, year, manifest, content.content_sha256, path.name, now)
            fill_regional_cards(session, package.experts)
    except ValidationError as exc:
        raise AppError(f"报送包“{path.name}”中有不符合规则的记录，未写入任何数据：{exc.message}") from exc
    except (KeyError, ValueError, TypeError) as exc:
        log.exception("package %s", path.name)
        raise AppError(f"报送包“{path.name}”的数据不完整（{type(exc).__name__}），未写入任何数据。") from exc
    if progress:
        progress(total, total)
    # An older package's tables never replace those of the newer one the city keeps.
    folder = _keep_tables(db, path, year, district.name, content.attachments) if order.newest_of_year else None
    return ImportResult(district.name, year, counts, order.replaced_older and order.newest_of_year, folder,
                        manifest.get("stage"), newer_seen=order.newer_seen,
                        signer_fingerprint=decision.signer.fingerprint, key_recorded=decision.how,
                        cards_omitted=content.cards_omitted)


def _keep_tables(db: Database, source: Path, year: int, district: str, tables: dict[str, bytes]) -> Path | None:
    """The district's stamped 附件 PDFs, replacing those of an older package (after the data is in:
    a failure here leaves the imported data intact and is only logged)."""
    if not tables:
        return None
    folder = received_tables_dir(db.path, year, district)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in tables.items():
            # Path(name).name: never a path out of the folder, whatever the package says.
            target = check_output(db.path, folder / Path(name).name, inputs=[source], what="附件")
            write_atomically(target, partial(Path.write_bytes, data=content))
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
