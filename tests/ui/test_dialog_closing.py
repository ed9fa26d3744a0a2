"""同步冲突 and 核对国家系统数据 close with Esc, their 关闭 button and the window's close button; the 公示名单 dialog
keeps what was typed when a field is wrong, and says which."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.publicity_fields import field_issues
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.print_dialogs import PublicityDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> MainWindow:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _openers(window: MainWindow) -> dict[str, Callable[[], QWidget]]:
    return {
        "conflicts": lambda: window.open_conflicts().window(),
        "reconcile": lambda: window.open_reconcile().window(),
    }


@pytest.mark.parametrize("which", ["conflicts", "reconcile"])
@pytest.mark.parametrize("how", ["escape", "button", "window"])
def test_the_window_closes(qtbot: QtBot, worker: DbWorker, settings: QSettings, which: str, how: str) -> None:
    window = _window(qtbot, worker, settings)
    opened = _openers(window)[which]()
    opened.show()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    assert opened is not window and opened.isWindow()
    button = opened.findChild(QPushButton, "closeButton")
    assert button is not None and button.text() == "关闭" and button.isVisible()
    if how == "escape":
        handle = opened.windowHandle()
        assert handle is not None
        from PySide6.QtTest import QTest

        QTest.keyClick(handle, Qt.Key.Key_Escape)
    elif how == "button":
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        assert opened.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(opened) or not opened.isVisible())  # reconcile: deleted
    assert window.isVisible()


def _publicity(qtbot: QtBot) -> PublicityDialog:
    dialog = PublicityDialog(
        [("v1", "三岔镇 三岔村")], ["2025-autumn"], village_id="v1", contact_person="李明"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_field_keeps_the_publicity_dialog_open_with_what_was_typed(qtbot: QtBot) -> None:
    PublicityDialog.remembered.clear()
    dialog = _publicity(qtbot)
    qtbot.keyClicks(dialog.contact_phone, "13812345678")  # a mobile number may not be posted
    dialog.objection_office.insert("三岔镇人民政府")  # committed by the input method
    dialog.notice_end.setDate(dialog.notice_start.date().addDays(2))  # 3 days: too short
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not accepted and dialog.isVisible()
    assert "联系电话" in dialog.message.text() and "手机号" in dialog.message.text()
    assert "公示期不少于5天" in dialog.message.text()
    assert dialog.focusWidget() is dialog.contact_phone
    assert dialog.contact_phone.text() == "13812345678"  # everything typed is still there
    assert dialog.objection_office.text() == "三岔镇人民政府" and dialog.contact_person.text() == "李明"
    dialog.contact_phone.setText("023-77665544")
    dialog.notice_end.setDate(dialog.notice_start.date().addDays(6))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.values()["contact_phone"] == "023-77665544"
    # The next 公示名单 of the session starts from what was typed (the preview may have refused the village).
    again = _publicity(qtbot)
    assert again.contact_phone.text() == "023-77665544"
    assert again.objection_office.text() == "三岔镇人民政府"


def test_the_village_is_picked_by_pinyin_initials(qtbot: QtBot) -> None:
    dialog = PublicityDialog(
        [("v1", "三岔镇 三岔村"), ("v2", "庙坝镇 红岩村")],
        ["2025-autumn"],
        village_id="v1",
        contact_person="李明",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.village, "mb")
    assert dialog.values()["village_id"] == "v2"


def test_publicity_field_rules() -> None:
    start = dt.date(2025, 10, 1)
    fine = field_issues(
        contact_person="李明",
        contact_phone="023-7766 5544",
        notice_start=start,
        notice_end=start + dt.timedelta(6),
    )
    assert fine == []
    wrong = field_issues(
        contact_person="500229200703150012",
        contact_phone="12",
        notice_start=start,
        notice_end=start,
        objection_phone="+86 138 1234 5678",
    )
    assert [i.field for i in wrong] == ["contact_person", "contact_phone", "notice_end", "objection_phone"]
    assert all(i.is_error and i.message for i in wrong)
