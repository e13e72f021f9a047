"""`stats` for the whole city on a 100,000-session / 30,000-unit database (target: median < 200 ms).

    .venv/bin/python benchmarks/bench_stats.py [--db FILE] [--runs 15]

Reports medians of: campaign_progress() in-process, and the `stats --json` command as a whole
process; each beside a baseline measured in the same run (a plain count of the sessions, and a
process that only imports the package), since machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _median_ms(action, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "liuzhou_bench_100k.sqlite3")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("LIUZHOU_GUI_DATA_DIR", tempfile.mkdtemp(prefix="liuzhou_bench_data_"))

    from bench_gui import build_database
    from sqlalchemy import func, select

    from liuzhou_gui.storage.database import Database
    from liuzhou_gui.storage.models import Lecture, Unit
    from liuzhou_gui.storage.statistics import campaign_progress

    if not args.db.exists():
        print(f"building {args.db} …", flush=True)
        build_database(args.db)
    db = Database.open(args.db)
    with db.session() as session:
        lectures = session.scalar(select(func.count()).select_from(Lecture))
        units = session.scalar(select(func.count()).select_from(Unit))
    print(f"database: {lectures:,} sessions, {units:,} units")

    def stats() -> None:
        with db.session() as session:
            campaign_progress(session)

    def count() -> None:
        with db.session() as session:
            session.scalar(select(func.count()).select_from(Lecture))

    stats()  # warm the file cache once; both figures are then warm
    stats_ms = _median_ms(stats, args.runs)
    count_ms = _median_ms(count, args.runs)
    db.close()
    print(f"campaign_progress (city):   median {stats_ms:7.1f} ms   target < 200 ms")
    print(f"baseline count(*) sessions: median {count_ms:7.1f} ms   ratio {stats_ms / count_ms:5.1f}x")

    env = os.environ.copy()
    cli = [sys.executable, "-m", "liuzhou_gui", "--db", str(args.db), "stats", "--json"]
    bare = [sys.executable, "-c", "import liuzhou_gui.cli.main"]
    runs = max(5, args.runs // 3)
    cli_ms = _median_ms(lambda: subprocess.run(cli, env=env, capture_output=True, check=True), runs)
    bare_ms = _median_ms(lambda: subprocess.run(bare, env=env, capture_output=True, check=True), runs)
    print(f"`stats --json` process:     median {cli_ms:7.1f} ms")
    print(f"baseline import-only proc:  median {bare_ms:7.1f} ms   stats adds {cli_ms - bare_ms:.0f} ms")
    return 0 if stats_ms < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
