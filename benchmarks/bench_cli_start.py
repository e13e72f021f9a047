"""How fast the command line answers: `--version`, `--help` and `stats --json` as whole processes.

    .venv/bin/python benchmarks/bench_cli_start.py [--db FILE] [--runs 15] [--baseline DIR]

Targets (issue 16): `--version` and `--help` under 150 ms, `stats --json` on the 100,000-session
database (build_big_db.py, cached) under 500 ms. Each figure is a median over alternated runs beside
`python -c pass` measured in the same run, since only the ratios travel between machines; beside the
wall time, the CPU time of the process (user + system), which a machine busy with other work inflates
far less. `--baseline DIR` (another checkout, e.g. `git worktree add --detach ../base main`) times
that code's `--version` and `stats --json` in the same alternation: before and after in one run.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
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
    parser.add_argument("--baseline", type=Path, help="another checkout whose commands are timed alongside")
    args = parser.parse_args()
    cpu: dict[str, list[float]] = {}

    with scratch_folder():
        if args.db is None:
            from build_big_db import ensure

            args.db = ensure()
        python = [sys.executable]

        def process(name: str, argv: list[str], folder: Path = ROOT) -> Callable[[], object]:
            def run() -> None:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                # -m runs the package of the working folder first (sys.path[0]), not the installed one
                subprocess.run(python + argv, cwd=folder, capture_output=True, check=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.setdefault(name, []).append(
                    after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            return run

        stats = ["-m", "liuzhou_gui", "--db", str(args.db), "stats", "--json"]
        commands = {
            "python -c pass": process("python -c pass", ["-c", "pass"]),
            "--version": process("--version", ["-m", "liuzhou_gui", "--version"]),
            "--help": process("--help", ["-m", "liuzhou_gui", "--help"]),
            "stats --json": process("stats --json", stats),
        }
        if args.baseline:
            commands["baseline --version"] = process("baseline --version", ["-m", "liuzhou_gui", "--version"],
                                                     args.baseline.resolve())
            commands["baseline stats"] = process("baseline stats", stats, args.baseline.resolve())
        for run in commands.values():  # warm the page cache and the byte-code cache
            run()
        cpu.clear()
        medians = dict(zip(commands, medians_alternated(list(commands.values()), args.runs), strict=True))
    bare_ms = medians["python -c pass"] * 1000
    print(f"{args.runs} alternated runs; database {args.db}")
    print(f"  {'python -c pass':<18} median {bare_ms:7.1f} ms   cpu {_cpu_ms(cpu, 'python -c pass'):6.0f} ms")
    missed = 0
    for name, target in TARGETS_MS.items():
        ms = medians[name] * 1000
        verdict = "met" if ms < target else "NOT met"
        missed += ms >= target
        print(f"  {name:<18} median {ms:7.1f} ms   cpu {_cpu_ms(cpu, name):6.0f} ms   ratio {ms / bare_ms:5.1f}x"
              f"   target < {target} ms: {verdict}")
    for name, ours in (("baseline --version", "--version"), ("baseline stats", "stats --json")):
        if name in medians:
            ms = medians[name] * 1000
            print(f"  {name:<18} median {ms:7.1f} ms   cpu {_cpu_ms(cpu, name):6.0f} ms   ratio {ms / bare_ms:5.1f}x"
                  f"   this checkout / baseline: wall {medians[ours] / medians[name]:.2f},"
                  f" cpu {_cpu_ms(cpu, ours) / _cpu_ms(cpu, name):.2f}")
    return 1 if missed else 0


def _cpu_ms(cpu: dict[str, list[float]], name: str) -> float:
    return statistics.median(cpu[name]) * 1000


if __name__ == "__main__":
    sys.exit(main())
