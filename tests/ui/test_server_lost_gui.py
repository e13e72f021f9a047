"""The 共享数据库 server lost in the middle of work (the network cable, a server restart): a save shows one
clear Chinese message, the form keeps everything typed, nothing is half-written; once the server is
back, the same form saves."""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest
from PySide6.QtWidgets import QCheckBox
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from liuzhou_gui.services import installation
from liuzhou_gui.storage.database import Database
from liuzhou_gui.storage.models import Unit
from liuzhou_gui.ui import messages
from liuzhou_gui.ui.dialogs.unit_dialog import UnitDialog


class CuttableLine:
    """A TCP relay between the app and the test server: `cut()` is the cable pulled (every connection
    dropped, new ones refused), `mend()` puts it back on the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.port = 0
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.mend()

    def mend(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(8)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self._sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            # shutdown first: on Linux a bare close() leaves the accept() of the other thread running.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for end in self._sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()
        self._sockets.clear()


@pytest.fixture
def line(pg_database: str):
    url = make_url(pg_database)
    relay = CuttableLine(url.host or "127.0.0.1", url.port or 5432)
    yield relay, url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    relay.cut()


@pytest.fixture
def server_db(line):
    _relay, url = line
    db = Database.open(url)
    with db.transaction() as session:
        installation.save(session, "柳南区卫生健康局", "张三", "0772-2868517")
    yield db
    db.close()


def _units(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Unit)) or 0


def test_a_save_while_the_server_is_gone_keeps_the_form_and_says_so(qtbot, type_text, line, server_db) -> None:
    relay, _url = line
    dialog = UnitDialog(server_db, None, district="柳南区")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.ui.nameEdit, "柳州螺蛳粉产业园")
    dialog.ui.categoriesBox.findChildren(QCheckBox)[0].click()
    type_text(dialog.ui.phoneEdit, "13907721234")
    relay.cut()
    assert not dialog.try_save()
    assert dialog.isVisible() and dialog.dirty
    assert [m.kind for m in messages.shown] == ["error"]
    shown = messages.shown[0].text
    assert "共享数据库" in shown and "Traceback" not in shown and "psycopg" not in shown and "\n" not in shown
    assert (dialog.ui.nameEdit.text(), dialog.ui.phoneEdit.text()) == ("柳州螺蛳粉产业园", "13907721234")
    relay.mend()
    assert _units(server_db) == 0  # nothing half-written
    messages.shown.clear()
    assert dialog.try_save(), messages.shown
    assert _units(server_db) == 1
