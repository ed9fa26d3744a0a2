"""Pick a drop-down list's choice by typing its pinyin initials or its Chinese text (domain/choice_keys.py).

``enable(combo)`` on a closed, non-editable QComboBox: typing ``zc`` picks 政策宣传, ``rh`` picks 入户走访, and
Chinese text committed by the input method (``走访``) picks the first choice containing it. Letters typed within
a second of each other add up; the same letter again moves on to the next choice that fits.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox

from yulu_desktop.domain.choice_keys import find_choice

#: Seconds after which typing starts a new search.
PAUSE_S = 1.0


class ChoiceTyping(QObject):
    """An event filter on one combo box (its child, so it lives and dies with it)."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self._combo = combo
        self._typed = ""
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._combo or self._combo.isEditable():
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            text = event.text()
            if event.modifiers() & blocked or not text or not text.isprintable() or text.isspace():
                return False
            return self.type_text(text)
        if event.type() == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            committed = event.commitString()
            return bool(committed) and self.type_text(committed)
        return False

    def type_text(self, text: str) -> bool:
        """Add ``text`` to what was typed and pick the choice that fits; whether it was taken."""
        now = time.monotonic()
        if now - self._last > PAUSE_S:
            self._typed = ""
        self._last = now
        labels = [self._combo.itemText(i) for i in range(self._combo.count())]
        current = max(self._combo.currentIndex(), 0)
        typed = self._typed + text
        found = find_choice(labels, typed, start=current)
        if found is None or (len(typed) > 1 and set(typed) == {typed[0]}):
            # Nothing fits the letters together, or the same letter again: look for this text alone,
            # starting after the current choice.
            typed = text
            found = find_choice(labels, typed, start=(current + 1) % max(len(labels), 1))
        self._typed = typed
        if found is None:
            return True  # eaten: no jump to an unrelated choice by Qt's own first-letter search
        self._combo.setCurrentIndex(found)
        self._combo.activated.emit(found)  # chosen by the user, as with the arrow keys
        return True


def enable(combo: QComboBox) -> ChoiceTyping:
    """Let ``combo`` be picked by pinyin initials and Chinese text."""
    typing = ChoiceTyping(combo)
    combo.installEventFilter(typing)
    return typing
