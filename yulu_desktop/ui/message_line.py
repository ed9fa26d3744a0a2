"""The one message line of a page (the subsidy and employment windows), and a page's title line.

A page shows what a write did, or why it was refused, on one selectable line under its table: green when done,
red (with the property ``error``) for a refusal. A failure that is not a refusal (a bug) goes to the worker's one
error display instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from yulu_desktop.ui.table_models import error_text
from yulu_desktop.ui.worker import DbWorker

__all__ = ["heading_label", "message_label", "say", "show_failure"]

_ERROR_STYLE = "color: #b71c1c;"
_DONE_STYLE = "color: #1b5e20;"


def message_label(name: str) -> QLabel:
    """An empty message line (word-wrapped plain text the user can select and copy)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def say(label: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` on the message line ``label`` (red, with the property ``error``, for a refusal)."""
    label.setStyleSheet(_ERROR_STYLE if error else _DONE_STYLE)
    label.setProperty("error", error)
    label.setText(text)


def show_failure(worker: DbWorker, label: QLabel, error: BaseException) -> None:
    """A refusal's Chinese text on the message line; anything else (a bug) to the worker's error display."""
    text = error_text(error)
    if text is None:
        worker.report_error(error)
    else:
        say(label, text, error=True)


def heading_label(text: str, name: str) -> QLabel:
    """A page's title line (bold, larger)."""
    heading = QLabel(text)
    heading.setObjectName(name)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    heading.setFont(font)
    return heading
