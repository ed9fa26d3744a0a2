"""The main window's entries of issue 18's passphrase and handover work: 设置 → 修改密码… / 恢复密钥…, and
同步 → 交接本机…. ``install`` is the main window's one call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from yulu_desktop.ui.handover_dialog import HandoverDialog
from yulu_desktop.ui.passphrase.change_dialog import ChangePassphraseDialog
from yulu_desktop.ui.passphrase.recovery_dialog import RecoveryKeyDialog

if TYPE_CHECKING:
    from yulu_desktop.ui.main_window import MainWindow


@dataclass
class PassphraseActions:
    change: QAction
    recovery: QAction
    handover: QAction


def _menu(window: MainWindow, name: str) -> QMenu | None:
    found = window.menuBar().findChild(QMenu, name)
    return found if isinstance(found, QMenu) else None


def install(window: MainWindow) -> PassphraseActions:
    change = QAction(window.tr("修改密码…"), window)
    change.setObjectName("changePassphraseAction")
    change.triggered.connect(lambda: open_change(window))
    recovery = QAction(window.tr("恢复密钥…"), window)
    recovery.setObjectName("recoveryKeyAction")
    recovery.triggered.connect(lambda: open_recovery(window))
    handover = QAction(window.tr("交接本机…"), window)
    handover.setObjectName("handoverAction")
    handover.triggered.connect(lambda: open_handover(window))
    settings = _menu(window, "settingsMenu")
    if settings is not None:
        settings.addAction(change)
        settings.addAction(recovery)
    sync = _menu(window, "syncMenu")
    if sync is not None:
        sync.addSeparator()
        sync.addAction(handover)
    return PassphraseActions(change, recovery, handover)


def open_change(window: MainWindow) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(window.worker, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: window.statusBar().showMessage(window.tr("密码已修改"), 8000))
    dialog.open()
    return dialog


def open_recovery(window: MainWindow) -> RecoveryKeyDialog:
    dialog = RecoveryKeyDialog(window.worker, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_handover(window: MainWindow) -> HandoverDialog:
    dialog = HandoverDialog(window.worker, window.sync, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.wiped.connect(window.close)
    dialog.open()
    return dialog
