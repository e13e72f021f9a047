"""How fast the command line answers: `--version`, `--help` and `stats --json` as whole processes.

    .venv/bin/python benchmarks/bench_cli_start.py [--db FILE] [--runs 15]

Targets (issue 16): `--version` and `--help` under 150 ms, `stats --json` on the 100,000-session
database (build_big_db.py, cached) under 500 ms. Each figure is a median over alternated runs beside
`python -c pass` measured in the same run, since only the ratios travel between machines.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import medians_alternated, scratch_folder  # noqa: E402

TARGETS_MS = {"--version": 150, "--help": 150, "stats --json": 500}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="database for `stats` (default: the cached 100,000-session file)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with scratch_folder():
        if args.db is None:
            from build_big_db import ensure

            args.db = ensure()
        python = [sys.executable]

        def process(argv: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(python + argv, cwd=ROOT, capture_output=True, check=True)

        commands = {
            "python -c pass": ["-c", "pass"],
            "--version": ["-m", "liuzhou_gui", "--version"],
            "--help": ["-m", "liuzhou_gui", "--help"],
            "stats --json": ["-m", "liuzhou_gui", "--db", str(args.db), "stats", "--json"],
        }
        for argv in commands.values():  # warm the page cache and the byte-code cache
            process(argv)()
        medians = dict(zip(commands, medians_alternated([process(a) for a in commands.values()], args.runs),
                           strict=True))
    bare_ms = medians["python -c pass"] * 1000
    print(f"{args.runs} alternated runs; database {args.db}")
    print(f"  {'python -c pass':<16} median {bare_ms:7.1f} ms")
    missed = 0
    for name, target in TARGETS_MS.items():
        ms = medians[name] * 1000
        verdict = "met" if ms < target else "NOT met"
        missed += ms >= target
        print(f"  {name:<16} median {ms:7.1f} ms   ratio {ms / bare_ms:5.1f}x   target < {target} ms: {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
