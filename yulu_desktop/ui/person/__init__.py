"""一人一档 window: the shell (``window``), its header and one module per tab."""

from yulu_desktop.ui.person.window import PersonWindow

__all__ = ["PersonWindow"]
