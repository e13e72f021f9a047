"""What a 报送包's data.json may say, checked before the database is touched.

The container (package_file) proves the bytes are the ones the district wrote; this module proves
they say something the city may take: the right shapes and types, one district (the manifest's,
which the confirmation showed), a creation time that is not in the future, and 填报人/联系电话 by
the rule `district set` applies. Each fault is its own Chinese sentence; nothing has been written.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from ...domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from ...domain.errors import AppError, ValidationError
from ...domain.reference import DistrictInfo, find_district
from ..district_settings import checked_contact

# Two office computers' clocks differ by minutes; a package "made" later than that is refused, so a
# wrong clock can never make every later genuine package look older.
CLOCK_TOLERANCE = timedelta(minutes=10)
# Added to the manifest the confirmation shows (never part of a file): the import refuses another file.
CONFIRMED_DIGEST = "_confirmed_sha256"

_TYPE_NAMES = {str: "文字", int: "整数", float: "数字", bool: "是/否", date: "日期", time: "时间"}
_LISTS = {"units": ("单位", UnitDraft), "experts": ("专家", ExpertDraft), "sessions": ("活动", LectureDraft)}


class PackageRefused(AppError):
    """The package's content breaks a rule: the whole package is refused, nothing written."""


@dataclass(frozen=True)
class PackageData:
    district: DistrictInfo
    year: int
    created_at: datetime
    reporter: str
    reporter_phone: str
    units: list[dict[str, Any]]
    experts: list[dict[str, Any]]
    sessions: list[dict[str, Any]]

    @property
    def counts(self) -> dict[str, int]:
        return {"units": len(self.units), "experts": len(self.experts), "sessions": len(self.sessions)}


def _accepts(hint: Any, value: Any) -> bool:
    """Whether a JSON value can stand for a draft field of type `hint`."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(arg, value) for arg in typing.get_args(hint))
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_accepts(item, element) for element in value)
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint in (date, time):
        if not isinstance(value, str):
            return False
        try:
            hint.fromisoformat(value)
        except ValueError:
            return False
        return True
    return isinstance(value, hint)


def _clean_type(hint: Any) -> Any:
    """A draft field's type after clean() (domain.validation.Count: what a package must carry)."""
    return typing.get_args(hint)[1] if typing.get_origin(hint) is typing.Annotated else hint


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return "或".join(_type_name(arg) for arg in typing.get_args(hint) if arg is not type(None)) + "（可为空）"
    if origin is list:
        return f"{_type_name(typing.get_args(hint)[0])}的列表"
    return _TYPE_NAMES.get(hint, getattr(hint, "__name__", str(hint)))


def _check_records(refused: str, key: str, records: Any) -> list[dict[str, Any]]:
    label, draft = _LISTS[key]
    if not isinstance(records, list):
        raise PackageRefused(f"{refused}的数据格式不对：“{key}”应为{label}的列表，未写入任何数据。")
    hints = {name: _clean_type(hint) for name, hint in typing.get_type_hints(draft, include_extras=True).items()}
    refs: set[object] = set()  # the records' ref numbers (checked as int just below)
    for number, record in enumerate(records, start=1):
        where = f"第 {number} 个{label}"
        if not isinstance(record, dict):
            raise PackageRefused(f"{refused}的数据格式不对：{where}不是一条记录，未写入任何数据。")
        ref = record.get("ref")
        if not _accepts(int, ref):
            raise PackageRefused(f"{refused}的数据格式不对：{where}缺少编号（ref），未写入任何数据。")
        if ref in refs:
            raise PackageRefused(f"{refused}的数据格式不对：{where}的编号 {ref} 重复，未写入任何数据。")
        refs.add(ref)
        for field, value in record.items():
            if field in hints and field != "year" and not _accepts(hints[field], value):
                raise PackageRefused(
                    f"{refused}的数据格式不对：{where}的“{field}”应为{_type_name(hints[field])}，未写入任何数据。"
                )
    return records


def _check_references(refused: str, units: list[dict[str, Any]], experts: list[dict[str, Any]],
                      sessions: list[dict[str, Any]]) -> None:
    unit_refs = {record["ref"] for record in units}
    expert_refs = {record["ref"] for record in experts}
    for number, record in enumerate(sessions, start=1):
        if not set(record.get("unit_ids", [])) <= unit_refs:
            raise PackageRefused(f"{refused}的数据不完整：第 {number} 个活动的覆盖单位不在报送包中，未写入任何数据。")
        if not set(record.get("expert_ids", [])) <= expert_refs:
            raise PackageRefused(f"{refused}的数据不完整：第 {number} 个活动的授课专家不在报送包中，未写入任何数据。")


def _check_unique_units(refused: str, units: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for number, record in enumerate(units, start=1):
        name = " ".join(str(record.get("name", "")).split())
        if name in seen:
            raise PackageRefused(f"{refused}中第 {number} 个单位“{name[:30]}”与前面的单位同名，未写入任何数据。")
        seen.add(name)


def _district(refused: str, value: Any, where: str) -> DistrictInfo:
    found = find_district(value) if isinstance(value, str) else None
    if found is None:
        shown = value[:20] + ("…" if len(value) > 20 else "") if isinstance(value, str) else type(value).__name__
        raise PackageRefused(f"{refused}的{where}“{shown}”不是柳州市的县区，未写入任何数据。")
    return found


def _created_at(refused: str, manifest: dict[str, Any], now: datetime) -> datetime:
    try:
        created = datetime.fromisoformat(manifest["created_at"])
    except (KeyError, TypeError, ValueError):
        raise PackageRefused(f"{refused}缺少有效的生成时间，不是本软件生成的报送包。") from None
    if created.tzinfo is not None:  # ours are local wall-clock times
        created = created.astimezone().replace(tzinfo=None)
    if created > now + CLOCK_TOLERANCE:
        raise PackageRefused(
            f"{refused}的生成时间（{created:%Y-%m-%d %H:%M}）晚于本机现在的时间（{now:%Y-%m-%d %H:%M}），"
            "可能是生成它的电脑时钟不准。请核对两台电脑的日期和时间，让县区重新导出后再导入。未写入任何数据。"
        )
    return created


def _bind_manifest(refused: str, manifest: dict[str, Any], district: DistrictInfo, year: int,
                   counts: dict[str, int]) -> None:
    """What the confirmation showed (the manifest) must be exactly what is imported (data.json)."""
    shown = _district(refused, manifest.get("district"), "说明中的县区")
    if shown != district or manifest.get("year") != year:
        raise PackageRefused(
            f"{refused}的说明写的是{shown.name} {str(manifest.get('year'))[:10]} 年度，数据却是{district.name}的"
            f"（{year} 年度），两者不一致，已拒绝导入，未写入任何数据。"
        )
    if "counts" in manifest and manifest["counts"] != counts:
        raise PackageRefused(f"{refused}说明中的记录数与其中的数据不一致，已拒绝导入，未写入任何数据。")


def checked_content(file_name: str, manifest: Any, data: Any, now: datetime | None = None) -> PackageData:
    refused = f"报送包“{file_name}”"
    if not isinstance(manifest, dict) or not isinstance(data, dict):
        raise PackageRefused(f"{refused}的数据格式不对，不是本软件生成的报送包。")
    for key in ("district", "year", *_LISTS):
        if key not in data:
            raise PackageRefused(f"{refused}的数据不完整：缺少“{key}”，未写入任何数据。")
    district = _district(refused, data["district"], "县区")
    year = data["year"]
    if not _accepts(int, year) or not 2000 <= year <= 2100:
        raise PackageRefused(f"{refused}的年度“{str(year)[:20]}”无效，未写入任何数据。")
    units, experts, sessions = (_check_records(refused, key, data[key]) for key in _LISTS)
    _check_references(refused, units, experts, sessions)
    _check_unique_units(refused, units)
    created = _created_at(refused, manifest, now or datetime.now())
    counts = {"units": len(units), "experts": len(experts), "sessions": len(sessions)}
    if isinstance(manifest.get("counts"), dict) and "photos" in manifest["counts"]:
        counts["photos"] = sum(len(s["photos"]) for s in sessions if isinstance(s.get("photos"), list))
    _bind_manifest(refused, manifest, district, year, counts)
    if not all(isinstance(data.get(key) or "", str) for key in ("reporter", "reporter_phone")):
        raise PackageRefused(f"{refused}的数据格式不对：填报人和联系电话应为文字，未写入任何数据。")
    try:
        # A district that has not filled in its 填报人 yet sends none: nothing to check; otherwise the
        # rule `district set` applies, both fields together.
        given = (data.get("reporter") or "", data.get("reporter_phone") or "")
        reporter, phone = checked_contact(*given) if any(given) else given
    except ValidationError as exc:
        raise PackageRefused(f"{refused}中县区的{exc.message}，未写入任何数据。") from exc
    return PackageData(district, year, created, reporter, phone, units, experts, sessions)
