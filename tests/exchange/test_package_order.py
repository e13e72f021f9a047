"""Packages arrive in any order, some twice: the city ends with what arriving in order would give.

Two districts keep working over two campaign years (units added, renamed, edited and deleted,
experts added and edited, sessions added, changed and deleted) and send a 报送包 now and then, of
one year or the other. The city's live data after importing them in the order they were made is the
reference; random orders with repeats (a seeded loop) must give exactly the same live data.
The 回收站 is not compared: what lands there depends on the order, and it is only the undo list.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from test_package_rules import _craft

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.services.exchange.package_import import import_package
from liuzhou_gui.storage import experts as expert_store
from liuzhou_gui.storage import lectures as lecture_store
from liuzhou_gui.storage import units as unit_store
from liuzhou_gui.storage.campaigns import add_campaign
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.lookups import districts
from liuzhou_gui.storage.models import Expert, Lecture, Unit

REGIONAL = 1  # 杨静, seeded in every database
YEARS = (2024, 2025)
STEPS = 7
ORDERS = 3


class District:
    """A district's own database and what it does over the weeks."""

    def __init__(self, name: str, folder: Path, parity: int, rng: random.Random) -> None:
        self.name, self.parity, self.rng = name, parity, rng
        self.db = Database.open(folder / f"{name}.sqlite3")
        self.day = 0
        self.serial = 0
        with self.db.transaction() as session:
            add_campaign(session, 2024)
            self.city_expert = expert_store.save_expert(session, ExpertDraft(
                name=f"{name}市队专家", level="市级", category="职业健康", unit="柳州市人民医院", district=name,
                group=f"{name}组")).id
        for _ in range(3):
            self.add_unit()
        self.add_expert()

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def add_unit(self) -> None:
        with self.db.transaction() as session:
            unit_store.save_unit(session, UnitDraft(district=self.name, name=f"{self.name}单位{self._next()}",
                                                    kind="企业", categories=["职业健康"]))

    def add_expert(self) -> None:
        with self.db.transaction() as session:
            expert_store.save_expert(session, ExpertDraft(
                name=f"{self.name}专家{self._next()}", level="县区级", category="职业健康",
                unit=f"{self.name}疾控中心", district=self.name))

    def _live(self, session, model):
        query = select(model).where(model.deleted_at.is_(None))
        if model is Expert:
            query = query.where(Expert.level == "县区级")
        return list(session.scalars(query.order_by(model.id)))

    def edit_unit(self) -> None:
        with self.db.transaction() as session:
            unit = self.rng.choice(self._live(session, Unit))
            draft = unit_store.draft_of(unit)
            if self.rng.random() < 0.3:
                draft = replace(draft, name=f"{self.name}改名单位{self._next()}")
            else:
                draft = replace(draft, address=f"第{self._next()}号", contact=self.rng.choice(["张三", "李四"]))
            unit_store.save_unit(session, draft, unit.id)

    def delete_unit(self) -> None:
        with self.db.transaction() as session:
            free = [u for u in self._live(session, Unit) if not unit_store.lectures_using(session, u.id)]
            if len(free) > 1:
                unit_store.delete_unit(session, self.rng.choice(free).id)

    def edit_expert(self) -> None:
        with self.db.transaction() as session:
            expert = self.rng.choice(self._live(session, Expert))
            draft = replace(expert_store.draft_of(expert), title=f"职称{self._next()}")
            expert_store.save_expert(session, draft, expert.id)

    def add_session(self, year: int) -> None:
        self.day += 1
        with self.db.transaction() as session:
            units = self._live(session, Unit)
            own = self._live(session, Expert)
            lecturers = [self.rng.choice(own).id] + ([REGIONAL] if self.rng.random() < 0.5 else []) + (
                [self.city_expert] if self.rng.random() < 0.3 else [])
            lecture_store.save_lecture(session, LectureDraft(
                year=year, district=self.name, held_on=date(year, 5, 1) + timedelta(days=2 * self.day + self.parity),
                place=f"会场{self._next()}", unit_ids=[u.id for u in self.rng.sample(units, min(2, len(units)))],
                categories=["职业健康"], expert_ids=lecturers, attendance=self.rng.randrange(10, 200), status="held",
            ))

    def change_session(self) -> None:
        with self.db.transaction() as session:
            lectures = self._live(session, Lecture)
            if not lectures:
                return
            lecture = self.rng.choice(lectures)
            if self.rng.random() < 0.4:
                lecture_store.delete_lecture(session, lecture.id)
            else:
                draft = replace(lecture_store.draft_of(lecture), attendance=self.rng.randrange(10, 200))
                lecture_store.save_lecture(session, draft, lecture.id)

    def work(self) -> None:
        for _ in range(self.rng.randrange(1, 4)):
            self.rng.choice([
                self.add_unit, self.edit_unit, self.delete_unit, self.add_expert, self.edit_expert,
                lambda: self.add_session(self.rng.choice(YEARS)), lambda: self.add_session(self.rng.choice(YEARS)),
                self.change_session,
            ])()


def _made_packages(folder: Path, seed: int) -> list[Path]:
    """Packages of both districts in the order they were made, each stamped a minute after the last."""
    rng = random.Random(seed)
    people = [District("柳南", folder, 0, rng), District("三江", folder, 1, rng)]
    start = datetime.now() - timedelta(days=2)
    made = []
    for step in range(STEPS * len(people)):
        district = people[step % len(people)] if rng.random() < 0.7 else rng.choice(people)
        district.work()
        year = rng.choice(YEARS)
        raw = export_package(district.db, district.name, folder / f"raw{step}.lzbs", year)
        stamp = (start + timedelta(minutes=step)).isoformat(timespec="seconds")
        made.append(_craft(raw, folder / f"{step:02d}-{district.name}-{year}.lzbs",
                           change_manifest=lambda m, stamp=stamp: m.update(created_at=stamp)))
    for district in people:
        district.db.close()
    return made


def _city_data(db: Database) -> dict[str, list[str]]:
    with db.session() as session:
        live_units = session.scalars(select(Unit).where(Unit.deleted_at.is_(None)))
        units = sorted(repr(unit_store.draft_of(u)) for u in live_units)
        experts = {e.id: e for e in session.scalars(select(Expert).where(Expert.deleted_at.is_(None)))}
        sessions = []
        for lecture in session.scalars(select(Lecture).where(Lecture.deleted_at.is_(None))):
            draft = lecture_store.draft_of(lecture)
            sessions.append(repr(replace(draft, unit_ids=[], expert_ids=[])) + repr(
                (sorted(u.name for u in lecture.units), sorted((e.name, e.unit) for e in lecture.experts))))
        return {
            "units": units,
            "experts": sorted(repr(expert_store.draft_of(e)) for e in experts.values()),
            "sessions": sorted(sessions),
            "districts": [f"{d.name} {d.reporter} {d.reporter_phone}" for d in districts(session)],
        }


def _city_after(path: Path, packages: list[Path]) -> dict[str, list[str]]:
    db = Database.open(path)
    try:
        for package in packages:
            import_package(db, package)
        return _city_data(db)
    finally:
        db.close()


@pytest.mark.parametrize("seed", [1, *(pytest.param(n, marks=pytest.mark.slow) for n in (2, 3, 4))])
def test_any_order_with_repeats_gives_the_data_of_the_order_made(tmp_path: Path, seed: int) -> None:
    made = _made_packages(tmp_path, seed)
    reference = _city_after(tmp_path / "in-order.sqlite3", made)
    assert reference["sessions"] and reference["units"]
    rng = random.Random(seed * 101)
    for trial in range(ORDERS):
        arrivals = made + rng.sample(made, k=len(made) // 3)  # some packages twice
        rng.shuffle(arrivals)
        assert _city_after(tmp_path / f"order{trial}.sqlite3", arrivals) == reference, [p.name for p in arrivals]
