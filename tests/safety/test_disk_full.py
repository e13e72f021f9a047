"""A full disk during a backup, before a package import or while a file is written: said in Chinese,
the half-written file removed, the database unchanged. On a real tiny disk (tmpfs, when this machine
lets us mount one) and with the failure injected (everywhere)."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.drafts import UnitDraft
from liuzhou_gui.services.exchange.package_export import export_package
from liuzhou_gui.storage import backup as storage_backup
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.units import add_units

FULL = "磁盘空间已满"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def city(tmp_path: Path) -> Path:
    path = tmp_path / "city" / "city.sqlite3"
    path.parent.mkdir()
    Database.open(path).close()
    return path


@pytest.fixture
def package(tmp_path: Path) -> Path:
    db = Database.open(tmp_path / "district.sqlite3")
    with db.transaction() as session:
        add_units(session, [UnitDraft(district="柳南", name=f"单位{i}", kind="企业", categories=["职业健康"])
                            for i in range(50)])
    path = export_package(db, "柳南", tmp_path / "柳南.lzbs")
    db.close()
    return path


def _refused_full(city: Path, argv: list[str], folder: Path, capsys) -> None:
    before = _dump(city)
    capsys.readouterr()
    assert run(["--db", str(city), *argv]) == 1
    err = capsys.readouterr().err
    assert FULL in err and "程序内部出错" not in err and err.count("\n") == 1, err
    assert not [p for p in folder.rglob("*") if ".partial" in p.name], list(folder.rglob("*"))
    assert _dump(city) == before


def _mount_tiny(folder: Path) -> bool:
    folder.mkdir(exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@pytest.fixture
def tiny_disks(city: Path, tmp_path: Path):
    """The backups folder and a "USB stick" on 32 KB disks, each smaller than the database."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    folders = [city.parent / "backups", tmp_path / "usb"]
    mounted = []
    try:
        for folder in folders:
            if not _mount_tiny(folder):
                pytest.skip("cannot mount a tmpfs here")
            mounted.append(folder)
        yield folders
    finally:
        for folder in mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)


def test_a_real_full_disk(city: Path, package: Path, tiny_disks: list[Path], capsys) -> None:
    backups, usb = tiny_disks
    assert city.stat().st_size > 32 * 1024
    _refused_full(city, ["backup"], backups, capsys)
    _refused_full(city, ["package", "import", str(package)], backups, capsys)
    _refused_full(city, ["backup", "-o", str(usb / "copy.sqlite3")], usb, capsys)
    (usb / "filler").write_bytes(b"\0" * 28 * 1024)
    _refused_full(city, ["export", "1", "--format", "pdf", "-o", str(usb / "附件1.pdf")], usb, capsys)
    _refused_full(city, ["template", "units", "-o", str(usb / "模板.xlsx")], usb, capsys)
    _refused_full(city, ["package", "export", "--district", "柳南", "-o", str(usb / "柳南.lzbs")], usb, capsys)
    assert list(backups.iterdir()) == [] and list(usb.iterdir()) == [usb / "filler"]


def test_an_injected_full_disk(city: Path, package: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    real_copy = storage_backup._copy_into

    def copy_then_fill(source: Path, partial: Path) -> str:
        real_copy(source, partial)  # the half-written file exists when the disk fills up
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage_backup, "_copy_into", copy_then_fill)
    _refused_full(city, ["backup"], city.parent, capsys)
    _refused_full(city, ["package", "import", str(package)], city.parent, capsys)
    monkeypatch.undo()

    real_write = Path.write_bytes

    def write_then_fill(self: Path, data: bytes) -> int:
        real_write(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", write_then_fill)
    out = tmp_path / "out"
    out.mkdir()
    _refused_full(city, ["export", "1", "--format", "pdf", "-o", str(out / "附件1.pdf")], out, capsys)
    assert list(out.iterdir()) == []
