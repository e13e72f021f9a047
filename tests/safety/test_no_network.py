"""The app never opens a network connection during a typical session.

A child process replaces every way of reaching the network (connect, DNS look-ups) with a trap
that records the attempt, then runs a day's work through the command line in that process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SESSION = """
import socket, sys
attempts = []

def trap(name):
    def blocked(*args, **kwargs):
        attempts.append((name, repr(args)[:200]))
        raise OSError("network disabled by test")
    return blocked

socket.socket.connect = trap("connect")
socket.socket.connect_ex = trap("connect_ex")
socket.create_connection = trap("create_connection")
socket.getaddrinfo = trap("getaddrinfo")
socket.gethostbyname = trap("gethostbyname")

from liuzhou_gui.cli.main import run

db = sys.argv[1]
out = sys.argv[2]
steps = [
    ["stats"],
    ["stats", "--district", "柳南", "--json"],
    ["backup"],
    ["backup", "--list"],
    ["audit", "-o", out + "/audit.xlsx"],
]
for step in steps:
    code = run(["--db", db, *step])
    print("STEP", step[0], code)
print("ATTEMPTS", attempts)
"""


def test_a_typical_session_opens_no_socket(tmp_path: Path) -> None:
    script = tmp_path / "session.py"
    script.write_text(textwrap.dedent(SESSION), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "net.sqlite3"), str(tmp_path)],
        capture_output=True, text=True, timeout=300,
        env={"LIUZHOU_GUI_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "ATTEMPTS []" in result.stdout, result.stdout
    steps = [line for line in result.stdout.splitlines() if line.startswith("STEP ")]
    assert len(steps) == 5 and all(line.endswith(" 0") for line in steps), steps
