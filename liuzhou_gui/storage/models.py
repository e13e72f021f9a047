"""SQLAlchemy ORM models: the database schema of the campaign.

Reference rows (districts, categories, unit kinds) are seeded by the first migration.
Experts, units and lecture sessions are soft-deleted (deleted_at) so that a 回收站 can restore them.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .card_crypto import EncryptedCard

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class District(Base):
    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    short_name: Mapped[str] = mapped_column(String(10), unique=True)
    bureau_name: Mapped[str] = mapped_column(String(40))
    plan_order: Mapped[int]
    # Printed under the 附件2 and 附件5 tables.
    reporter: Mapped[str] = mapped_column(String(30), default="")
    reporter_phone: Mapped[str] = mapped_column(String(30), default="")
    # File name of the bureau's seal PNG inside the data folder's seals/ directory.
    seal_file: Mapped[str | None] = mapped_column(String(200))


class Category(Base):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    sort_order: Mapped[int]
    planned: Mapped[bool]  # appears as a plan column of 附件1


class UnitKind(Base):
    __tablename__ = "unit_kind"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(10), unique=True)
    sort_order: Mapped[int]


class Campaign(Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    activity_start: Mapped[date] = mapped_column(Date)
    activity_end: Mapped[date] = mapped_column(Date)
    experts_deadline: Mapped[date] = mapped_column(Date)
    units_deadline: Mapped[date] = mapped_column(Date)
    report_deadline: Mapped[date] = mapped_column(Date)
    city_min_experts: Mapped[int]
    city_min_sessions: Mapped[int]
    city_min_units: Mapped[int]
    district_min_sessions: Mapped[int]
    district_min_units: Mapped[int]
    # Stored as per-mille to keep an exact integer (200 = 20%).
    regional_share_min_permille: Mapped[int]

    targets: Mapped[list[PlanTarget]] = relationship(back_populates="campaign", cascade="all, delete-orphan")
    quotas: Mapped[list[SubsidyQuota]] = relationship(back_populates="campaign", cascade="all, delete-orphan")

    @property
    def regional_share_min(self) -> float:
        return self.regional_share_min_permille / 1000


class PlanTarget(Base):
    """附件1: planned sessions of one district in one category."""

    __tablename__ = "plan_target"
    __table_args__ = (UniqueConstraint("campaign_id", "district_id", "category_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    sessions: Mapped[int]

    campaign: Mapped[Campaign] = relationship(back_populates="targets")
    district: Mapped[District] = relationship()
    category: Mapped[Category] = relationship()


class SubsidyQuota(Base):
    """Regional-expert lectures the region subsidises for a district."""

    __tablename__ = "subsidy_quota"
    __table_args__ = (UniqueConstraint("campaign_id", "district_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    lectures: Mapped[int]

    campaign: Mapped[Campaign] = relationship(back_populates="quotas")
    district: Mapped[District] = relationship()


class Expert(Base):
    __tablename__ = "expert"
    __table_args__ = (
        # No duplicate expert: same name and unit, among records not in the 回收站.
        Index("uq_expert_name_unit_live", "name", "unit", unique=True, sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(10))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    unit: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    # Encrypted in the file (storage.card_crypto); plain, or UnreadableCard without the key, in Python.
    bank_card: Mapped[str] = mapped_column(EncryptedCard(), default="")
    group_name: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Order of the plan's own lists (附件4); new records sort after them by id.
    list_order: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When the 报送包 that last set this row was made (packages arrive in any order: the newest wins).
    package_created_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Lowercase text + pinyin initials + full pinyin of the searchable fields (domain.search).
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The name\'s pinyin, for lists sorted as Chinese readers expect (domain.search.sort_key).
    name_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    # Raised by one at every save (migration 0017): a form saves only over the version it opened.
    version: Mapped[int] = mapped_column(server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

    district: Mapped[District | None] = relationship()
    category: Mapped[Category] = relationship()


unit_category = Table(
    "unit_category",
    Base.metadata,
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("category.id"), primary_key=True),
)


class Unit(Base):
    """A "五进" unit: where lectures happen."""

    __tablename__ = "unit"
    __table_args__ = (
        Index(
            "uq_unit_district_name_live", "district_id", "name", unique=True,
            sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    name: Mapped[str] = mapped_column(String(100))
    kind_id: Mapped[int] = mapped_column(ForeignKey("unit_kind.id"))
    credit_code: Mapped[str] = mapped_column(String(18), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(30), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    industry: Mapped[str] = mapped_column(String(50), default="")
    worker_count: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    package_created_at: Mapped[datetime | None] = mapped_column(DateTime)  # as Expert.package_created_at
    # Lowercase text + pinyin initials + full pinyin of the searchable fields (domain.search).
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The name\'s pinyin, for lists sorted as Chinese readers expect (domain.search.sort_key).
    name_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    # Raised by one at every save (migration 0017): a form saves only over the version it opened.
    version: Mapped[int] = mapped_column(server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

    district: Mapped[District] = relationship()
    kind: Mapped[UnitKind] = relationship()
    categories: Mapped[list[Category]] = relationship(secondary=unit_category, order_by=Category.sort_order)


lecture_unit = Table(
    "lecture_unit",
    Base.metadata,
    Column("lecture_id", ForeignKey("lecture.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True),
    # Unit → sessions without touching the table (a unit in use, the unit list's counts).
    Index("ix_lecture_unit_by_unit", "unit_id", "lecture_id"),
)

lecture_category = Table(
    "lecture_category",
    Base.metadata,
    Column("lecture_id", ForeignKey("lecture.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("category.id"), primary_key=True, index=True),
)

class UnitCoverage(Base):
    """Live held sessions of a campaign that reached a unit in a category (覆盖单位数 without a join).

    Written only by the database's triggers (migration 0008), in the transaction of the change."""

    __tablename__ = "unit_coverage"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy's declarative form

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), primary_key=True)
    sessions: Mapped[int] = mapped_column(server_default=text("0"))


class LectureTally(Base):
    """Live sessions, people and subsidised lectures per campaign, district, status and category
    (category 0: every session once). Written only by the database's triggers (migration 0009)."""

    __tablename__ = "lecture_tally"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy's declarative form

    campaign_id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True)
    sessions: Mapped[int] = mapped_column(server_default=text("0"))
    people: Mapped[int] = mapped_column(server_default=text("0"))
    subsidised: Mapped[int] = mapped_column(server_default=text("0"))


lecture_expert = Table(
    "lecture_expert",
    Base.metadata,
    Column("lecture_id", ForeignKey("lecture.id", ondelete="CASCADE"), primary_key=True),
    Column("expert_id", ForeignKey("expert.id"), primary_key=True),
    # Expert → sessions without touching the table (regional share, double-booking checks).
    Index("ix_lecture_expert_by_expert", "expert_id", "lecture_id"),
)


class Lecture(Base):
    """A lecture session (科普会) of the campaign."""

    __tablename__ = "lecture"
    __table_args__ = (
        Index("ix_lecture_campaign_district_status", "campaign_id", "district_id", "status"),
        # Covers the statistics: a year's live held sessions with their district, categories, people
        # and subsidy.
        Index("ix_lecture_stats", "campaign_id", "status", "deleted_at", "district_id", "category_mask", "attendance",
              "subsidised"),
        # Covers the session list: filter a year's live sessions by date, district, status and
        # search key, newest first, without reading the table rows (100,000 sessions in < 100 ms).
        Index("ix_lecture_list", "campaign_id", "deleted_at", "held_on", "district_id", "status", "search_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200), default="")
    attendance: Mapped[int | None]
    organiser: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10))
    questionnaires: Mapped[int | None]
    satisfaction: Mapped[float | None]
    subsidised: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # The evaluation (migration 0013, domain.evaluation); `questionnaires` above is the number collected
    # and `satisfaction` the rate that follows from the four counts.
    questionnaires_out: Mapped[int | None]
    very_satisfied: Mapped[int | None]
    satisfied: Mapped[int | None]
    neutral: Mapped[int | None]
    dissatisfied: Mapped[int | None]
    opinions: Mapped[str] = mapped_column(Text, default="", server_default="")
    score_before: Mapped[float | None]
    score_after: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Lowercase text + pinyin initials + full pinyin of the searchable fields (domain.search).
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Bit (1 << (category id - 1)) per category, written only by the database's triggers on
    # lecture_category (migration 0007); the ORM never sets it.
    category_mask: Mapped[int] = mapped_column(server_default=text("0"))
    # Raised by one at every save (migration 0017): a form saves only over the version it opened.
    version: Mapped[int] = mapped_column(server_default=text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative form

    campaign: Mapped[Campaign] = relationship()
    district: Mapped[District] = relationship()
    units: Mapped[list[Unit]] = relationship(secondary=lecture_unit, order_by=Unit.id)
    categories: Mapped[list[Category]] = relationship(secondary=lecture_category, order_by=Category.sort_order)
    experts: Mapped[list[Expert]] = relationship(secondary=lecture_expert, order_by=Expert.id)


class LecturePhoto(Base):
    """An evidence photo (佐证材料) of a session, kept inside the database (services.photos).

    Inside, not beside: backups, restore, the 回收站 (it follows its session) and the kill-safety of
    a transaction cover it with no extra file to lose. Stored re-encoded as JPEG, rotated upright."""

    __tablename__ = "lecture_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    lecture_id: Mapped[int] = mapped_column(ForeignKey("lecture.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)  # from EXIF, when the camera wrote it
    caption: Mapped[str] = mapped_column(String(100), default="", server_default="")
    original_name: Mapped[str] = mapped_column(String(260), default="", server_default="")
    sha256: Mapped[str] = mapped_column(String(64))  # of `data`, for the package round trip
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Setting(Base):
    """Installation settings (which bureau this copy belongs to, window state, …)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who changed what and when: one row per create, update, delete or restore."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp(), index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, restore
    entity: Mapped[str] = mapped_column(String(20))  # expert, unit, lecture, district, campaign
    record_id: Mapped[int | None]
    label: Mapped[str] = mapped_column(String(200), default="")
    # JSON object {field: [old, new]}; bank card numbers are stored masked.
    changes: Mapped[str] = mapped_column(Text, default="{}")


class ReceivedPackage(Base):
    """A district's 报送包 imported by the city: the newest per district and year wins."""

    __tablename__ = "received_package"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    year: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the district wrote it
    received_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    content_sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON {"units": n, "experts": n, "sessions": n}
    file_name: Mapped[str] = mapped_column(String(260), default="")

    district: Mapped[District] = relationship()


class Submission(Base):
    """One 报送 of one stage by a district: written by the district when it submits, by the city when it
    imports the 报送包. The latest per district, year and stage stands; the older ones are its history."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("district_id", "year", "stage", "content_sha256"),
        Index("ix_submission_year_stage", "year", "district_id", "stage", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"))
    year: Mapped[int]
    stage: Mapped[str] = mapped_column(String(20))  # domain.stages codes
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the district wrote the 报送包
    received_at: Mapped[datetime | None] = mapped_column(DateTime)  # when the city imported it (city side)
    content_sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON {"units": n, "experts": n, "sessions": n}
    file_name: Mapped[str] = mapped_column(String(260), default="")
    decision: Mapped[str | None] = mapped_column(String(10))  # domain.stages.ACCEPTED / RETURNED
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    district: Mapped[District] = relationship()


class AppliedDirective(Base):
    """A city 下发包 a district applied: an older one after a newer is refused, the same one is a no-op."""

    __tablename__ = "applied_directive"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the city wrote it
    applied_at: Mapped[datetime] = mapped_column(DateTime)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(260), default="")
    changes: Mapped[int] = mapped_column(default=0)


class TrustedKey(Base):
    """Whose signature this installation accepts: one current key per district (its 报送包) and one
    for the city office (its 下发包), learnt on first use or confirmed by hand; replaced keys are kept
    retired, so the record shows when and how each key was trusted."""

    __tablename__ = "trusted_key"
    __table_args__ = (
        Index("uq_trusted_key_current", "party", unique=True, sqlite_where=text("retired_at IS NULL"),
              postgresql_where=text("retired_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party: Mapped[str] = mapped_column(String(40))  # a district's full name, or "city"
    fingerprint: Mapped[str] = mapped_column(String(29))
    office: Mapped[str] = mapped_column(String(100), default="")  # as the certificate names it
    certificate: Mapped[str] = mapped_column(Text)  # PEM: the city's is what districts encrypt to
    how: Mapped[str] = mapped_column(String(20))  # first_use, confirmed, imported
    trusted_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
