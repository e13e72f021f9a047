"""`stats` for the whole city on 100,000 sessions and 30,000 units (target: in-process median < 200 ms).

    .venv/bin/python benchmarks/bench_stats.py [--db FILE] [--runs 15]

Without --db it uses the cached database of build_big_db.py (built on first use). Reports medians of
campaign_progress() in-process and of the `stats --json` command as a whole process, each beside a
baseline measured in the same run on the same machine (a plain count of the sessions; a Python
process that does nothing, and the app's own start-up via --version), since timings on a shared
machine move from run to run and only the ratios travel. Exit status 1 when over the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_MS = 200


def _median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="database to time (default: the cached 100,000-session file)")
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (at least 15 by default)")
    args = parser.parse_args()
    os.environ.setdefault("LIUZHOU_GUI_DATA_DIR", tempfile.mkdtemp(prefix="liuzhou_bench_data_"))

    from build_big_db import ensure
    from sqlalchemy import func, select

    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.models import Lecture, Unit
    from liuzhou_gui.storage.statistics import campaign_progress

    db_path = args.db or ensure()
    db = Database.open(db_path)
    with db.session() as session:
        lectures = session.scalar(select(func.count()).select_from(Lecture))
        units = session.scalar(select(func.count()).select_from(Unit))
    print(f"database: {db_path} — {lectures:,} sessions, {units:,} units; {args.runs} runs per figure")

    def stats() -> None:
        with db.session() as session:
            campaign_progress(session)

    def count() -> None:
        with db.session() as session:
            session.scalar(select(func.count()).select_from(Lecture))

    stats()  # one warm-up: both figures are then measured with the file in the page cache
    stats_ms = _median_ms(stats, args.runs)
    count_ms = _median_ms(count, args.runs)
    db.close()

    env = os.environ.copy()
    python = [sys.executable]

    def process(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(python + argv, env=env, cwd=ROOT, capture_output=True, check=True)

    cli_ms = _median_ms(process(["-m", "liuzhou_gui", "--db", str(db_path), "stats", "--json"]), args.runs)
    bare_ms = _median_ms(process(["-c", "pass"]), args.runs)
    startup_ms = _median_ms(process(["-m", "liuzhou_gui", "--version"]), args.runs)

    verdict = "met" if stats_ms < TARGET_MS else "NOT met"
    print(f"campaign_progress (city), in-process: median {stats_ms:7.1f} ms   target < {TARGET_MS} ms: {verdict}")
    print(f"  baseline SELECT count(*) FROM lecture: median {count_ms:7.1f} ms   ratio {stats_ms / count_ms:6.1f}x")
    print(f"`stats --json` process:                 median {cli_ms:7.1f} ms")
    print(f"  baseline `python -c pass`:            median {bare_ms:7.1f} ms   ratio {cli_ms / bare_ms:6.1f}x")
    print(f"  baseline `liuzhou_gui --version`:     median {startup_ms:7.1f} ms   "
          f"stats adds {cli_ms - startup_ms:.0f} ms to the app's start-up")
    return 0 if stats_ms < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
