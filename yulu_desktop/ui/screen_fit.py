"""Windows that fit the screen they open on: a 1366x768 laptop at 100% (1366x728 above the taskbar) or at 125%
scaling (1093x582 logical pixels), with room for the window frame and title bar the window manager adds.

``fit_to_screen(window, width, height)`` gives a window its preferred size, or less where the screen is smaller,
and centres it; ``fits(window)`` says whether a window (and its minimum size) fits, for the tests.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

#: Room for the frame the window manager draws around a window (Windows 10/11: 8 px borders and a 31 px title
#: bar), which ``availableGeometry`` does not leave.
FRAME = QSize(16, 40)
#: The laptop this app is made for, above a 40 px taskbar.
LAPTOP = QRect(0, 0, 1366, 728)


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (the taskbar left out)."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else LAPTOP


def room(widget: QWidget) -> QSize:
    """The largest size (without frame) a window on the widget's screen may have."""
    area = available(widget)
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or smaller to fit its screen, and centre it there."""
    space = room(window)
    size = QSize(min(width, space.width()), min(height, space.height()))
    minimum = window.minimumSize()
    window.setMinimumSize(min(minimum.width(), size.width()), min(minimum.height(), size.height()))
    window.resize(size)
    area = available(window)
    window.move(
        area.x() + max(0, (area.width() - size.width() - FRAME.width()) // 2),
        area.y() + max(0, (area.height() - size.height() - FRAME.height()) // 2),
    )


def fits(window: QWidget) -> bool:
    """Whether the window's size and its minimum size fit its screen with a frame around."""
    space = room(window)
    size = window.size().expandedTo(window.minimumSize()).expandedTo(window.minimumSizeHint())
    return size.width() <= space.width() and size.height() <= space.height()
