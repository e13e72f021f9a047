"""设置 → 共享数据库: this PC's own file (the default) or a database on a PostgreSQL server.

The choice is saved in the data folder (services.database_choice), the password in the operating
system's credential store; 测试连接 runs off the GUI thread. The change takes effect at the next start:
the open window keeps the database it has.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError, ValidationError
from ...services import database_choice
from ...services.database_choice import LOCAL_FILE, SERVER, ConnectionTest, DatabaseChoice, ServerAddress
from .. import messages
from ..runner import Runner

STORED_PASSWORD_HINT = "已保存在本机的凭据管理器中；不修改请留空"


class SharedDatabasePanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("共享数据库（同一单位的几台电脑共用一个数据库）", parent)
        self.runner = Runner(self)
        self.local = QRadioButton("本机文件（默认）")
        self.server = QRadioButton("共享数据库（PostgreSQL 服务器）")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.local.toggled.connect(lambda _on: self._enable_fields())
        self.host, self.port, self.database, self.user = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.host.setPlaceholderText("例如 192.168.1.10 或 server-01")
        self.port.setPlaceholderText(str(database_choice.DEFAULT_PORT))
        self.port.setMaximumWidth(80)
        self.database.setPlaceholderText("例如 liuzhou")
        for edit, limit in ((self.host, 253), (self.port, 5), (self.database, 63), (self.user, 63),
                            (self.password, database_choice.MAX_PASSWORD_LENGTH)):
            edit.setMaxLength(limit)
        # Two fields a row: the 设置 page is already tall on a 768-pixel screen.
        self.fields = QWidget()
        grid = QGridLayout(self.fields)
        grid.setContentsMargins(24, 0, 0, 0)
        for row, pairs in enumerate(((("主机：", self.host), ("端口：", self.port)),
                                     (("数据库：", self.database), ("用户名：", self.user)),
                                     (("密码：", self.password),))):
            for column, (label, edit) in enumerate(pairs):
                grid.addWidget(QLabel(label), row, column * 2)
                grid.addWidget(edit, row, column * 2 + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        self.test_button = QPushButton("测试连接(&T)")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton("保存数据库设置(&D)")
        self.save_button.clicked.connect(self.save)
        self.result = QLabel()
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.result, 1)
        note = QLabel("密码由 Windows 凭据管理器保管，不写入任何文件；更改在下次启动时生效。"
                      "搬迁已有数据：liuzhou-gui db copy --to postgresql://…（见说明书）")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        choices = QHBoxLayout()
        choices.addWidget(self.local)
        choices.addWidget(self.server)
        choices.addStretch(1)
        layout.addLayout(choices)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)
        layout.addWidget(note)
        self.reload()

    def reload(self) -> None:
        choice = database_choice.load_choice()
        (self.server if choice.uses_server else self.local).setChecked(True)
        address = choice.server
        self.host.setText(address.host if address else "")
        self.port.setText(str(address.port) if address else str(database_choice.DEFAULT_PORT))
        self.database.setText(address.database if address else "")
        self.user.setText(address.user if address else "")
        self.password.clear()
        stored = address is not None and database_choice.stored_password(address) is not None
        self.password.setPlaceholderText(STORED_PASSWORD_HINT if stored else "")
        self.result.clear()
        self._enable_fields()

    def _enable_fields(self) -> None:
        on_server = self.server.isChecked()
        self.fields.setEnabled(on_server)
        self.test_button.setEnabled(on_server and not self.runner.busy)

    def _address(self) -> ServerAddress | None:
        try:
            return database_choice.check_server(self.host.text(), self.port.text(), self.database.text(),
                                                self.user.text())
        except ValidationError as exc:
            self._show(False, exc.message)
            return None

    def _password_for(self, address: ServerAddress) -> str | None:
        return self.password.text() or database_choice.stored_password(address)

    def test_connection(self) -> None:
        address = self._address()
        if address is None:
            return
        password = self._password_for(address)
        self.result.setStyleSheet("")
        self.result.setText("正在连接…")
        self.test_button.setEnabled(False)
        self.runner.read(lambda _job: database_choice.try_connection(address, password),
                         on_success=self._tested, on_done=self._enable_fields, title="测试连接没有完成")

    def _tested(self, outcome: ConnectionTest) -> None:
        self._show(outcome.ok, outcome.message)

    def _show(self, ok: bool, text: str) -> None:
        self.result.setStyleSheet("color: #1a7f37;" if ok else "color: #b42318;")
        self.result.setText(text)

    def save(self) -> bool:
        if self.local.isChecked():
            choice = DatabaseChoice(LOCAL_FILE, self._address_if_filled())
            password = None
        else:
            address = self._address()
            if address is None:
                return False
            choice, password = DatabaseChoice(SERVER, address), (self.password.text() or None)
        try:
            database_choice.save_choice(choice, password)
        except AppError as exc:
            messages.error(self, exc.message, "未能保存数据库设置")
            return False
        self.reload()
        if choice.uses_server:
            messages.info(self, "已保存。下次启动软件时打开共享数据库"
                          f"“{choice.server.shown if choice.server else ''}”。", "数据库设置")
        else:
            messages.info(self, "已保存。下次启动软件时打开本机的数据库文件。", "数据库设置")
        return True

    def _address_if_filled(self) -> ServerAddress | None:
        """Back to the file: the server's fields are kept when they are complete, dropped otherwise."""
        try:
            return database_choice.check_server(self.host.text(), self.port.text(), self.database.text(),
                                                self.user.text())
        except ValidationError:
            return None
