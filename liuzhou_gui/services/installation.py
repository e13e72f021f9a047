"""Which bureau this installation belongs to, and its 填报人 / 联系电话 (stored in the database).

A district installation keeps its reporter on the District row (printed under 附件2 and 附件5);
the city office keeps its own in the Setting table. The first-start dialog, the settings page and
the command line call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.errors import FieldError, ValidationError
from ..domain.reference import CITY_OFFICE, DISTRICTS, find_district
from ..storage import audit
from ..storage.lookups import INSTALLATION_BUREAU_KEY, district_by_name
from ..storage.models import Setting
from .district_settings import clean_reporter, clean_reporter_phone

BUREAU_KEY = INSTALLATION_BUREAU_KEY
CITY_REPORTER_KEY = "installation.city_reporter"
CITY_PHONE_KEY = "installation.city_reporter_phone"

BUREAU_CHOICES: tuple[str, ...] = (*(d.bureau_name for d in DISTRICTS), CITY_OFFICE)


@dataclass(frozen=True)
class Installation:
    bureau: str  # a district bureau name or CITY_OFFICE
    reporter: str
    reporter_phone: str

    @property
    def district(self) -> str | None:
        """The district's full name, or None for the city office (which sees all districts)."""
        if self.bureau == CITY_OFFICE:
            return None
        found = find_district(self.bureau)
        return found.name if found else None

    @property
    def is_city(self) -> bool:
        return self.district is None


def _get(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def load(session: Session) -> Installation | None:
    """None until the first-start dialog has been completed."""
    bureau = _get(session, BUREAU_KEY)
    if bureau not in BUREAU_CHOICES:
        return None
    if bureau == CITY_OFFICE:
        return Installation(bureau, _get(session, CITY_REPORTER_KEY) or "", _get(session, CITY_PHONE_KEY) or "")
    district = district_by_name(session, bureau)
    return Installation(bureau, district.reporter, district.reporter_phone)


def check(bureau: str, reporter: str, phone: str) -> Installation:
    """A clean Installation, or ValidationError listing each fault."""
    errors: list[FieldError] = []
    if bureau not in BUREAU_CHOICES:
        errors.append(FieldError("bureau", "所属单位", "请选择本软件所属的单位"))
    reporter, message = clean_reporter(reporter)
    if message:
        errors.append(FieldError("reporter", "填报人", message))
    phone, message = clean_reporter_phone(phone)
    if message:
        errors.append(FieldError("reporter_phone", "联系电话", message))
    if errors:
        raise ValidationError(errors)
    return Installation(bureau, reporter, phone)


def save(session: Session, bureau: str, reporter: str, phone: str) -> Installation:
    """Validate and store; raises ValidationError and writes nothing on bad input."""
    result = check(bureau, reporter, phone)
    before = load(session)
    _put(session, BUREAU_KEY, result.bureau)
    if result.is_city:
        _put(session, CITY_REPORTER_KEY, result.reporter)
        _put(session, CITY_PHONE_KEY, result.reporter_phone)
    else:
        district = district_by_name(session, result.bureau)
        district.reporter = result.reporter
        district.reporter_phone = result.reporter_phone
    session.flush()
    old = (before.bureau, before.reporter, before.reporter_phone) if before else (None, None, None)
    audit.record(session, "update" if before else "create", "district", None, result.bureau, audit.diff(
        dict(zip(("bureau", "reporter", "reporter_phone"), old, strict=True)),
        {"bureau": result.bureau, "reporter": result.reporter, "reporter_phone": result.reporter_phone},
    ))
    return result
