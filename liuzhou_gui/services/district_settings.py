"""A district's 填报人, 联系电话 and seal image: validated together, written together or not at all.

The seal must be a real PNG or JPEG (Pillow opens and verifies it, whatever the file is called).
It is copied into the seals folder beside the database under a name made of the district code and
a hash of the content, so a new seal never overwrites the file an older one still points to.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..domain import validation as v
from ..domain.errors import AppError, FieldError, ValidationError
from ..storage import audit
from ..storage.database import Database
from ..storage.lookups import district_by_name, districts
from ..storage.models import Setting
from ..storage.paths import seals_dir

SEAL_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
MAX_SEAL_BYTES = 10 * 1024 * 1024

KEEP = object()  # "leave this field as it is"


@dataclass(frozen=True)
class DistrictSettings:
    name: str
    short_name: str
    bureau_name: str
    reporter: str
    reporter_phone: str
    seal_file: str | None
    seal_path: Path | None  # None when no seal is set or its file is missing


def clean_reporter(reporter: object) -> tuple[str, str | None]:
    """The one rule for 填报人, in the first-start dialog, 设置 and `liuzhou-gui district`: required
    (附件2 and 附件5 print it under the table), a person's name, not too long."""
    name = v.clean_person_name(reporter)
    return name, v.check_required(name) or v.check_length(name, v.MAX_PERSON_NAME)


def clean_reporter_phone(phone: object) -> tuple[str, str | None]:
    """The one rule for the 填报人's 联系电话: required, a valid phone number."""
    number = v.normalize_phone(str(phone))
    return number, v.check_required(number) or v.check_length(number, v.MAX_PHONE) or v.check_phone(number)


def read_settings(db: Database, district: str | None = None) -> list[DistrictSettings]:
    """Every district in plan order, or the one named."""
    folder = seals_dir(db.path)
    with db.session() as session:
        rows = [district_by_name(session, district)] if district else districts(session)
        return [
            DistrictSettings(
                d.name, d.short_name, d.bureau_name, d.reporter, d.reporter_phone, d.seal_file,
                (folder / d.seal_file) if d.seal_file and (folder / d.seal_file).is_file() else None,
            )
            for d in rows
        ]


def update_settings(
    db: Database, district: str, *, reporter: object = KEEP, phone: object = KEEP,
    seal: Path | object | None = KEEP,
) -> DistrictSettings:
    """Change the fields given (seal=None removes the seal). Bad input raises and changes nothing."""
    errors: list[FieldError] = []
    changes: dict[str, object] = {}
    if reporter is not KEEP:
        name, message = clean_reporter(reporter)
        if message:
            errors.append(FieldError("reporter", "填报人", message))
        changes["reporter"] = name
    if phone is not KEEP:
        number, message = clean_reporter_phone(phone)
        if message:
            errors.append(FieldError("reporter_phone", "联系电话", message))
        changes["reporter_phone"] = number
    suffix = None
    if isinstance(seal, Path):
        try:
            suffix = seal_suffix(seal)
        except AppError as exc:
            errors.append(FieldError("seal_file", "公章图片", exc.message))
    if errors:
        raise ValidationError(errors)

    copied: Path | None = None
    with db.transaction() as session:
        row = district_by_name(session, district)  # an unknown name fails before any file is copied
        if isinstance(seal, Path):
            assert suffix is not None
            copied = _copy_seal(seal, db.path, row.code, suffix)
            changes["seal_file"] = copied.name
        elif seal is None:
            changes["seal_file"] = None
        before = {key: getattr(row, key) for key in changes}
        for key, value in changes.items():
            setattr(row, key, value)
        audit.record(session, "update", "district", row.id, row.name, audit.diff(before, changes))
        name = row.name
    return read_settings(db, name)[0]


def checked_contact(reporter: object, phone: object) -> tuple[str, str]:
    """填报人 and 联系电话 cleaned by the rule `district set` applies (a 报送包 carries them too)."""
    (name, name_error), (number, number_error) = clean_reporter(reporter), clean_reporter_phone(phone)
    errors = [FieldError(field, label, message) for field, label, message in (
        ("reporter", "填报人", name_error), ("reporter_phone", "联系电话", number_error)) if message]
    if errors:
        raise ValidationError(errors)
    return name, number


def seal_suffix(path: Path) -> str:
    """".png" or ".jpg" for a readable PNG/JPEG image; AppError with a Chinese reason otherwise."""
    if not path.is_file():
        raise AppError(f"找不到文件“{path}”。")
    if path.stat().st_size > MAX_SEAL_BYTES:
        raise AppError(f"“{path.name}”太大（超过 10 MB），请使用扫描得到的公章图片。")
    try:
        with Image.open(path) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise AppError(f"“{path.name}”不是可以打开的 PNG 或 JPEG 图片。") from None
    if image_format not in SEAL_FORMATS:
        raise AppError(f"“{path.name}”是 {image_format} 图片，公章只支持 PNG 或 JPEG 格式。")
    return SEAL_FORMATS[image_format]


def _copy_seal(source: Path, db_path: Path, code: str, suffix: str) -> Path:
    content = source.read_bytes()
    target = seals_dir(db_path) / f"{code}-{hashlib.sha256(content).hexdigest()[:12]}{suffix}"
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        try:
            with open(partial, "wb") as out:
                out.write(content)
            shutil.move(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise AppError(f"无法保存公章图片：{exc.strerror or exc}") from exc
    return target


CITY_SEAL_KEY = "installation.city_seal"
CITY_CODE = "city"


def city_seal_path(db: Database) -> Path | None:
    """The city office's own seal (设置), for its tables: 汇总表, the city-wide 附件6, the settlement list."""
    with db.session() as session:
        row = session.get(Setting, CITY_SEAL_KEY)
        name = row.value if row else ""
    path = seals_dir(db.path) / name if name else None
    return path if path and path.is_file() else None


def set_city_seal(db: Database, seal: Path | None) -> Path | None:
    """Set (a checked PNG/JPEG, copied into the seals folder) or remove (None) the city's seal. Audited."""
    copied = _copy_seal(seal, db.path, CITY_CODE, seal_suffix(seal)) if seal is not None else None
    with db.transaction() as session:
        row = session.get(Setting, CITY_SEAL_KEY)
        before = row.value if row else ""
        value = copied.name if copied else ""
        if row is None:
            session.add(Setting(key=CITY_SEAL_KEY, value=value))
        else:
            row.value = value
        audit.record(session, "update", "setting", None, "市卫健委公章", audit.diff({"seal_file": before},
                                                                                     {"seal_file": value}))
    return copied
