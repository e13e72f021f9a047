"""GUI benchmark on a 100,000-session / 30,000-unit database (not part of the default tests).

    .venv/bin/python benchmarks/bench_gui.py [--db FILE] [--runs 5]

Measures (medians): process start → main window shown with the session list filled (target
< 1.5 s), and applying a text filter and a pinyin filter to the session list (< 100 ms each).
The database is built once (benchmarks/build_big_db.py when present, else here) and reused.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SESSIONS = 100_000
UNITS = 30_000
EXPERTS_PER_DISTRICT = 30
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫廖"
GIVEN = "静伟芳娜敏强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲丽红建国文斌海燕志"
UNIT_WORDS = "柳钢东风汽车宏达鑫源盛华新兴恒通金桥龙城江南河西环江长青壶东白沙雒容洛埠"
UNIT_SUFFIX = ("有限公司", "机械厂", "中学", "小学", "社区", "村委会", "卫生院", "物流园", "化工厂", "建材厂")
TOPICS = ("职业病防治法宣传", "噪声与听力保护", "粉尘危害防护", "心理健康与压力管理", "慢性病管理与合理膳食",
          "高血压防治", "职业健康体检解读", "睡眠与情绪", "安全生产月专题", "精神卫生日讲座")
ROOMS = ("会议室", "礼堂", "培训室", "多功能厅", "操场")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def build_database(path: Path, *, seed: int = 2025) -> None:
    """Fill a fresh database quickly with Core inserts (no audit rows); keys as storage would write them."""
    from sqlalchemy import insert, select

    from liuzhou_gui.domain import search
    from liuzhou_gui.domain.reference import CATEGORIES, LEVEL_CITY, UNIT_KINDS
    from liuzhou_gui.services import installation
    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.lectures import double_booking_waived
    from liuzhou_gui.storage.lookups import campaign_for_year
    from liuzhou_gui.storage.models import (
        Category,
        District,
        Expert,
        Lecture,
        Unit,
        UnitKind,
        lecture_category,
        lecture_expert,
        lecture_unit,
        unit_category,
    )

    search._pinyin = functools.lru_cache(maxsize=None)(search._pinyin)  # texts repeat a lot here
    rng = random.Random(seed)
    db = Database.open(path)
    with db.transaction() as s:
        installation.save(s, installation.BUREAU_CHOICES[-1], "王五", "0772-2868517")
        districts = s.execute(select(District.id, District.short_name)).all()
        categories = dict(s.execute(select(Category.name, Category.id)).all())
        kinds = dict(s.execute(select(UnitKind.name, UnitKind.id)).all())
        campaign_id = campaign_for_year(s, 2025).id
    with db.engine.begin() as conn, double_booking_waived(conn):  # synthetic data: dense, not a real timetable
        experts, units = [], []
        for district_id, short in districts:
            for _ in range(EXPERTS_PER_DISTRICT):
                name, unit = _name(rng), f"{short}{rng.choice(UNIT_SUFFIX[6:8])}"
                experts.append({"name": name, "level": LEVEL_CITY, "district_id": district_id,
                                "category_id": categories[rng.choice(CATEGORIES[:3])], "unit": unit,
                                "search_key": search.expert_key(name, unit), "name_key": search.sort_key(name)})
        conn.execute(insert(Expert), experts)
        seen: set[tuple[int, str]] = set()
        while len(units) < UNITS:
            district_id, short = rng.choice(districts)
            name = short + "".join(rng.sample(UNIT_WORDS, 2)) + rng.choice(UNIT_SUFFIX)
            if (district_id, name) in seen:
                name += str(len(units))
            seen.add((district_id, name))
            units.append({"district_id": district_id, "name": name, "kind_id": kinds[rng.choice(UNIT_KINDS)],
                          "search_key": search.unit_key(name), "name_key": search.sort_key(name)})
        conn.execute(insert(Unit), units)
        unit_rows = conn.execute(select(Unit.id, Unit.district_id, Unit.name)).all()
        conn.execute(insert(unit_category), [
            {"unit_id": u.id, "category_id": categories[rng.choice(CATEGORIES)]} for u in unit_rows])
        expert_rows = conn.execute(select(Expert.id, Expert.district_id, Expert.name)).all()
        by_district_units: dict[int, list] = {}
        for u in unit_rows:
            by_district_units.setdefault(u.district_id, []).append(u)
        by_district_experts: dict[int, list] = {}
        for e in expert_rows:
            by_district_experts.setdefault(e.district_id, []).append(e)
        for start in range(0, SESSIONS, 10_000):
            lectures, links_u, links_e, links_c = [], [], [], []
            first_id = start + 1
            for n in range(10_000):
                district_id, _short = rng.choice(districts)
                covered = rng.sample(by_district_units[district_id], rng.choice((1, 1, 2, 3)))
                lecturers = rng.sample(by_district_experts[district_id], rng.choice((1, 1, 2)))
                place = covered[0].name + rng.choice(ROOMS)
                topic = rng.choice(TOPICS)
                day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
                held = day < date(2025, 11, 1)
                lecture_id = first_id + n
                lectures.append({
                    "id": lecture_id, "campaign_id": campaign_id, "district_id": district_id, "held_on": day,
                    "start_time": clock(rng.choice((9, 14, 15))), "end_time": None, "place": place, "topic": topic,
                    "attendance": rng.randrange(20, 300) if held else None, "status": "held" if held else "planned",
                    "search_key": search.lecture_key(place, topic, "", [u.name for u in covered],
                                                     [e.name for e in lecturers]),
                })
                links_u += [{"lecture_id": lecture_id, "unit_id": u.id} for u in covered]
                links_e += [{"lecture_id": lecture_id, "expert_id": e.id} for e in lecturers]
                links_c.append({"lecture_id": lecture_id, "category_id": categories[rng.choice(CATEGORIES)]})
            conn.execute(insert(Lecture), lectures)
            conn.execute(insert(lecture_unit), links_u)
            conn.execute(insert(lecture_expert), links_e)
            conn.execute(insert(lecture_category), links_c)
    db.close()


STARTUP_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from liuzhou_gui.storage.database import Database
from liuzhou_gui.ui.app import create_application, open_main_window
app = create_application()
db = Database.open(Path(sys.argv[1]))
window = open_main_window(db)
def ready():
    assert window.lectures.model.rowCount() > 0
    print("READY", window.lectures.model.total, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
db.close()
"""


def time_startup(db_path: Path, data_dir: Path) -> float:
    env = {**os.environ, "LIUZHOU_GUI_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": os.environ.get(
        "QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", STARTUP_CHILD, str(db_path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit("the app did not report READY")
    process.wait()
    return elapsed


def time_filters(db_path: Path, runs: int) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.ui.pages.list_pages import lecture_page

    app = QApplication.instance() or QApplication([])
    db = Database.open(db_path)
    page = lecture_page(db, lambda: 2025, lambda: None)
    page.set_fixed(year=2025)
    queries = {"text": ["柳钢", "礼堂", "噪声", "社区", "中学", "卫生院", "东风"],
               "pinyin": ["yj", "zs", "lt", "sq", "zx", "wsy", "hd"]}
    results: dict[str, list[float]] = {"text": [], "pinyin": []}
    for kind, words in queries.items():
        for word in (words * runs)[: max(runs, len(words))]:
            page.search_edit.setText(word)
            started = time.perf_counter()
            page.apply_filters()
            app.processEvents()
            results[kind].append(time.perf_counter() - started)
    db.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="default: the cached 100,000-session database of build_big_db.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="liuzhou_bench_data_"))
    os.environ["LIUZHOU_GUI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.db is None:
        from build_big_db import ensure

        args.db = ensure()  # built once and cached under benchmarks/.cache/
    elif not args.db.exists():
        started = time.perf_counter()
        build_database(args.db)
        print(f"built {args.db} in {time.perf_counter() - started:.1f} s")
    from liuzhou_gui.storage.database import Database

    Database.open(args.db).close()  # bring an older file to the current schema before timing
    startup = [time_startup(args.db, data_dir) for _ in range(args.runs)]
    filters = time_filters(args.db, args.runs)
    print(f"start → window with session list: median {statistics.median(startup):.3f} s "
          f"(runs: {', '.join(f'{t:.3f}' for t in startup)}; target < 1.5 s)")
    for kind, times in filters.items():
        print(f"{kind} filter on the session list: median {statistics.median(times) * 1000:.1f} ms "
              f"(max {max(times) * 1000:.1f} ms over {len(times)}; target < 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
