"""Fail when a runtime dependency (pyproject.toml's [project] dependencies) has no Windows wheel.

    .venv/bin/python scripts/check_windows_wheels.py [--cache DIR]

Nothing here runs Windows, yet the app ships for Windows 64-bit, Python 3.11: `pip download
--only-binary :all: --platform win_amd64 --python-version 3.11` of the requirements and of what
they pull in, installing nothing. The download folder is kept under .venv with a stamp named after
the requirement set, so the check costs nothing until pyproject.toml's dependencies change.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM, PYTHON_VERSION = "win_amd64", "3.11"


def runtime_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    with pyproject.open("rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / ".venv" / "windows-wheels")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args()
    requirements = runtime_requirements(args.pyproject)
    digest = hashlib.sha256("\n".join([PLATFORM, PYTHON_VERSION, *sorted(requirements)]).encode()).hexdigest()[:16]
    stamp = args.cache / f".checked-{digest}"
    if stamp.exists():
        print(f"Windows wheels: {len(requirements)} requirements unchanged since the last check")
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--only-binary", ":all:", "--platform", PLATFORM, "--python-version", PYTHON_VERSION,
               "--implementation", "cp", "-d", str(args.cache), *requirements]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.startswith("ERROR")] or done.stderr.splitlines()
        print("A runtime dependency has no wheel for Windows 64-bit, Python 3.11:", file=sys.stderr)
        print("\n".join(lines[-5:]), file=sys.stderr)
        return 1
    for old in args.cache.glob(".checked-*"):
        old.unlink()
    stamp.touch()
    wheels = sorted(p.name for p in args.cache.glob("*.whl"))
    print(f"Windows wheels: all {len(requirements)} requirements resolve ({len(wheels)} wheels with dependencies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
