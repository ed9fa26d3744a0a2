"""A window of its own closes the ways a cadre expects: the 关闭 button, the Esc key and the window's own close
button (pages shown as windows, such as 核对国家系统数据 and 同步冲突, which are not dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget


def add_close_controls(window: QWidget) -> QPushButton:
    """Add a 关闭 button at the bottom of ``window``'s layout and Esc to close it; the button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    button = buttons.button(QDialogButtonBox.StandardButton.Close)
    button.setText(QCoreApplication.translate("Closing", "关闭"))
    button.setToolTip(QCoreApplication.translate("Closing", "关闭此窗口 (Esc)"))
    button.setObjectName("closeButton")
    buttons.rejected.connect(window.close)
    layout = window.layout()
    if layout is not None:
        layout.addWidget(buttons)
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window, window.close)
    escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return button
