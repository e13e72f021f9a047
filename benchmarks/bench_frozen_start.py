"""Time from starting the app to "main window shown": the frozen bundle and, as a baseline, the source.

    .venv/bin/python benchmarks/bench_frozen_start.py [--bundle DIR | --rebuild] [--runs 10]

Builds the one-folder bundle from build_installer.spec into benchmarks/.cache/frozen/ (reused while
it is newer than the code, the spec and the resources), fills a demo database with the frozen `demo`,
stores the city office installation, and starts the GUI offscreen with LIUZHOU_GUI_SMOKE_QUIT=1
(see liuzhou_gui/ui/smoke.py) --runs times each way, alternating, after one unmeasured warm-up of
each. A run's time is measured here, from just before the process is started to the moment its
"main window shown" line arrives; the figure the process prints itself (from its own start) is shown
beside it. Also prints the bundle's size. Data, settings and HOME live in a temporary folder.
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
CACHE = ROOT / "benchmarks" / ".cache" / "frozen"
SHOWN = "main window shown in "


def _sources_mtime() -> float:
    files = [ROOT / "build_installer.spec", ROOT / "pyproject.toml", *ROOT.glob("packaging/*.py")]
    for folder in ("liuzhou_gui", "resources", "forms"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in files)


def ensure_bundle(rebuild: bool) -> Path:
    bundle = CACHE / "dist" / "liuzhou_gui"
    stamp = bundle / ".built"
    if not rebuild and stamp.exists() and stamp.stat().st_mtime > _sources_mtime():
        return bundle
    print("building the bundle (about a minute)…", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(CACHE / "dist"),
         "--workpath", str(CACHE / "build"), str(ROOT / "build_installer.spec")],
        cwd=CACHE, check=True,
    )
    stamp.touch()
    return bundle


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XDG_", "QT_"))}
    home = folder / "home"
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), LIUZHOU_GUI_DATA_DIR=str(folder / "data"),
               QT_QPA_PLATFORM="offscreen")
    return env


def prepare_db(bundle: Path, folder: Path) -> Path:
    from liuzhou_gui.services import installation
    from liuzhou_gui.storage.database import Database

    path = folder / "demo.sqlite3"
    subprocess.run([str(_exe(bundle, "liuzhou-cli")), "--db", str(path), "demo"], env=_env(folder), check=True,
                   capture_output=True)
    db = Database.open(path)
    try:
        with db.transaction() as session:  # as the first-start dialog stores it
            installation.save(session, installation.BUREAU_CHOICES[-1], "王五", "0772-2868517")
    finally:
        db.close()
    return path


def _exe(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def time_start(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms until the line arrived, ms the process reports) for one smoke start."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env | {"LIUZHOU_GUI_SMOKE_QUIT": "1"}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(SHOWN):
            seen = (time.perf_counter() - start) * 1000
            reported = float(line[len(SHOWN):].split()[0])
            break
    else:
        process.wait()
        raise SystemExit(f"no main window: {' '.join(argv)}\n{process.stderr.read() if process.stderr else ''}")
    _out, err = process.communicate(timeout=60)
    if process.returncode != 0:
        raise SystemExit(f"exit status {process.returncode}: {' '.join(argv)}\n{err}")
    return seen, reported


def _size(folder: Path) -> str:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{total / 2**20:.0f} MiB in {sum(1 for _ in folder.rglob('*'))} files and folders"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, help="an already built dist/liuzhou_gui folder to time")
    parser.add_argument("--rebuild", action="store_true", help="build the cached bundle again")
    parser.add_argument("--runs", type=int, default=10, help="measured starts of each kind (default 10)")
    args = parser.parse_args()

    bundle = args.bundle or ensure_bundle(args.rebuild)
    with tempfile.TemporaryDirectory(prefix="liuzhou_bench_start_") as tmp:
        folder = Path(tmp)
        os.environ["LIUZHOU_GUI_DATA_DIR"] = str(folder / "data")  # this process opens the database too
        db = prepare_db(bundle, folder)
        env = _env(folder)
        kinds = {
            "frozen": [str(_exe(bundle, "liuzhou-gui")), "--db", str(db)],
            "source": [sys.executable, "-m", "liuzhou_gui", "--db", str(db)],
        }
        samples: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        for argv in kinds.values():
            time_start(argv, env)  # warm-up: files into the page cache, font cache built
        for _ in range(args.runs):
            for kind, argv in kinds.items():
                samples[kind].append(time_start(argv, env))

    print(f"bundle: {bundle} — {_size(bundle)}")
    print(f"{args.runs} starts each, offscreen, demo data (1,250 units, 157 sessions), city office installation")
    for kind, runs in samples.items():
        seen = [s for s, _ in runs]
        reported = [r for _, r in runs]
        print(f"{kind:7} start → main window shown: median {statistics.median(seen):6.0f} ms "
              f"(min {min(seen):.0f}, max {max(seen):.0f}); reported by the process: median "
              f"{statistics.median(reported):.0f} ms")
    frozen, source = (statistics.median(s for s, _ in samples[k]) for k in ("frozen", "source"))
    print(f"frozen / source: {frozen / source:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
