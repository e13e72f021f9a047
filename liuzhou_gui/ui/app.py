"""The desktop application: Qt setup in Chinese, error reporting, first start, main window."""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QThreadPool, QTimer, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ..domain.errors import AppError
from ..services import database_choice, installation
from ..services.db_transfer import is_server_target
from ..storage.database import Database
from ..storage.instance_lock import InstanceLock
from ..storage.paths import data_dir, default_db_path
from . import messages, smoke
from .dialogs.damaged_database import check_or_recover
from .dialogs.first_start_dialog import FirstStartDialog
from .dialogs.server_unreachable import UseLocalFile, open_server
from .main_window import MainWindow
from .resources import app_icon
from .runner import bug_text, wait_for_writes

log = logging.getLogger(__name__)
_crash_log = None


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An AppError is the user's business (its message); anything else is our bug (logged)."""
    if isinstance(exc, AppError):
        messages.error(None, exc.message)
        return
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    messages.error(None, bug_text(), "意外错误")  # the traceback is in the log, not in the window


def _qt_message(mode, _context, message: str) -> None:
    log.warning("Qt: %s", message)


def install_error_handlers() -> None:
    global _crash_log
    sys.excepthook = _excepthook
    qInstallMessageHandler(_qt_message)
    if faulthandler.is_enabled():
        return  # already writes somewhere (a console run, a test runner)
    try:
        _crash_log = open(data_dir() / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open
        faulthandler.enable(_crash_log)
    except OSError:
        log.warning("no crash log")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with high-DPI scaling and Qt's own texts in Chinese."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("liuzhou_gui")
    app.setApplicationDisplayName("“十百千”科普宣传活动管理")
    app.setWindowIcon(app_icon())
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translations(app)
    return app


# Texts of Qt's own dialogs that Qt's zh_CN catalogue lacks (Qt 6 added accelerators to these
# labels, the catalogue still has the old "Look in:"): seen in the file dialog, checked by a test.
MISSING_QT_TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}
QT_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")  # Qt's widgets and dialogs (qt_ is the umbrella file)


class MissingQtTexts(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return MISSING_QT_TEXTS.get((context, source))  # None: a null string, "not mine" to Qt


def install_translations(app: QApplication) -> list[QTranslator]:
    if app.property("zh_translators"):
        return []  # already installed (tests create the application once per session)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[QTranslator] = []
    catalogues: list[str] = []
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
            catalogues.append(name)
    if not loaded:
        log.warning("Qt translations zh_CN not found in %s", folder)
    # Which of Qt's own catalogues loaded (the supplement below is ours and always there): the smoke check reads it.
    app.setProperty("zh_catalogues", ",".join(catalogues))
    supplement = MissingQtTexts(app)
    app.installTranslator(supplement)  # asked first: it answers only for the texts it knows
    loaded.append(supplement)
    app.setProperty("zh_translators", len(loaded))
    return loaded


def ensure_installation(db: Database) -> installation.Installation | None:
    """The stored bureau, or the first-start dialog's answer; None if the user cancels."""
    with db.session() as session:
        current = installation.load(session)
    if current is not None:
        return current
    dialog = FirstStartDialog(db)
    if not dialog.exec():
        return None
    return dialog.result_installation


def open_main_window(db: Database) -> MainWindow | None:
    setup = ensure_installation(db)
    if setup is None:
        return None
    window = MainWindow(db, setup)
    window.show()
    # Once the window is up: the day's automatic backup never delays the start.
    QTimer.singleShot(0, window.settings_page.backups.run_daily_backup)
    if not smoke.enabled():  # a calendar year with no campaign: asked once (never in an unattended run)
        QTimer.singleShot(0, window.offer_new_year)
    return window


def run_gui(db_path: Path | str | None) -> int:
    """Entry point of `liuzhou-gui` without a command: `--db`, else the database chosen in 设置
    (this PC's file by default, or the 共享数据库 with its password from the credential store)."""
    app = create_application()
    install_error_handlers()
    target = database_choice.chosen_database(db_path)
    if is_server_target(target):
        assert isinstance(target, str)
        return _run_on_server(app, target)
    path = Path(target) if target else default_db_path()
    try:
        with InstanceLock(path):
            if not check_or_recover(path):  # damaged: explained, the newest good backup offered
                return 1
            return _run_window(app, Database.open(path))
    except AppError as exc:
        messages.error(None, exc.message, "无法打开数据库")
        return exc.exit_code


def _run_on_server(app: QApplication, url: str) -> int:
    """No lock and no file check: the server serialises the writers and keeps its own files."""
    opened = open_server(url)
    if isinstance(opened, UseLocalFile):
        return run_gui(None)  # the choice now says this PC's file
    if opened is None:
        return 0
    try:
        return _run_window(app, opened)
    except AppError as exc:
        messages.error(None, exc.message, "无法打开数据库")
        return exc.exit_code


def _run_window(app: QApplication, db: Database) -> int:
    try:
        if smoke.enabled():  # LIUZHOU_GUI_SMOKE_QUIT=1: show, report, quit (bundle test, benchmark)
            return smoke.run(app, db, open_main_window)
        window = open_main_window(db)
        if window is None:
            return 0
        return app.exec()
    finally:
        wait_for_writes()  # a backup or an import still writing finishes before the database closes
        QThreadPool.globalInstance().waitForDone(10_000)  # a work-bench count may still be reading
        db.close()
