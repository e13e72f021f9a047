"""Layers import only downwards, Qt stays in liuzhou_gui/ui, and SQLAlchemy stays out of it.

domain → storage → services → operations → ui → cli (and the package's own entry modules).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "liuzhou_gui"
LAYERS = ("domain", "storage", "services", "operations", "ui", "cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module imported by the file (relative imports resolved)."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            if node.module is None or node.level:
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "liuzhou_gui" or len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def test_no_qt_outside_the_ui_package() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imports(path))
    ]
    assert offenders == []


def test_no_sqlalchemy_in_the_ui_package() -> None:
    """Queries live in storage (storage.listing for the lists); ui/ asks them for rows."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
    ]
    assert offenders == []


def test_layers_import_only_downwards() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        own = _layer(_module_name(path))
        if own is None:
            continue
        for name in _imports(path):
            target = _layer(name)
            if target is not None and target > own:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_layer_check_sees_relative_imports() -> None:
    assert _layer("liuzhou_gui.ui.runner") == LAYERS.index("ui")
    runner = PACKAGE / "ui" / "runner.py"
    assert "liuzhou_gui.operations.core" in _imports(runner)


def _own_ui_modules() -> list[Path]:
    """ui/'s hand-written modules: every sub-package but generated/ (pyside6-uic's output)."""
    return [p for p in (PACKAGE / "ui").rglob("*.py") if "generated" not in p.relative_to(PACKAGE).parts]


def test_ui_modules_stay_small() -> None:
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines()) for p in _own_ui_modules()}
    assert max(sizes.values()) <= 400, sizes


def test_ui_keeps_only_the_frame_at_its_top() -> None:
    """The rest lives in rooms a user would recognise: pages/, dialogs/, models/, widgets/ (Picard's ui/)."""
    top = {p.stem for p in (PACKAGE / "ui").glob("*.py")}
    assert top == {"__init__", "app", "main_window", "messages", "resources", "runner", "settings", "smoke"}
    rooms = {p.name for p in (PACKAGE / "ui").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert rooms == {"dialogs", "generated", "models", "pages", "widgets"}
    assert all((PACKAGE / "ui" / room / "__init__.py").is_file() for room in rooms)
