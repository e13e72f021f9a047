"""What `--db` may point at: one regular, writable SQLite file, opened by one process under any name."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from liuzhou_gui.cli.main import run
from liuzhou_gui.domain.errors import DatabaseError
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.instance_lock import InstanceLock

COMPANIONS = ("-wal", "-shm", "-journal", ".lock")


def _stats(db: Path) -> int:
    """A command that needs the lock (reading ones such as stats may run beside an open window)."""
    return run(["--db", str(db), "campaign", "list"])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "liuzhou.sqlite3"
    path.parent.mkdir()
    Database.open(path).close()
    return path


def _other_names(database: Path, tmp_path: Path) -> list[Path]:
    hard = tmp_path / "hard.sqlite3"
    os.link(database, hard)
    soft = tmp_path / "soft.sqlite3"
    soft.symlink_to(database)
    folder = tmp_path / "folder-link"
    folder.symlink_to(database.parent, target_is_directory=True)
    return [hard, soft, folder / database.name, database.parent / ".." / "db" / database.name]


def test_one_database_under_two_names_is_opened_once(database: Path, tmp_path: Path, capsys) -> None:
    for other in _other_names(database, tmp_path):
        with InstanceLock(database):
            with pytest.raises(DatabaseError, match="已在另一个窗口中打开"):
                InstanceLock(other).acquire()
            assert _stats(other) == 1
            assert "已在另一个窗口中打开" in capsys.readouterr().err
        with InstanceLock(other):  # and the other way round
            assert _stats(database) == 1
        assert _stats(other) == 0  # free again


def test_two_imports_through_two_hard_links_at_once(database: Path, tmp_path: Path) -> None:
    """The second process is refused while the first holds the file: nothing is lost between two -wal files."""
    hard = tmp_path / "hard.sqlite3"
    os.link(database, hard)
    script = (
        "import sys\nfrom pathlib import Path\nfrom liuzhou_gui.storage.instance_lock import InstanceLock\n"
        f"with InstanceLock(Path({str(database)!r})):\n    print('held', flush=True)\n    sys.stdin.readline()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=os.environ.copy())
    try:
        assert holder.stdout.readline().strip() == "held"
        child = subprocess.run([sys.executable, "-m", "liuzhou_gui", "--db", str(hard), "campaign", "list"],
                               capture_output=True, text=True, timeout=60, env=os.environ.copy())
        assert child.returncode == 1 and "已在另一个窗口中打开" in child.stderr
    finally:
        holder.communicate("\n", timeout=30)


def _leftovers(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + s) for s in COMPANIONS) if p.exists()]


def test_a_fifo_a_device_a_folder_and_a_socket_are_refused_before_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    sock_path = tmp_path / "s.sqlite3"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    link_to_fifo = tmp_path / "link.sqlite3"
    link_to_fifo.symlink_to(fifo)
    cases = {fifo: "管道", Path("/dev/null"): "设备", folder: "文件夹", sock_path: "套接字", link_to_fifo: "管道"}
    try:
        for path, kind in cases.items():
            # A child process with a timeout: a FIFO opened for reading would hang for ever.
            child = subprocess.run([sys.executable, "-m", "liuzhou_gui", "--db", str(path), "stats"],
                                   capture_output=True, text=True, timeout=60, env=os.environ.copy())
            assert child.returncode == 1, (path, child.stderr)
            assert kind in child.stderr and child.stderr.count("\n") == 1, child.stderr
            assert _leftovers(path) == [], path
    finally:
        server.close()


def _make_read_only(path: Path) -> bool:
    if os.geteuid() == 0:  # root ignores permissions; the immutable attribute stops even root
        if shutil.which("chattr") is None:
            return False
        return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    path.chmod(0o444)
    return True


def _make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o644)


@pytest.mark.skipif(sys.platform == "win32", reason="chattr/chmod")
def test_a_read_only_database_is_refused_and_nothing_is_left_beside_it(database: Path, capsys) -> None:
    before = database.read_bytes()
    if not _make_read_only(database):
        pytest.skip("cannot make a file read-only here")
    try:
        for argv in (["stats"], ["check"], ["campaign", "add", "--year", "2030"]):
            assert run(["--db", str(database), *argv]) == 1
            err = capsys.readouterr().err
            assert "只读" in err and err.count("\n") == 1
            assert _leftovers(database) == []
    finally:
        _make_writable(database)
    assert database.read_bytes() == before
