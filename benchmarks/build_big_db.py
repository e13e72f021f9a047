"""A campaign database of 100,000 sessions and 30,000 units for the statistics benchmark.

    .venv/bin/python benchmarks/build_big_db.py [--rebuild]   # prints the path of the cached file

The bulk of the rows comes from bench_gui.build_database (Core executemany inserts, search keys as
storage writes them); this adds what the statistics must cope with in a real year: sessions with a
second category, 自治区级 lecturers on about a fifth of the sessions (more in the urban districts),
subsidised, cancelled and deleted sessions, and deleted units. Same seed, same file.
The file is cached under benchmarks/.cache/ (git-ignored) and rebuilt when BUILD_VERSION changes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CACHE_DIR = ROOT / "benchmarks" / ".cache"
BUILD_VERSION = 2  # 2: name_key (migration 0010) filled by the bulk builder
SEED = 2025
# Share of held sessions with a regional lecturer, per district plan order (urban districts higher).
REGIONAL_SHARE = (0.30, 0.26, 0.24, 0.22, 0.20, 0.16, 0.14, 0.12, 0.10, 0.08)


def cached_path() -> Path:
    return CACHE_DIR / f"stats_100k_v{BUILD_VERSION}.sqlite3"


def build(path: Path, seed: int = SEED) -> None:
    """Build into a temporary file beside `path`, then move it into place (no half-built cache)."""
    from bench_gui import build_database

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    build_database(partial, seed=seed)
    _add_variety(partial, random.Random(seed + 1))
    os.replace(partial, path)


def _add_variety(path: Path, rng: random.Random) -> None:
    from sqlalchemy import bindparam, insert, select, update

    from liuzhou_gui.domain.reference import LEVEL_REGIONAL
    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.lectures import double_booking_waived
    from liuzhou_gui.storage.models import Category, District, Expert, Lecture, Unit, lecture_category, lecture_expert

    db = Database.open(path)
    try:
        with db.engine.begin() as conn, double_booking_waived(conn):  # synthetic data: dense, not a real timetable
            order = dict(conn.execute(select(District.id, District.plan_order)).all())
            category_ids = list(conn.execute(select(Category.id).order_by(Category.id)).scalars())
            regional = list(conn.execute(
                select(Expert.id).where(Expert.level == LEVEL_REGIONAL).order_by(Expert.id)
            ).scalars())
            lectures = conn.execute(select(Lecture.id, Lecture.district_id, Lecture.status).order_by(Lecture.id)).all()
            first_category = dict(conn.execute(
                select(lecture_category.c.lecture_id, lecture_category.c.category_id)
            ).all())
            second_categories, regional_links, subsidised, cancelled, deleted = [], [], [], [], []
            for lecture_id, district_id, status in lectures:
                if rng.random() < 0.15:
                    others = [c for c in category_ids if c != first_category[lecture_id]]
                    second_categories.append({"lecture_id": lecture_id, "category_id": rng.choice(others)})
                share = REGIONAL_SHARE[(order[district_id] - 1) % len(REGIONAL_SHARE)]
                if rng.random() < share:
                    regional_links.append({"lecture_id": lecture_id, "expert_id": rng.choice(regional)})
                    if rng.random() < 0.05:
                        subsidised.append({"lecture": lecture_id})
                roll = rng.random()
                if status == "planned" and roll < 0.10:
                    cancelled.append({"lecture": lecture_id})
                elif roll > 0.99:
                    deleted.append({"lecture": lecture_id})
            conn.execute(insert(lecture_category), second_categories)
            conn.execute(insert(lecture_expert), regional_links)
            by_id = Lecture.id == bindparam("lecture")
            conn.execute(update(Lecture).where(by_id).values(subsidised=True), subsidised)
            conn.execute(update(Lecture).where(by_id).values(status="cancelled"), cancelled)
            conn.execute(update(Lecture).where(by_id).values(deleted_at=_deleted_at()), deleted)
            unit_ids = list(conn.execute(select(Unit.id).order_by(Unit.id)).scalars())
            gone = [{"unit": unit_id} for unit_id in rng.sample(unit_ids, len(unit_ids) // 200)]
            conn.execute(update(Unit).where(Unit.id == bindparam("unit")).values(deleted_at=_deleted_at()), gone)
    finally:
        db.close()


def _deleted_at():
    from datetime import datetime

    return datetime(2025, 9, 30, 17, 0)


def ensure(rebuild: bool = False) -> Path:
    """The cached benchmark database, built first when missing (a minute or two)."""
    path = cached_path()
    if rebuild or not path.exists():
        os.environ.setdefault("LIUZHOU_GUI_DATA_DIR", tempfile.mkdtemp(prefix="liuzhou_bench_data_"))
        print(f"building {path} …", file=sys.stderr, flush=True)
        build(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="build again even if the cached file exists")
    args = parser.parse_args()
    print(ensure(args.rebuild))
    return 0


if __name__ == "__main__":
    sys.exit(main())
