"""A district writes its 报送包: its units, experts and sessions of one year, and its stamped tables."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ... import __version__
from ...domain.errors import AppError
from ...domain.stages import Stage
from ...storage import experts as expert_store
from ...storage import lectures as lecture_store
from ...storage import units as unit_store
from ...storage.database import Database
from ...storage.lookups import campaign_for_year, district_by_name
from ...storage.migrations import head_revision
from ...storage.models import Expert, Lecture, Unit
from ..output_guard import check_output
from ..trust.keys import InstallationKey
from ..trust.policy import city_certificate, own_key
from .container import REPORT
from .package_file import CARDS_OMITTED, read_manifest, write_package
from .package_photos import photo_bytes, photo_records

# The district's own tables travel with its data, stamped as it printed them.
PACKAGED_ATTACHMENTS = (2, 3, 5, 6)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    return value


def _record(draft: Any, ref: int) -> dict[str, Any]:
    return {"ref": ref} | {key: _jsonable(value) for key, value in dataclasses.asdict(draft).items()}


def collect_district_data(db: Database, district_name: str, year: int | None) -> dict[str, Any]:
    with db.session() as session:
        district = district_by_name(session, district_name)
        campaign = campaign_for_year(session, year)
        # Related rows loaded in a few queries up front, not one lazy query per unit and session.
        units = session.scalars(
            select(Unit).where(Unit.district_id == district.id, Unit.deleted_at.is_(None)).order_by(Unit.id)
            .options(selectinload(Unit.kind), selectinload(Unit.categories), selectinload(Unit.district))
        ).all()
        lectures = session.scalars(
            select(Lecture)
            .where(Lecture.district_id == district.id, Lecture.campaign_id == campaign.id, Lecture.deleted_at.is_(None))
            .order_by(Lecture.held_on, Lecture.id)
            .options(selectinload(Lecture.units), selectinload(Lecture.categories),
                     selectinload(Lecture.experts).selectinload(Expert.category),
                     selectinload(Lecture.experts).selectinload(Expert.district),
                     selectinload(Lecture.campaign), selectinload(Lecture.district))
        ).all()
        experts = {
            e.id: e for e in session.scalars(
                select(Expert).where(Expert.district_id == district.id, Expert.deleted_at.is_(None))
            )
        }
        # Lecturers from elsewhere (regional experts above all) travel along with the sessions they gave.
        for lecture in lectures:
            experts.update({e.id: e for e in lecture.experts})
        photos, blobs = photo_records(session, [x.id for x in lectures])
        sessions = []
        for x in lectures:
            record = _record(lecture_store.draft_of(x), x.id)
            if x.id in photos:
                record["photos"] = photos[x.id]
            sessions.append(record)
        return {
            "district": district.name,
            "year": campaign.year,
            "reporter": district.reporter,
            "reporter_phone": district.reporter_phone,
            "units": [_record(unit_store.draft_of(u), u.id) for u in units],
            "experts": [_record(expert_store.draft_of(e), e.id) for e in sorted(experts.values(), key=lambda e: e.id)],
            "sessions": sessions,
            "_photos": blobs,  # taken out before the data is written: they travel as members
        }


def _stamped_tables(
    db: Database, district: str, year: int, folder: Path, *, mask_cards: bool, key: InstallationKey,
    numbers: tuple[int, ...] = PACKAGED_ATTACHMENTS,
) -> dict[str, bytes]:
    try:
        from ..reports.export import ExportOptions, export_attachment
    except ImportError:  # a build without the table writers still exchanges the data
        return {}

    tables = {}
    for number in numbers:
        path = export_attachment(
            db, number, district=district, year=year, fmt="pdf", output=folder / f"附件{number}.pdf",
            options=ExportOptions(mask_cards=mask_cards, signing_key=key),
        )
        tables[path.name] = path.read_bytes()
    return tables


@dataclass(frozen=True)
class PackageEstimate:
    photos: int
    photo_bytes: int
    limit_bytes: int  # what the city's reader accepts

    @property
    def megabytes(self) -> float:
        # The data and the stamped tables are small beside the photos: about 1 MB is added for them.
        return round(self.photo_bytes / 1048576 + 1, 1)

    def describe(self) -> str:
        photos = f"，含活动图片 {self.photos} 张" if self.photos else ""
        return f"报送包约 {self.megabytes:g} MB{photos}。"


def estimate_package(db: Database, district_name: str, year: int | None = None) -> PackageEstimate:
    """What a package will weigh, said before it is written (photos are almost all of it)."""
    with db.session() as session:
        district = district_by_name(session, district_name)
        campaign = campaign_for_year(session, year)
        ids = list(session.scalars(select(Lecture.id).where(
            Lecture.district_id == district.id, Lecture.campaign_id == campaign.id, Lecture.deleted_at.is_(None))))
        count, size = photo_bytes(session, ids)
    return PackageEstimate(count, size, REPORT.limits.total_bytes)


def export_package(
    db: Database, district_name: str, output: Path, year: int | None = None, *,
    progress: Callable[[int, int], None] | None = None, stage: Stage | None = None, now: datetime | None = None,
    extra: dict[str, bytes] | None = None, key: InstallationKey | None = None,
) -> Path:
    """The district's whole year of data; with a stage, only that stage's stamped tables travel and the
    manifest names the stage (the city then records the submission). Signed with this installation's
    key (or `key`); encrypted to the city's key when this district has it, otherwise written without
    the bank card numbers (附件6 masks them)."""
    check_output(db.path, output, what="报送包")
    estimate = estimate_package(db, district_name, year)
    if estimate.photo_bytes + (1 << 20) > estimate.limit_bytes:
        raise AppError(f"{estimate.describe()}超过了报送包 {estimate.limit_bytes >> 20} MB 的上限，没有生成。"
                       "请删去部分活动图片后再试。")
    data = collect_district_data(db, district_name, year)
    photos = data.pop("_photos")
    key = key or own_key(db, _bureau(data["district"]))  # first: its certificate then names the tables' signer
    city = city_certificate(db)
    if city is None:
        for expert in data["experts"]:
            expert["bank_card"] = ""
    if progress:
        progress(1, 3)
    numbers = stage.attachments if stage else PACKAGED_ATTACHMENTS
    if stage is not None and 2 not in stage.attachments:
        photos = {}  # the photos travel with 附件2 (the 总结报送 stage) and in a whole-year package
        for record in data["sessions"]:
            record.pop("photos", None)
    with tempfile.TemporaryDirectory() as folder:
        attachments = _stamped_tables(db, data["district"], data["year"], Path(folder), mask_cards=city is None,
                                      key=key, numbers=numbers)
    attachments.update(extra or {})  # the written 工作总结 of the summary stage
    if progress:
        progress(2, 3)
    manifest = {
        "district": data["district"],
        "year": data["year"],
        **({"stage": stage.code} if stage else {}),
        "created_at": (now or datetime.now()).isoformat(timespec="seconds"),
        "app_version": __version__,
        "schema_version": head_revision(),
        "counts": {"units": len(data["units"]), "experts": len(data["experts"]), "sessions": len(data["sessions"]),
                   "photos": sum(len(s.get("photos", [])) for s in data["sessions"])},
    }
    path = write_package(output, manifest, data, attachments, photos, sign_with=key, encrypt_to=city)
    if progress:
        progress(3, 3)
    return path


def _bureau(district: str) -> str:
    from ...domain.reference import find_district

    found = find_district(district)
    return found.bureau_name if found else district


def package_notice(path: Path) -> str:
    """What the district is told once its package is written: to whom it is readable, and whether the
    bank card numbers are in it."""
    manifest, signer = read_manifest(path)
    signed = f"已用本机密钥签名（指纹 {signer.fingerprint}）"
    if manifest.get("card_numbers") == CARDS_OMITTED:
        return (f"{signed}。本机还没有市卫健委的密钥，所以这个报送包没有加密，其中不含专家银行卡号，"
                "附件6 中的卡号已遮盖。收到市卫健委的下发包（或导入市卫健委的密钥文件）后再生成，就会加密并带上卡号。")
    recipient = manifest.get("encryption", {}).get("recipient", "")
    return f"{signed}，并已加密，只有市卫健委（密钥指纹 {recipient}）能打开。"
