"""Compile the Qt Designer forms (forms/*.ui) into liuzhou_gui/ui/generated/ui_*.py with pyside6-uic.

    python scripts/compile_forms.py          # write the generated modules
    python scripts/compile_forms.py --check  # exit 1 if any generated module is out of date
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = ROOT / "forms"
GENERATED_DIR = ROOT / "liuzhou_gui" / "ui" / "generated"


def uic_command() -> list[str]:
    beside_python = Path(sys.executable).with_name("pyside6-uic")
    found = str(beside_python) if beside_python.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6 into this Python environment")
    return [found]


def compiled(ui_file: Path) -> str:
    result = subprocess.run(
        [*uic_command(), "--generator", "python", str(ui_file)],
        check=True, capture_output=True, text=True, encoding="utf-8",
    )
    return result.stdout


def _comparable(code: str) -> str:
    """The generated code without the compiler's version line, which changes with every PySide6 release."""
    return "\n".join(line for line in code.splitlines() if "User Interface Compiler version" not in line)


def target_of(ui_file: Path) -> Path:
    return GENERATED_DIR / f"ui_{ui_file.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that the generated files are current")
    args = parser.parse_args(argv)
    stale = []
    GENERATED_DIR.mkdir(parents=True, exist_ok=True)
    init = GENERATED_DIR / "__init__.py"
    if not init.exists() and not args.check:
        init.write_text('"""Modules generated from forms/*.ui by scripts/compile_forms.py; do not edit."""\n')
    for ui_file in sorted(FORMS_DIR.glob("*.ui")):
        code = compiled(ui_file)
        target = target_of(ui_file)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current is not None and _comparable(current) == _comparable(code):
            continue
        stale.append(target.name)
        if not args.check:
            target.write_text(code, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(stale) + " (run python scripts/compile_forms.py)")
        return 1
    if stale:
        print("wrote: " + ", ".join(stale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
