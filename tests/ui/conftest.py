"""UI test fixtures: message boxes recorded instead of shown, a district installation, sample records."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6

from liuzhou_gui.domain.drafts import ExpertDraft, LectureDraft, UnitDraft
from liuzhou_gui.services import installation
from liuzhou_gui.storage.experts import save_expert
from liuzhou_gui.storage.lectures import save_lecture
from liuzhou_gui.storage.units import save_unit
from liuzhou_gui.ui import messages


@pytest.fixture(autouse=True)
def quiet_messages():
    messages.suppress()
    yield messages.shown
    messages.restore()


@pytest.fixture(autouse=True)
def fresh_change_notice():
    """Each test's pages hear only that test's changes."""
    yield
    from liuzhou_gui.ui import runner

    runner.wait_for_writes()
    if runner._notice is not None and shiboken6.isValid(runner._notice):
        runner._notice.deleteLater()
    runner._notice = None


@pytest.fixture
def installed_db(db):
    """A database that belongs to 柳南区卫生健康局."""
    with db.transaction() as session:
        installation.save(session, "柳南区卫生健康局", "张三", "0772-2868517")
    return db


@pytest.fixture
def sample(installed_db):
    """Two units, one expert 杨静 and one held lecture in 柳南区; returns their ids."""
    with installed_db.transaction() as s:
        steel = save_unit(s, UnitDraft(district="柳南", name="柳州钢铁厂", kind="企业", categories=["职业健康"]))
        school = save_unit(s, UnitDraft(district="柳南", name="柳南第一中学", kind="学校", categories=["心理健康"]))
        expert = save_expert(s, ExpertDraft(name="杨静", level="市级", category="职业健康", unit="柳州市职业病防治院",
                                            district="柳南", bank_card="6222020200112233446"))
        lecture = save_lecture(s, LectureDraft(
            year=2025, district="柳南", held_on=date(2025, 6, 1), place="钢厂礼堂", categories=["职业健康"],
            unit_ids=[steel.id], expert_ids=[expert.id], status="held", attendance=80, topic="噪声防护",
        ))
        return {"steel": steel.id, "school": school.id, "expert": expert.id, "lecture": lecture.id}


@pytest.fixture
def type_text(qtbot):
    """type_text(widget, text): type as a Chinese user does (see _type)."""
    return lambda widget, text: _type(qtbot, widget, text)


def _type(qtbot, widget, text: str) -> None:
    """ASCII by keys, Chinese committed by the input method (QTest.keyClicks only knows ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for chunk in _chunks(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str) -> list[str]:
    parts: list[str] = []
    for ch in text:
        if parts and parts[-1][-1].isascii() == ch.isascii():
            parts[-1] += ch
        else:
            parts.append(ch)
    return parts


@pytest.fixture
def sample_city(db):
    with db.transaction() as session:
        return installation.save(session, installation.BUREAU_CHOICES[-1], "王五", "13800000000")
